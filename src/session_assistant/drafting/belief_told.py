"""A belief's rating that the client gives without being asked for it again, for the course of the
belief within the session (``rating_course``): the Assessment's response to cognitive work and the
Objective's restructuring.

Why: the courses were found only when the clinician asked for every rating ("And now?", "So if you
rerate it?"). On sessions no rule writer had read, clients often give the second number themselves:
weighing the evidence, the answer to "Does that fit with nobody wants you?" ends "Sixty, maybe."; or
they set the two numbers side by side in one line after an alternative thought: "I'd give the first
one ninety percent last week. Maybe sixty now." Two shapes, none tied to a phrasing:

- ``rerated_unasked``: after a belief was rated when asked, a later client line in the same stretch
  of work holds a sentence that is a number alone ("Sixty, maybe.", "Still seventy.") while the
  clinician's line before it asks no other rating, count or time.
- ``then_and_now``: one client line rates a thought twice, once for a time before ("last week", "when
  I came in") and once for now, on a scale it names ("percent", "out of ten"), speaking of how true or
  believable the thought is.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.grounding import numbers_in
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import RATING_ASK, scale_top, without_leading_stage
from session_assistant.drafting.wording import SENTENCE_BREAK

NUM_WORD = (r"(?:\d{1,3}(?:\.\d)?|zero|nought|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
            r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|one hundred|hundred)"
            r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
_HEDGE = r"(?:it'?s|that'?s|like|now|about|maybe|probably|perhaps|um,?|uh,?|still|down to|up to|more like|nearer|closer to|i'?d say|so|ok(?:ay)?,?|oh,?)"
# A sentence that is a rating alone: "Sixty, maybe.", "Still seventy.", "Maybe forty percent now."
_NUMBER_ALONE = re.compile(r"^(?:" + _HEDGE + r"\s+)*(?:a |an )?(" + NUM_WORD + r")(?:\s*(?:%|percent|per cent))?"
                           r"(?:,?\s+(?:maybe|probably|perhaps|now|i think|i'?d say|i guess|at most|tops|or so|ish|these days))*[.!]?$", re.I)
# The clinician's line before asks for something else than the belief: a count, a time, another rating.
_ASKS_OTHER = re.compile(r"\bhow (?:many|often|long|old|far|much (?:money|time|sleep))\b|\bwhat time\b|\bwhen\b|\bwhich (?:day|week)\b"
                         r"|\b(?:breathe|picture|imagine|close your eyes)\b", re.I)
REASK_LINES = 6  # lines from the belief's last rating to the client's own next number
MAX_RATINGS = 4


def number_alone(text: str) -> tuple[str, float] | None:
    """(the number as said, its value) from the first sentence of ``text`` that is a rating alone."""
    for sentence in SENTENCE_BREAK.split(" ".join(text.split())):
        m = _NUMBER_ALONE.match(without_leading_stage(sentence))
        found = numbers_in(m.group(1)) if m else set()
        if len(found) == 1:
            return m.group(1), float(next(iter(found)))
    return None


def _top(scale: str) -> float:
    return 10.0 if scale == "out of 10" else 7.0 if scale == "out of 7" else 5.0 if scale == "out of 5" else 100.0


def _plausible(value: float, scale: str, first: float) -> bool:
    """A number that can rate the same belief again: on a scale of a hundred (named, or read from a first
    answer above ten) a single figure ("Two.") is more likely an item or a count than a rating."""
    if scale in ("out of 100", "%") or (not scale and first > 10):
        return value == 0 or 10 <= value <= 100
    return value <= (_top(scale) if scale else 10)


def rerated_unasked(lines: Sequence[Utterance], last_at: int, speaker: str, scale: str, first: float,
                    taken: set[int]) -> list[tuple[str, float, list[int]]]:
    """The numbers the client (``speaker``) gives for a belief after its rating at ``lines[last_at]``,
    each as (said, value, [the clinician's line before, the client's line]), up to the next rating
    asked. ``first``: the belief's first rating; ``taken``: indexes of lines another rating already holds."""
    found: list[tuple[str, float, list[int]]] = []
    n = last_at + 1
    while n < len(lines) and n - last_at <= REASK_LINES and len(found) < MAX_RATINGS:
        utt = lines[n]
        if n in taken:
            break  # a rating asked again: its course goes on from there
        before = lines[n - 1]
        if not is_client(utt.speaker):
            if RATING_ASK.search(utt.text):
                break  # another rating asked: what follows answers it
            n += 1
            continue
        if utt.speaker != speaker or is_client(before.speaker) or _ASKS_OTHER.search(before.text):
            n += 1
            continue
        rating = number_alone(utt.text)
        if rating is not None and _plausible(rating[1], scale, first):
            found.append((rating[0], rating[1], [before.id, utt.id]))
            last_at = n
        n += 1
    return found


