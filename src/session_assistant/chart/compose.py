"""A summary composed from digests and computed facts; the model writes only a short narrative.

The draft is, in order: the model's narrative (one or two statements), then statements built
without the model: the chart's computed facts (diagnoses, measure trends with their maxima, the
item-9 flag, passed in by the service) and statements quoting the digests (presenting concerns,
plan, interventions, recent progress, risk, current homework). Every statement cites the chart
items it rests on.

The model sees a bounded list of numbered fact lines (at most one line per part, whatever the
length of the range), so a two-year range costs about what a six-month one does. Its sentences
that state a number, a date or risk are dropped: numbers and risk come from the chart only.
Refinement ("Update") rewrites the statements that carry no chart numbers, without re-reading
the chart; statements with numbers and the clinician's own uncited lines are kept word for word.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from session_assistant.chart.citations import SourceItem, SourceRef, Statement
from session_assistant.chart.digest import Digest, DigestItem
from session_assistant.chart.summarizer import _parse, _tidy
from session_assistant.drafting.grounding import numbers_in
from session_assistant.drafting.risk import mentions_risk
from session_assistant.errors import UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress

NARRATIVE_STATEMENTS = 2
NARRATIVE_CHARS = 200  # one or two short sentences
STATEMENT_TOKENS = 64  # output allowance per statement (text, citations, JSON)
LINE_WORDS = 30  # each fact line the model sees is cut to this many words (the draft quotes in full)
QUOTES_PER_PART = 2
# A narrative sentence most of whose words an earlier narrative sentence already said is a repeat
# ("The main concerns were ... addressed through sleep hygiene, thought records and graded exposure."
# then "The work focused on sleep hygiene, thought records and graded exposure.").
REPEAT_SHARE = 0.6
FRAGMENT_WORDS = 4  # a narrative sentence shorter than this says nothing ("The client.")
_FILLER = frozenset("""the a an and or of to in on for with was were had has have which that this their they
    client client's clients work worked focused focus focusing main concerns concern addressed through
    improving improve improved including included overall also course care treatment over during""".split())

# A sentence about the summary itself says nothing of the client's care: "The client's treatment summary is
# a detailed and comprehensive overview of their care plan." (the small model, ui31's walk), cited to a note.
_ABOUT_ITSELF = re.compile(r"\b(?:this|the|client's|their) (?:treatment |case )?(?:summary|narrative)\b"
                           r"|\b(?:detailed|comprehensive|complete) (?:overview|summary|account)\b", re.I)

SYSTEM = ("You write a brief narrative of a psychotherapy client's course of care for their clinician, from "
          "numbered facts taken from the signed record. Use only these facts. Write no numbers, scores or dates "
          "(they are listed separately). Say 'the client', past tense, plain clinical English.")
ASK = ("Facts:\n{lines}\n\nWrite {k} statements for {title}{purpose} (one or two sentences each, under 25 words): the "
       "main concerns, what the work focused on, how the client responded, and where things stand now. Each "
       "statement cites the numbers of the facts it uses.")
REFINE_ASK = ("Summary statements:\n{lines}\n\nRewrite these statements following the clinician's instruction: "
              "\"{instruction}\". Keep only what they already say; write no numbers or dates. At most {k} "
              "statements, each citing the numbers of the statements it draws on.")


@dataclass
class FactLine:
    """One numbered line the model sees, with the chart items behind it."""

    label: str
    text: str
    sources: tuple[SourceRef, ...]

    def line(self, number: int) -> str:
        words = " ".join(self.text.split()).split(" ")
        text = " ".join(words[:LINE_WORDS]) + (" ..." if len(words) > LINE_WORDS else "")
        return f"[{number}] {self.label}: {text}"


@dataclass
class ComposeResult:
    statements: list[Statement]
    model_id: str
    narrative: list[Statement] = field(default_factory=list)
    model_calls: int = 0
    prompt_tokens: int = 0
    generated_tokens: int = 0
    dropped_sentences: int = 0  # model sentences withheld for a number, a date or risk
    repeated_sentences: int = 0  # model sentences left out as repeats of an earlier one
    fragment_sentences: int = 0  # model "sentences" too short to say anything
    seconds: float = 0.0


def _content_words(sentence: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", sentence.lower()) if len(w) > 2 and w not in _FILLER}


def _repeats(sentence: str, said: list[set[str]]) -> bool:
    words = _content_words(sentence)
    return bool(words) and any(len(words & earlier) >= REPEAT_SHARE * len(words) for earlier in said)


def _end(sentence: str) -> str:
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def _distinct(pairs: list[tuple[DigestItem, SourceRef]], *, latest: bool = False) -> list[tuple[DigestItem, SourceRef]]:
    """Each sentence once, at its first occurrence (``latest``: at its last), in chart order."""
    seen, kept = set(), []
    for item, ref in (reversed(pairs) if latest else pairs):
        key = " ".join(item.text.lower().split()).strip(" .")
        if key not in seen:
            seen.add(key)
            kept.append((item, ref))
    return kept[::-1] if latest else kept


def _quote(heading: str, pairs: list[tuple[DigestItem, SourceRef]]) -> Statement:
    return Statement(f"{heading}: " + " ".join(_end(item.text) for item, _ in pairs),
                     tuple(sorted({ref for _, ref in pairs})))


def _collect(digests: list[Digest], category: str, kind: str = "progress_note", *,
             latest: bool = False) -> list[tuple[DigestItem, SourceRef]]:
    ordered = sorted((d for d in digests if d.source.kind == kind), key=lambda d: d.source)
    return _distinct([(item, d.source) for d in ordered for item in d.of(category)], latest=latest)


def _interventions(digests: list[Digest]) -> list[tuple[str, SourceRef]]:
    """Each named intervention the notes document, with the first note that does (in order)."""
    first: dict[str, SourceRef] = {}
    for digest in sorted((d for d in digests if d.source.kind == "progress_note"), key=lambda d: d.source):
        for item in digest.of("intervention"):
            for tag in item.tags:
                first.setdefault(tag, digest.source)
    return list(first.items())[:12]


def _plan_statements(digests: list[Digest], items: list[SourceItem]) -> list[Statement]:
    labels = {i.ref: i.label for i in items}
    found = []
    for digest in sorted((d for d in digests if d.source.kind == "treatment_plan"), key=lambda d: d.source):
        parts = []
        for category, heading in (("problem", "Problems"), ("goal", "Goals"), ("intervention", "Interventions"),
                                  ("review", "Review")):
            texts = [" ".join(i.text.split()).rstrip(".") + (f" ({i.status})" if category == "goal" and i.status else "")
                     for i in digest.of(category)]
            if texts:
                parts.append(f"{heading}: " + "; ".join(texts))
        if parts:
            label = labels.get(digest.source, "Treatment plan")
            found.append(Statement(f"{label} (signed {digest.source.date}): " + ". ".join(parts) + ".",
                                   (digest.source,)))
    return found


def digest_statements(digests: list[Digest], items: list[SourceItem],
                      measures: list[Statement] = ()) -> list[Statement]:
    """The statements quoted from the digests, in the order a clinician reads a summary (the
    computed ``measures`` go after the interventions)."""
    found: list[Statement] = []
    problems = _collect(digests, "problem")
    if problems:
        found.append(_quote("Presenting concerns", problems[:QUOTES_PER_PART]))
    found += _plan_statements(digests, items)
    interventions = _interventions(digests)
    if interventions:
        found.append(Statement("Interventions documented: " + ", ".join(tag for tag, _ in interventions) + ".",
                               tuple(sorted({ref for _, ref in interventions}))))
    found += measures
    responses = _collect(digests, "response", latest=True)
    if responses:
        found.append(_quote("Most recent progress", responses[-QUOTES_PER_PART:]))
    risks = _collect(digests, "risk", latest=True)
    endorsed = [p for p in _collect(digests, "risk") if p[0].status == "endorsed"]
    if endorsed:
        found.append(_quote("Risk documented", _distinct([endorsed[0], endorsed[-1]])))
    if risks and (not endorsed or risks[-1][0].text != endorsed[-1][0].text):
        found.append(_quote("Latest risk documentation", [risks[-1]]))
    homework = _collect(digests, "homework", latest=True)
    if homework:
        found.append(_quote("Current plan and homework", homework[-QUOTES_PER_PART:]))
    return found


def _diagnosis_names(items: list[SourceItem]) -> FactLine | None:
    diagnoses = [i for i in items if i.kind == "diagnosis"]
    if not diagnoses:
        return None
    names = [re.sub(r"\s*\([^()]*\)\s*$", "", d.text).split(" ", 1)[-1] for d in diagnoses]  # no code, no dates
    return FactLine("Diagnoses", "; ".join(names), tuple(sorted(d.ref for d in diagnoses)))


def fact_lines(digests: list[Digest], items: list[SourceItem], trends: list[tuple[str, tuple]]) -> list[FactLine]:
    """The model's whole input: one line per part, bounded whatever the range."""
    lines = [line for line in [_diagnosis_names(items)] if line]
    problems = _collect(digests, "problem")
    if problems:
        lines.append(FactLine("Presenting concerns", " ".join(_end(i.text) for i, _ in problems[:QUOTES_PER_PART]),
                              tuple(sorted({r for _, r in problems[:QUOTES_PER_PART]}))))
    goals = _collect(digests, "goal", "treatment_plan")
    if goals:
        lines.append(FactLine("Treatment goals", "; ".join(i.text + (f" ({i.status})" if i.status else "")
                                                      for i, _ in goals[-3:]),
                              tuple(sorted({r for _, r in goals[-3:]}))))
    interventions = _interventions(digests)
    if interventions:
        lines.append(FactLine("Interventions", ", ".join(t for t, _ in interventions),
                              tuple(sorted({r for _, r in interventions}))))
    for text, refs in trends:
        lines.append(FactLine("Measures", text, refs))
    responses = _collect(digests, "response", latest=True)[-QUOTES_PER_PART:]
    if responses:
        lines.append(FactLine("Recent progress", " ".join(_end(i.text) for i, _ in responses),
                              tuple(sorted({r for _, r in responses}))))
    homework = _collect(digests, "homework", latest=True)[-1:]
    if homework:
        lines.append(FactLine("Current plan", _end(homework[0][0].text), (homework[0][1],)))
    return lines


