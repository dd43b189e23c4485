"""Short transcripts the rule tests build (a helper module, not tests): clinician lines each answered
by the client, and a closing stretch after an ordinary opening (the rules for the Plan read the end
of a session, so the closing must not be the whole of it)."""

from __future__ import annotations

from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.transcript_input import parse_transcript

_OPENING_TURNS = ["Clinician: How have things been?", "Client: Up and down.", "Clinician: Say more.",
                  "Client: Work is a lot."]


def clinician_turns(*clinician_lines: str, client: str = "Okay.") -> list:
    """Each clinician line answered by the same client line."""
    return parse_transcript("\n".join(f"Clinician: {line}\nClient: {client}" for line in clinician_lines))


def approaches(utterances) -> dict[str, list[str]]:
    """The approaches named from ``utterances``, each with its techniques."""
    return {i.approach: i.techniques for i in detect_interventions(utterances)}


def after_an_opening(closing: str, opening_rounds: int) -> list:
    """``closing`` (transcript lines) after ``opening_rounds`` rounds of small talk."""
    return parse_transcript("\n".join(_OPENING_TURNS * opening_rounds) + "\n" + closing)
