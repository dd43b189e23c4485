#!/usr/bin/env python3
"""Stop-to-draft end to end for a ~50-minute therapy session, with the default note model.

    PYTHONPATH=$PWD/src flock /tmp/sa-core1.lock taskset -c 1 .venv/bin/python bench/stop_therapy_bench.py --stops 3

``drafting_bench.py stop`` times Stop on ACI-Bench dialogues in the medical voice; the app's notes are
client notes, whose composition (the therapy rules) is most of what grew since. This feeds the
therapy transcript ``compose_bench.py`` builds (sessions 05+01+08, 553 lines, 8,654 words) to the
app's accumulator as a recording does (``services.live_drafting``: SOAP, client, windows of 600
tokens, 4 sentences per section per window, batches of 20 lines, every full window drafted as it
fills), with session 05's chart, one llama.cpp thread. Then Stop runs the app's own path
(``finish_windows``: the pending tail window, then the composition) and is timed.

Every Stop after the first starts again from the windows kept before it (the saved state, as a
resumed draft does), empties the drafting checks' text caches and first re-extracts the last full
window, untimed: the model's prompt cache (and the text caches) are then what they are at a real Stop
(the previous window's), not what the Stop before left. ``--state`` keeps the windows, so ``--reuse-state`` times Stops without the recording.
The draft of the last Stop goes to ``--draft`` (bench/out; the sessions are synthetic).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import sys
import time
from pathlib import Path

from compose_bench import SESSIONS, transcript

from session_assistant.drafting import DraftAccumulator, JsonFileStore, MemoryStore, NoteModel, NOT_DISCUSSED
from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.grounding import forget_cached_text
from session_assistant.drafting.transcript_input import source_block
from session_assistant.jobs.progress import no_progress
from session_assistant.services.live_drafting import FACTS_PER_SECTION, WINDOW_TOKENS, finish_windows

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
SESSION_IDS = ["05_cpt_trauma", "01_cbt_panic", "08_intake"]
BATCH = 20  # lines per live-transcript update
KEPT_DRAFTS = Path(__file__).resolve().parent / "therapy_eval" / "drafts" / "0303d5c"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _accumulator(model: NoteModel, chart: ChartContext | None, state: dict | None, store=None) -> DraftAccumulator:
    if store is None:
        store = MemoryStore()
        store.state = copy.deepcopy(state)
    return DraftAccumulator(model, "soap", subject="client", store=store, window_tokens=WINDOW_TOKENS,
                            facts_per_section=FACTS_PER_SECTION, chart=chart)


def record(model: NoteModel, chart: ChartContext | None, lines: list, state_path: Path) -> dict:
    """The windows a recording drafts before Stop: the state the Stop starts from. Each window is a
    checkpoint in ``state_path``, so an interrupted recording goes on from the windows it kept."""
    state_path.parent.mkdir(parents=True, exist_ok=True)
    acc = _accumulator(model, chart, None, JsonFileStore(state_path))
    started = time.monotonic()
    for first in range(0, len(lines), BATCH):
        acc.add_segments(lines[:first + BATCH])  # the live transcript so far, as the app passes it
        print(f"  {min(first + BATCH, len(lines))} lines, {acc.windows_done} windows, "
              f"{time.monotonic() - started:.0f} s, load {_load()}", flush=True)
    seconds = [w["seconds"] for w in acc.state["windows"]]
    print(f"recording: {acc.windows_done} windows (median {statistics.median(seconds):.1f} s, "
          f"max {max(seconds):.1f} s each; {sum(seconds):.0f} s in all); tail {acc.pending_tokens} tokens", flush=True)
    return copy.deepcopy(acc.state)


def kept_windows(model: NoteModel, chart: ChartContext | None, lines: list) -> dict:
    """The windows before the tail without recording them: cut as the recording cuts them, each holding
    the kept facts (bench/therapy_eval/drafts/0303d5c, sessions 05 and 01; none kept for 08) that cite
    its lines. For the Stop only: the tail is drafted for real, the composition reads these facts."""
    offsets, start = {}, 0
    for sid in SESSION_IDS:
        offsets[sid] = start
        start += len(transcript([sid]))
    facts = []
    for sid in SESSION_IDS:
        kept = KEPT_DRAFTS / f"{sid}.json"
        if kept.exists():
            for key, items in json.loads(kept.read_text(encoding="utf-8"))["model_raw"]["sections"].items():
                facts += [(key, {**f, "evidence": [offsets[sid] + i for i in f.get("evidence") or []]}) for f in items]
    acc = _accumulator(model, chart, None)
    acc.queue(lines)
    windows = []
    for window in acc.planned_windows(tail=False):
        ids = {u.id for u in window}
        own = {key: [] for key in acc.format.keys}
        for key, fact in facts:
            if fact["evidence"] and fact["evidence"][0] in ids:
                own[key].append(fact)
        windows.append({"segment_ids": [u.id for u in window], "speakers": [u.speaker for u in window],
                        "facts": own, "warning": None, "seconds": 0.0, "window_tokens": acc.window_tokens,
                        "facts_per_section": FACTS_PER_SECTION})
    return {**acc.state, "windows": windows}


def read_ahead_as_recorded(acc: DraftAccumulator, lines: list) -> None:
    """The live transcript's updates after the last kept window, each read ahead as the app does
    between windows (``extract_while_recording``), all but the last: that one is what Stop's
    transcription adds, so the tail's sections still read it after Stop."""
    covered = {i for w in acc.state["windows"] for i in w["segment_ids"]}
    first = max((n for n, u in enumerate(lines) if u.id in covered), default=-1) + 1
    for end in range(BATCH, len(lines), BATCH):
        if end > first:
            acc.queue(lines[:end])
            acc.read_ahead()


