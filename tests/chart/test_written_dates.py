"""A date of birth copied from a referral letter or an intake form as it is written there is read when
its order shows; one that could be read two ways is refused naming both readings, never guessed."""

from __future__ import annotations

import pytest

from session_assistant.errors import UserError
from session_assistant.services.written_dates import parse_written_date


@pytest.mark.parametrize("typed", ["1991-03-14", "14/03/1991", "03/14/1991", "14.03.1991", "14-3-1991", "14 March 1991",
                                   "14th of March 1991", "March 14, 1991", "Mar 14 1991", "  14  march  1991 ",
                                   "1991/03/14"])
def test_the_common_unambiguous_forms_are_read(typed):
    assert parse_written_date(typed, "Date of birth") == "1991-03-14"


def test_the_same_day_and_month_cannot_be_misread():
    assert parse_written_date("07/07/1985", "Date of birth") == "1985-07-07"


def test_an_order_that_could_be_either_says_so_and_the_forms_that_cannot_without_the_date_typed():
    with pytest.raises(UserError) as refused:
        parse_written_date("05/06/1991", "Date of birth")
    said = str(refused.value)
    assert "day first or month first" in said and "month in words" in said
    # an error message holds no client data (it reaches the CLI's stderr): neither the date typed nor its readings
    assert not any(words in said for words in ("05/06", "5 June", "6 May", "1991-06-05", "1991-05-06"))


@pytest.mark.parametrize("typed,words", [("31/02/1991", "not a date in the calendar"), ("14/03/91", "year in full"),
                                         ("last spring", "14 March 1991"), ("13/13/1991", "not a date in the calendar")])
def test_what_is_no_date_says_which_form_is_wanted(typed, words):
    with pytest.raises(UserError, match=words):
        parse_written_date(typed, "Date of birth")


def test_nothing_typed_is_no_date():
    assert parse_written_date("", "Date of birth") is None and parse_written_date(None, "Date of birth") is None
