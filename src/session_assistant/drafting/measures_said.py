"""Standardized measures in a therapy note, by rule: the change since the last score (from the
chart's two scores, direction computed from the numbers) for the Assessment's progress, and a
measure the clinician scored aloud in session that the chart does not hold (a sleep efficiency from
the diary, a questionnaire done in the room) for the Objective, quoted.

Why: a note's Assessment states progress toward the goals, and payers read it in the scores; the
model rarely compared them, and sessions written by other clinicians compute measures aloud ("five
twenty out of six ten, that's about 86 percent. Sleep efficiency, 86.") that no chart field holds.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.chart_context import ChartContext, ChartFact
from session_assistant.drafting.grounding import numbers_in
from session_assistant.drafting.measure_bands import band_note, known_measure
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

_SCORE = re.compile(r"^(?P<name>.+?) total (?P<score>\d+(?:\.\d+)?)")
_CURRENT = re.compile(r"\bsession day\b(?!.*\bbefore\b)|\btoday\b", re.I)


def _scored(fact: ChartFact) -> tuple[str, float] | None:
    match = _SCORE.match(fact.text)
    return (match.group("name").strip(), float(match.group("score"))) if match else None


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def measure_changes(chart: ChartContext | None) -> list[tuple[str, float, float, list[str]]]:
    """(measure, the last score before, the session's score, chart refs) for each measure the chart
    gives twice: the session's is the one marked for the session day, else the later ISO date, else
    the first listed (the chart context lists the session's first)."""
    if not chart:
        return []
    by_name: dict[str, list[ChartFact]] = {}
    for fact in chart.measures:
        scored = _scored(fact)
        if scored:
            by_name.setdefault(scored[0].lower(), []).append(fact)
    found = []
    for facts in by_name.values():
        if len(facts) < 2:
            continue
        marked = [f for f in facts if _CURRENT.search(f.text)]
        dated = all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.date) for f in facts)
        ordered = sorted(facts, key=lambda f: f.date, reverse=True) if dated and not marked else (
            marked + [f for f in facts if f not in marked])
        now, before = ordered[0], ordered[1]
        (name, now_score), (_, before_score) = _scored(now), _scored(before)
        found.append((name, before_score, now_score, [before.ref, now.ref]))
    return found


def changes_sentence(found: Sequence[tuple[str, float, float, list[str]]]) -> str:
    """Each change with its direction, and for a known instrument what it means by its scoring guide
    ("PHQ-9 16 to 13 (lower: improved; moderate range, 10-14)")."""
    said = ", ".join(f"{name} {_number(before)} to {_number(now)} "
                     f"({'higher' if now > before else 'lower' if now < before else 'unchanged'}{band_note(name, before, now)})"
                     for name, before, now, _ in found)
    return f"Change on measures since the last score (per chart): {said}."


def scored_once(chart: ChartContext | None) -> list[tuple[str, float, str]]:
    """(measure, score, chart ref) for a known instrument the chart scores once, for the session day, and
    gives no severity of its own: its range is the Assessment's to state (an AUDIT of 12 is "increasing risk")."""
    if not chart:
        return []
    named = [(_scored(f), f) for f in chart.measures]
    names = [s[0].lower() for s, _ in named if s]
    return [(s[0], s[1], f.ref) for s, f in named
            if s and names.count(s[0].lower()) == 1 and known_measure(s[0]) and _CURRENT.search(f.text)
            and not _EARLIER.search(f.text)  # "(last before session day)" is an earlier visit's
            and not re.search(r"\(\w[^)]*\)\s*\(", f.text)]


def scored_once_sentence(found: Sequence[tuple[str, float, str]]) -> str:
    said = ", ".join(f"{name} {_number(score)} ({band_note(name, None, score)[2:]})" for name, score, _ in found)
    return f"Severity on measures by their scoring guides (per chart): {said}."


_EARLIER = re.compile(r"\bbefore\b|\bprevious\b", re.I)  # "(last before session day)"
_QUALIFIED = re.compile(r"^(?P<stem>.+?)\s*\((?P<label>[^()]+)\)$")


def within_session_changes(chart: ChartContext | None) -> list[tuple[str, list[tuple[str, float]], list[str]]]:
    """(measure, [(label, score)] in the chart's order, chart refs) for a measure the chart gives two
    or more times for the session day under labels ("SUDS (highest)" 85, "SUDS (end)" 45): the
    client's response to what was done in the room, which the Assessment states as the change
    across sessions is (issue 16: "the client's response to the interventions")."""
    if not chart:
        return []
    by_stem: dict[str, list[tuple[str, str, float, str]]] = {}
    for fact in chart.measures:
        scored = _scored(fact)
        qualified = _QUALIFIED.match(scored[0]) if scored else None
        if scored and qualified and _CURRENT.search(fact.text) and not _EARLIER.search(fact.text):
            stem, label = qualified.group("stem").strip(), qualified.group("label").strip()
            by_stem.setdefault(stem.lower(), []).append((stem, label, scored[1], fact.ref))
    return [(taken[0][0], [(label, score) for _, label, score, _ in taken], [ref for *_, ref in taken])
            for taken in by_stem.values() if len({label.lower() for _, label, _, _ in taken}) >= 2]


