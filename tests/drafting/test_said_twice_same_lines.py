"""A model sentence that rewords one already in its part, from the very same lines, is dropped as a
repeat (session 40's Subjective said the same four feelings twice, with different words around them);
two true sentences from one line that share a frame, or that cite other lines, stay.
Hand-written model sentences (no model)."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.repetition import KeptSentence, retells_same_lines
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How has the week been, in yourself?
Client: Low. Flat, really. I'm not crying, I just can't get going. Some days I'm still in my dressing gown at two.
Clinician: And the evenings?
Client: Restless. I pace the kitchen and then I can't settle to sleep, and the worry starts about the bills.""")

FIRST = "Client reported feeling low and flat, not crying, and struggling to get dressed before two."
AGAIN = "Client reported feeling flat and low, without crying, still in a dressing gown at two."


def _draft(raw):
    return assemble(get_format("soap", "client"), raw, SourceIndex(SESSION), [], model="m", mode="direct",
                    warnings=[], subject="client")


def test_a_sentence_reworded_from_the_same_lines_is_dropped_as_a_repeat():
    draft = _draft({"subjective": [{"text": FIRST, "evidence": [1]}, {"text": AGAIN, "evidence": [1]}]})
    assert FIRST in draft.sections["subjective"] and AGAIN not in draft.sections["subjective"]
    assert {s.text: s.flags for s in draft.dropped} == {AGAIN: ["repeats:subjective"]}


def test_other_lines_or_a_shared_frame_are_not_a_repeat():
    evening = "Client reported pacing the kitchen in the evenings and not being able to settle to sleep."
    bills = "Client reported worry about the bills in the evenings."
    draft = _draft({"subjective": [{"text": FIRST, "evidence": [1]}, {"text": evening, "evidence": [3]},
                                   {"text": bills, "evidence": [3]}]})
    assert not draft.dropped
    kept = KeptSentence("subjective", "Client will practise breathing each morning.", set(), frozenset({2}))
    assert not retells_same_lines("Client will practise breathing each evening.", frozenset({2}), kept)
    assert not retells_same_lines(AGAIN, frozenset({1}), KeptSentence("subjective", FIRST, set(), frozenset({1, 3})))
    assert retells_same_lines(AGAIN, frozenset({1}), KeptSentence("subjective", FIRST, set(), frozenset({1})))
