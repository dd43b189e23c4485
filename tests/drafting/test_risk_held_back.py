"""What held the client back from acting, asked inside the risk talk, names the protective factors the risk
line documents, however many lines the risk talk runs; the same words about an errand are no risk finding."""

from __future__ import annotations

from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript

_FILLER = "".join(f"Clinician: And the week after that, number {n}?\nClient: Much the same, nothing new.\n" for n in range(6))
NEAR_ACT = parse_transcript(
    "Clinician: Have you had thoughts of killing yourself since we last met?\n"
    "Client: Yes. Most days.\n"
    + _FILLER +
    "Clinician: Last Friday you drove to the bridge. What stopped you?\n"
    "Client: My niece's voice note came through. And the thought of Mum getting the call.\n"
    "Clinician: Are you having thoughts of suicide right now, today?\n"
    "Client: Not as strong. But yes, they're there.")

ERRAND = parse_transcript(
    "Clinician: Any thoughts of harming yourself this week?\n"
    "Client: No, none.\n"
    "Clinician: Good. You meant to go to the pool on Monday. What stopped you?\n"
    "Client: The car was in the garage.")


def _assessment(utterances):
    note = risk_note(utterances, scan_transcript(utterances), "client")
    return note.assessment[0] if note and note.assessment else ""


def test_what_stopped_the_client_asked_in_the_risk_talk_is_documented_as_protective_factors():
    line = _assessment(NEAR_ACT)
    assert "protective factors named" in line and "niece's voice note" in line


def test_what_stopped_an_errand_after_a_denial_is_no_protective_factor():
    assert "protective factors" not in _assessment(ERRAND)


SUMMED_TEXT = (
    "Clinician: Any thoughts that you'd be better off dead, or of hurting yourself?\n"
    "Client: Not like that. Some nights I just want to get on a train and disappear for a while.\n"
    "Clinician: So it's wanting a break from it all, not wanting to end your life.\n"
    "Client: Yes. That's it. I'd always come home.")
SUMMED = parse_transcript(SUMMED_TEXT)


def test_the_clinicians_summary_of_the_risk_confirmed_by_the_client_is_the_risk_formulation():
    line = _assessment(SUMMED)
    assert "clinician's summary, which the client confirmed" in line
    assert "So it's wanting a break from it all, not wanting to end your life." in line


def test_a_summary_the_client_does_not_confirm_is_not_documented_as_confirmed():
    session = parse_transcript(SUMMED_TEXT.replace("Client: Yes. That's it.", "Client: I don't know, honestly."))
    assert "confirmed" not in _assessment(session)
