"""The next session's day as a date a reader can check, counted from the session's own date.

Why: a signed note is read months later, often by someone who was not there. "Next session: next
Thursday at 5." says nothing then. Where the chart gives the session's date, a day said relative to
it ("tomorrow", "next week, Friday", "in two weeks", "same time next week", "Thursday") is resolved to
"Thursday 10 December 2026", and the words said stay beside it in quotes, so the clinician can check
the count against the session.

Never guessed: "next Thursday" said on a Tuesday may be in two days or nine (said on a Thursday it is
a week on); "next week" alone names no day; "in a month" or "after the holidays" no date. Such a
line keeps its words and is flagged (``relative_day``) for the clinician to write the date before
signing. The date comes from the
session (``ChartContext.session_date``), never from today's clock: a draft made again later, or on a
machine whose clock jumped, says the same.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from session_assistant.drafting.vocabulary import WEEKDAY

DATE_COUNTED = "date_counted"  # flag: the date was counted from the session date: check it
RELATIVE_DAY = "relative_day"  # flag: a relative day left as said: write the date

DAYS = WEEKDAY.split("|")
MONTHS = ("January February March April May June July August September October November December").split()
SUNDAY = 6  # "next week, Sunday": weeks that start on Sunday or Monday disagree on which Sunday

_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"(?:a|one|two|three|four|five|six|[1-6])"
_ORDINALS = {w: n for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
_ORDINALS.update({f"twenty-{w}": 20 + n for w, n in list(_ORDINALS.items())[:9]})
_ORDINALS.update({"thirtieth": 30, "thirty-first": 31})
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"

_TOMORROW = re.compile(r"\b(?:the day after )?tomorrow\b", re.I)
_NEXT_WEEK = re.compile(r"\bnext week\b", re.I)
_IN_WEEKS = re.compile(r"\b(?:in )?(?P<n>" + _COUNT + r") weeks?(?:'s?)?(?: time)?\b|\b(?:in )?a fortnight(?:'s time)?\b", re.I)
_DAY = re.compile(r"\b(?:on )?(?:(?P<mod>next|this|coming|this coming) )?(?P<day>" + WEEKDAY + r")(?P<plural>s)?\b"
                  r"(?: (?P<part>morning|afternoon|evening))?", re.I)
_ORDINAL_DATE = re.compile(r"\b(?:on )?the (?P<ord>" + _ORDINAL + r")\b(?: of (?:this|the|next) month)?", re.I)
_SAME_TIME = re.compile(r"\bsame (?:time|day|slot)\b", re.I)
# Said relative to the session, but naming no one day: left as said, and flagged.
_VAGUE = re.compile(r"\b(?:in (?:a|one|two|three|four|six|\d+) months?|after (?:the )?(?:holidays|christmas|easter|new year"
                    r"|summer|break|half[- ]term)|in the new year|the week after(?: next)?|after next|end of the (?:week|month)"
                    r"|early next|later (?:this|next)|next month|a week (?:on|from|today)|or (?:two|three|so)\b"
                    r"|(?:couple|few) of weeks|instead of|rather than|(?:sooner|later|earlier) than)\b", re.I)
# A routine ("weekly on Thursdays") or a month named ("the 12th of January") is no relative day.
_ROUTINE = re.compile(r"\b(?:weekly|fortnightly|every (?:week|other week|two weeks)|once a (?:week|fortnight)|(?:" + WEEKDAY
                      + r")s)\b", re.I)
_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b", re.I)
_RELATIVE = re.compile(r"\b(?:tomorrow|next week|same time|" + _COUNT + r" weeks?|fortnight|next (?:" + WEEKDAY + r")"
                       r"|this (?:" + WEEKDAY + r")|(?:" + WEEKDAY + r"))\b", re.I)
ORDINAL_REACH = 62  # days ahead a bare "the twelfth" is looked for


def date_text(day: date) -> str:
    """"Thursday 10 December 2026"."""
    return f"{DAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1]} {day.year}"


def _ordinal(word: str) -> int | None:
    word = word.lower()
    number = int(re.match(r"\d+", word).group(0)) if word[0].isdigit() else _ORDINALS.get(word)
    return number if number and 1 <= number <= 31 else None


def _week_count(match: re.Match) -> int:
    if "fortnight" in match.group(0).lower():
        return 2
    said = match.group("n").lower()
    return int(said) if said.isdigit() else _NUMBERS[said]


def _next_with_day(after: date, day_of_month: int) -> date | None:
    return next((after + timedelta(n) for n in range(1, ORDINAL_REACH) if (after + timedelta(n)).day == day_of_month), None)


def _counted(said: str, session: date) -> date | None:
    """The one day ``said`` names, counted from ``session``; None when it names none for sure."""
    days = {m.group("day").lower() for m in _DAY.finditer(said)}
    if len(days) > 1 or any(m.group("plural") for m in _DAY.finditer(said)):
        return None  # two days, or a routine ("Tuesdays")
    named = _DAY.search(said)
    weekday = DAYS.index(named.group("day").lower()) if named else None
    mod = (named.group("mod") or "").lower() if named else ""
    tomorrow = _TOMORROW.search(said)
    weeks = _IN_WEEKS.search(said)
    week_count = _week_count(weeks) if weeks else 1 if _NEXT_WEEK.search(said) else None
    ordinal = _ORDINAL_DATE.search(said)
    if ordinal:  # the date said decides; the day, the interval or "tomorrow" said with it must agree
        number = _ordinal(ordinal.group("ord"))
        found = _next_with_day(session, number) if number else None
        agrees = found is not None and (weekday is None or found.weekday() == weekday) and (
            not tomorrow or found == session + timedelta(1)) and (
            week_count is None or _monday(found) == _monday(session) + timedelta(7 * week_count))
        return found if agrees else None
    if tomorrow:
        found = session + timedelta(2 if "after" in tomorrow.group(0).lower() else 1)
        return found if weekday is None or found.weekday() == weekday else None  # "tomorrow, Friday" said on a Tuesday
    if week_count is not None:
        if weekday is None:  # "in two weeks", "same time next week"; "next week" alone names no day
            return session + timedelta(7 * week_count) if weeks or _SAME_TIME.search(said) else None
        if SUNDAY in (weekday, session.weekday()) or mod in ("this", "coming", "this coming"):
            return None
        return _monday(session) + timedelta(7 * week_count + weekday)  # "next week, Friday": that week's Friday
    if weekday is None:
        return None
    ahead = (weekday - session.weekday()) % 7
    if mod == "next":
        # "next Thursday" said on a Thursday is a week on; said on a Tuesday it may be this week's or
        # the next, and said on a Saturday some mean the coming one, some the one after: not guessed.
        return None if ahead else session + timedelta(7)
    if mod:  # "this Thursday", "this coming Thursday": later this week only
        return session + timedelta(ahead) if ahead and weekday > session.weekday() else None
    return session + timedelta(ahead or 7)  # "on Thursday": the coming one ("see you Thursday" on a Thursday: a week on)


def _monday(day: date) -> date:
    return day - timedelta(day.weekday())


def _telling(text: str) -> str | None:
    """The words that make the day relative, the most telling first ("next Friday" over "same time")."""
    for pattern in (_DAY, _IN_WEEKS, _NEXT_WEEK, _TOMORROW, _VAGUE):
        match = pattern.search(text)
        if match and (pattern is not _DAY or match.group("mod")):
            return match.group(0).strip()
    return None


def _tidy(rest: str) -> str:
    rest = re.sub(r"\s+", " ", rest)
    rest = re.sub(r"(?:\s*,\s*)+", ", ", rest)
    return re.sub(r"^(?:\s*(?:,|and\b|then\b))+\s*|[\s,]+$", "", rest)


def dated_next_session(said: str, session_date: str) -> tuple[str, list[str]]:
    """(the next session's text with its day as a date, flags) for ``said`` as the rules wrote it
    ("next week, Friday at eight, by video."). Unchanged, with a ``relative_day`` flag, when the day
    is relative and cannot be counted for sure (or there is no session date); unchanged and unflagged
    when it names no relative day ("weekly on Thursdays", "the 12th of January")."""
    text = said.strip()
    text = text if re.search(r"\b[ap]\.m\.$", text, re.I) else text.rstrip(".")  # "at six p.m." keeps its dot
    relative = _RELATIVE.search(text) or _VAGUE.search(text)
    if relative is None or _MONTH.search(text) or (_ROUTINE.search(text) and not _TOMORROW.search(text)
                                                    and not _NEXT_WEEK.search(text) and not _IN_WEEKS.search(text)):
        return said, []
    unsure = (said, [f"{RELATIVE_DAY}:{_telling(text) or relative.group(0)}"])
    try:
        session = date.fromisoformat(session_date[:10])
    except (TypeError, ValueError):
        return unsure
    if text.lower().startswith("as arranged") or _VAGUE.search(text):
        return unsure
    day = _counted(text, session)
    if day is None:
        return unsure
    named = _DAY.search(text)
    part = (named.group("part") or "").lower() if named else ""
    rest = text
    for pattern in (_TOMORROW, _IN_WEEKS, _NEXT_WEEK, _ORDINAL_DATE, _DAY):
        rest = pattern.sub(",", rest)
    rest = _tidy(rest)
    if _SAME_TIME.search(rest) and re.search(r"\bat \S", rest):  # "same time, at two o'clock": the hour says it
        rest = _tidy(_SAME_TIME.sub(",", rest))
    when = date_text(day) + (f", in the {part}" if part else "")
    joined = when + ((" " if rest.lower().startswith(("at ", "in the ")) else ", ") + rest if rest else "")
    return f'{joined} (said: "{text}").', [f"{DATE_COUNTED}:{date_text(day)}"]