def within_session_sentence(found: Sequence[tuple[str, list[tuple[str, float]], list[str]]]) -> str:
    said = "; ".join(name + " " + " to ".join(f"{_number(score)} ({label})" for label, score in taken)
                     for name, taken, _ in found)
    return f"Change within the session (per chart): {said}."


# Standardized measures and the sleep-diary index a clinician may score aloud.
# Acronyms in capitals only: "spin", "scared" and "ess" are words.
_MEASURE = re.compile(r"\b(?:PHQ-?(?:9|A|2)|GAD-?7|ISI|PCL-?5|EPDS|AUDIT(?:-C)?|CUDIT(?:-R)?|DAST(?:-10)?|PSS|CPAQ|SPIN|BDI(?:-II)?|BAI"
                      r"|Y-?BOCS|ORS|SRS|K-?10|CORE-?10|DASS(?:-21)?|WSAS|PG-?13|ESS|Epworth|[Ss]leep efficiency|WHO-?5|OCI-?R|PDSS"
                      r"|EDE-?Q|C-?SSRS|RCADS|SCARED|SDQ|MADRS|HAM-?[AD]|PHQ-?15|ASRS|IES-?R|ITQ|PSWQ|SIAS|HADS)\b")
_DIGITS = re.compile(r"\b\d{1,3}(?:\.\d)?\b")
# A score said in words is read only where a score stands ("came out at fourteen", "GAD-7 today, fourteen",
# "that adds up to, let me see, seventeen"): "one" or "two" elsewhere in the sentence is no score.
_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
         r"|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)")
_WORD_SCORE = re.compile(r"\b(?:scored|score (?:is|was|of)|(?:came|comes?) (?:out )?(?:at|to)|adds? up to|total(?:led)?(?: is| was| of)?"
                         r"|is|was|it's|that's|at|today|now)[,:]?\s+(?:(?:a|about|around|let me see|um),?\s+)*(" + _WORD + r")\b"
                         r"(?!\s*(?:minutes?|questions?|items?|weeks?|days?|months?|years?|times?|o'?clock|of (?:them|those|the)|things?|people)\b)", re.I)


class _Numbers:
    """The scores a sentence says, digits anywhere and words where a score stands (``_WORD_SCORE``)."""

    def search(self, text: str) -> bool:
        text = _MEASURE.sub(" ", text)  # the 9 of "PHQ-9" is no score
        return bool(_DIGITS.search(text) or _WORD_SCORE.search(text))

    def findall(self, text: str) -> list[str]:
        text = _MEASURE.sub(" ", text)
        found = [(m.start(), m.group(0)) for m in _DIGITS.finditer(text)]
        found += [(m.start(1), min(numbers_in(m.group(1)), key=float, default=m.group(1))) for m in _WORD_SCORE.finditer(text)]
        return [value for _, value in sorted(found)]


_NUMBER = _Numbers()
_BEFORE = re.compile(r"\b(?:first|started|start|last (?:time|week|month)|was|were|before|ago|baseline)\b", re.I)
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
FOLLOW_LINES = 4


def _charted(name: str, in_chart: set[str]) -> bool:
    """The chart gives the measure, under its name or a longer one ("EDE-Q" and "EDE-Q global")."""
    return any(c == name.lower() or c.startswith(name.lower() + " ") for c in in_chart)


