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
    ("The client had gone out walking three times.", [1, 4]),  # the clinician's own statement cited too: left where it is
    ("Walking was reviewed against the plan.", [1]),
    ("The client rated her sleep as worse.", [3]),
    ("The client found the breathing on the bus helpful.", [7]),  # the response to the work: the Assessment's
])
def test_what_the_room_shows_stays(text, evidence):
    assert not client_experience(text, evidence, SOURCE)
