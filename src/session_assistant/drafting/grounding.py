"""Grounding checks: evidence ids that exist, and facts in a draft that the source never states.

All checks are plain rules a clinician can read: a number (digits or words), a capitalised name,
a medication-like word, or a date word in the draft that appears nowhere in the source is flagged.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Callable, Iterable, Sequence, TypeVar

from session_assistant.drafting.feeling_words import STOCK_FAMILIES
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.word_stems import plural_stem, stem

T = TypeVar("T")
_TEXT_CACHES: list = [stem, plural_stem]  # the stems of transcript words are transcript text too


def text_cache(maxsize: int) -> Callable:
    """``lru_cache`` for a function of transcript text (PHI held in memory): ``forget_cached_text``
    empties every such cache, and the window calls it when the vault locks."""
    def wrap(function: Callable) -> Callable:
        cached = lru_cache(maxsize=maxsize)(function)
        _TEXT_CACHES.append(cached)
        return cached
    return wrap


def forget_cached_text() -> None:
    """Drop every transcript word and line the drafting caches hold (on lock)."""
    for cached in _TEXT_CACHES:
        cached.cache_clear()

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = set("""a an the and or but if of to in on at for with from by as is are was were be been being it its this
that these those he she they them his her their him i you we our your my me not no nor so than then there here
has have had do does did will would can could should may might must also about into over under again very just
reported reports report states stated says said client patient clinician doctor session note noted""".split())
_MONTHS = set("january february march april may june july august september october november december".split())
_WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())
_DRUG_SUFFIXES = ("pril", "olol", "sartan", "statin", "pine", "zole", "prazole", "mab", "cillin", "mycin",
                  "azepam", "zolam", "oxetine", "aline", "ipramine", "triptyline", "apine", "idone", "afil",
                  "gliptin", "gliflozin", "formin", "sone", "lone", "tidine", "profen", "codone", "ximab",
                  "vir", "cycline", "floxacin", "dronate", "thiazide", "semide", "barbital")
_DOSE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg|ml|g|units?|iu)\b", re.I)
_ALLOWED_CAPS = {"client", "patient", "clinician", "doctor", "the", "i", "soap", "dap", "birp", "girp", "ai"}


# The stock feelings and symptoms, as patterns of the note's words (``feeling_words.STOCK_FAMILIES``).
_FEELINGS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = tuple(
    (re.compile(r"\b(?:%s)" % "|".join(note), re.I), support) for note, support in STOCK_FAMILIES)


def unsaid_feelings(text: str, source_text: str) -> list[str]:
    """Feeling or symptom words in ``text`` that nothing in ``source_text`` supports."""
    low = " " + " ".join(source_text.lower().split())
    found = []
    for pattern, support in _FEELINGS:
        match = pattern.search(text)
        if match and not any(re.search(r"\b" + re.escape(word), low) for word in support):
            found.append(re.match(r"[\w-]+", text[match.start():]).group(0).lower())
    return found


_TAIL_FILLER = {"a", "an", "some", "lack", "of", "low", "poor", "reduced", "decreased", "little", "no", "and", "or", "feelings",
                "feeling", "signs", "general", "overall", "levels", "level"}


def strip_unsaid_feelings(text: str, source_text: str) -> tuple[str, list[str]]:
    """``text`` without the unsupported feeling words it lists among others ("tired, anxious, and
    stressed" -> "tired and stressed"), and the words taken out. A word that is not one item of
    such a list stays (the caller withholds the sentence): taking it out would change the claim."""
    removed = []
    unsaid = unsaid_feelings(text, source_text)
    # ", with a lack of energy and motivation." at the end: a clause of unsaid symptoms alone goes whole.
    tail = re.search(r",\s+(?:with|and)\s+([^,.;]*)\.?$", text)
    if tail and unsaid:
        left = set(re.findall(r"[a-z]+", tail.group(1).lower())) - _TAIL_FILLER
        cut = [w for w in unsaid if any(t.startswith(w[:5]) for t in left)]
        if cut and all(any(t.startswith(w[:5]) for w in cut) for t in left):
            return text[:tail.start()].rstrip() + ".", cut
    for word in unsaid:
        if word.endswith("ing"):
            continue  # "trouble sleeping and that ...": the object of a claim, not an item of a list
        w = re.escape(word)
        listed = (rf",\s+(?:and\s+|or\s+)?{w}\b(?=[,.;\s])", rf"\b{w},\s+(?=\w)", rf"\b{w}\s+(?:and|or)\s+(?=\w)",
                  rf",?\s+(?:and|or)\s+{w}\b")
        for pattern in listed:
            shorter = re.sub(pattern, "", text, count=1, flags=re.I)
            if shorter != text:
                text = shorter
                removed.append(word)
                break
    # "tired, and stressed" after the middle item went: a pair needs no comma.
    text = re.sub(r"^([^,]*\b\w+), (and|or) (\w+)", r"\1 \2 \3", text)
    return text, removed


def numbers_in(text: str) -> set[str]:
    """Every number in the text, as digits or English words (the same rule as the eval's scorer)."""
    text = text.lower().replace(",", "")
    found = set(re.findall(r"\d+(?:\.\d+)?", text))
    total, current, seen = 0, 0, False
    for word in re.findall(r"[a-z]+|\d+(?:\.\d+)?", text.replace("-", " ")):
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
            seen = True
        elif word in _SCALES and seen:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] == 1000:
                total, current = total + current, 0
        elif word == "and" and seen:
            continue
        else:
            if seen:
                found.add(str(total + current))
            total, current, seen = 0, 0, False
    if seen:
        found.add(str(total + current))
    return {n.rstrip("0").rstrip(".") if "." in n else n for n in found}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    return set(_content_words(text))  # a fresh set: callers may change theirs


@text_cache(maxsize=1 << 14)
def _content_words(text: str) -> frozenset[str]:
    # Every check of every model sentence reads the content words of every transcript line: cached,
    # a 50-minute session's note composed in 38 s took most of it here (bench/README.md, session 23).
    return frozenset(plural_stem(w) for w in words(text) if w not in _STOP and len(w) > 2)


def content_stems(text: str) -> set[str]:
    """The content words of ``text`` by their full stem (``word_stems.stem``): "phoning" meets "phone"."""
    return set(_content_stems(text))


@text_cache(maxsize=1 << 14)
def _content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text) if w not in _STOP and len(w) > 2)