def stop(model: NoteModel, chart: ChartContext | None, lines: list, state: dict, warm: bool,
         read_ahead: bool = False, helper: bool = False, quick_warm: bool = False) -> tuple[float, dict]:
    acc = _accumulator(model, chart, state)
    if warm:
        forget_cached_text()  # the Stop before filled them; a real Stop meets only what the windows left
    if warm and not read_ahead and quick_warm and hasattr(model, "prefill"):
        # What a real Stop's cache shares with the tail's prompts is the system prompt and the heading (the
        # last window's lines are no prefix of the tail's): read those and one line of the last window.
        last = set(state["windows"][-1]["segment_ids"])
        first_line = next(u for u in lines if u.id in last)
        model.prefill([{"role": "system", "content": acc._system},
                       {"role": "user", "content": source_block([first_line], "Transcript part")}])
    elif warm and not read_ahead:  # (read ahead, the cache a real Stop meets is the tail's lines, as replayed below)
        acc.queue(lines)  # the last full window again, uncommitted: the prompt cache a real Stop meets
        last = set(state["windows"][-1]["segment_ids"])
        acc.extract_window(model, [u for u in lines if u.id in last], acc.windows_done, no_progress, None)
        acc = _accumulator(model, chart, state)
    if read_ahead:
        read_ahead_as_recorded(acc, lines)
    acc.queue(lines)
    # As the app's Stop on two cores (drafting_helpers): a sibling made (and loaded) after Stop, closed after.
    helpers = [model.sibling(2)] if helper and hasattr(model, "sibling") else []
    tail_tokens, load_before = acc.pending_tokens, _load()
    started, cpu_started = time.monotonic(), time.process_time()
    draft = finish_windows(acc, lines, helpers, no_progress, None)
    total, cpu = time.monotonic() - started, time.process_time() - cpu_started
    for sibling in helpers:
        sibling.close()
    tail_s = acc.state["windows"][-1]["seconds"] if acc.windows_done > len(state["windows"]) else 0.0
    row = {"stop_s": round(total, 1), "cpu_s": round(cpu, 1), "tail_tokens": tail_tokens, "tail_model_s": tail_s,
           "compose_s": round(draft.elapsed_s, 1), "sentences": len(draft.sentences),
           "empty_parts": sum(1 for v in draft.sections.values() if v == NOT_DISCUSSED),
           "warnings": len(draft.warnings), "load_before": load_before, "load_after": _load()}
    print(f"Stop-to-draft: {total:.1f} s, CPU {cpu:.1f} s (tail of {tail_tokens} tokens: model {tail_s:.1f} s, "
          f"composition "
          f"{row['compose_s']:.1f} s); {row['sentences']} sentences, empty parts {row['empty_parts']}, warnings "
          f"{row['warnings']}; load {load_before} -> {row['load_after']}", flush=True)
    return total, {"row": row, "draft": draft.to_json(), "model_raw": draft.model_raw}


