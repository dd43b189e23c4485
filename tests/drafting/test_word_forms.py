"""The rules compare words by one stem (Snowball English, ``drafting/word_stems.py``), so a word meets its
other forms where the hand-cut roots and first letters before it missed them."""

from __future__ import annotations

from session_assistant.drafting.chart_context import plan_told_once
from session_assistant.drafting.risk_choice import chosen_options
from session_assistant.drafting.typed_check import said_share


def test_a_homework_slot_said_in_another_form_of_its_words_is_said():
    # "rating" and "rate" share no five first letters ("ratin", "rate"): the slot read as half unsaid
    share, hits = said_share("Rate the worry each evening", ["I'll try rating my worry every evening."])
    assert hits == 3 and share == 0.75


def test_an_option_named_by_another_form_of_its_word_is_chosen():
    # "disappearing" and "disappointed" share four first letters: the answer chose neither option
    options = ["feeling disappointed in yourself", "wanting to disappear"]
    assert chosen_options("The disappearing one.", options) == [1]
    assert chosen_options("The disappointed one.", options) == [0]


def test_a_homework_item_the_plan_names_in_other_forms_is_told_once():
    # the hand-cut root made "stud" of "studies" and "study" of "studying"
    plan = "Keep studying an hour each evening. Homework: an hour of studies each evening"
    assert plan_told_once(plan) == "Keep studying an hour each evening"
