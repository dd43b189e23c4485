"""Sourced summaries of a chart with a local model, in stages when the record is long.

The model sees numbered chart items and must answer with statements that each cite item
numbers; the JSON schema restricts the citations to numbers that exist, so every statement is
linked to real sources. When the items do not fit one prompt (or a period budget), they are
packed chronologically into periods, each period is summarised, and the period statements are
summarised again (as many levels as needed) - nothing is ever cut to make it fit.

The model is injected: anything with ``generate_json``, ``count_tokens``, ``prompt_tokens``,
``context_size`` and ``model_id`` (``drafting.NoteModel``). Runs on a worker thread; checks the
cancel token between model calls and between generated tokens.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field

from session_assistant.chart.citations import SourceItem, SourceRef, Statement
from session_assistant.errors import UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress

STATEMENT_CHARS = 400  # one or two sentences; a longer answer is cut by the grammar
STATEMENT_TOKENS = 120  # allowance per statement in the output (text, citations, JSON)
PERIOD_STATEMENTS = 5
FINAL_STATEMENTS = 8
MAX_CITES = 6
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

SYSTEM = ("You summarise a psychotherapy client's signed clinical record for their clinician. Use only facts "
          "stated in the numbered items. Never invent names, dates, numbers, medications or diagnoses. Write "
          "about 'the client' in the third person and the past tense, in plain clinical English. Every "
          "statement cites the numbers of the items it is based on.")
PERIOD_ASK = ("Items from {date_from} to {date_to}:\n{lines}\n\nWrite at most {k} statements summarising this "
              "period: concerns, interventions used, progress, assessment scores and any risk. One or two short "
              "sentences each (under 40 words), each statement saying something new, citing item numbers.")
FINAL_ASK = ("{heading}\n{lines}\n\nWrite at most {k} statements for {title}{purpose}. Cover the presenting "
             "problems and diagnoses, treatment goals and interventions, the course of treatment and progress "
             "(with assessment scores), risk, the current status and recommendations. One or two short "
             "sentences each (under 40 words), each statement saying something new, citing item numbers.")
REFINE_ASK = ("Current summary statements:\n{lines}\n\nRewrite the summary following the clinician's instruction: "
              "\"{instruction}\". Keep only facts already stated above. At most {k} statements, each citing the "
              "numbers of the statements it draws on.")


class SummaryFailed(UserError):
    """The model gave nothing usable, or the material cannot be reduced to fit the model."""


@dataclass
class Unit:
    """One numbered line the model sees: a chart item (or part of one), or an earlier statement."""

    label: str
    text: str
    sources: frozenset[SourceRef]
    date_from: str
    date_to: str
    tokens: int = 0

    def line(self, number: int) -> str:
        when = self.date_from if self.date_from == self.date_to else f"{self.date_from} to {self.date_to}"
        return f"[{number}] {when} {self.label}: {' '.join(self.text.split())}"


@dataclass
class SummaryResult:
    statements: list[Statement]
    model_id: str
    levels: int  # 1 = one pass; 2 = periods then overall; ...
    calls: int
    periods: list[tuple[str, str]] = field(default_factory=list)  # first-stage periods
    seconds: float = 0.0


def _schema(n_units: int, k: int) -> dict:
    cite = {"type": "integer", "enum": list(range(1, n_units + 1))}
    statement = {"type": "object", "properties": {
        "text": {"type": "string", "minLength": 1, "maxLength": STATEMENT_CHARS},
        "sources": {"type": "array", "items": cite, "minItems": 1, "maxItems": MAX_CITES}},
        "required": ["text", "sources"]}
    return {"type": "object", "properties": {"statements": {"type": "array", "items": statement,
                                                             "minItems": 1, "maxItems": k}},
            "required": ["statements"]}


def _parse(text: str) -> list[dict]:
    """The statements in the model's JSON; when generation stopped early, the complete ones."""
    try:
        return json.loads(text, strict=False).get("statements", [])
    except (json.JSONDecodeError, AttributeError):
        pass
    for cut in (m.start() for m in reversed(list(re.finditer(r"\}", text)))):
        try:
            return json.loads(text[:cut + 1] + "]}", strict=False).get("statements", [])
        except (json.JSONDecodeError, AttributeError):
            continue
    return []


