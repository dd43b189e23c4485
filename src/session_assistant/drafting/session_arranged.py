"""The next appointment as it was finally settled, across the back-and-forth that settles it.

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

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_H = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])"
_UNIT = r"(?!\s*(?:weeks?|days?|months?|times|minutes|hours|more|of|out|and|or)\b)"
_HOUR = re.compile(r"\b(?:quarter (?:past|to) " + _H + r"|half past " + _H + r"|" + _H + r"[- ](?:thirty|fifteen|forty-five)"
                   r"|\d{1,2}:\d\d|" + _H + r" o'clock|" + _H + r" ?(?:a\.m\.|p\.m\.|am\b|pm\b))"
                   r"|\bat " + _H + r"\b" + _UNIT + r"(?: ?(?:a\.m\.|p\.m\.|am\b|pm\b))?", re.I)
# A bare number is an hour only where an hour is offered: first in its sentence ("Eight?", "Ten on
# Friday."), or after "got", "at", "say", "time," ("I've got eleven.", "same time, ten?").
_BARE_HOUR = re.compile(r"(?:^|(?<=\bgot )|(?<=\bat )|(?<=\bsay )|(?<=\btime, ))" + _H + r"\b" + _UNIT, re.I)
_DAY = re.compile(r"\b(?:(?:next|this) )?(?:the )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?: after next)?"
                  r"(?: (?:morning|afternoon|evening))?\b", re.I)
_INTERVAL = re.compile(r"\b(?:next week|(?:in )?(?:a|one|two|three|four|\d) weeks?|every (?:other week|two weeks|week)|weekly"
                       r"|fortnightly|the week after(?: next)?)\b", re.I)
_HOW = re.compile(r"\b(?:(?:on |by )?video(?! games?)|by phone|over the phone|phone (?:session|appointment)|in person|telehealth)\b", re.I)
# A line that starts arranging the next visit.
_ARRANGE = re.compile(r"\b(?:next (?:time|session|appointment|week)|see you|same time|keep every|come back|book (?:you|in)"
                      r"|when (?:do|would) you (?:want|like) to)\b", re.I)
# An offer or a confirmation of a time: "Can we do Friday?", "I've got eleven.", "Eight's good.", "Six thirty works."
_OFFER = re.compile(r"\b(?:can we do|could we do|how about|what about|i(?:'ve| have) got|i can do|i could do|works|work for you"
                    r"|is good|'s good|is fine|'s fine|then)\b", re.I)
_REFUSED = re.compile(r"\b(?:not|can'?t|cannot|long time|busy|away|conference)\b", re.I)
WINDOW = 10  # lines after the first arranging line
SHORT = 5  # a bare "Eight?" or "I've got six." names an hour only in a sentence this short
TAIL = 1 / 3


def _offers(utterances: Sequence[Utterance], near: int | None) -> list[tuple[int, str, bool]]:
    """(line id, sentence, said by the clinician) for each sentence of the exchange that offers or
    confirms a time, from the clinician's first arranging line in the last third (at most four
    lines before ``near``, the line another rule chose) on."""
    start = min(int(len(utterances) * (1 - TAIL)), max(0, len(utterances) - 15))
    lines = [u for u in utterances[start:] if u.speaker and (near is None or u.id >= near - 4)]
    first = next((n for n, u in enumerate(lines) if not is_client(u.speaker) and _ARRANGE.search(u.text)), None)
    if first is None:
        return []
    found = []
    for utt in lines[first:first + WINDOW + 1]:
        for sentence in _SENTENCES.split(" ".join(utt.text.split())):
            question = sentence.endswith("?") and len(sentence.split()) <= 10
            short = len(sentence.split()) <= SHORT and (_DAY.search(sentence) or _BARE_HOUR.search(sentence))
            if question or short or _ARRANGE.search(sentence) or _HOUR.search(sentence) or _OFFER.search(sentence) \
                    or _HOW.search(sentence):
                found.append((utt.id, sentence, not is_client(utt.speaker)))
    return found


def _agreed_interval(offers: list[tuple[int, str, bool]], by_id: dict[int, Utterance]) -> tuple[str, int] | None:
    """The last interval offered that the other person's next line takes up (said again, not refused),
    or stated without a question."""
    chosen = None
    for line, sentence, _ in offers:
        for match in _INTERVAL.finditer(sentence):
            phrase = match.group(0)
            if not sentence.endswith("?"):
                chosen = (phrase, line)
                continue
            answer = next((by_id[i] for i in range(line + 1, line + 3) if i in by_id
                           and by_id[i].speaker != by_id[line].speaker), None)
            if answer is not None and phrase.lower().removeprefix("in ") in answer.text.lower() \
                    and not _REFUSED.search(answer.text):
                chosen = (phrase, line)
    return chosen


def arranged_next_session(utterances: Sequence[Utterance], near: int | None = None) -> tuple[str, list[int]] | None:
    """("next week, Friday at eight, by video", lines) as the exchange settled it; None when the
    exchange names no day, hour or way of meeting."""
    offers = _offers(utterances, near)
    by_id = {u.id: u for u in utterances}
    day = hour = None
    how: tuple[list[str], int] | None = None
    for line, sentence, _ in offers:
        days = [m.group(0) for m in _DAY.finditer(sentence)]
        if days:
            day = (days[-1], line)
        hours = [m.group(0) for m in _HOUR.finditer(sentence)]
        if not hours and len(sentence.split()) <= SHORT:
            hours = [m.group(0) for m in _BARE_HOUR.finditer(sentence)]
        if hours:
            hour = (re.sub(r"^at ", "", hours[-1], flags=re.I).lower(), line)
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
    match = re.search(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", text, re.I)
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
