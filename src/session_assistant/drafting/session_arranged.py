"""The next appointment as it was finally settled: the one next-session parser of the drafter
(``next_session``), used by the section drafts' Plan line (``plan_said``) and the session record's
Plan slot (``record_plan``). It takes the clinician's sentence that arranges the visit and completes
it from the back-and-forth that settles it.

Why: the first next-session rule takes the clinician's one sentence that names the most time words.
Appointments are rarely settled in one sentence: the clinician offers ("Next week? Same time?"), the
client has a conflict ("Thursday's the review. Can we do Friday?"), the clinician offers again
("Friday morning? Eight?") and the client confirms ("Eight's good. Video again."). The note then said
"next week" where "Friday at eight, by video" was agreed. Here the exchange is read in order, from
the clinician's first line that starts arranging it, and each part (interval, day, hour, how) is
the last one offered or confirmed. A day said in passing ("Thursday's the group", "good luck on
Friday") is no offer: only a question, a line that arranges, names an hour or confirms one counts.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import WEEKDAY

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_H = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])"
_UNIT = (r"(?!\s*(?:weeks?|days?|nights?|months?|years?|times|minutes|hours|things|people|more|of|out|and|or"
         r"|sessions?|appointments?|visits?|left)\b)")  # "We've got three sessions left." (unseen 113)
# "half four" is half past four (British), never "half an hour".
_HOUR = re.compile(r"\b(?:quarter (?:past|to) " + _H + r"|half (?:past )?" + _H + r"\b|" + _H + r"[- ](?:thirty|fifteen|forty-five)"
                   r"|\d{1,2}:\d\d|" + _H + r" o'clock|" + _H + r" ?(?:a\.m\.|p\.m\.|am\b|pm\b))"
                   # "at five thirty" is half past, never "at five" (65)
                   r"|\bat " + _H + r"\b(?![- ](?:thirty|fifteen|forty-five)\b)" + _UNIT + r"(?: ?(?:a\.m\.|p\.m\.|am\b|pm\b))?", re.I)
# A bare number is an hour only where an hour is offered: first in its sentence ("Eight?", "Ten on
# Friday."), or after "got", "at", "say", "time," ("I've got eleven.", "same time, ten?").
# First in its sentence, a number is an hour only followed by what a time is ("Ten on Friday.", "Eight?",
# "Ten's fine."): "Two walks and the diary." said back is homework, not two o'clock.
_AS_A_TIME = (r"(?=\s*(?:[?.!,;:]|$|'s\b|(?:on|then|is|works?|suits?|would|please|that|again|sharp|next|this|tomorrow"
              r"|okay|ok|fine|good|great|it|for me|if)\b))")
_BARE_HOUR = re.compile(r"(?:^" + _H + r"\b" + _AS_A_TIME + r"|(?:(?<=\bgot )|(?<=\bat )|(?<=\bsay )|(?<=\btime, )|(?<=\bwe do )"
                        r"|(?<=\bmake it ))" + _H + r"\b" + _UNIT + ")", re.I)  # "Could we do three?", "Can we make it four?"
_DAY = re.compile(r"\b(?:(?:next|this) )?(?:the )?(?:" + WEEKDAY + r")s?(?: after next)?"
                  r"(?: (?:morning|afternoon|evening))?\b", re.I)
_INTERVAL = re.compile(r"\b(?:next week|(?:in )?(?:a|one|two|three|four|\d) weeks?|every (?:other week|two weeks|week)|weekly"
                       r"|fortnightly|(?:in )?a fortnight(?:'s time)?|the week after(?: next)?)\b", re.I)
_HOW = re.compile(r"\b(?:(?:on |by )?video(?! games?)|by phone|over the phone|phone (?:session|appointment)|in person|telehealth)\b", re.I)
# A line that starts arranging the next visit.
_ARRANGE = re.compile(r"\b(?:next (?:time|session|appointment|week)|see you|same time|keep every|come back|book (?:you|in)"
                      r"|when (?:do|would) you (?:want|like) to)\b", re.I)
# An offer or a confirmation of a time: "Can we do Friday?", "I've got eleven.", "Eight's good.", "Six thirty works."
_OFFER = re.compile(r"\b(?:can we do|could we do|how about|what about|i(?:'ve| have) got|i can do|i could do|works|work for you"
                    r"|is good|'s good|is fine|'s fine|then)\b", re.I)
_REFUSED = re.compile(r"\b(?:not|can'?t|cannot|long time|busy|away|conference)\b", re.I)
# An interval named to say the next visit differs from it: "sooner than two weeks", "instead of in a month".
_COMPARED = re.compile(r"\b(?:(?:sooner|earlier|later|longer|quicker|more|less) than|rather than|instead of)(?: in)?\s*$", re.I)
_AWAY = re.compile(r"\b(?:I'?m|I am|we'?re|I'?ll be|I will be) (?:away|off|not (?:here|in|around)|on (?:leave|holiday|annual leave))\b", re.I)
WINDOW = 10  # lines after the first arranging line
CHAIN = 4  # starts this many lines apart or fewer are one exchange
SHORT = 5  # a bare "Eight?" or "I've got six." names an hour only in a sentence this short
TAIL = 1 / 3


def _starts(utt: Utterance) -> bool:
    """A clinician line that starts arranging the next visit: it says so ("next time", "see you"), or
    asks a short question naming a day or an hour ("Tuesday, ten o'clock?", "Two o'clock again?")."""
    if is_client(utt.speaker):
        return False
    if _ARRANGE.search(utt.text):
        return True
    return any(s.endswith("?") and len(s.split()) <= 10 and (_DAY.search(s) or _HOUR.search(s) or _BARE_HOUR.match(s))
               for s in _SENTENCES.split(" ".join(utt.text.split())))


# A wish for a day of the week to come ("Good luck on Saturday", "Enjoy Friday") names the client's
# day, not the visit's (75: the practice train ride on Saturday, the call on Wednesday).
_WISH = re.compile(r"\b(?:good luck|best of luck|enjoy|have (?:a |an )?(?:good|nice|lovely|great|fun)|hope (?:it|the|that|you)"
                   r"|all the best|break a leg|go well)\b", re.I)


# "And I'll ring you Thursday, just a quick check." - "Monday at two. Thursday's fine.": the call's day
# said back is not the visit's (unseen 116).
_CALL_DAY = re.compile(r"\b(?:ring|call|phone|text)(?:ing)? you\b", re.I)


def _is_call(sentence: str) -> bool:
    return bool(_CALL_DAY.search(sentence) and _DAYS.search(sentence) and not _A_VISIT.search(sentence))


def _exchange(lines: Sequence[Utterance], first: int) -> list[tuple[int, str, bool]]:
    found = []
    call_days: set[str] = set()
    said = [(utt, sentence) for utt in lines[first:first + WINDOW + 1]
            for sentence in _SENTENCES.split(" ".join(utt.text.split()))]
    # A call is set aside only beside a visit day offered apart from it: "I'll phone you again next
    # Tuesday, same time?" alone is the next (phone) session itself.
    visit_day = any(_DAYS.search(s) and not _is_call(s) and not is_client(u.speaker) for u, s in said)
    for utt, sentence in said:
        if _WISH.search(sentence) and not _ARRANGE.search(sentence):
            continue
        days = {d.lower() for d in _DAYS.findall(sentence)}
        if visit_day and _is_call(sentence):
            call_days |= days
            continue
        if days and days <= call_days and not _HOUR.search(sentence) and is_client(utt.speaker):
            continue
        question = sentence.endswith("?") and len(sentence.split()) <= 10
        short = len(sentence.split()) <= SHORT and (_DAY.search(sentence) or _BARE_HOUR.search(sentence))
        interval = len(sentence.split()) <= 2 * SHORT and _INTERVAL.search(sentence)  # "So, in two weeks." not a recap
        if question or short or interval or _ARRANGE.search(sentence) or _HOUR.search(sentence) \
                or _OFFER.search(sentence) or _HOW.search(sentence):
            found.append((utt.id, sentence, not is_client(utt.speaker)))
    return found


def _names_a_time(offers: list[tuple[int, str, bool]]) -> bool:
    return any(_DAY.search(s) or _HOUR.search(s) or (len(s.split()) <= SHORT and _BARE_HOUR.search(s)) for _, s, _ in offers)


def _offers(utterances: Sequence[Utterance], near: int | None) -> list[tuple[int, str, bool]]:
    """(line id, sentence, said by the clinician) for each sentence of the exchange that offers or
    confirms a time, in the last third (from at most four lines before ``near``, the line the
    sentence rule chose). Lines that start arranging a few lines apart are one exchange ("Next time,
    next week or two?" ... "Monday? I've got ten."); of several, the last that names a day or an
    hour is the one that settled it ("We'll do the rest next time" long before "Wednesday, four
    o'clock?"), else the first (a closing "See you on video." adds nothing to it)."""
    start = min(int(len(utterances) * (1 - TAIL)), max(0, len(utterances) - 15))
    lines = [u for u in utterances[start:] if u.speaker and (near is None or u.id >= near - 4)]
    starts = [n for n, u in enumerate(lines) if _starts(u)]
    firsts = [n for k, n in enumerate(starts) if k == 0 or n - starts[k - 1] > CHAIN]
    exchanges = [_exchange(lines, first) for first in firsts]
    return next((found for found in reversed(exchanges) if _names_a_time(found)), exchanges[0] if exchanges else [])


def _agreed_interval(offers: list[tuple[int, str, bool]], by_id: dict[int, Utterance]) -> tuple[str, int] | None:
    """The last interval offered that the other person's next line takes up (said again, not refused),
    or stated without a question."""
    chosen = None
    for line, sentence, _ in offers:
        for match in _INTERVAL.finditer(sentence):
            phrase = match.group(0)
            if _COMPARED.search(sentence[:match.start()]):
                continue  # "sooner than two weeks": the interval this visit is not
            if not sentence.endswith("?"):
                if not _AWAY.search(sentence):  # "I'm away next week." is the week it is not
                    chosen = (phrase, line)
                continue
            answer = next((by_id[i] for i in range(line + 1, line + 3) if i in by_id
                           and by_id[i].speaker != by_id[line].speaker), None)
            if answer is None or _REFUSED.search(answer.text):
                continue
            # taken up: said again, or the day or hour offered with it confirmed ("Same time in a
            # fortnight? ... Tuesday the fourteenth, quarter past eleven." - "Quarter past eleven.")
            offered = [m.group(0).lower() for m in (*_DAY.finditer(by_id[line].text), *_HOUR.finditer(by_id[line].text))]
            if phrase.lower().removeprefix("in ") in answer.text.lower() or any(o in answer.text.lower() for o in offered):
                chosen = (phrase, line)
    return chosen


def arranged_next_session(utterances: Sequence[Utterance], near: int | None = None) -> tuple[str, list[int]] | None:
    """("next week, Friday at eight, by video", lines) as the exchange settled it; None when the
    exchange names no day, hour or way of meeting."""
    offers = _offers(utterances, near)
    by_id = {u.id: u for u in utterances}
    day = hour = None
    hour_taken = False  # the client's side has said the clinician's hour back ("Seven's fine.")
    how: tuple[list[str], int] | None = None
    for at, (line, sentence, by_clinician) in enumerate(offers):
        days = [m.group(0) for m in _DAY.finditer(sentence)]
        # "Thursday at two is fine, I'm on a late Friday.": the day given with the hour.
        with_hour = [m.group(0) for m in _DAY.finditer(sentence) if _HOUR.match(sentence, m.end() + 1)]
        said_day = (with_hour or days)[-1] if days else None
        # "Tuesday, eleven o'clock?" - "Tuesday. She does Tuesdays.": the same weekday said of someone's
        # routine keeps the day as offered (unseen 111 read "Next session: next week, Tuesdays at eleven.").
        if said_day and not (day and said_day.lower().endswith("s") and day_named(said_day) == day_named(day[0])):
            day = (said_day, line)
        hours = [m.group(0) for m in _HOUR.finditer(sentence)]
        if not hours and len(sentence.split()) <= SHORT:
            hours = [m.group(0) for m in _BARE_HOUR.finditer(sentence)]
        said = re.sub(r"^at ", "", hours[-1], flags=re.I).lower() if hours else ""
        if hours and not by_clinician and hour is not None and hour_taken and _clock(said) != _clock(hour[0]) \
                and not any(by and _clock(said) in map(_clock, _HOURS_SAID.findall(s)) for _, s, by in offers[at + 1:]):
            hours = []  # "Seven's fine. Unless I've got a job." - "Then we'll come at eight.": a joke, never settled
        if hours:
            hour_taken = not by_clinician and hour is not None and _clock(said) == _clock(hour[0])
            hour = (said, line)
        ways = list(dict.fromkeys(m.group(0).lower() for m in _HOW.finditer(sentence)))
        if ways and (how is None or len(ways) >= len(how[0])):  # "on video ... then in person" over a later "see you on video"
            how = (ways, line)
    if day is None and hour is None and how is None:
        return None
    interval = _agreed_interval(offers, by_id)
    parts = [interval[0].lower()] if interval else []
    said_day = "" if day is None else day[0] if not re.match(r"(?:next|this|the) ", day[0], re.I) else day[0][0].lower() + day[0][1:]
    when = ((said_day[0].upper() + said_day[1:] if not parts else said_day) if day else "") + (" at " + hour[0] if hour else "")
    if when.strip():
        parts.append(when.strip())
    if how:
        parts.append(", then ".join(w if w.startswith(("on ", "by ", "in ", "online", "over ", "phone ")) else f"by {w}" for w in how[0]))
    ids = sorted({x[1] for x in (day, hour, interval, how) if x})
    text = ", ".join(parts)
    return text + ("" if text.endswith(".") else "."), ids


_HOURS_SAID = re.compile(r"\b" + _H + r"\b", re.I)
_NUMBER = {w: str(n) for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}


def _clock(hour: str) -> str:
    """The hour's number ("seven o'clock" and "Seven" -> "7"; "half past four", "half four" and
    "four thirty" -> "4:30") to tell one hour said two ways from another."""
    first = _HOURS_SAID.search(hour)
    word = first.group(0).lower() if first else hour
    number = _NUMBER.get(word, word)
    if re.search(r"\bhalf\b|thirty|:30", hour, re.I):
        return number + ":30"
    if re.search(r"quarter past|fifteen|:15", hour, re.I):
        return number + ":15"
    if re.search(r"quarter to|forty-five|:45", hour, re.I):
        return number + ":45"
    return number


def has_hour(text: str) -> bool:
    return bool(_HOUR.search(text) or re.search(r"\b" + _H + r"[- ](?:thirty|fifteen|forty-five)\b", text, re.I))


def has_day(text: str) -> bool:
    return bool(_DAY.search(text))


def has_how(text: str) -> bool:
    return bool(_HOW.search(text))


def how_part(text: str) -> str:
    """The way of meeting of an arranged text, from its first mention on ("by video, then in person")."""
    match = _HOW.search(text)
    return text[match.start():].rstrip(".") if match else ""


def has_interval(text: str) -> bool:
    return bool(_INTERVAL.search(text))


def day_named(text: str) -> str | None:
    """The weekday a text names ("friday"), or None."""
    match = re.search(r"\b(" + WEEKDAY + r")", text, re.I)
    return match.group(1).lower() if match else None


def hour_named(text: str) -> str | None:
    match = _HOUR.search(text)
    return re.sub(r"^at ", "", match.group(0), flags=re.I).lower() if match else None


def how_sentence(utterances: Sequence[Utterance], line_id: int) -> str | None:
    """The sentence of a line that names how the next visit is held, as said (for a visit settled
    without a day or hour: "half an hour on video the week of the conference, and then in person")."""
    utt = next((u for u in utterances if u.id == line_id), None)
    if utt is None:
        return None
    sentence = next((s for s in _SENTENCES.split(" ".join(utt.text.split())) if _HOW.search(s)), None)
    return re.sub(r"^(?:(?:okay|ok|so|right|alright),?\s+)+", "", sentence, flags=re.I) if sentence else None


# --- the next session: the clinician's sentence that arranges it, completed by the exchange ---------
# The next session as said: a day, an interval, a date, an hour, "same time". Longer alternatives
# first, so "instead of in two weeks" is one phrase.
# "four-thirty" is one time, never "four" (the half hour was cut off).
_SAID_HOUR = (r"(?:\d{1,2}(?::\d\d)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
         r"(?:[- ](?:thirty|fifteen|forty-five)\b)?)")
# Without "at", only a time that cannot be a count: "Monday six thirty", "Monday 6:30", never "the Thursday one".
_HALF_HOUR = (r"(?:\d{1,2}:\d\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
              r"[- ](?:thirty|fifteen|forty-five))")
# A date's ordinal, never "the last" or "the month".
_ORDINAL = (r"(?:\d{1,2}(?:st|nd|rd|th)|(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
            r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
            r"|thirtieth)")
_WHEN = re.compile(r"\b(?:instead of in (?:a|one|two|three|four|\d+) weeks?|(?:on |this |next )?(?:" + WEEKDAY + r")s?"
                   r"(?:(?: at " + _SAID_HOUR + r"| " + _HALF_HOUR + r")\b(?:\s*(?:am|pm|o'clock))?)?|in (?:a|one|two|three|four|\d+) weeks?"
                   r"|next week|(?:on )?the " + _ORDINAL + r"\b|same time|every (?:week|other week|two weeks)|weekly|fortnightly"
                   # said in other words (paraphrase test): "back here in a month?", "a fortnight's time",
                   # "after the holidays", "in the new year"
                   r"|in (?:a|one|two|three|\d+) months?|(?:in )?a fortnight(?:'s time)?"
                   r"|after (?:the )?(?:holidays|christmas|easter|new year|summer|break|half[- ]term)|in the new year)", re.I)
# "Would weekly on Thursdays at eleven work?" and "So next Thursday at eleven." arrange it too (08).
_MEET = re.compile(r"\b(?:meet|see you|next (?:session|appointment|week|time|monday|tuesday|wednesday|thursday|friday|saturday"
                   r"|sunday)|same time|come back|follow[- ]?up|weekly|fortnightly"
                   # "Let's pencil in the 14th", "book you in", "put you in the diary", "regroup", "touch base", "back here"
                   r"|pencil (?:you |it |that )?in|book (?:you |it )?in|put you (?:down|in)|in the diary|regroup|touch base(?! with)"
                   r"|back here)\b", re.I)
# A call named in a sentence that also names a visit is the check-in: "ring you Thursday after four, see you
# Monday at two" (52). Alone, a call may be the session itself: "I'll ring you again next Friday, same time,
# eleven?" (40, a phone session).
# ("a short video check-in next week, and then in person the week after" is the next session, by video.)
_A_CALL = re.compile(r"\b(?:ring|call|phone|text|message|email)(?:ing)? you\b[^,;]*$|\bgive you a (?:quick )?(?:ring|call|bell)\b[^,;]*$",
                     re.I)
_A_VISIT = re.compile(r"\bsee you\b|\bcome (?:in|back)\b", re.I)
_DAYS = re.compile(r"\b(?:" + WEEKDAY + r")", re.I)
_DAY_AND_HOUR = re.compile(r"(?:on |this |next )?(?:" + WEEKDAY + r")s? \S.*", re.I)


NEAR_DAY = 25  # characters between a day (and its date) and the hour said with it
_DATE = re.compile(r"(?:on )?the " + _ORDINAL, re.I)
_CLAUSES = re.compile(r",|;|\s-\s|\b(?:so|but|and then)\b", re.I)


def _away_then(sentence: str, match: re.Match) -> bool:
    """A time named in the clause that says someone is away then ("I'm away next week", "Next week
    I'm away, so it's the week after"): the week there is no session, never the next one."""
    start = max((c.end() for c in _CLAUSES.finditer(sentence, 0, match.start())), default=0)
    end = next((c.start() for c in _CLAUSES.finditer(sentence, match.end())), len(sentence))
    return bool(_AWAY.search(sentence[start:end]))


def _days(phrases: Sequence[str]) -> set[str]:
    return {d.lower() for p in phrases for d in _DAYS.findall(p)}


def next_session(utterances: Sequence[Utterance]) -> tuple[str, list[int]] | None:
    """(text, lines): the next session in the clinician's own words, as "in two weeks, on the twelfth, same time",
    citing the line: of the clinician's sentences in the last third that arrange a meeting and name
    a time, the one naming the most (the first of equals: a closing recap repeats it with less).
    Said words only; None when no such sentence names a time."""
    candidates: list[tuple[list[str], int]] = []
    start = min(int(len(utterances) * (1 - TAIL)), max(0, len(utterances) - 15))
    for utt in utterances[start:]:
        if utt.speaker and is_client(utt.speaker):
            continue
        for sentence in _SENTENCES.split(utt.text):
            named = list(_WHEN.finditer(sentence))
            if _A_VISIT.search(sentence):
                named = [m for m in named if not _A_CALL.search(sentence[max(0, m.start() - 30):m.start()])]
            named = [m for m in named if not _away_then(sentence, m)]
            phrases = list(dict.fromkeys(m.group(0).strip() for m in named))
            # "Okay, Monday six thirty." settles a visit without a word for meeting: a day and an hour;
            # so does a day with its date ("Wednesday the twenty-second, half four").
            dated = bool(_days(phrases)) and any(_DATE.fullmatch(p) for p in phrases)
            day_end = max((m.end() for m in named if _DAYS.search(m.group(0))), default=None)
            hour = _HOUR.search(sentence, day_end) if day_end is not None else None
            # "Thursday the twelfth at six, then.", "Next Wednesday, three o'clock, on video": the hour
            # said just after the day is the visit's.
            if hour and hour.start() - day_end <= NEAR_DAY and not any(has_hour(p) for p in phrases):
                phrases.append("at " + re.sub(r"^at ", "", hour.group(0), flags=re.I).rstrip("."))
            if phrases and (_MEET.search(sentence) or any(_DAY_AND_HOUR.fullmatch(p) for p in phrases) or dated):
                candidates.append((phrases, utt.id))
    if not candidates:
        return _settled(None, utterances)
    best = max(candidates, key=lambda c: len(c[0]))  # the first of equals
    # A day named on the way ("Given Saturday, next week?") is not the visit when a later sentence
    # settles on another day ("Okay, Monday six thirty. See you Monday."): the last day named wins.
    settled = next((_days(c[0]) for c in reversed(candidates) if _days(c[0])), set())
    if _days(best[0]) and not _days(best[0]) & settled:
        best = max((c for c in candidates if _days(c[0]) & settled), key=lambda c: (len(c[0]), len(" ".join(c[0]))))
    text = re.sub(r"\b((?:" + WEEKDAY + r")s?), at ", r"\1 at ", ", ".join(best[0]), flags=re.I)  # "Thursday at two"
    if not re.match(r"(?:" + WEEKDAY + r")\b", text, re.I):
        text = text[0].lower() + text[1:]  # it follows "Next session: "
    return _settled((text + ".", [best[1]]), utterances)


def _settled(fact: tuple[str, list[int]] | None, utterances: Sequence[Utterance]) -> tuple[str, list[int]] | None:
    """The sentence the rule chose, or the exchange as finally settled when that says more: an hour
    or a day the sentence lacks ("next week." where "Tuesday at eleven" was agreed two lines on), or
    the way of meeting (by video), which is added."""
    arranged = arranged_next_session(utterances, fact[1][0] if fact else None)
    if arranged is None:
        return fact
    text, ids = arranged
    interval = _INTERVAL.match(text)
    if (fact is not None and interval and not has_interval(fact[0]) and not re.search(r"\bnext\b", fact[0], re.I)
            and re.search(r"^(?:in |every )|fortnight|\b(?:two|three|four) weeks", interval.group(0), re.I)):
        # "Same slot in two weeks? Friday at nine, video?" - "Friday at nine.": the interval agreed goes with it
        fact = (f"{interval.group(0)}, {fact[0]}", sorted(set(fact[1]) | set(ids)))
    hour = hour_named(text)
    said_hour = _HOUR.search(fact[0]) if fact is not None else None
    if (fact is not None and hour and said_hour and _clock(hour) != _clock(hour_named(fact[0]) or "")
            and max(ids) > max(fact[1]) and day_named(fact[0]) in (None, day_named(text))):
        # "Next week, Monday at two?" - "Could we do three?" - "Three it is.": the hour settled after the sentence
        at = "at " if said_hour.group(0).lower().startswith("at ") else ""
        fact = (fact[0][:said_hour.start()] + at + hour + fact[0][said_hour.end():], sorted(set(fact[1]) | set(ids)))
    if fact is not None and hour and not has_hour(fact[0]) and day_named(fact[0]) == day_named(text):
        # The same day, and the hour said with it: "in two weeks, Monday, the fourteenth, at six p.m."
        glue = " at " if re.search(r"(?:day|days)\.?$", fact[0], re.I) else ", at "  # "Tuesday at ten"; "the fourteenth, at six"
        return (f"{fact[0].rstrip('.')}{glue}{hour}" + ("" if hour.endswith(".") else "."), sorted(set(fact[1]) | set(ids)))
    if fact is None and not (has_hour(text) or has_day(text)):
        said = how_sentence(utterances, max(ids)) if has_how(text) and has_interval(text) else None
        # Settled without a day or hour, the clinician's sentence says it best; "in person" alone
        # may be anyone's visit (a referral), not the next session.
        return (f'as arranged, "{said}"', [max(ids)]) if said else None
    if fact is None or (has_hour(text) and not has_hour(fact[0])) or (has_day(text) and not has_day(fact[0])):
        return (text, ids)
    if has_how(text) and not has_how(fact[0]):
        how = how_part(text)
        if how and not has_day(how) and not has_hour(how):
            return fact[0].rstrip(".") + ", " + how + ".", sorted(set(fact[1]) | set(ids))
    return fact

