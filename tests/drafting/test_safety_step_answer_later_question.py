"""A safety step named in a statement, then another question in the same line: the client's yes answers
the later question, not the step ("... or A&E if you've hurt yourself. And the razors stay with your
nan?" - "Yeah. I'm not asking for them back.", 120); a step asked about with "Okay?" stays agreed."""

from __future__ import annotations

from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript

_SCREEN = ("Clinician: Any thoughts this week of ending your life?\n"
           "Client: Some nights, yeah. Not doing anything about it.\n")


def _steps(line: str, answer: str) -> list[str]:
    session = parse_transcript(_SCREEN + f"Clinician: {line}\nClient: {answer}\n")
    return [i.phrase for i in scan_transcript(session) if i.category == "safety_steps"]


def test_a_yes_to_a_later_question_does_not_agree_the_step_named_before_it():
    assert _steps("If it gets that bad, ring the crisis line. And the tablets are still at your sister's?",
                  "Yeah. She's keeping them.") == []


def test_a_step_asked_about_with_okay_is_still_agreed():
    assert _steps("If it gets that bad, ring the crisis line. Okay?", "Yeah. I will.") != []
