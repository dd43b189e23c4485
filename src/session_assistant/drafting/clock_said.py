"""A clock time in a model sentence that the session never says as a time.

Why: the kept draft of a family session wrote "The client's worry thermometer showed a low level of
worry at nine o'clock, with a score of 1 out of 10": the boy had rated his worry nine, out of ten, and
"nine" passed the number check because it was said. A time of day is a fact of its own: a note may
give one only when a line says that hour as a time ("nine o'clock", "9 pm", "half past nine", "at
nine tonight"), not as a rating ("What's the worry, at nine?").
"""

from __future__ import annotations

import re

WRONG_TIME = "unsaid_time"  # withheld

_HOURS = "one two three four five six seven eight nine ten eleven twelve".split()
_HOUR = r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])"
# In a note: "at nine o'clock", "9 pm", "9:30", "half past nine", "quarter to ten".
_NOTE_TIME = re.compile(r"\b" + _HOUR + r"(?::[0-5]\d)?\s*(?:o'?clock|[ap]\.?m\b\.?)|\b(?:half|quarter) (?:past|to) " + _HOUR + r"\b"
                        r"|\b(1[0-2]|[1-9]):[0-5]\d\b", re.I)
# A rating said beside the number, or a few lines before: "at nine" in "What's the worry, at nine?" is a point on the scale.
_RATING = re.compile(r"\b(?:scale|out of|thermometer|rate|rating|score|number|worry|worried|nought|zero|percent|level)\b", re.I)
RATING_NEAR = 4  # "How big is the worry, nought to ten?" - "Eight." - "What does it say, at eight?"
_SAID_AT = r"\b(?:at|by|until|till|from|before|after|around|about) "


def _hour(word: str) -> int:
    return _HOURS.index(word.lower()) + 1 if word.lower() in _HOURS else int(word)


def _said_as_time(hour: int, source: str) -> bool:
    names = "|".join({str(hour), _HOURS[hour - 1]})
    said = re.compile(rf"\b(?:{names})(?::[0-5]\d)?\s*(?:o'?clock|[ap]\.?m\b)|\b(?:half|quarter) (?:past|to) (?:{names})\b"
                      rf"|\bhalf (?:{names})\b|\b(?:{names}):[0-5]\d\b|\b(?:{names}) (?:thirty|fifteen|forty-five|in the (?:morning|"
                      rf"afternoon|evening)|at night|tonight|tomorrow)\b", re.I)
    near = re.compile(_SAID_AT + rf"(?:{names})\b", re.I)
    lines = source.splitlines()
    return any(said.search(line) or (near.search(line) and not any(_RATING.search(x) for x in lines[max(0, n - RATING_NEAR):n + 1]))
               for n, line in enumerate(lines))


def unsaid_times(text: str, source: str) -> list[str]:
    """The clock times ``text`` gives that no line of ``source`` says as a time of day."""
    found = []
    for match in _NOTE_TIME.finditer(text):
        word = next(g for g in match.groups() if g)
        if not _said_as_time(_hour(word), source):
            found.append(match.group(0).strip())
    return found
