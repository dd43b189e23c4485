"""A signed note is read months later: "Next session: next Thursday at 5." says nothing then. With the
session's date (the chart's), a relative day becomes a date the clinician can check, the words said kept
beside it; a day that cannot be counted for sure is left as said and flagged, never guessed. The date
comes from the session, not from today's clock."""

from __future__ import annotations

from datetime import date

from session_assistant.drafting import visit_date
from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.visit_date import DATE_COUNTED, RELATIVE_DAY, dated_next_session

THURSDAY = "2026-12-03"
TUESDAY = "2026-12-01"


def test_next_thursday_said_on_a_thursday_is_the_thursday_a_week_on_with_the_words_kept():
    text, flags = dated_next_session("next Thursday at 5.", THURSDAY)
    assert text == 'Thursday 10 December 2026 at 5 (said: "next Thursday at 5").'
    assert flags == [f"{DATE_COUNTED}:Thursday 10 December 2026"]


def test_tomorrow_intervals_and_a_day_next_week_are_counted_from_the_session():
    assert dated_next_session("tomorrow at ten.", TUESDAY)[0].startswith("Wednesday 2 December 2026 at ten (said:")
    assert dated_next_session("in two weeks, same time.", TUESDAY)[0].startswith("Tuesday 15 December 2026, same time")
    assert dated_next_session("same time next week.", TUESDAY)[0].startswith("Tuesday 8 December 2026, same time")
    assert dated_next_session("a fortnight's time.", TUESDAY)[0].startswith("Tuesday 15 December 2026 (said:")
    assert dated_next_session("next week, Friday at eight, by video.", TUESDAY)[0] == (
        'Friday 11 December 2026 at eight, by video (said: "next week, Friday at eight, by video").')
    assert dated_next_session("Monday afternoon at two.", TUESDAY)[0].startswith(
        "Monday 7 December 2026, in the afternoon at two")
    # "same time" beside the hour says nothing more; "p.m." keeps its dot
    assert dated_next_session("same time, next Thursday at two o'clock.", THURSDAY)[0].startswith(
        "Thursday 10 December 2026 at two o'clock (said:")
    assert dated_next_session("in two weeks, Tuesday at six p.m.", TUESDAY)[0].startswith("Tuesday 15 December 2026 at six p.m. (")
    # across the year's end
    assert dated_next_session("next week, Friday at nine.", "2026-12-28")[0].startswith("Friday 8 January 2027 at nine")


def test_a_date_said_with_its_weekday_is_taken_when_they_agree():
    assert dated_next_session("Tuesday the fifteenth at half four.", TUESDAY)[0].startswith(
        "Tuesday 15 December 2026 at half four (said:")


def test_a_day_that_may_be_this_week_or_next_is_left_as_said_and_flagged():
    # "next Thursday" said on a Tuesday: in two days or in nine
    assert dated_next_session("next Thursday at 5.", TUESDAY) == ("next Thursday at 5.", [f"{RELATIVE_DAY}:next Thursday"])
    assert dated_next_session("same time, next Thursday.", TUESDAY)[1] == [f"{RELATIVE_DAY}:next Thursday"]  # the telling words
    for vague in ("next week.", "in a month.", "in a week or two.", "after the holidays.", "same time."):
        text, flags = dated_next_session(vague, TUESDAY)
        assert text == vague and flags and flags[0].startswith(RELATIVE_DAY + ":"), vague
    # the 22nd of December is a Tuesday: "Wednesday the twenty-second" is not guessed either way
    assert dated_next_session("Wednesday the twenty-second.", TUESDAY)[1][0].startswith(RELATIVE_DAY)


def test_without_a_session_date_nothing_is_counted_and_the_day_is_flagged():
    assert dated_next_session("next Thursday at 5.", "") == ("next Thursday at 5.", [f"{RELATIVE_DAY}:next Thursday"])


def test_a_routine_or_a_date_with_its_month_is_no_relative_day():
    assert dated_next_session("weekly, Thursdays at eleven.", TUESDAY) == ("weekly, Thursdays at eleven.", [])
    assert dated_next_session("the 12th of January at ten.", TUESDAY) == ("the 12th of January at ten.", [])


CLOSING = "\n".join(["Clinician: How did the breathing practice go this week?",
                     "Client: Better than I expected. Most mornings, before the bus.",
                     "Clinician: What did you notice?", "Client: My shoulders come down a bit.",
                     "Clinician: That's worth keeping.", "Client: Yeah."] * 3 + [
    "Clinician: So we'll meet again next Thursday at five, same room.",
    "Client: Next Thursday at five. Fine."])


def _next_line(chart: ChartContext | None):
    source = SourceIndex(parse_transcript(CLOSING))
    lines, _facts = fact_lines(get_format("soap", "client"), source, chart, "client")
    return next(s for s in lines if s.text.startswith("Next session: "))


def test_the_drafts_plan_line_takes_the_session_date_from_the_chart_even_with_no_chart_facts():
    line = _next_line(ChartContext(session_date=THURSDAY))
    assert line.text == 'Next session: Thursday 10 December 2026 at five (said: "next Thursday at five").'
    assert line.evidence == [18] and f"{DATE_COUNTED}:Thursday 10 December 2026" in line.flags
    no_chart = _next_line(None)
    assert no_chart.text == "Next session: next Thursday at five." and f"{RELATIVE_DAY}:next Thursday" in no_chart.flags


def test_a_clock_that_jumps_does_not_change_the_date(monkeypatch):
    before = dated_next_session("next Thursday at 5.", THURSDAY)

    class JumpedDate(date):
        @classmethod
        def today(cls):
            return date(2027, 6, 30)

    monkeypatch.setattr(visit_date, "date", JumpedDate)
    assert dated_next_session("next Thursday at 5.", THURSDAY) == before
