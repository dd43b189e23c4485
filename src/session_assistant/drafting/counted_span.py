"""A length of time in a model sentence ("for 2 years") checked against the event the session gives it to.

Why: a session says several spans of one unit, and the 1.5B model moves a number from one event to
another. Read in the kept drafts of session 30: "her needle fear, which she had been experiencing for 2
years" where the client had avoided needles for twenty years and it was the fertility treatment they
had waited two years for. ``grounding.unsupported`` asks only whether "2" is said somewhere, and it was.

So, as ``event_days`` does with weekdays, a span is read with its event: the words of the
transcript's sentence that says it, and the words of the note's sentence. A span of the note is wrong
(``WRONG_SPAN``, withheld) when a sentence of the session gives the same unit another number and
shares an event word with the note's sentence, and no sentence giving this number and unit does, nor
says it bare ("It's been three weeks.": of whatever the talk was about).
A span the session never ties to the note's event is left alone.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, content_stems, numbers_in

WRONG_SPAN = "wrong_span"  # withheld

_UNITS = r"years?|months?|weeks?|days?|nights?|hours?|minutes?|decades?"
# A number (digits, or one or two number words) right before a unit: "2 years", "twenty-two years", "for ten days".
_SPAN = re.compile(r"\b((?:\d+(?:\.\d+)?)|(?:[a-z]+[- ])?[a-z]+)\s+(" + _UNITS + r")\b", re.I)
_TENS = set("twenty thirty forty fifty sixty seventy eighty ninety".split())
_ONES = set("one two three four five six seven eight nine".split())
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Words of a sentence that name no event: the note's frame, time and span words.
_FRAME = content_stems("client clinician therapist partner patient reported reports report said says stated states "
                       "described describes mentioned mentions shared expressed told also having had been were was "
                       "felt feeling feel feels that they their them his her she he session about since ago past last "
                       "for over nearly almost about around just only now still year years month months week weeks "
                       "day days night nights hour hours minute minutes decade decades time times long while really "
                       "experienced experiencing experience like yeah okay well know think it's that's there's you've i've we've "
                       "can ask asked these those how which what when where who why then")


def _spans(text: str) -> list[tuple[str, str]]:
    """(number, unit without its plural) for each span said in ``text``."""
    found = []
    for match in _SPAN.finditer(text):
        said = match.group(1).lower().replace("-", " ").split()
        # "twenty two years" is one number; "fourteen two weeks ago" ("It was fourteen, two weeks ago") the last
        compound = len(said) == 2 and said[0] in _TENS and said[1] in _ONES
        numbers = numbers_in(" ".join(said if compound else said[-1:]))
        if len(numbers) == 1:
            found.append((numbers.pop(), match.group(2).lower().rstrip("s")))
    return found


def _events(text: str) -> set[str]:
    """The event words of ``text``: its content words less the frame and the numbers ("three" is no event)."""
    kept = " ".join(w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if not numbers_in(w))
    return content_stems(kept) - _FRAME


def said_spans(source: SourceIndex) -> list[tuple[str, str, frozenset[str]]]:
    """(number, unit, the event words of its sentence) for each span the transcript says."""
    found = []
    for utt in source.utterances:
        for sentence in _SENTENCE.split(" ".join(utt.text.split())):
            events = frozenset(_events(sentence))
            found += [(number, unit, events) for number, unit in _spans(sentence)]
    return found


def wrong_spans(text: str, source: SourceIndex) -> list[str]:
    """The spans of ``text`` ("2 year") whose event the session gives another number of that unit."""
    spans = _spans(text)
    if not spans:
        return []
    said = source.once(said_spans)
    events = _events(text)
    wrong = []
    for number, unit in spans:
        same = [e for n, u, e in said if u == unit and n == number]
        other = [e for n, u, e in said if u == unit and n != number]
        if any(events & e or not e for e in same):
            continue  # said of this event, or bare ("It's been three weeks."): of whatever the talk was about
        if any(events & e for e in other):
            wrong.append(f"{number} {unit}")
    return list(dict.fromkeys(wrong))
