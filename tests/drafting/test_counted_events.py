"""A count the model moved from one thing to another ("three sketches" where the client made five sketches
and three was the number of late nights) is withheld; a count the session gives, a part ("the other two"),
a rate ("one a day") and a thing counted several ways are left alone. Hand-written session (no model)."""

from __future__ import annotations

from session_assistant.drafting.counted_events import WRONG_COUNT, wrong_counts
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How many late nights this week?
Client: Three. Down from six.
Clinician: And the drawing practice?
Client: I did five sketches. The other two sketches I started I binned.
Clinician: Five sketches, and three late nights. Keep to one sketch a day this week.
Client: I asked two questions at the class, and twelve questions on the forum.""")
SOURCE = SourceIndex(SESSION)


def test_a_count_the_session_gives_another_number_is_found():
    assert wrong_counts("The client reported doing three sketches this week.", SOURCE) == ["3 sketch"]


def test_counts_the_session_gives_or_does_not_pin_down_are_left_alone():
    assert wrong_counts("The client did five sketches and had three late nights.", SOURCE) == []
    assert wrong_counts("The client binned the other two sketches.", SOURCE) == []  # a part
    assert wrong_counts("The client agreed to one sketch a day.", SOURCE) == []  # a rate
    assert wrong_counts("The client asked seven questions.", SOURCE) == []  # counted two ways: no one event


def test_in_the_draft_the_sentence_with_the_moved_count_is_withheld():
    raw = {"subjective": [{"text": "The client reported doing three sketches for the drawing practice.", "evidence": [3]},
                          {"text": "The client reported doing five sketches for the drawing practice.", "evidence": [3]}],
           "objective": [], "assessment": [], "plan": []}
    draft = assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m", mode="direct",
                     warnings=[], subject="client")
    assert [s.text for s in draft.sentences if s.origin == "model"] == [
        "The client reported doing five sketches for the drawing practice."]
    assert any(f.startswith(WRONG_COUNT) for s in draft.withheld for f in s.flags)
