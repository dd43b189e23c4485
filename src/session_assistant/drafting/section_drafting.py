"""Drafting one note's sections over one source block (a transcript or extracted facts).

The step both drafting paths share: ``drafter.draft_note`` runs it over a short transcript, and
``accumulator.DraftAccumulator`` over the facts it extracted window by window. It lives apart from
both so neither imports the other's module back (drafter uses the accumulator for long sessions).
"""

from __future__ import annotations

import threading
from typing import Sequence

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.fact_homes import FACT_SECTIONS
from session_assistant.drafting.formats import NoteFormat, Section, prompt_text, sentences_schema
from session_assistant.drafting.note_model import NoteModel
from session_assistant.drafting.sections import generate_section, incomplete_marker
from session_assistant.drafting.side_by_side import passes_side_by_side
from session_assistant.drafting.transcript_input import Utterance, source_block
from session_assistant.jobs.progress import CancelToken, ProgressFn


def draft_sections(model: NoteModel, fmt: NoteFormat, utterances: Sequence[Utterance], *, system: str,
                   heading: str, subject: str, on_progress: ProgressFn, cancel: CancelToken | None,
                   stage: str, chart: ChartContext | None = None,
                   helpers: Sequence[NoteModel] = ()) -> tuple[dict[str, list[dict]], list[str]]:
    """Generate every section from the same prefix (system + source) so llama.cpp reuses its cache.

    The chart (``chart``) goes only to the section that relates the session to the goals, after the
    transcript and under its own heading: given to every section, the 1.5B model retold the goals
    as what the session was about. With ``helpers`` (other instances of the same model, on cores
    of their own) the sections are written side by side (``side_by_side``), the same prompts."""
    block = source_block(utterances, heading)
    goal_section = FACT_SECTIONS.get(fmt.key, {}).get("goals") if chart else None
    ids = [u.id for u in utterances]
    raw: dict[str, list[dict]] = {key: [] for key in fmt.keys}
    warnings: list[str] = []
    failed: set[str] = set()
    total = len(fmt.passes)
    shown = [0.0]

    def report(fraction: float, message: str) -> None:
        shown[0] = max(shown[0], fraction)  # a retry restarts its token count; progress never goes back
        on_progress(shown[0], message)

    shares = [0.0] * total
    lock = threading.Lock()

    def run_pass(worker: NoteModel, index: int, stop: CancelToken | None) -> tuple[list[dict], str | None]:
        sec = fmt.passes[index]
        ask = section_request(fmt, sec, chart)
        context = f"{block}\n\n{chart.prompt_block()}" if chart and chart.goals and sec.key == goal_section else block
        messages = [{"role": "system", "content": system}, {"role": "user", "content": f"{context}\n\n{ask}"}]

        def tokens(n: int, title: str = sec.title, budget: int = sec.max_tokens) -> None:
            with lock:  # side by side, two workers report
                shares[index] = min(n / budget, 0.99)
                report(sum(shares) / total, f"{stage} {title}: {n} tokens")

        with lock:
            report(sum(shares) / total, f"{stage} {sec.title}: reading")
        result = generate_section(worker, messages, sec, lambda n: sentences_schema(n, ids), cancel=stop,
                                  on_token=tokens)
        shares[index] = 1.0
        return result

    if helpers:
        shared_start = [{"role": "system", "content": system}, {"role": "user", "content": block}]
        results = passes_side_by_side(model, helpers, shared_start, total, run_pass, cancel)
    else:
        results = [run_pass(model, index, cancel) for index in range(total)]
    for sec, (items, warning) in zip(fmt.passes, results):
        raw[sec.key].extend(items)
        if warning:
            warnings.append(warning)
            failed.add(sec.key)
    for key in failed:
        raw[key] = raw[key] or [incomplete_marker()]
    on_progress(1.0, f"{stage}: done")
    return raw, warnings


def section_request(fmt: NoteFormat, sec: Section, chart: ChartContext | None = None) -> str:
    """The request for one section; with chart goals, the goal-bearing section asks for the golden thread."""
    guidance = sec.guidance
    if chart and chart.goals and sec.key == FACT_SECTIONS.get(fmt.key, {}).get("goals"):
        guidance += " " + prompt_text("goal_thread")
    return prompt_text("draft_section").format(section_title=sec.title, format_title=fmt.title,
                                               guidance=guidance, max_sentences=sec.max_sentences)