def _schema(n_lines: int, k: int) -> dict:
    cite = {"type": "integer", "enum": list(range(1, n_lines + 1))}
    statement = {"type": "object", "properties": {
        "text": {"type": "string", "minLength": 1, "maxLength": NARRATIVE_CHARS},
        "sources": {"type": "array", "items": cite, "minItems": 1, "maxItems": 4}},
        "required": ["text", "sources"]}
    return {"type": "object", "properties": {"statements": {"type": "array", "items": statement,
                                                             "minItems": 1, "maxItems": k}},
            "required": ["statements"]}


def _messages(ask: str) -> list[dict]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": ask}]


class Composer:
    """Writes the narrative over fact lines with one short model call (``model`` may be None: no narrative)."""

    def __init__(self, model, *, narrative_statements: int = NARRATIVE_STATEMENTS) -> None:
        self.model = model
        self.k = max(1, narrative_statements)

    def compose(self, facts: list[Statement], digests: list[Digest], items: list[SourceItem],
                trends: list[tuple[str, tuple]], *, title: str, purpose: str = "",
                on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> ComposeResult:
        started = time.monotonic()
        result = ComposeResult([], getattr(self.model, "model_id", ""))
        if self.model is not None:
            lines, messages = self.narrative_prompt(digests, items, trends, title=title, purpose=purpose)
            on_progress(0.2, "Writing the narrative")
            result.narrative = self._call(lines, messages, self.k, result, on_progress, cancel)
        diagnoses = [s for s in facts if s.text.startswith("Diagnoses:")]
        measures = [s for s in facts if not s.text.startswith("Diagnoses:")]
        result.statements = result.narrative + diagnoses + digest_statements(digests, items, measures)
        result.seconds = time.monotonic() - started
        on_progress(1.0, "Summary ready")
        return result

    def narrative_prompt(self, digests: list[Digest], items: list[SourceItem], trends: list[tuple[str, tuple]], *,
                         title: str, purpose: str = "") -> tuple[list[FactLine], list[dict]]:
        """The fact lines and the chat messages of the narrative's one model call (the Summary form
        reads them into the model ahead of Generate: ``NoteModel.prefill``)."""
        lines = fact_lines(digests, items, trends)
        purpose_text = f" (purpose: {purpose.strip()})" if purpose.strip() else ""
        ask = ASK.format(lines="\n".join(f.line(n) for n, f in enumerate(lines, 1)), k=self.k, title=title,
                         purpose=purpose_text)
        return lines, _messages(ask)

    def refine(self, statements: list[Statement], instruction: str, *,
               cancel: CancelToken | None = None) -> ComposeResult:
        """Rewrite the statements without chart numbers as instructed; keep the rest word for word."""
        if not instruction.strip():
            raise UserError("The instruction is empty: say how the summary should change.")
        if self.model is None:
            raise UserError("Refining a summary needs a model.")
        started = time.monotonic()
        loose = [n for n, s in enumerate(statements) if s.text.strip() and s.sources and not numbers_in(s.text)]
        if not loose:
            raise UserError("Every statement of this summary states chart numbers or is your own text; the model "
                            "changes neither. Edit the text directly.")
        lines = [FactLine("Statement", statements[n].text, tuple(statements[n].sources)) for n in loose]
        ask = REFINE_ASK.format(lines="\n".join(f"[{i}] {f.text}" for i, f in enumerate(lines, 1)),
                                instruction=" ".join(instruction.split()), k=max(self.k, len(lines)))
        result = ComposeResult([], self.model.model_id)
        rewritten = self._call(lines, _messages(ask), max(self.k, len(lines)), result, no_progress, cancel)
        if not rewritten:
            raise UserError("The model gave no usable rewrite (every sentence stated a number, a date or risk, "
                            "repeated another or was unfinished); nothing was changed.")
        kept = [s for n, s in enumerate(statements) if n not in loose]
        at = sum(1 for n in range(loose[0]) if n not in loose)
        result.statements = kept[:at] + rewritten + kept[at:]
        result.seconds = time.monotonic() - started
        return result

    def _call(self, lines: list[FactLine], messages: list[dict], k: int, result: ComposeResult,
              on_progress: ProgressFn, cancel: CancelToken | None) -> list[Statement]:
        if cancel is not None:
            cancel.raise_if_cancelled()
        budget = k * STATEMENT_TOKENS + 24
        result.prompt_tokens += self.model.prompt_tokens(messages)
        generation = self.model.generate_json(
            messages, _schema(len(lines), k), budget, cancel=cancel,
            on_token=lambda n: on_progress(0.2 + 0.75 * min(1.0, n / budget), "Writing the narrative"))
        result.model_calls += 1
        result.generated_tokens += generation.tokens
        found, seen, said = [], set(), []
        for raw in _parse(generation.text):
            text = _tidy(str(raw.get("text", "")), seen)
            kept = []
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if sentence and (numbers_in(sentence) or mentions_risk(sentence)):
                    result.dropped_sentences += 1
                elif sentence and (len(sentence.split()) < FRAGMENT_WORDS or not _content_words(sentence)
                                   or _ABOUT_ITSELF.search(sentence)):
                    # "The client" alone, where a small model stopped; "The work focused on [2]." once
                    # the echoed fact number is taken out: nothing named, an empty statement.
                    result.fragment_sentences += 1
                elif sentence and _repeats(sentence, said):
                    result.repeated_sentences += 1
                elif sentence:
                    kept.append(sentence)
                    said.append(_content_words(sentence))
            cited = {n for n in raw.get("sources", []) if isinstance(n, int) and 1 <= n <= len(lines)}
            refs = set().union(*(lines[n - 1].sources for n in cited)) if cited else set()
            if kept and refs:
                found.append(Statement(" ".join(kept), tuple(sorted(refs))))
        return found