def _said(utterances: Sequence[Utterance], chart: ChartContext | None,
          changes: list[tuple[str, float, float, list[int]]]) -> list[tuple[str, list[int]]]:
    in_chart = {(_scored(f) or ("",))[0].lower() for f in (chart.measures if chart else [])}
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    named: set[str] = set()
    for n, utt in enumerate(lines):
        if is_client(utt.speaker):
            continue
        sentences = _SENTENCES.split(" ".join(utt.text.split()))
        for k, sentence in enumerate(sentences):
            match = _MEASURE.search(sentence)
            if match is None or _charted(match.group(0), in_chart) or match.group(0).lower() in named:
                continue
            said = [s for s in sentences[max(0, k - 1):k + 1] if _NUMBER.search(s)]
            if not said and k + 1 < len(sentences) and _NUMBER.search(sentences[k + 1]):
                said = [sentence, sentences[k + 1]]  # "Thanks for the PHQ-9. It came out at eleven."
            if not said or not _NUMBER.search(" ".join(said)):
                continue
            ids = [utt.id]
            now = _NUMBER.findall(" ".join(said))[-1]
            for later in lines[n + 1:n + 1 + FOLLOW_LINES]:
                earlier = next((s for s in _SENTENCES.split(" ".join(later.text.split()))
                                if _NUMBER.search(s) and _BEFORE.search(s)), None)
                if not is_client(later.speaker) and earlier:
                    said.append(earlier)
                    ids.append(later.id)
                    before = _NUMBER.findall(earlier)[0]
                    break
            else:
                before = None
            named.add(match.group(0).lower())
            found.append((" ".join(dict.fromkeys(said)), ids))
            if before is not None:
                changes.append((match.group(0), float(before), float(now), ids))
            break
    return found


def measures_said(utterances: Sequence[Utterance], chart: ChartContext | None) -> list[tuple[str, list[int]]]:
    """(the clinician's words, lines) for each measure scored aloud that the chart does not give:
    the sentence naming it with a number (or the number in the sentence before), and the first
    later sentence of the clinician within a few lines giving an earlier score."""
    return _said(utterances, chart, [])


def said_changes(utterances: Sequence[Utterance], chart: ChartContext | None) -> list[tuple[str, float, float, list[int]]]:
    """(measure, the earlier score, the session's, lines) for the measures scored aloud with an
    earlier score said too ("Sleep efficiency, 86." ... "First week it was, what, 68?")."""
    changes: list[tuple[str, float, float, list[int]]] = []
    _said(utterances, chart, changes)
    return changes


SAID_OPENING = "Measures scored in session, as said: "
# The rule lines that state scores, as said or the chart's and their change: a model sentence beside them
# ("The client reported ... a GAD-7 score of 13.") retells the questionnaire as a report (01, 02, 90).
SCORES_LINE = re.compile(re.escape(SAID_OPENING) + r"|Measures \(per chart\): "
                         r"|Change on measures since the last score \(per chart\): ")


def said_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return SAID_OPENING + "; ".join(f'"{text}"' for text, _ in found)


def said_changes_sentence(found: Sequence[tuple[str, float, float, list[int]]]) -> str:
    said = "; ".join(f"{name} {_number(before)} to {_number(now)} "
                     f"({'higher' if now > before else 'lower' if now < before else 'unchanged'})"
                     for name, before, now, _ in found)
    return f"Change on measures scored in session, as said: {said}."


# A measure read item by item and totalled aloud ("(reads items) Okay. That comes to sixteen.", "So that
# adds up to, let me see, seventeen."): the total sentence, with the measure named within a few lines
# before it (by its name, else as the questionnaire, form or items read).
_TOTALLED = re.compile(r"\b(?:comes? to|came to|adds? up to|added (?:it |them |that )?up|add (?:it|them|that) up|(?:that's )?a total of"
                       r"|total (?:is|was|of|comes to)|totals?)\b", re.I)
_READ = re.compile(r"\b(?:questionnaires?|forms?|items?|measures?|scales?|reads items|checklist)\b", re.I)
TOTAL_LOOKBACK = 15


def totalled_said(utterances: Sequence[Utterance], chart: ChartContext | None) -> list[tuple[str, str, list[int]]]:
    """(the measure's name, the clinician's total sentence, lines) for a measure read and totalled
    aloud that the chart does not give: by name, or, unnamed, with a score no chart measure has."""
    in_chart = {(_scored(f) or ("",))[0].lower() for f in (chart.measures if chart else [])}
    charted = {_number(scored[1]) for f in (chart.measures if chart else []) for scored in [_scored(f)] if scored}
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines):
        if is_client(utt.speaker):
            continue
        sentence = next((s for s in _SENTENCES.split(" ".join(utt.text.split())) if _TOTALLED.search(s) and _NUMBER.search(s)), None)
        if sentence is None:
            continue
        before = " ".join(u.text for u in lines[max(0, n - TOTAL_LOOKBACK):n + 1])
        named = _MEASURE.search(before)
        if named is None and not _READ.search(before):
            continue
        score = _NUMBER.findall(sentence)[-1]
        if (named and _charted(named.group(0), in_chart)) or (named is None and score in charted):
            continue
        return [(named.group(0) if named else "a questionnaire", sentence, [utt.id])]
    return []


def totalled_sentence(found: Sequence[tuple[str, str, list[int]]]) -> str:
    return "; ".join(f'{name} read item by item in session and totalled: "{said}"' for name, said, _ in found)
