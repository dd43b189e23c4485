"""A number said in the greeting ("I've had two already", of teas) joined to the session's topic as a count
("had 2 drives this week") is withheld; a count answered to a question naming the thing a few lines up
("How many this week?" / "Four.") stays. Hand-written session (no model)."""

from __future__ import annotations

from session_assistant.drafting.counted_events import STRAY_COUNT, stray_counts
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: Morning. Cold out there?
Client: Freezing. Tea's welcome, though I've had two already.
Clinician: Help yourself. Busy weekend?
Client: Mad. The boiler at the flat broke on Sunday and the plumber came at nine.
Clinician: Right. So, the motorway practice. Did you keep the driving log?
Client: I did. Here it is.
Clinician: How many drives on the motorway this week?
Client: Four. Every one of them shorter than I wanted.
Clinician: Four motorway drives. What was your fear on the last one?
Client: About a forty, down from seventy.
Clinician: Keep going with the drives this week.""")
SOURCE = SourceIndex(SESSION)


def test_a_greeting_number_joined_to_the_topic_is_a_stray_count():
    assert stray_counts("The client reported having 2 drives on the motorway this week.", SOURCE) == ["2 drive"]


def test_a_count_answered_to_the_question_that_names_it_stays():
    assert stray_counts("The client reported four drives on the motorway this week.", SOURCE) == []
    assert stray_counts("The client had two teas.", SOURCE) == []  # said in one line with the thing: no join


def test_in_the_draft_the_joined_count_is_withheld_and_the_true_one_kept():
    raw = {"subjective": [{"text": "The client reported having 2 drives on the motorway, with a boiler at the flat.",
                           "evidence": [1, 3]},
                          {"text": "The client reported four drives on the motorway this week.", "evidence": [7]}],
           "objective": [], "assessment": [], "plan": []}
    draft = assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m", mode="direct",
                     warnings=[], subject="client")
    assert [s.text for s in draft.sentences if s.origin == "model"] == [
        "The client reported four drives on the motorway this week."]
    assert any(f.startswith(STRAY_COUNT) for s in draft.withheld for f in s.flags)



def test_a_rating_is_no_count():
    # "An importance of seven support the goal": seven is the client's rating ("About a seven."), not seven supports.
    from session_assistant.drafting.counted_events import stray_counts
    from session_assistant.drafting.grounding import SourceIndex
    from session_assistant.drafting.transcript_input import parse_transcript
    source = SourceIndex(parse_transcript("Clinician: How important is it, out of ten?\nClient: About a seven.\n"
                                          "Clinician: And the log?\nClient: Kept it."))
    assert stray_counts("The log and an importance of seven support the goal.", source) == []
    assert stray_counts("The client went to seven parties.", source)  # a count the session never made