def _model(args):
    if args.smoke:  # the bench's own plumbing, in seconds: a scripted model, not a measurement
        sys.path.insert(0, str(REPO / "tests" / "drafting"))
        from scripted_model import OneSentenceModel

        return OneSentenceModel("The client described the week.", [0])
    return NoteModel.from_registry(REPO / "models", None, n_threads=args.threads).load()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stops", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--no-chart", action="store_true", help="compose without session 05's chart")
    ap.add_argument("--state", default=str(OUT / "stop_therapy_state.json"), help="windows kept before Stop")
    ap.add_argument("--reuse-state", action="store_true", help="skip the recording, use --state's windows")
    ap.add_argument("--fresh", action="store_true", help="remove --state first: record every window again")
    ap.add_argument("--draft", default=str(OUT / "stop_therapy_draft.json"))
    ap.add_argument("--end-early", type=int, default=0,
                    help="with --reuse-state: Stop this many lines before the end (a shorter tail)")
    ap.add_argument("--smoke", action="store_true", help="a scripted model: checks the bench, times nothing real")
    ap.add_argument("--kept-windows", action="store_true",
                    help="no recording: the windows before the tail hold kept drafts' facts (the tail is drafted)")
    ap.add_argument("--quick-warm", action="store_true",
                    help="before each Stop read only what the tail shares with the last window (not the whole window)")
    ap.add_argument("--read-ahead", action="store_true",
                    help="before each Stop, read the tail's lines ahead as the recording does (but the last update)")
    ap.add_argument("--helper", action="store_true",
                    help="at Stop a second one-thread instance writes some of the tail's sections (the app on 2 cores)")
    args = ap.parse_args()

    lines = transcript(SESSION_IDS)
    if args.end_early:
        lines = lines[:-args.end_early]  # the kept windows cover none of these, so they still apply
    chart = None if args.no_chart else ChartContext.from_json(
        json.loads((SESSIONS / f"{SESSION_IDS[0]}.chart.json").read_text(encoding="utf-8")))
    model = _model(args)
    print(f"model {model.model_id}, {args.threads} thread(s); {len(lines)} lines, "
          f"{sum(len(u.text.split()) for u in lines)} words; load {_load()}", flush=True)
    state_path = Path(args.state)
    if args.fresh:
        state_path.unlink(missing_ok=True)
    if args.kept_windows:
        state = kept_windows(model, chart, lines)
    elif args.reuse_state:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    else:
        state = record(model, chart, lines, state_path)
    times = []
    for n in range(args.stops):
        # The first Stop right after the recording meets the cache a real Stop meets; a reused state does not.
        warm = n > 0 or args.reuse_state or args.kept_windows
        seconds, last = stop(model, chart, lines, state, warm=warm, read_ahead=args.read_ahead, helper=args.helper,
                             quick_warm=args.quick_warm)
        times.append(seconds)
        Path(args.draft).write_text(json.dumps(last), encoding="utf-8")  # each Stop's: a cut-short run keeps one
    print(f"Stop-to-draft median of {len(times)}: {statistics.median(times):.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
