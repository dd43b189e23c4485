"""A weekday in a model sentence of a therapy note, checked against the event the transcript ties it to.

Why: a session names several days, and the 1.5B model moves a day from one event to another. Read
in the kept drafts: "a plan to use a shotgun on Sunday" where the client had chosen Thursday and
Sunday was the night he sat in the barn with the gun (72: "a plan to use a shotgun this Thursday, and
a rehearsal on Sunday night", one line holding both days). Checking that the day is said somewhere
in the session, or in a line that also holds the event, passes it; a therapist strikes it.

So a day is read the way a listener binds it: to the words nearest it. In the transcript each word
of a line naming a day belongs to the nearest day of its clause, else of its sentence, else of its
line, within ``NEAR_WORDS`` words; days listed together ("Monday, Wednesday and Friday") are one;
a line with no day answering a question that names one ("What happened on Sunday?" - "I took the
gun up to the barn") belongs to that day. The sentence's event words are those of its clause holding
the day. The day is wrong only when none of them is tied to it and at least ``TIED_ELSEWHERE_MIN``
are tied to another day, each on at least ``TIED_SHARE`` of its uses (a word said all through the
session is tied to some day by chance): then it is cut with its preposition (``DAY_REMOVED``), or,
where it cannot come out, the sentence is withheld (``WRONG_DAY``). A day the session ties to
nothing is left alone.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, content_stems, numbers_in
from session_assistant.drafting.vocabulary import WEEKDAY

WRONG_DAY = "wrong_day"
NEAR_WORDS = 8
LIST_GAP = 3  # "Monday, Wednesday and Friday": "wednesday and friday" are two apart
TIED_SHARE = 0.5  # of a word's uses, tied to a day, before its day says which event it is
TIED_ELSEWHERE_MIN = 2  # event words tied to another day before the sentence's day is read as wrong
_DAY = re.compile(r"\b(" + WEEKDAY + r")(?:s|'s)?\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_TOKEN = re.compile(r"[a-z][a-z'-]*", re.I)
# A clause of the note's sentence: a day binds to the words of its own clause ("trouble sleeping,
# and a plan to use a shotgun on Sunday" binds Sunday to the plan, not to the sleeping).
_CLAUSE = re.compile(r"[,;:]|\s(?:and|but|while|whereas|although|because|which|then)\s", re.I)
# Words of a note sentence that name no event: the note's frame and time words.
_FRAME = content_stems("client clinician therapist partner patient reported reports report said says stated states "
                       "described describes mentioned mentions shared expressed told also having had been were was "
                       "felt feeling feel feels that they their them his her she he day days week weeks night morning "
                       "evening afternoon last next this time session plan planned will would could about some")


def _stem(word: str) -> str:
    """The token's stem ("" for a stop word); ``content_stems`` caches it (a cache the lock empties)."""
    return next(iter(content_stems(word)), "")


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _event_stems(text: str) -> set[str]:
    stems = {_stem(t) for t in _tokens(_DAY.sub(" ", text))} - {""}
    return stems - _FRAME


def _clause_events(sentence: str, day_at: int) -> set[str]:
    """The event words of the clause of ``sentence`` holding the day at ``day_at``; the whole
    sentence's when the clause has none ("On Sunday, ...")."""
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]
    start = max(b for b in bounds if b <= day_at)
    end = min((b for b in bounds if b > day_at), default=len(sentence))
    return _event_stems(sentence[start:end]) or _event_stems(sentence)


def _days_in(tokens: list[str]) -> list[tuple[int, str, frozenset]]:
    """(position, day, its list) for each day named: days a few words apart are one list
    ("Monday, Wednesday and Friday", "Monday to Thursday"), and a word tied to one of them is
    tied to the list."""
    found = [(n, m.group(1).lower()) for n, t in enumerate(tokens) if (m := _DAY.fullmatch(t))]
    groups: list[list[tuple[int, str]]] = []
    for n, day in found:
        if groups and n - groups[-1][-1][0] <= LIST_GAP:
            groups[-1].append((n, day))
        else:
            groups.append([(n, day)])
    return [(n, day, frozenset(d for _, d in group)) for group in groups for n, day in group]


