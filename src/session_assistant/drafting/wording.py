"""Clinical wording applied to every drafted sentence: counts before units as numerals and
"milligrams" as "mg", the way notes are written ("2.5 mg once a week", "for 3 weeks"); an age the
session never stated taken out of its sentence; and the one sentence splitter drafts and
hand-written notes share.

Transcripts spell numbers as words ("two weeks"); a note a clinician scans writes "2 weeks". The
grounding check reads digits and words alike, so this never turns a supported number into an
unsupported one.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_VALUE = {w: i for i, w in enumerate(_ONES)} | {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
_UNITS = (r"(?:days?|weeks?|months?|years?|hours?|minutes?|times?|nights?|mg|milligrams?|micrograms?|pounds?|"
          r"episodes?|drinks?|cups?|glasses?|pills?|tablets?|sessions?|servings?|miles?|blocks?|flights?)")
_NOT_A_DECIMAL = r"(?<!point )"  # "two point five hours" stays as spoken
_TENS_COUNT = r"\b(?P<tens>%s)(?:[- ](?P<ones>%s))?(?P<rest>[- ]%s\b)" % ("|".join(_TENS), "|".join(_ONES[1:10]), _UNITS)
_SMALL_COUNT = r"\b(?P<small>%s)(?P<rest2>[- ]%s\b)" % ("|".join(_ONES), _UNITS)
_COUNT = re.compile(f"{_NOT_A_DECIMAL}{_TENS_COUNT}|{_NOT_A_DECIMAL}{_SMALL_COUNT}", re.IGNORECASE)
_MILLIGRAMS = re.compile(r"(\d(?:\.\d+)?)\s*(milligrams?|micrograms?)\b", re.IGNORECASE)
_YEAR_OLD = re.compile(r"\b(\d+)[- ]year[- ]old\b", re.IGNORECASE)  # attributive only: "52 years old" stays


def _numeral(match: re.Match) -> str:
    if match.group("small"):
        return f"{_VALUE[match.group('small').lower()]}{match.group('rest2')}"
    value = _VALUE[match.group("tens").lower()] + _VALUE.get((match.group("ones") or "").lower(), 0)
    return f"{value}{match.group('rest')}"


def clinical_wording(text: str) -> str:
    """``"two point five milligrams"`` stays as spoken; ``"two weeks"`` becomes ``"2 weeks"``,
    ``"40 milligrams"`` ``"40 mg"`` and ``"fifty two year old"`` ``"52-year-old"``."""
    text = _COUNT.sub(_numeral, text)
    text = _MILLIGRAMS.sub(lambda m: f"{m.group(1)} {'mg' if m.group(2).lower().startswith('milli') else 'mcg'}",
                           text)
    return _YEAR_OLD.sub(lambda m: f"{m.group(1)}-year-old", text)


_AGE_BEFORE_NOUN = re.compile(r"\b(?P<article>an?)\s+(?P<age>\d+)-year-old\s+(?P<noun>\w)", re.IGNORECASE)
# Only between commas ("Diana Scott, 81 years old, with ..."): in "She is 81 years old." the age is
# the whole predicate, so taking it out would leave "She is ."; that sentence is withheld instead.
_AGE_AFTER_NAME = re.compile(r",\s*\b(?P<age>\d+)\s+years?\s+old\s*,", re.IGNORECASE)


def without_invented_ages(text: str, stated_numbers: set[str]) -> tuple[str, list[str]]:
    """``text`` without the ages in it that ``stated_numbers`` (the session's) lacks, and those ages.

    A small model opens nearly every note with "The patient is a 55-year-old male with a history
    of ...", guessing the age. Withholding the whole sentence would lose the history it carries, so
    only the guessed age goes ("The patient is a male with a history of ..."), and the sentence is
    flagged for the clinician to add the real one.
    """
    removed: list[str] = []

    def article_and_noun(match: re.Match) -> str:
        if match.group("age") in stated_numbers:
            return match.group(0)
        removed.append(match.group("age"))
        article = "an" if match.group("noun").lower() in "aeiou" else "a"
        article = article.capitalize() if match.group("article")[0].isupper() else article
        return f"{article} {match.group('noun')}"

    def name_without_age(match: re.Match) -> str:
        if match.group("age") in stated_numbers:
            return match.group(0)
        removed.append(match.group("age"))
        return ","

    text = _AGE_AFTER_NAME.sub(name_without_age, _AGE_BEFORE_NOUN.sub(article_and_noun, text))
    return " ".join(text.split()), removed


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
# Where a transcript line breaks into sentences for the rules that read it: after ".", "!" or "?",
# never after a title ("Dr. Hassan"); the rule modules share it.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)\s+")
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "st", "vs", "no", "approx", "e.g", "i.e"}


def split_sentences(text: str) -> list[str]:
    """``text`` as sentences: a break after ".", "!" or "?" before a capital or a digit, except
    after a title or abbreviation ("Dr. Smith", "vs. placebo", "e.g. 5 mg")."""
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        last_word = text[start:end.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
        if last_word in _ABBREVIATIONS:
            continue
        parts.append(text[start:end.start()].strip())
        start = end.end()
    return [part for part in (*parts, text[start:].strip()) if part]


def words_up_to(sentences: Iterable[str], limit: int, stop: Callable[[str], bool] | None = None) -> str:
    """The leading ``sentences`` joined, as many as fit in ``limit`` words; none after one ``stop``
    accepts. A quoted answer or a task is cut at a sentence end, never mid-sentence."""
    said: list[str] = []
    for sentence in sentences:
        if (stop and stop(sentence)) or len(" ".join(said + [sentence]).split()) > limit:
            break
        said.append(sentence)
    return " ".join(said)


# '... as the client told it: "Music, I used to play guitar.".': a quote that ends the sentence ends it.
_QUOTE_THEN_STOP = re.compile(r'([.?!…])"\.(?=\s|$)')


def quote_ends_sentence(text: str) -> str:
    """One stop at the end of a sentence: none added after a quote's own, one added after a quote that
    has none ('... client: "I'll ring Claire tonight"' ran into "Next session: ...")."""
    text = _QUOTE_THEN_STOP.sub(r'\1"', text)
    return text + "." if text.endswith('"') and not re.search(r'[.?!…]"$', text) else text