class SourceIndex:
    """What the source (transcript or hand-written note) says, for fast grounding checks."""

    def __init__(self, utterances: Sequence[Utterance]) -> None:
        self.utterances = list(utterances)
        self.by_id = {u.id: u for u in self.utterances}
        self.order = [u.id for u in self.utterances]
        self.position = {i: n for n, i in enumerate(self.order)}  # an id's place in the transcript
        full = "\n".join(u.text for u in self.utterances)
        self.text = full
        self.numbers = numbers_in(full)
        self.vocab = ({plural_stem(w) for w in words(full)}
                      | {plural_stem(w) for u in self.utterances for w in words(u.speaker)})
        self._content = {u.id: content_words(u.text) for u in self.utterances}
        # Inverse document frequency so rare shared words (a drug, a place) count more than common ones.
        df: dict[str, int] = {}
        for bag in self._content.values():
            for w in bag:
                df[w] = df.get(w, 0) + 1
        n = max(1, len(self.utterances))
        self._idf = {w: math.log(1 + n / c) for w, c in df.items()}

    def once(self, compute: Callable[["SourceIndex"], T]) -> T:
        """``compute(self)``, computed once for this source: what a check reads from the whole
        transcript (names, the days events are tied to) is the same for every sentence it checks,
        and was read again for each one. The result is shared: callers must not change it."""
        memo = self.__dict__.setdefault("_once", {})
        if compute not in memo:
            memo[compute] = compute(self)
        return memo[compute]

    def valid_ids(self, ids: Iterable) -> list[int]:
        out: list[int] = []
        for raw in ids:
            try:
                i = int(raw)
            except (TypeError, ValueError):
                continue
            if i in self.by_id and i not in out:
                out.append(i)
        return out

    def around(self, ids: Iterable[int], before: int, after: int | None = None) -> list[int]:
        """The lines ``ids`` (valid ones) with up to ``before`` lines before each and ``after``
        (default: as many) after it, in transcript order."""
        after = before if after is None else after
        keep: set[int] = set()
        for i in self.valid_ids(ids):
            at = self.position[i]
            keep.update(self.order[max(0, at - before):at + after + 1])
        return [i for i in self.order if i in keep]

    def overlap(self, text: str, seg_id: int) -> float:
        bag = content_words(text)
        # fsum: a float sum over a set of words depends on the set's order, which string hashing
        # changes from run to run; two equal scores then tied differently (25's evidence [87, 86] or [86, 87]).
        return math.fsum(self._idf.get(w, 0.0) for w in bag & self._content.get(seg_id, set()))

    def best_matches(self, text: str, limit: int = 2) -> list[int]:
        """The segments sharing the most (rare) content words with ``text``, best first."""
        bag = content_words(text)
        if not bag:
            return []
        scored = []
        for seg_id, seg_bag in self._content.items():
            score = math.fsum(self._idf.get(w, 0.0) for w in bag & seg_bag)
            if score > 0:
                scored.append((score, seg_id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [seg_id for _, seg_id in scored[:limit]]

    def ground_evidence(self, text: str, cited: Iterable) -> list[int]:
        """Cited ids that exist and share words with the sentence; else the best-matching segments."""
        ids = [i for i in self.valid_ids(cited) if self.overlap(text, i) > 0]
        return ids or self.best_matches(text)

    def unsupported(self, text: str) -> list[str]:
        """Flags for numbers, names, medications, doses and dates the source never states."""
        flags: list[str] = []
        for number in sorted(numbers_in(text) - self.numbers):
            flags.append(f"unsupported_number:{number}")
        tokens = re.findall(r"[A-Za-z][A-Za-z'-]+", text)
        for position, token in enumerate(tokens):
            low = token.lower()
            if plural_stem(low) in self.vocab or low in self.vocab:
                continue
            if low in _MONTHS or low in _WEEKDAYS:
                flags.append(f"unsupported_date:{token}")
            elif low.endswith(_DRUG_SUFFIXES) and len(low) > 6:
                flags.append(f"unsupported_medication:{token}")
            elif token[0].isupper() and position > 0 and low not in _ALLOWED_CAPS:
                flags.append(f"unsupported_name:{token}")
        for dose in _DOSE.findall(text):
            if not numbers_in(dose) <= self.numbers:
                flags.append(f"unsupported_dose:{dose}")
        return list(dict.fromkeys(flags))
