"""The client's own experience told in Objective without a reporting verb ("The client had tried a
breathing exercise twice, which helped a little.") is the client's report: Subjective holds it, when
only the client's lines support it. Observations, the room's work and what the clinician saw stay.
Sentences written for these tests, not copied from a session."""

import pytest

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.placement import client_experience
from session_assistant.drafting.therapy_voice import therapy_voice
from session_assistant.drafting.transcript_input import parse_transcript

TALK = parse_transcript("""Clinician: How did the week go with the walking?
Client: I went out three times, twice round the park. Thursday I skipped it, I was too wiped out after work.
Clinician: And the sleep?
Client: Worse. I was up at four most nights, lying there going over the meeting.
Clinician: I noticed you seemed quieter today, and you kept looking at the door.
Client: (sighs) Yeah. I nearly didn't come.
Clinician: Did you get to the breathing at all?
Client: Twice, on the bus. It took the edge off a bit.""")
SOURCE = SourceIndex(TALK)


@pytest.mark.parametrize("text,evidence", [
    ("The client had gone out walking three times, twice round the park.", [1]),
    ("Client skipped the walk on Thursday because she was exhausted after work.", [1]),
    ("She was waking at four most nights and lying awake going over the meeting.", [3]),
    ("The client had nearly not come to the session.", [5]),
    ("The client had used the breathing twice on the bus, which took the edge off.", [6, 7]),  # the question cited with its answer
])
def test_the_clients_week_moves_to_subjective(text, evidence):
    assert client_experience(text, evidence, SOURCE)
    voice = therapy_voice(text, "objective", SOURCE, evidence=evidence, assessment_key="assessment")
    assert voice.section == "subjective"


@pytest.mark.parametrize("text,evidence", [
    ("The client appeared quieter than usual and looked at the door several times.", [4]),
    ("The client seemed quieter today.", [4, 5]),
    ("The client had kept looking at the door.", [4, 5]),  # the clinician's own statement of it cited too: left where it is
    ("Walking was reviewed against the plan.", [1]),
    ("The client rated her sleep as worse.", [3]),
    ("The client found the breathing on the bus helpful.", [7]),  # the response to the work: the Assessment's
])
def test_what_the_room_shows_stays(text, evidence):
    assert not client_experience(text, evidence, SOURCE)


# The screenshot script's demo session (tests/ui/take_screenshots.py): a small model cites the whole
# exchange, the clinician's closing line about the room and the week among it, for the client's report.
DEMO = SourceIndex(parse_transcript("""Clinician: How have you been since last week?
Client: Honestly, not great. I have been sleeping badly, maybe five hours a night, and I feel anxious before work meetings.
Clinician: That sounds hard. Last time we talked about a breathing exercise. Did you try it?
Client: I tried it twice, and it helped a little.
Clinician: Good. Let us practise it together now, and this week try it every evening before bed. We will meet again next Tuesday.
Client: Okay. Tuesday works for me."""))


@pytest.mark.parametrize("text,evidence", [
    ("The client had tried a breathing exercise twice, which helped a little.", [1, 2, 3, 4]),
    ("The client had tried a breathing exercise twice, which helped a little.", [3, 4]),
    ("She had been sleeping badly, about five hours a night.", [0, 1, 2, 3, 4, 5]),
    ("Client had used the breathing twice and it took the edge off.", [2, 3, 4]),
])
def test_a_clinicians_line_that_says_none_of_it_does_not_hold_a_report(text, evidence):
    voice = therapy_voice(text, "objective", DEMO, evidence=evidence, assessment_key="assessment")
    assert voice.section == "subjective"


@pytest.mark.parametrize("text,evidence", [
    ("The client had tried a breathing exercise twice, which helped a little.", []),  # nothing cited: nothing to read
    ("The client had practised the breathing every evening before bed.", [3, 4]),  # the clinician's words: the plan
    ("The client practised the breathing exercise with the clinician.", [3, 4]),  # the room's work
])
def test_a_clinicians_line_that_says_it_still_holds(text, evidence):
    assert not client_experience(text, evidence, DEMO)
