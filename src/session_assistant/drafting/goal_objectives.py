"""Which of a chart goal's objectives the session spoke to (issue 16, the "golden thread": a note
ties the session's work to the treatment plan at the step it is on, not only to the goal's name).

An objective is discussed when transcript lines name at least two of its topic words (the goal
verbs and common words left out, synonyms as ``terms_said`` allows: "drinking" for "alcohol"),
one of them the client's. The goal line then names the objective as charted; the evidence is the
lines, so nothing is said that the chart and the lines do not both hold.
"""

from __future__ import annotations

from typing import Sequence

from session_assistant.drafting.assessment_said import _WEAK_TERMS
from session_assistant.drafting.chart_context import GOAL_VERBS, terms_said
from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

MIN_OBJECTIVE_TERMS = 2
# Words of an objective that say how, not what: "with support", "on my own", "each week".
# Everyday verbs too: "say", "notice" tie any talk to "Notice when she is about to say yes".
_HOW_WORDS = {"support", "own", "alone", "each", "every", "daily", "weekly", "least", "times", "session", "sessions",
              "say", "notice", "tell", "ask", "know", "try", "get", "make", "take", "go", "going", "want", "need", "thing", "yes", "please", "someone"}


def objectives_of(goal_text: str) -> list[str]:
    """The objectives as the chart lists them in the goal's text ("Goal: X (objectives: a; b)")."""
    if " (objectives:" not in goal_text:
        return []
    return [o.strip() for o in goal_text.split(" (objectives:", 1)[1].rstrip(")").split(";") if o.strip()]


def objectives_worked(goal_text: str, utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(objective, [lines naming it]) for each objective of the goal the session's lines name."""
    found = []
    for objective in objectives_of(goal_text):
        terms = {w for w in content_words(objective) if not w.isdigit()} - GOAL_VERBS - _WEAK_TERMS - _HOW_WORDS
        if len(terms) < MIN_OBJECTIVE_TERMS:
            continue
        lines = [u for u in utterances if u.speaker and not risky(u.text)
                 and len(terms_said(terms, u.text)) >= MIN_OBJECTIVE_TERMS]
        if any(is_client(u.speaker) for u in lines):
            found.append((objective, [u.id for u in lines][:4]))
    return found


def objectives_clause(found: Sequence[tuple[str, list[int]]]) -> str:
    """"; objective discussed (per chart): Stand at the bus stop with support" for the goal's line."""
    if not found:
        return ""
    label = "objective" if len(found) == 1 else "objectives"
    return f"; {label} discussed (per chart): " + "; ".join(o.rstrip(".") for o, _ in found)
