#!/usr/bin/env python3
"""Note-drafting benchmark: draft notes for an eval set, score them with the shared yardstick,
and time Stop-to-draft for a long session.

Quality (writes bench/out/drafting_<set>_pred.jsonl, then runs ../shared/eval/score_notes.py):
    nice .venv/bin/python bench/drafting_bench.py quality --data ../shared/eval/notes/aci_bench_test1.jsonl --limit 5
Stop-to-draft (a ~50-minute session made of consecutive dialogues, extracted window by window
as if recording, then the timed final step):
    nice .venv/bin/python bench/drafting_bench.py stop --tokens 10000

Eval data is referenced by path, never copied into the repository. Notes refer to "the patient"
here (``subject="patient"``) because the references are medical notes; the app default is "client".
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from session_assistant.drafting import DraftAccumulator, JsonFileStore, NoteModel, draft_note, NOT_DISCUSSED
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.services.live_drafting import FACTS_PER_SECTION, WINDOW_TOKENS

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"
OUT = REPO / "bench" / "out"
REF_PARTS = {"subjective": ("subjective", "S"), "objective": ("objective_exam", "objective_results", "O"),
             "assessment": ("assessment_and_plan", "A"), "plan": ("assessment_and_plan", "P")}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ref_has(row: dict, part: str) -> bool:
    sections = row.get("reference_note_sections") or {}
    return any((sections.get(k) or "").strip() for k in REF_PARTS[part])


def quality(args) -> int:
    rows = [json.loads(line) for line in open(args.data, encoding="utf-8")]
    rows = rows[args.start:args.start + args.limit] if args.limit else rows[args.start:]
    model = NoteModel.from_registry(REPO / "models", args.model, n_threads=args.threads).load()
    out_dir = Path(args.out) if args.out else OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    pred_path = out_dir / f"drafting_{Path(args.data).stem}_pred.jsonl"
    times, missing, flagged_numbers, warnings = [], 0, 0, 0
    with pred_path.open("a" if args.append else "w", encoding="utf-8") as out:
        for n, row in enumerate(rows, 1):
            started = time.monotonic()
            draft = draft_note(model, row["dialogue"], "soap", subject="patient")
            seconds = time.monotonic() - started
            times.append(seconds)
            sections = draft.sections
            missing += sum(1 for k, v in sections.items() if v == NOT_DISCUSSED and _ref_has(row, k))
            flagged_numbers += sum(1 for s in draft.sentences for f in s.flags if f.startswith("unsupported_number"))
            warnings += len(draft.warnings)
            # The whole draft (sentences, flags, withheld) too, to study what the model wrote.
            out.write(json.dumps({"id": row["id"], "sections": sections, "draft": draft.to_json()}) + "\n")
            out.flush()
            print(f"[{n}/{len(rows)}] {seconds:.1f} s, {sum(len(v.split()) for v in sections.values())} words, "
                  f"mode {draft.mode}, {len(draft.warnings)} warnings", flush=True)
    print(f"notes: {len(rows)}  median s/note: {statistics.median(times):.1f}  min {min(times):.1f}  "
          f"max {max(times):.1f}  peak RSS: {peak_rss_mb():.0f} MB")
    print(f"'Not discussed' where the reference has content: {missing}  flagged numbers: {flagged_numbers}  "
          f"length warnings: {warnings}")
    if args.no_score:
        return 0
    score = subprocess.run([sys.executable, str(SHARED_EVAL / "score_notes.py"), "--data", args.data,
                            "--pred", str(pred_path)], capture_output=True, text=True)
    print(score.stdout or score.stderr)
    return score.returncode


def _long_session(data: Path, model: NoteModel, tokens: int) -> list[dict]:
    segments, used = [], 0
    for line in open(data, encoding="utf-8"):
        for utt in parse_transcript(json.loads(line)["dialogue"]):
            segments.append({"id": len(segments), "speaker": utt.speaker, "text": utt.text})
            used += model.count_tokens(utt.line())
        if used >= tokens:
            break
    return segments


def stop_to_draft(args) -> int:
    model = NoteModel.from_registry(REPO / "models", args.model, n_threads=args.threads).load()
    segments = _long_session(Path(args.data), model, args.tokens)
    OUT.mkdir(parents=True, exist_ok=True)
    state = OUT / "drafting_stop_state.json"
    state.unlink(missing_ok=True)
    acc = DraftAccumulator(model, "soap", subject="patient", store=JsonFileStore(state), window_tokens=args.window,
                           facts_per_section=args.facts)
    started = time.monotonic()
    for first in range(0, len(segments), 20):  # segments arrive in batches while "recording"
        acc.add_segments(segments[first:first + 20])
    during = time.monotonic() - started
    tail = acc.pending_tokens
    started = time.monotonic()
    draft = acc.finish()
    stop = time.monotonic() - started
    window_s = [w["seconds"] for w in acc.state["windows"]]
    print(f"session: {len(segments)} segments, ~{args.tokens} tokens; windows of {args.window} tokens: "
          f"{acc.windows_done} (median {statistics.median(window_s):.1f} s, max {max(window_s):.1f} s each; "
          f"{during:.0f} s in all during the session)")
    print(f"Stop-to-draft: {stop:.1f} s (tail of {tail} tokens + composition); "
          f"{len(draft.sentences)} sentences, empty parts: "
          f"{sum(1 for v in draft.sections.values() if v == NOT_DISCUSSED)}, warnings: {len(draft.warnings)}; "
          f"peak RSS {peak_rss_mb():.0f} MB")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["quality", "stop"])
    ap.add_argument("--data", default=str(SHARED_EVAL / "notes" / "aci_bench_test1.jsonl"))
    ap.add_argument("--model", default=None, help="LLM in models/ (default: the registry default)")
    ap.add_argument("--limit", type=int, default=0, help="notes to draft (0: all)")
    ap.add_argument("--start", type=int, default=0, help="first note index")
    ap.add_argument("--append", action="store_true", help="append to the predictions file")
    ap.add_argument("--out", default=None, help="folder for the predictions (default: bench/out)")
    ap.add_argument("--no-score", action="store_true", help="only write predictions (score them elsewhere)")
    ap.add_argument("--threads", type=int, default=None,
                    help="llama.cpp threads (default: drafting_threads(), one core left free)")
    ap.add_argument("--tokens", type=int, default=10000, help="stop mode: session length in tokens")
    ap.add_argument("--window", type=int, default=WINDOW_TOKENS, help="stop mode: window size in tokens")
    ap.add_argument("--facts", type=int, default=FACTS_PER_SECTION, help="stop mode: facts per section per window")
    args = ap.parse_args()
    return quality(args) if args.mode == "quality" else stop_to_draft(args)


if __name__ == "__main__":
    raise SystemExit(main())
