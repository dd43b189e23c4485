"""A screening asked as an announced, indirect question is still a screening, and "I'd not mind if I didn't
wake up" is a passive death wish.

Unseen session 80 asked "There's one I want to go over with you. Whether you've thought about ending your
life." (no question mark, no "have you"); the client said yes, passively, and the draft's risk list was
empty: the note documented no screen and no ideation. Written here in other words."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import DENIED, ENDORSED, is_passive_ideation, scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript


@pytest.mark.parametrize("question", [
    "One more from the form I'd like to go over. Whether you've had thoughts of ending your life.",
    "I do need to ask you this. Whether you've thought of suicide at all lately.",
])
def test_an_indirect_whether_question_is_a_screen(question):
    items = scan_transcript(parse_transcript(f"Clinician: {question}\nClient: No. Nothing like that."))
    assert [(i.category, i.status) for i in items] == [("suicidal_ideation", DENIED)]


@pytest.mark.parametrize("said", [
    "Some nights I'd not mind if I didn't wake up.",
    "Honestly I would not mind if I never woke up.",
    "I wouldn't mind if I didn't wake up, some days.",
])
def test_not_minding_never_waking_is_a_passive_wish(said):
    assert is_passive_ideation(said)


def test_the_indirect_screen_answered_with_a_passive_wish_is_endorsed_passive():
    lines = parse_transcript("Clinician: There's an item I want to check with you. Whether you've thought about "
                             "ending your life. You marked some days.\n"
                             "Client: Yeah. No plans or anything. Some mornings I'd not mind if I didn't wake up.")
    items = scan_transcript(lines)
    assert [(i.category, i.status, i.detail) for i in items] == [("suicidal_ideation", ENDORSED, "passive")]


@pytest.mark.parametrize("said", ["I'd not mind if I didn't wake up so early on Saturdays.",
                                  "Whether you've got time for lunch, I don't mind."])
def test_sleep_talk_and_an_ordinary_whether_are_not_risk(said):
    assert scan_transcript(parse_transcript(f"Clinician: How was the week?\nClient: {said}")) == []


@pytest.mark.parametrize("said", ["Tonight I'm going to kill my cousin at darts.", "She murdered me at Scrabble again.",
                                  "We'll destroy them on FIFA after tea."])
def test_beating_someone_at_a_game_is_not_harm_to_others(said):
    assert scan_transcript(parse_transcript(f"Clinician: See you Friday, then.\nClient: {said}")) == []


def test_a_threat_at_a_place_is_still_risk():
    items = scan_transcript(parse_transcript("Clinician: What went through your mind?\n"
                                             "Client: I wanted to kill him at the party, I really did."))
    assert [i.category for i in items] == ["harm_to_others"]
