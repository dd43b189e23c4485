"""``session-assistant draft TRANSCRIPT``: a grounded note draft from a transcript (no vault needed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="draft a SOAP/DAP/BIRP/GIRP note from a transcript (JSON or 'Speaker: words' text)")
    p.add_argument("transcript", type=Path, metavar="TRANSCRIPT", help="transcript file: transcribe --json output or text")
    p.add_argument("--format", default="soap", metavar="FORMAT", help="soap (default), dap, birp or girp")
    p.add_argument("--model", default=None, metavar="NAME", help="an LLM in models/ (default: the registry default)")
    p.add_argument("--subject", default="client", choices=["client", "patient"],
                   help="how the note refers to the person (default: client)")
    p.add_argument("--pronouns", default=None, metavar="PRONOUNS",
                   help="the person's pronouns, e.g. she/her (default: the chart's \"pronouns\", else as the "
                        "transcript shows)")
    p.add_argument("--enhance", action="store_true",
                   help="treat TRANSCRIPT as a hand-written note and tidy it into the format, adding nothing")
    p.add_argument("--chart", type=Path, default=None, metavar="CHART.json",
                   help="the client's chart as JSON, kept apart from the transcript: {\"goals\": [{\"id\", \"goal\", "
                        "\"objectives\", \"status\"}], \"diagnoses\": [{\"id\", \"code\", \"description\"}], "
                        "\"measures\": [{\"id\", \"instrument\", \"total\", \"severity\", \"date\"}], "
                        "\"last_plan\": {\"id\", \"date\", \"text\"}, \"pronouns\": \"she/her\"} (all optional; "
                        "see drafting/chart_context.py)")
    p.add_argument("--method", default=None, choices=["record", "sections"],
                   help="sections (default): write each section from the transcript; record (experimental): "
                        "extract a session record, then render the note from it by rule")
    p.add_argument("--max-sentences", type=int, default=None, metavar="N",
                   help="at most N sentences per section (shorter, faster drafts)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--json", action="store_true", dest="cmd_json", help="machine-readable output")
    p.set_defaults(handler=_draft)


def _progress_printer(enabled: bool):
    last = {"message": ""}

    def show(fraction: float, message: str) -> None:
        # Stage names and token counts only; never note or transcript text.
        stage = message.split(":")[0]
        if enabled and stage != last["message"]:
            last["message"] = stage
            print(f"[{fraction * 100:3.0f}%] {stage}", file=sys.stderr, flush=True)

    return show


def _draft(ctx, args) -> int:
    from session_assistant.drafting import (NoteModel, draft_note, enhance_note, get_format,
                                            load_transcript)
    from session_assistant.drafting.transcript_input import TranscriptUnreadable, require_words

    get_format(args.format)  # an unknown format fails before any model loads
    if args.enhance:
        if not args.transcript.is_file():
            raise TranscriptUnreadable("Note file not found.")
        try:
            source = args.transcript.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise TranscriptUnreadable("The note file could not be read as UTF-8 text.") from None
    else:
        source = require_words(load_transcript(args.transcript))  # refused before a model loads
    chart = _load_chart(args.chart) if args.chart else None
    model = NoteModel.from_registry(ctx.paths.models_dir, args.model)
    show = _progress_printer(not args.quiet and sys.stderr.isatty())
    try:
        if args.enhance:
            draft = enhance_note(model, source, args.format, subject=args.subject, on_progress=show,
                                 max_sentences=args.max_sentences)
        else:
            draft = draft_note(model, source, args.format, subject=args.subject, on_progress=show,
                               max_sentences=args.max_sentences, pronouns=args.pronouns, chart=chart,
                               method=args.method)
    finally:
        model.close()
    data = draft.to_json()
    if draft.model_raw is not None:
        # The model's output before any check, for re-assembling with other rules (bench/therapy_eval/
        # rerender.py); on stdout only, as the note itself, never stored in the vault.
        data["model_raw"] = draft.model_raw
    if args.cmd_json or ctx.as_json:
        ctx.as_json = True
    ctx.emit(data, lambda: _text(draft))
    return 0


def _load_chart(path: Path):
    """The chart JSON file as a ChartContext; errors name the problem, never the content."""
    import json

    from session_assistant.drafting.chart_context import ChartContext
    from session_assistant.drafting.transcript_input import TranscriptUnreadable

    if not path.is_file():
        raise TranscriptUnreadable("Chart file not found.")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise TranscriptUnreadable("The chart file is not readable JSON.") from None
    return ChartContext.from_json(data)


def _text(draft) -> str:
    lines = [draft.as_text()]
    flagged = [s for s in draft.sentences + draft.withheld if s.flags]
    if flagged:
        lines.append("\nTO CHECK")
        lines += [f"- [{s.section}] {', '.join(s.flags)}: {s.text}" for s in flagged]
    if draft.risk:
        lines.append("\nRISK LANGUAGE IN THE TRANSCRIPT (clinician to review)")
        lines += [f"- {r.label()}" for r in draft.risk]
    if draft.dropped:
        lines.append("\nLEFT OUT (repeats or unfinished)")
        lines += [f"- [{s.section}] {', '.join(s.flags)}: {s.text}" for s in draft.dropped]
    if draft.warnings:
        lines.append("\nWARNINGS")
        lines += [f"- {w}" for w in draft.warnings]
    lines.append(f"\n({draft.model}, {draft.elapsed_s:.1f} s)")
    return "\n".join(lines)
