"""A death wish said as "better if I ... don't wake up" is passive suicidal ideation endorsed (unseen 66:
"maybe it is better if I sleep and I don't wake up", two or three times a week, read only as denials
because the later screening questions were answered no). Sleep talk with the same words is not risk.
Invented lines, no model."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import is_passive_ideation, scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript


@pytest.mark.parametrize("line", [
    "Lying there at four I think it would be better if I just went to sleep and didn't wake up.",
    "Some nights, honestly, easier if I never wake up. No more letters from the council.",
    "It's better if I close my eyes and I don't wake up.",
])
def test_better_if_i_did_not_wake_up_is_a_passive_death_wish(line):
    assert is_passive_ideation(line)


@pytest.mark.parametrize("line", [
    "It's better if I don't wake up so early, so I've moved the alarm.",
    "Better if I don't wake up the baby when I come in.",
    "It's easier if I go to bed at ten and don't wake up at three.",
])
def test_sleep_talk_with_the_same_words_is_not(line):
    assert not is_passive_ideation(line)


def test_the_endorsed_wish_is_listed_beside_the_denials_that_follow():
    items = scan_transcript(parse_transcript(
        "Clinician: You mentioned the nights last time. What goes through your mind at three?\n"
        "Client: I think maybe it is better if I sleep and I don't wake up. Then no more waiting.\n"
        "Clinician: And have you had any thoughts of ending your life, of doing something?\n"
        "Client: No. No. My daughter needs me.\n"))
    statuses = {(item.category, item.status) for item in items}
    assert ("suicidal_ideation", "endorsed") in statuses
    assert ("suicidal_ideation", "screened: denied") in statuses


@pytest.mark.parametrize("line", [
    "Honestly? Everyone'd be fine without me.",
    "My family would all be happier without me, that's what I keep thinking.",
])
def test_the_burden_said_plainly_is_a_passive_death_wish(line):
    assert is_passive_ideation(line)


@pytest.mark.parametrize("line", [
    "The team would be fine without me for a week, so I booked the holiday.",
    "She'd be fine without me at the party, she knows everyone.",
])
def test_being_spared_for_a_while_is_not(line):
    assert not is_passive_ideation(line)
