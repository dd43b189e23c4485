"""The week planned by asking the client for a target: "And the gaming. Up till three on Sunday. What
would be a realistic cut-off?" - "Console off at midnight." The clinician's recall of the problem is
no item of the week; the client's target, a clock time, is."""

from __future__ import annotations

from session_assistant.drafting.homework_week import week_items
from short_sessions import after_an_opening

_PLANNED = after_an_opening(
    "Client: I was up till three on Sunday playing, then wrecked on Monday.\n"
    "Clinician: Okay. Let's plan the week.\n"
    "Client: Keep the sleep log going. Add the gaming hours to it.\n"
    "Clinician: Yes. And the gaming. Up till three on Sunday. What would be a realistic cut-off?\n"
    "Client: Console off at midnight. Eleven is too early.\n"
    "Clinician: Console off at midnight. And keep the phone out of the bedroom.\n"
    "Client: I'll try.\n"
    "Clinician: Good. Same time next week?\n", opening_rounds=5)


def test_the_clients_target_is_an_item_and_the_recalled_problem_is_not():
    said = [text for text, *_ in week_items(_PLANNED)]
    assert any(text.startswith("Console off at midnight.") for text in said), said
    assert not any("Up till three" in text for text in said), said
    assert any("keep the phone out of the bedroom" in text for text in said), said


def test_an_order_before_the_target_question_is_still_an_item():
    lines = after_an_opening(
        "Clinician: Let's plan the week.\nClient: Okay.\n"
        "Clinician: Keep the log by the bed. What would be a realistic number of nights?\nClient: Four nights.\n"
        "Clinician: Good. Same time next week?\n", opening_rounds=5)
    said = [text for text, *_ in week_items(lines)]
    assert any(text.startswith("Keep the log by the bed") for text in said), said
    assert "Four nights." in said, said
