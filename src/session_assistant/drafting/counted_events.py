"""A count in a model sentence that the transcript gives another number, never this one.

Why: read in d0303's draft of 01: "They also reported having three thought records" where the client
did four ("So I did four thought records", said back twice) and three was the week's panic attacks.
The number is said in the session, and in a line with the thing it counts ("Panic attacks are down
from five to three ..., and you did four thought records"), so checks that look for the number near
the sentence's words pass it. A count binds to the noun it stands before: "four thought records".
When the session counts the same thing with one other number only (a part, "the other two", or a
rate, "one a day", counts no total), the sentence is withheld (``WRONG_COUNT``). A span or a score ("three weeks", "out of ten") is
``cited_support``'s; a thing the session never counts is left alone.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, content_stems, numbers_in
from session_assistant.drafting.vocabulary import QUOTED_SPAN

WRONG_COUNT = "wrong_count"
# "had 3 flights" (unseen 108): three was the client's coffees in the greeting, flights were never counted.
# A number said only in lines far from the thing the sentence counts joins two facts into one claim.
STRAY_COUNT = "count_from_elsewhere"
# The thing counted may be named in the question a few lines up ("So how many [seizures] this week?" /
# "Four.", 94) or in the line just after; further away the number belonged to something else.
_NOUN_BEFORE_LINES = 3
_NOUN_AFTER_LINES = 1
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_NUMBER = (r"(?<![\w-])(?:\d+(?:,\d{3})*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:%s))?|%s|ten|eleven|"
           r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)" % (_UNITS, _UNITS))
# "four thought records": the number and the word it stands before (a measure's "PHQ-9" is a name, not a count).
_COUNTED = re.compile(r"(?P<number>%s)\s+(?P<noun>[a-z][a-z-]{3,})\b" % _NUMBER, re.I)
# Words a number stands before that count nothing: spans, scores, times (``cited_support``'s), and the
# words of a sentence going on ("five to six", "seven weeks ago", "20 minutes before", "6 today").
_NOT_COUNTED = content_stems("""minute minutes hour hours day days night nights week weeks month months year years time
    times session sessions percent per cent o'clock thirty fifteen forty fifty sixty seventy eighty ninety hundred
    today tonight tomorrow yesterday now then ago before after later earlier most more less than each every last next
    this that these those when while with without from into over under about around above below between during since
    until till out other others others' people things ones more maybe times point points units""")


# A part of the whole ("the other two invoices", "two more") or a rate ("one sheet a day") counts no total.
_PART_BEFORE = re.compile(r"\b(?:other|another|more|remaining|extra|last|first|next|further|only|those|these)\s+$", re.I)
# A rating, not a count: "an importance of seven support the goal", "about a seven", "rated it five".
_RATING_BEFORE = re.compile(r"\b(?:(?:importance|confidence|readiness|rating|score|level|urge|anxiety|mood) of|a|an|at|rated?(?: it)?"
                            r"|scored?)\s+$", re.I)
_RATE_AFTER = re.compile(r"^\s+(?:[a-z-]+\s+)?(?:a|per|each|every)\s+(?:day|night|week|morning|evening|time|session)\b", re.I)


def _counts(text: str) -> list[tuple[str, str]]:
    """(number, noun stem) for each whole count in ``text``."""
    found = []
    for match in _COUNTED.finditer(text):
        numbers = numbers_in(match.group("number"))
        noun = match.group("noun").lower()
        bag = content_stems(noun)
        # "one question about ..." picks one out; it counts no total
        if len(numbers) != 1 or numbers == {"1"} or not bag or bag & _NOT_COUNTED or numbers_in(noun):
            continue
        if _PART_BEFORE.search(text[max(0, match.start() - 12):match.start()]) or _RATE_AFTER.match(text[match.end():]) \
                or _RATING_BEFORE.search(text[max(0, match.start() - 24):match.start()]):
            continue
        found.append((next(iter(numbers)), next(iter(bag))))
    return found


def _session_counts(source: SourceIndex) -> dict[str, set[str]]:
    said: dict[str, set[str]] = {}
    for number, noun in _counts(source.text):
        said.setdefault(noun, set()).add(number)
    return said


def wrong_counts(text: str, source: SourceIndex) -> list[str]:
    """The counts ("three thought") of ``text`` whose noun the session counts only with other numbers."""
    said = source.once(_session_counts)
    wrong = []
    for number, noun in _counts(QUOTED_SPAN.sub(" ", text)):
        # one count the session keeps to ("four thought records", said again): a noun it counts with
        # several numbers ("nine questions", "twenty questions") is no one event
        if len(said.get(noun, ())) == 1 and number not in said[noun]:
            wrong.append(f"{number} {noun}")
    return list(dict.fromkeys(wrong))


def wrong_count_flags(text: str, source: SourceIndex) -> list[str]:
    return [f"{WRONG_COUNT}:{count}" for count in wrong_counts(text, source)]


def _lines_by_number(source: SourceIndex) -> dict[str, list[int]]:
    at: dict[str, list[int]] = {}
    for place, utterance in enumerate(source.utterances):
        for number in numbers_in(utterance.text):
            at.setdefault(number, []).append(place)
    return at


def stray_counts(text: str, source: SourceIndex) -> list[str]:
    """The counts ("3 flight") of ``text`` whose number the session says, but never near the thing counted:
    each line with the number lacks the noun, and so do the few lines around it."""
    at = source.once(_lines_by_number)
    lines = source.utterances
    stray = []
    for number, noun in _counts(QUOTED_SPAN.sub(" ", text)):
        places = at.get(number, [])
        near = (content_stems(lines[n].text) for place in places
                for n in range(max(0, place - _NOUN_BEFORE_LINES), min(len(lines), place + _NOUN_AFTER_LINES + 1)))
        if places and not any(noun in bag for bag in near):
            stray.append(f"{number} {noun}")
    return list(dict.fromkeys(stray))


def stray_count_flags(text: str, source: SourceIndex) -> list[str]:
    return [f"{STRAY_COUNT}:{count}" for count in stray_counts(text, source)]
