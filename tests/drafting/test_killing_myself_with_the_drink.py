""""I'm killing myself with this stuff" said of drink is a figure of speech about the drink, not suicidal
ideation endorsed (lead, session 21: read in unseen 73 after measuring it, where it made the Assessment read
"suicidal ideation endorsed; plan endorsed" for a client who had denied both)."""

from __future__ import annotations

from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript


def _categories(text: str) -> list[str]:
    return [item.category for item in scan_transcript(parse_transcript(text))]


def test_killing_myself_with_the_drink_is_not_risk():
    assert _categories("Clinician: How was the weekend?\nClient: Three bottles. I'm killing myself with the booze, "
                       "I know I am.") == []
    assert _categories("Client: My doctor says I'm killing myself with these cigarettes.") == []


def test_killing_myself_still_is():
    assert "suicidal_ideation" in _categories("Client: Some nights I think about killing myself.")
    assert "suicidal_ideation" in _categories("Client: I thought about killing myself with the pills in the cupboard.")


def test_plan_as_a_verb_near_a_screen_asks_nothing():
    from session_assistant.drafting.risk_note import risk_note
    utterances = parse_transcript("""Clinician: Have you had any thoughts of ending your life?
Client: No. Never.
Clinician: If you want to cut down, that's something we plan carefully, not all at once. Is that all right?
Client: Yeah. Yes. That's fine.""")
    line = str(risk_note(utterances, scan_transcript(utterances)).assessment[0])
    assert "plan endorsed" not in line, line
