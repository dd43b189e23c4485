"""AI Notes Enhancement (tidy a hand-written note into a format, adding nothing) and Refine
(apply the clinician's instruction to a draft, keeping its evidence)."""

from __future__ import annotations

import time
from typing import Sequence

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.draft_result import Draft
from session_assistant.drafting.drafter import draft_sections, fits_directly
from session_assistant.drafting.formats import NOT_DISCUSSED, get_format, prompt_text, sentences_schema
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.note_model import ContextExceeded, NoteModel
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble, generate_section
from session_assistant.drafting.transcript_input import TranscriptUnreadable, Utterance
from session_assistant.drafting.wording import split_sentences
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress


def note_lines(note: str) -> list[Utterance]:
    """A hand-written note as numbered lines (one sentence or bullet each) that evidence can cite."""
    found: list[Utterance] = []
    for line in note.splitlines():
        line = line.strip(" \t-*•")
        for part in split_sentences(line):
            found.append(Utterance(len(found), "", part))
    return found


def enhance_note(model: NoteModel, note: str, fmt: str | None = None, *, subject: str = "client",
                 on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                 max_sentences: int | None = None) -> Draft:
    """Tidy a clinician's own note into ``fmt``. Any number, name, medication or date the note lacks
    is flagged on its sentence: every added fact is a defect for the clinician to see.

    Raises:
        TranscriptUnreadable: an empty note. ContextExceeded: a note too long for the model.
    """
    started = time.monotonic()
    note_format = get_format(fmt, subject, max_sentences).single_pass()  # tidy what is there, once
    lines = note_lines(note)
    if not lines:
        raise TranscriptUnreadable("The note is empty: there is nothing to enhance.")
    system = prompt_text("enhance_system").format(format_title=note_format.title, subject=subject)
    if not fits_directly(model, note_format, lines, system):
        raise ContextExceeded(f"The note is too long for model '{model.model_id}' to enhance in one piece; "
                              "nothing was changed. Split it or choose a model with a larger context.")
    raw, warnings = draft_sections(model, note_format, lines, system=system, heading="Clinician's note",
                                   subject=subject, on_progress=on_progress, cancel=cancel, stage="Enhancing")
    draft = assemble(note_format, raw, SourceIndex(lines), scan_transcript(lines), model=model.model_id,
                     mode="enhance", warnings=warnings, allow_risk_from_source=True, subject=subject)
    draft.elapsed_s = time.monotonic() - started
    return draft


def _sections_named(instruction: str, draft: Draft) -> list[str]:
    low = instruction.lower()
    named = [s.key for s in draft.format.sections if s.key in low or s.title.lower() in low]
    return named or draft.format.keys


def refine_draft(model: NoteModel, draft: Draft, source: Sequence[Utterance], instruction: str, *,
                 subject: str = "client", on_progress: ProgressFn = no_progress,
                 cancel: CancelToken | None = None, max_sentences: int | None = None) -> Draft:
    """Apply ``instruction`` ("shorter", "more on the plan") to the sections it names (all if none).

    The model sees each section's sentences and the transcript lines they cite, so it can only
    reshape grounded material; evidence and flags are recomputed against the whole source.
    """
    started = time.monotonic()
    if not instruction.strip():
        raise TranscriptUnreadable("The refine instruction is empty.")
    fmt = get_format(draft.format.key, subject, max_sentences)
    index = SourceIndex(source)
    system = prompt_text("refine_system").format(format_title=fmt.title, subject=subject)
    targets = _sections_named(instruction, draft)
    raw: dict[str, list[dict]] = {}
    warnings: list[str] = []
    for position, key in enumerate(fmt.keys):
        current = [s for s in draft.section_sentences(key) if s.origin == "model" and s.text != NOT_DISCUSSED]
        if key not in targets:
            raw[key] = [{"text": s.text, "evidence": s.evidence} for s in current]
            continue
        sec = fmt.section(key)
        cited = sorted({i for s in current for i in s.evidence if i in index.by_id})
        if not cited:  # nothing grounded to work from: let the model look at the whole source
            cited = [u.id for u in source]
        lines = "\n".join(index.by_id[i].line() for i in cited)
        listed = "\n".join(f"- {s.text} {s.evidence}" for s in current) or "- (empty)"
        ask = prompt_text("refine_section").format(section_title=sec.title, current=listed,
                                                   instruction=instruction.strip(), max_sentences=sec.max_sentences)
        messages = [{"role": "system", "content": system},
                    {"role": "user", "content": f"Transcript lines (line number, speaker, words):\n{lines}\n\n{ask}"}]
        if model.prompt_tokens(messages) + sec.max_tokens * 2 > model.context_size:
            raise ContextExceeded(f"The {sec.title} section and its transcript lines are too long for model "
                                  f"'{model.model_id}' to refine; nothing was changed.")
        on_progress(position / len(fmt.keys), f"Refining {sec.title}")
        raw[key], warning = generate_section(model, messages, sec, lambda n, c=cited: sentences_schema(n, c),
                                             cancel=cancel)
        if warning:
            warnings.append(warning)
            if not raw[key]:  # keep the clinician's current sentences rather than lose the section
                raw[key] = [{"text": s.text, "evidence": s.evidence} for s in current]
    refined = assemble(fmt, raw, index, scan_transcript(source), model=model.model_id, mode="refine",
                       warnings=warnings, subject=subject, chart=ChartContext.from_dict(draft.facts.get("chart")))
    refined.withheld = draft.withheld + refined.withheld
    refined.elapsed_s = time.monotonic() - started
    on_progress(1.0, "Refined")
    return refined