# A time before now, and now, each beside one of the two numbers.
_THEN = re.compile(r"\blast (?:week|month|time|session|night)\b|\bbefore\b|\bat (?:the )?(?:start|first|beginning)\b|\bearlier\b|\byesterday\b"
                   r"|\bthis morning\b|\bwhen (?:I|we) (?:came in|started|walked in|arrived|sat down)\b", re.I)
_NOW = re.compile(r"\b(?:right )?now\b|\btoday\b|\bat the moment\b|\bthese days\b", re.I)
# How true or believable a thought is: the client's words, or the clinician's line before.
_BELIEF_WORDS = re.compile(r"\btrue\b|\bbeliev\w*|\bbelief\b|\bconvinced\b|\bbuy (?:it|that)\b", re.I)
_RATING_TOLD = re.compile(r"\b(?:percent|per cent)\b|%|\bout of (?:a )?(?:hundred|100|ten|10)\b|\bI'?d (?:give|put|rate|say) (?:it|that|the \w+(?: one)?)\b"
                          r"|\bI'?d have (?:said|put|given)\b", re.I)
# ("the first one, ninety percent": "one" names which thought, not a rating)
_NUMBER = re.compile(r"\b(?!(?:one|none)\b(?! hundred))(" + NUM_WORD + r")\b(?!\s*(?:days?|times|hours?|minutes?|weeks?|months?|years?|o'?clock|pounds?|people|nights?)\b)", re.I)


def then_and_now(lines: Sequence[Utterance], n: int) -> tuple[str, list[tuple[str, float, str]]] | None:
    """(the scale, [(said, value, "last week"), (said, value, "now")]) when the client's line ``lines[n]``
    rates a thought for a time before and for now; None otherwise."""
    utt = lines[n]
    before = lines[n - 1].text if n > 0 and not is_client(lines[n - 1].speaker) else ""
    text = " ".join(utt.text.split())
    # the scale in the client's words, or in the question answered ("How much do you believe it now, out of a hundred?")
    if (not is_client(utt.speaker) or not (_RATING_TOLD.search(text) or RATING_ASK.search(before))
            or not (_BELIEF_WORDS.search(text) or _BELIEF_WORDS.search(before))):
        return None
    then = now = None
    for sentence in SENTENCE_BREAK.split(text):
        said = [m for m in _NUMBER.finditer(sentence) if len(numbers_in(m.group(1))) == 1]
        if len(said) != 1:
            continue  # "ninety, maybe eighty last week": which one is then is not said
        m = said[0]
        value = float(next(iter(numbers_in(m.group(1)))))
        when_then, when_now = _THEN.search(sentence), _NOW.search(sentence)
        if when_then and not when_now and then is None:
            then = (m.group(1), value, when_then.group(0).lower())
        elif when_now and not when_then and now is None and then is not None:
            now = (m.group(1), value, "now")
    scale = scale_top(text) or scale_top(before)
    if then is None or now is None or max(then[1], now[1]) > _top(scale):
        return None
    return scale, [then, now]
