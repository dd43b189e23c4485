"""A pronoun made "the client" keeps no contraction: "he'd stopped" is "the client had stopped", "he'd
like" is "the client would like", never "the client'd". Hand-written session (no model)."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: What changed after the move?
Client: I stopped the evening runs. I'd like to start them again, maybe with the club.
Clinician: The running club on Tuesdays?
Client: Yes, that one.""")


def test_the_clients_contraction_is_spelled_out():
    raw = {"subjective": [{"text": "The client said he'd stopped the evening runs after the move.", "evidence": [1]},
                          {"text": "The client said he'd like to start the evening runs again with the club.",
                           "evidence": [1]}],
           "objective": [], "assessment": [], "plan": []}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(SESSION), scan_transcript(SESSION), model="m",
                     mode="direct", warnings=[], subject="client")
    texts = [s.text for s in draft.sentences + draft.withheld if s.origin == "model"]
    assert not any("client'd" in t for t in texts)
    assert any("the client had stopped the evening runs" in t for t in texts)
    assert any("the client would like to start" in t for t in texts)
