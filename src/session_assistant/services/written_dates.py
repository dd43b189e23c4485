"""A date typed by hand in any of the common unambiguous ways, stored as YYYY-MM-DD.

Why: a clinician copies a date of birth from a referral letter or an intake form as it is written
there: "14/03/1991", "03/14/1991", "14 March 1991", "March 14, 1991". Refusing all but ISO made her
retype it; guessing the order of "05/06/1991" would store the wrong birthday for good. So a form
whose order shows (a day over 12, a month in words, the year first) is read; one that could be
either is refused with both readings named and the forms that are never ambiguous.
"""

from __future__ import annotations

import re
from datetime import date

from session_assistant.errors import UserError

MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(?P<month>" + "|".join(m[:3] + (r"(?:" + m[3:] + r")?" if len(m) > 3 else "") for m in MONTHS) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{2,4})"
_SEP = r"[/.\-]"
_NUMERIC = re.compile(r"(?P<a>\d{1,2})" + _SEP + r"(?P<b>\d{1,2})" + _SEP + _YEAR)
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})" + _SEP + r"(?P<month>\d{1,2})" + _SEP + r"(?P<day>\d{1,2})")
_WORDS = (re.compile(_DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR, re.I),  # 14 March 1991, 14th of Mar 1991
          re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I))  # March 14, 1991


def _made(year: int, month: int, day: int, text: str, what: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise UserError(f"{what} is not a date in the calendar.") from None


def parse_written_date(text: str | None, what: str) -> str | None:
    """``text`` as YYYY-MM-DD; None for nothing typed. UserError saying which form is wanted when it
    is no date, has a two-digit year, or could be read two ways ("05/06/1991")."""
    if text is None or not text.strip():
        return None
    said = " ".join(text.split())
    forms = "such as 1991-03-14 (year-month-day) or 14 March 1991"
    for pattern in _WORDS:
        match = pattern.fullmatch(said)
        if match:
            month = next(n for n, m in enumerate(MONTHS, 1) if m.startswith(match.group("month").lower()[:3]))
            return _made(_full_year(match.group("year"), said, what, forms), month, int(match.group("day")),
                         said, what).isoformat()
    match = _YEAR_FIRST.fullmatch(said)
    if match:
        return _made(int(match.group("year")), int(match.group("month")), int(match.group("day")), said, what).isoformat()
    match = _NUMERIC.fullmatch(said)
    if not match:
        raise UserError(f"{what} is not a date I can read: write it {forms}.")
    year, first, second = _full_year(match.group("year"), said, what, forms), int(match.group("a")), int(match.group("b"))
    if first > 12 and second <= 12:  # 14/03/1991: day first
        return _made(year, second, first, said, what).isoformat()
    if second > 12 and first <= 12:  # 03/14/1991: month first
        return _made(year, first, second, said, what).isoformat()
    if first == second:
        return _made(year, first, first, said, what).isoformat()
    if first > 12:
        raise UserError(f"{what} is not a date in the calendar.")
    _made(year, second, first, said, what), _made(year, first, second, said, what)  # each reading a real day
    # The two readings are not named: an error message holds no client data (SECURITY: logs and stderr).
    raise UserError(f"{what} could be read day first or month first: write it with the month in words (14 March "
                    f"1991) or year first (1991-03-14).")


def _full_year(year: str, said: str, what: str, forms: str) -> int:
    if len(year) != 4:
        raise UserError(f"{what}: write the year in full, {forms}.")
    return int(year)
