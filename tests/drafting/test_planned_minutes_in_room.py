"""A stretch of minutes of the exercise under way ("We'll carry on like that for a few minutes.") is the
room's work, not planned work; minutes as a daily practice stay planned (120)."""

from __future__ import annotations

from session_assistant.drafting.planned_said import planned_work
from session_assistant.drafting.transcript_input import parse_transcript


def _planned(line: str) -> list[str]:
    session = parse_transcript("Clinician: Shall we try the grounding together?\nClient: Okay.\n"
                               f"Clinician: Feet on the floor. Notice the chair under you. {line}\nClient: Okay.\n")
    return [text for text, _ in planned_work(session)]


def test_minutes_of_the_exercise_under_way_are_not_planned():
    assert _planned("We'll keep going like this for a couple of minutes.") == []


def test_minutes_as_a_daily_practice_are_still_planned():
    assert _planned("We'll keep going with this for a few minutes every evening.") != []
