"""A screening answer that says when before it says yes ("(pause) Last night, yes. Only the urge.") endorses;
it was read as an unclear answer (lead, session 21: read in unseen 76 after measuring it)."""

from __future__ import annotations

from session_assistant.drafting.risk import ENDORSED, scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript


def _statuses(answer: str) -> list[str]:
    utterances = parse_transcript("Clinician: Since we last spoke, have you had any urges to hurt yourself?\n"
                                  f"Client: {answer}")
    return [item.status for item in scan_transcript(utterances) if item.category == "self_harm"]


def test_when_then_yes_endorses():
    assert ENDORSED in _statuses("(pause) Last night, yes. Only the urge. I didn't do anything.")
    assert ENDORSED in _statuses("On Friday, yeah. After the phone call.")


def test_a_plain_no_still_denies():
    assert ENDORSED not in _statuses("No. Not since the summer.")