def _tidy(text: str, seen: set[str]) -> str:
    """The statement's complete sentences that no earlier statement of this answer already made.

    Item numbers echoed into the text are dropped (the citation tag names the sources), and so is a
    fragment left where generation reached the length limit, when a complete sentence precedes it.
    """
    text = " ".join(re.sub(r"\s*\[\d+(?:\s*,\s*\d+)*\]", "", text).split())
    sentences = [s for s in _SENTENCE.split(text) if s]
    if len(sentences) > 1 and not sentences[-1].endswith((".", "!", "?")):
        sentences.pop()
    kept = []
    for sentence in sentences:
        key = sentence.lower().strip(" .")
        if key and key not in seen:
            seen.add(key)
            kept.append(sentence)
    return " ".join(kept)


class Summarizer:
    """Staged, sourced summarisation over one loaded model.

    Args:
        model: the injected chat model (see module docstring).
        period_tokens: cap on the items per model call (default: what the context allows); a
            smaller cap forces more, shorter periods.
        final_statements / period_statements: the most statements the overall summary and each
            period summary may hold (fewer means faster generation).
    """

    def __init__(self, model, *, period_tokens: int | None = None, final_statements: int = FINAL_STATEMENTS,
                 period_statements: int = PERIOD_STATEMENTS) -> None:
        self.model = model
        self.period_tokens = period_tokens
        self.final_k = final_statements
        self.period_k = period_statements
        self.calls = 0

    # ---- public -----------------------------------------------------------------------------
    def summarize(self, items: list[SourceItem], *, title: str, purpose: str = "",
                  on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> SummaryResult:
        """Statements over ``items`` (oldest first), each citing the items it rests on."""
        started, self.calls = time.monotonic(), 0
        budget = self._input_budget(self.final_k)
        units = [u for item in sorted(items, key=lambda i: (i.date, i.kind, i.id)) for u in self._split(item, budget)]
        purpose_text = f" (purpose: {purpose.strip()})" if purpose.strip() else ""
        levels, periods = 1, []
        while True:
            groups = self._pack(units, budget)
            if len(groups) == 1:
                on_progress(0.9 if levels > 1 else 0.1, "Writing the overall summary")
                heading = "Chart items:" if levels == 1 else "Summaries of successive periods:"
                ask = FINAL_ASK.format(heading=heading, lines=self._lines(units), k=self.final_k,
                                       title=title, purpose=purpose_text)
                statements = self._call(units, ask, self.final_k, cancel)
                on_progress(1.0, "Summary ready")
                return SummaryResult(statements, self.model.model_id, levels, self.calls, periods,
                                     time.monotonic() - started)
            if not periods:
                periods = [(g[0].date_from, g[-1].date_to) for g in groups]
            before = sum(u.tokens for u in units)
            units = []
            for index, group in enumerate(groups):
                on_progress(0.85 * index / len(groups) if levels == 1 else 0.85,
                            f"Summarising period {index + 1} of {len(groups)}")
                ask = PERIOD_ASK.format(date_from=group[0].date_from, date_to=group[-1].date_to,
                                        lines=self._lines(group), k=self.period_k)
                units += [self._unit_from(s) for s in self._call(group, ask, self.period_k, cancel)]
            if sum(u.tokens for u in units) >= before:
                raise SummaryFailed("The record could not be condensed to fit the model; choose a model with a "
                                    "larger context.")
            levels += 1

    def refine(self, statements: list[Statement], instruction: str, *,
               cancel: CancelToken | None = None) -> SummaryResult:
        """Apply the clinician's instruction to existing statements; sources carry through."""
        if not instruction.strip():
            raise UserError("The instruction is empty: say how the summary should change.")
        started, self.calls = time.monotonic(), 0
        units = [self._unit_from(s, label="Statement") for s in statements if s.text.strip()]
        if not units:
            raise UserError("The summary is empty: there is nothing to refine.")
        if len(self._pack(units, self._input_budget(self.final_k))) > 1:
            raise SummaryFailed("This summary is too long to refine in one pass; nothing was changed. "
                                "Shorten it by hand or regenerate it.")
        ask = REFINE_ASK.format(lines=self._lines(units), instruction=" ".join(instruction.split()),
                                k=self.final_k)
        result = self._call(units, ask, self.final_k, cancel)
        return SummaryResult(result, self.model.model_id, 1, self.calls, [], time.monotonic() - started)

    # ---- internals --------------------------------------------------------------------------
    def _input_budget(self, k: int) -> int:
        context = self.model.context_size
        fixed = self.model.count_tokens(SYSTEM + FINAL_ASK + REFINE_ASK) + 64
        answer = max(k * STATEMENT_TOKENS, STATEMENT_CHARS + 64) + 32  # room for the retry in _call too
        budget = min(context, self.period_tokens or context) - fixed - answer
        if budget < 200:
            raise SummaryFailed(f"Model '{self.model.model_id}' has too small a context to summarise a chart.")
        return budget

    def _count(self, unit: Unit) -> Unit:
        unit.tokens = self.model.count_tokens(unit.line(999)) + 2
        return unit

    def _split(self, item: SourceItem, budget: int) -> list[Unit]:
        """The item as one unit, or in consecutive parts when it alone exceeds half a period."""
        whole = self._count(Unit(item.label, item.text, frozenset({item.ref}), item.date, item.date))
        if whole.tokens <= budget // 2:
            return [whole]
        sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", item.text) if s.strip()]
        words = [w for s in sentences for w in (s.split() if self.model.count_tokens(s) > budget // 4 else [s])]
        parts, current = [], []
        for piece in words:
            if current and self.model.count_tokens(" ".join(current + [piece])) > budget // 4:
                parts.append(" ".join(current))
                current = []
            current.append(piece)
        parts.append(" ".join(current))
        return [self._count(Unit(f"{item.label} (part {n} of {len(parts)})", text, frozenset({item.ref}),
                                 item.date, item.date)) for n, text in enumerate(parts, 1)]

    @staticmethod
    def _pack(units: list[Unit], budget: int) -> list[list[Unit]]:
        groups, current, used = [], [], 0
        for unit in units:
            if current and used + unit.tokens > budget:
                groups.append(current)
                current, used = [], 0
            current.append(unit)
            used += unit.tokens
        return groups + [current] if current else groups

    @staticmethod
    def _lines(units: list[Unit]) -> str:
        return "\n".join(u.line(n) for n, u in enumerate(units, 1))

    def _unit_from(self, statement: Statement, label: str = "Summary") -> Unit:
        dates = sorted(ref.date for ref in statement.sources) or [""]
        return self._count(Unit(label, statement.text, frozenset(statement.sources), dates[0], dates[-1]))

    def _call(self, units: list[Unit], ask: str, k: int, cancel: CancelToken | None) -> list[Statement]:
        if cancel is not None:
            cancel.raise_if_cancelled()
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": ask}]
        generation = self.model.generate_json(messages, _schema(len(units), k), k * STATEMENT_TOKENS + 32,
                                              cancel=cancel)
        self.calls += 1
        answer = _parse(generation.text)
        if not answer and generation.finish_reason == "length":
            # Cut off before one statement closed: ask for a single statement with room for its
            # longest possible form (every token adds at least one character).
            generation = self.model.generate_json(messages, _schema(len(units), 1), STATEMENT_CHARS + 64,
                                                  cancel=cancel)
            self.calls += 1
            answer = _parse(generation.text)
        statements, seen = [], set()
        for raw in answer:
            text = _tidy(str(raw.get("text", "")), seen)
            cited = {n for n in raw.get("sources", []) if isinstance(n, int) and 1 <= n <= len(units)}
            if text and cited:
                refs = frozenset().union(*(units[n - 1].sources for n in cited))
                statements.append(Statement(text, tuple(sorted(refs))))
        if not statements:
            raise SummaryFailed(f"Model '{self.model.model_id}' produced no usable statements; nothing was saved. "
                                "Try again or choose another model.")
        return statements