def bound_days(source: SourceIndex) -> tuple[dict[str, set[str]], dict[str, float]]:
    """For each event-word stem, the days the transcript ties it to (see the module's docstring),
    and the share of its uses that are tied to a day: a word said all through the session ("fear",
    "school") is tied to a day now and then by chance; a word of one event ("shotgun") each time."""
    bound: dict[str, set[str]] = {}
    uses: dict[str, int] = {}
    tied: dict[str, int] = {}
    asked: list[tuple[int, str]] = []  # the days of the line before, for an answer naming none
    for utt in source.utterances:
        sentences = [[_tokens(clause) for clause in _CLAUSE.split(part)] for part in _SENTENCE.split(utt.text)]
        tokens = [t for part in sentences for clause in part for t in clause]
        sentence_of = [k for k, part in enumerate(sentences) for clause in part for _ in clause]
        clause_of = [k for k, clause in enumerate(c for part in sentences for c in part) for _ in clause]
        days = _days_in(tokens)
        for n, token in enumerate(tokens):
            stem = _stem(token)
            if not stem or _DAY.fullmatch(token) or numbers_in(token):
                continue
            uses[stem] = uses.get(stem, 0) + 1
            # A day of the word's own clause first ("I froze on Tuesday, and the audition is on Friday"),
            # then of its sentence: "Wednesday I had the hospital, my knee. Thursday and Friday, I couldn't
            # face it." ties the knee to Wednesday, though Thursday stands nearer.
            own = ([d for d in days if clause_of[d[0]] == clause_of[n]]
                   or [d for d in days if sentence_of[d[0]] == sentence_of[n]] or days)
            near = [group for at, _, group in own if abs(n - at) <= NEAR_WORDS]
            if near:
                distance = min(abs(n - at) for at, _, _ in own)
                bound.setdefault(stem, set()).update(*(group for at, _, group in own if abs(n - at) == distance))
            elif not days and asked:
                bound.setdefault(stem, set()).update(*(group for _, _, group in asked))
            tied[stem] = tied.get(stem, 0) + bool(near or (not days and asked))
        asked = days if utt.text.rstrip().endswith("?") or len(tokens) <= NEAR_WORDS else []
    return bound, {stem: tied.get(stem, 0) / count for stem, count in uses.items()}


def wrong_days(text: str, source: SourceIndex) -> list[str]:
    """The days of ``text`` whose event the transcript ties to another day and never to this one."""
    if not _DAY.search(text):
        return []
    bound, share = source.once(bound_days)
    wrong = []
    said = _days_in(_tokens(text))
    for match, (_, day, group) in zip(_DAY.finditer(text), said):
        events = _clause_events(text, match.start())
        if any(group & bound.get(e, set()) for e in events):
            continue
        elsewhere = [e for e in events if bound.get(e) and share.get(e, 0) >= TIED_SHARE]
        if len(elsewhere) >= TIED_ELSEWHERE_MIN:
            wrong.append(day)
    return list(dict.fromkeys(wrong))


def wrong_day_flags(text: str, source: SourceIndex) -> list[str]:
    return [f"{WRONG_DAY}:{day}" for day in wrong_days(text, source)]


DAY_REMOVED = "day_removed"  # kept, flagged: the day the model moved onto the event was taken out
# A day said as when ("on Sunday", "this Thursday night") comes out whole and the sentence still
# reads; a day that is the sentence's subject ("Sunday was the worst") cannot, and is withheld.
_WHEN_PHRASE = (r"\s*,?\s+(?:on|this|last|next|by|until|till|since|from|that)\s+(?:the\s+)?%s(?:'s)?"
                r"(?:\s+(?:night|morning|evening|afternoon))?\b")


# "the audition is on Tuesday" without its day ends on "is": no sentence, so it is withheld instead.
_DANGLING = re.compile(r"\b(?:is|are|was|were|be|been|being|will|would|falls|fell|happened|held|set|scheduled|planned|booked)"
                       r"\s*(?=[,.;!?]|$)", re.I)


def without_wrong_days(text: str, source: SourceIndex) -> tuple[str, list[str]]:
    """(text, days taken out): each wrong day said as when an event happened is taken out with its
    preposition ("a plan to use a shotgun on Sunday" -> "a plan to use a shotgun"); the event stays,
    no other day is put in (which day is right is the clinician's to say)."""
    removed = []
    for day in wrong_days(text, source):
        shorter = re.sub(_WHEN_PHRASE % day, "", text, count=1, flags=re.I)
        if shorter != text and not _DANGLING.search(shorter):
            text = shorter
            removed.append(day)
    return text, removed
