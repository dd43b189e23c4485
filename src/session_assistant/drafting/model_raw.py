"""The model's own output for a draft, as generated and before any check, kept beside the draft so the
same output can be assembled again by the product's own ``assemble`` with other rules.

Why: a rule change is best measured on fixed model output (a 1.5B model never writes the same note
twice). Re-implementing the post-generation steps in a bench script drifts from what the product does;
assembling the kept output again with this tree's ``assemble`` cannot.

Privacy: the kept output holds PHI exactly as the note does. It lives only in memory on the Draft
(``Draft.model_raw``), is left out of ``Draft.to_json`` (what the vault stores) and is shown only by
``session-assistant draft --json`` on stdout. Nothing here writes to disk.
"""

from __future__ import annotations

import copy
from typing import Sequence

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.draft_result import Draft
from session_assistant.drafting.formats import NoteFormat, fit_to_session, get_format, system_prompt
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.typed_slots import fill_typed, wants_typed_slots

MODEL_RAW_FORMAT = "session-assistant model raw v1"


def capture(raw: dict[str, list[dict]], *, mode: str, fmt: str, subject: str, warnings: Sequence[str],
            model: str, chart: ChartContext | None, pronouns: str | None, max_sentences: int | None = None,
            fitted_words: int | None = None, typed: dict | None = None) -> dict:
    """What ``assemble`` was given, copied before it runs: the section items as the model wrote them
    (text, evidence ids, the "system" marker of a failed section) and how the format was built.

    ``fitted_words``: the transcript's word count when the format was fitted to the session
    (``fit_to_session``, direct drafts); None when it was not (windowed drafts). ``typed``: the raw
    output of the typed-slot request (``typed_slots.fill_typed``; client notes), kept unchecked so
    ``assemble`` checks it again with this tree's rules."""
    return {"format_version": MODEL_RAW_FORMAT, "mode": mode, "format": fmt, "subject": subject,
            "max_sentences": max_sentences, "fitted_words": fitted_words, "model": model,
            "pronouns": pronouns, "warnings": list(warnings), "chart": chart.to_dict() if chart is not None else None,
            "sections": copy.deepcopy(raw), **({"typed": copy.deepcopy(typed)} if typed else {})}


def note_format(kept: dict) -> NoteFormat:
    """The format the kept output was assembled with, built again by this tree's code."""
    fmt = get_format(kept["format"], kept["subject"], kept.get("max_sentences"))
    return fit_to_session(fmt, kept["fitted_words"]) if kept.get("fitted_words") is not None else fmt


def assemble_again(kept: dict, utterances: Sequence[Utterance], chart: ChartContext | None = None) -> Draft:
    """The draft this tree's ``assemble`` makes from kept model output, with no model run.

    ``utterances``: the transcript the draft was made from (the kept output cites its segment ids).
    ``chart``: the chart to assemble with; default, the chart the draft was made with.

    Raises:
        ValueError: for kept output of another format version.
    """
    if kept.get("format_version") != MODEL_RAW_FORMAT:
        raise ValueError("Not kept model output of a known version.")
    if chart is None and kept.get("chart"):
        chart = ChartContext.from_dict(kept["chart"])
    utterances = list(utterances)
    draft = assemble(note_format(kept), copy.deepcopy(kept["sections"]), SourceIndex(utterances),
                     scan_transcript(utterances), model=kept.get("model", ""), mode=kept["mode"],
                     warnings=list(kept.get("warnings") or []), subject=kept["subject"], chart=chart,
                     pronouns=kept.get("pronouns"), typed=kept.get("typed"))
    draft.model_raw = copy.deepcopy(kept)
    return draft


def lacks_typed(kept: dict, utterances: Sequence[Utterance]) -> bool:
    """True for kept output of a client note drafted before the typed-slot request (or without it)."""
    return kept.get("mode") == "direct" and "typed" not in kept and wants_typed_slots(kept["subject"], list(utterances))


def with_typed(kept: dict, utterances: Sequence[Utterance], model, *, cancel=None) -> dict:
    """Kept output with the typed-slot request run now, as ``draft_note`` runs it after the
    sections: the same system prompt (the format's title, subject and pronouns the draft had) and
    transcript block. A draft made before the request, given its typed slots here and assembled
    again, is the draft this tree makes (tests/drafting/test_typed_slots.py)."""
    fmt = get_format(kept["format"], kept["subject"], kept.get("max_sentences"))
    system = system_prompt("draft_system", fmt.title, kept["subject"], kept.get("pronouns"))
    return {**copy.deepcopy(kept), "typed": fill_typed(model, list(utterances), system, cancel=cancel)}


__all__ = ["MODEL_RAW_FORMAT", "assemble_again", "capture", "lacks_typed", "note_format", "with_typed"]
