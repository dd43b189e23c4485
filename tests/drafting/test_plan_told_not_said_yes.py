"""A plan, a preparation and an intent rating answered by telling them, not by "yes" (lead, session 21:
read in unseen 72, where the note said only "suicidal ideation endorsed" for a client with a method, a day,
a rehearsal and intent at six of ten). The risk account has to carry each."""

from __future__ import annotations

from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript

_TOLD = """Clinician: How has the week been?
Client: Bad. Really bad.
Clinician: Are you having thoughts of killing yourself?
Client: Yes. Most nights.
Clinician: Have you thought about how you would do it?
Client: The tablets my mother left, in the kitchen drawer. I've counted them.
Clinician: Have you done anything to get ready, to prepare?
Client: I wrote letters to my two brothers and left them in the car on Friday.
Clinician: From nought to ten, ten being certain you would act on these thoughts, where are you now?
Client: Five. Maybe a bit less, talking about it.
Clinician: Thank you for telling me."""

_NOT_TOLD = """Clinician: How has the week been?
Client: Bad. Really bad.
Clinician: Are you having thoughts of killing yourself?
Client: Yes. Most nights.
Clinician: Have you thought about how you would do it?
Client: No, I don't know, I haven't got that far.
Clinician: Have you done anything to prepare?
Client: Not really.
Clinician: From nought to ten, ten being certain you would act on these thoughts, where are you now?
Client: Nought. I wouldn't.
Clinician: Thank you for telling me."""


def _line(text: str) -> str:
    utterances = parse_transcript(text)
    note = risk_note(utterances, scan_transcript(utterances))
    return str(note.assessment[0])


def test_a_method_a_preparation_and_an_intent_rating_told_are_endorsed():
    line = _line(_TOLD)
    assert "plan endorsed" in line, line
    assert "preparatory behaviour endorsed" in line, line
    assert "intent endorsed" in line, line


def test_told_no_or_nought_stays_denied_or_unsaid():
    line = _line(_NOT_TOLD)
    assert "plan endorsed" not in line and "preparatory behaviour endorsed" not in line and "intent endorsed" not in line, line


def test_a_safety_plan_step_answered_is_not_a_plan_to_die():
    line = _line("""Clinician: Are you having thoughts of killing yourself?
Client: Yes, some days.
Clinician: Have you got a plan, or any intention to act on them?
Client: No. I just want it to stop.
Clinician: Then let's write the safety plan. First, what are your warning signs?
Client: Not eating, staying in bed all day, not answering my phone.""")
    assert "plan endorsed" not in line, line
