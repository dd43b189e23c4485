"""A feeling verb with no feeling after it stops mid-way: "The client reported that she felt." opened unseen
draft 98 and no check caught it."""

from __future__ import annotations

import pytest

from session_assistant.drafting.repetition import is_unfinished


@pytest.mark.parametrize("sentence", ["The client reported that she felt.", "Client said he feels.",
                                      "The client reported that they felt."])
def test_a_feeling_verb_with_nothing_felt_is_unfinished(sentence):
    assert is_unfinished(sentence)


@pytest.mark.parametrize("sentence", ["The client reported that she felt tired.", "She felt it.",
                                      "Client said the session went better than she felt it would.",
                                      "The client wondered how she felt."])
def test_a_feeling_verb_with_what_was_felt_is_whole(sentence):
    assert not is_unfinished(sentence)


def test_a_list_verb_with_nothing_listed_is_unfinished():
    # unseen 112's Objective: "The clinician noted that the client's activities included." three times
    from session_assistant.drafting.repetition import is_unfinished
    assert is_unfinished("The clinician noted that the client's activities included.")
    assert is_unfinished("The session involved.")
    assert not is_unfinished("Homework was included.")
    assert not is_unfinished("The exercises included breathing and a thought record.")
