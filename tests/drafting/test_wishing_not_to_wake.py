"""A passive death wish told back in the note's voice ("wishing they wouldn't wake up") is risk content:
the model's own retelling is withheld, so the rule-made risk account is the one place it is said (lead,
session 21: 66's Subjective said it twice)."""

from __future__ import annotations

import re

import pytest

from session_assistant.drafting.risk_words import PASSIVE_SI


def _passive(text: str) -> bool:
    return any(re.search(pattern, text, re.I) for pattern in PASSIVE_SI)


@pytest.mark.parametrize("text", [
    "The client described nights of wishing they would not wake up, about twice a week.",
    "He said he has been wishing he wouldn't wake up since the funeral.",
    "Some mornings I wish that I didn't wake up.",
])
def test_a_wish_not_to_wake_is_passive_ideation_in_any_voice(text):
    assert _passive(text)


@pytest.mark.parametrize("text", [
    "She was wishing she could wake up earlier for the gym.",
    "The client wished they would wake up less often in the night.",
    "I wish I could wake up before the alarm for once.",
])
def test_waking_wishes_that_are_about_sleep_are_not(text):
    assert not _passive(text)
