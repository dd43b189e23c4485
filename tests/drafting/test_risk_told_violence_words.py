"""A push or a slap told in session is documented as what was said, physical violence, not as "abuse".

A mother in a parenting session said her little boy "pushed her off the sofa" (her toddler sister): the
draft's Subjective said "Client reported abuse" and its Assessment "Risk: abuse reported", a finding
with safeguarding weight that nobody had made. The same words from a client about a partner are still
listed for the clinician, reported, as physical violence; the clinician decides whether it is abuse. The
word "abuse" itself, or a threat to kill, keeps its name."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.risk_findings import risk_findings
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript

SIBLING = ("Clinician: You said on the phone there's been some hitting at home.\n"
           "Client: Mm. Mostly he's all right with the baby. But yesterday he shoved her off the beanbag and she "
           "cried for ages. She was fine, it was more the shock.\n"
           "Clinician: So that's one we don't ignore.")
PARTNER = ("Clinician: What happened when he got home?\n"
           "Client: He'd had a few. He slapped me in the hallway, in front of my mum.")


@pytest.mark.parametrize("transcript", [SIBLING, PARTNER])
def test_a_told_push_or_slap_is_physical_violence_in_every_line(transcript):
    lines = parse_transcript(transcript)
    items = scan_transcript(lines)
    assert [i.status for i in items] == ["reported"]  # still listed for the clinician
    note = risk_note(lines, items)
    written = " ".join(filter(None, [note.text, note.account and note.account[0], risk_findings(items),
                                     items[0].label()]))
    assert "abuse" not in written.lower()
    assert "physical violence" in note.text


@pytest.mark.parametrize("line,words", [
    ("Client: He was abusive for years, mostly with words.", "abuse"),
    ("Client: He told me if I left he'd kill me.", "abuse"),
])
def test_abuse_named_or_a_threat_keeps_its_name(line, words):
    lines = parse_transcript(f"Clinician: Tell me about the marriage.\n{line}")
    items = scan_transcript(lines)
    assert words in risk_note(lines, items).text
