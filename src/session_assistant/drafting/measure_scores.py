"""A score in a model sentence given to the wrong measure: "a PHQ-9 score of 12" where 12 was the
GAD-7's and the PHQ-9 was 15.

Why: sessions and charts carry two or three measures with their totals, and the small model pairs
a total with the next measure name it writes. A score stated beside a measure's name must be one the
chart or the session gives that measure; when the number is another measure's and never this one's,
the sentence is withheld (``WRONG_MEASURE``). A number no measure owns is ``unsupported_number``'s.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.grounding import SourceIndex, numbers_in

WRONG_MEASURE = "wrong_measure"
# A measure's name: "PHQ-9", "GAD-7", "CORE-10", "PCL-5", "WSAS", "AAQ-II", "Y-BOCS".
_NAME = re.compile(r"\b(?:[A-Z]-)?[A-Z]{2,6}(?:-(?:\d{1,2}|II|A|R|SF))?\b")
_NOT_MEASURES = {"GP", "AM", "PM", "OK", "TV", "CBT", "DBT", "ACT", "EMDR", "IPT", "CAT", "MI", "BA", "CPT", "ERP",
                 "PTSD", "OCD", "GAD", "ADHD", "MS", "IBS", "NHS", "CAMHS", "A&E", "ER", "ICU", "UK", "US", "MRI",
                 "SSRI", "II", "NET", "ID", "AA"}
SCORE_WORDS = 8  # a score stands within this many words after its measure's name


def _scores_in(text: str) -> list[tuple[str, set[str]]]:
    """(measure name, the numbers after it up to the next name or ``SCORE_WORDS`` words)."""
    found = []
    names = [m for m in _NAME.finditer(text) if m.group(0) not in _NOT_MEASURES]
    for n, match in enumerate(names):
        end = names[n + 1].start() if n + 1 < len(names) else len(text)
        after = " ".join(text[match.end():end].split()[:SCORE_WORDS])
        numbers = numbers_in(re.sub(r"\b(?:out of|/)\s*\d+", " ", after))
        if numbers:
            found.append((match.group(0).upper(), numbers))
    return found


def wrong_measures(text: str, source: SourceIndex, measures: Sequence[str] = ()) -> list[str]:
    """The "MEASURE number" pairs of ``text`` whose number is another measure's and never this one's."""
    stated = _scores_in(text)
    if not stated:
        return []
    owned: dict[str, set[str]] = {}
    for line in [*measures, *(u.text for u in source.utterances)]:
        for name, numbers in _scores_in(line):
            owned.setdefault(name, set()).update(numbers)
    wrong = []
    for name, numbers in stated:
        if name not in owned:
            continue
        others = set().union(*(v for k, v in owned.items() if k != name))
        wrong += [f"{name} {n}" for n in sorted(numbers) if n not in owned[name] and n in others]
    return list(dict.fromkeys(wrong))
