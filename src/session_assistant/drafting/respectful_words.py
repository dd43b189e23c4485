"""Words that label a person, in the note's own voice, flagged for the clinician to reword.

A therapy note speaks of people first ("her brother, who used drugs"), not by a label ("a drug
addict"); in a session about the stigma of a drug death the label is the very thing the client fights.
The client's own words stay as they were said: only text outside quotation marks is read. Each label
is flagged, the sentence kept, since the right wording depends on what the clinician knows; the one
phrase with a settled replacement, "committed suicide", is rewritten to "died by suicide".
"""

from __future__ import annotations

import re
from session_assistant.drafting.vocabulary import QUOTED_SPAN, rewrite_outside_quotes

LABELLING_WORD = "labelling_word"  # flagged, kept: the clinician words it person-first

_QUOTED = QUOTED_SPAN
_LABELS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern, re.IGNORECASE), name) for pattern, name in (
    (r"\b(?:drug |heroin |crack |opioid )?addicts?\b", "addict"),
    (r"\bjunk(?:ie|y|ies)\b", "junkie"),
    # "Alcoholics Anonymous" is a group's name, not a label
    (r"\balcoholics?\b(?! anonymous)", "alcoholic"),
    (r"\b(?:drug|substance|alcohol) abusers?\b", "abuser"),
    (r"\bnon-?complian(?:t|ce)\b", "non-compliant"),
    (r"\battention[- ]seeking\b", "attention-seeking"),
    (r"\bmanipulative\b", "manipulative"),
))
_COMMITTED = re.compile(r"\bcommitted suicide\b", re.IGNORECASE)


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def labelling_words(text: str) -> list[str]:
    """``labelling_word:<label>`` for each label the sentence uses outside the client's quoted words."""
    plain = _outside_quotes(text)
    return [f"{LABELLING_WORD}:{name}" for pattern, name in _LABELS if pattern.search(plain)]


def died_by_suicide(text: str) -> str:
    """ "committed suicide" (a word from when suicide was a crime) as "died by suicide", outside quotes."""
    return rewrite_outside_quotes(text, lambda piece: _COMMITTED.sub(
        lambda m: "Died by suicide" if m.group(0)[0].isupper() else "died by suicide", piece))
