#!/usr/bin/env python3
"""The tail of kept therapy drafts redrafted two ways, for quality before/after (speed27):

    PYTHONPATH=$PWD/src flock /tmp/sa-core1.lock taskset -c 1 .venv/bin/python bench/therapy_eval/tail_redraft.py \
        --drafts bench/therapy_eval/drafts/0303d5c --out /tmp/speed27-q
    .venv/bin/python bench/therapy_eval/score_therapy.py --drafts /tmp/speed27-q/sections   # before
    .venv/bin/python bench/therapy_eval/score_therapy.py --drafts /tmp/speed27-q/one        # after

The kept drafts are whole-session (direct) drafts, so they hold no window's facts: the session is cut
as a recording cuts it (``DraftAccumulator``, the app's live windows of 600 tokens and 4 sentences a
section), and its tail (what is left after the last full window, what Stop drafts) is drafted with
this tree's model both ways: one request a section (before) and one request for all (after). In each
kept draft the model's items that cite only the tail's lines are replaced by the tail's new items,
and the draft is assembled again by the product's code (``rerender.assembled``). The two outputs
differ only in the tail's items. Each way starts with the tail's lines read (as read ahead while
recording), so its model seconds and CPU are those of its requests after Stop.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rerender import assembled  # noqa: E402
from session_assistant.drafting import DraftAccumulator, NoteModel, load_transcript, require_words  # noqa: E402
from session_assistant.jobs.progress import no_progress  # noqa: E402
from session_assistant.services.live_drafting import FACTS_PER_SECTION, WINDOW_TOKENS  # noqa: E402


def tail_facts(acc: DraftAccumulator, tail: list, one_request: bool) -> tuple[dict, dict]:
    """The tail's facts one way, and its model seconds / CPU seconds after its lines were read."""
    acc.model.prefill(acc._shared_start(tail))
    started, cpu = time.monotonic(), time.process_time()
    record = acc.extract_window(acc.model, tail, acc.windows_done + 1, no_progress, None, tail=one_request)
    assert bool(record.get("one_request")) == one_request, "the one request fell back to the sections"
    timing = {"model_s": round(time.monotonic() - started, 1), "cpu_s": round(time.process_time() - cpu, 1),
              "items": sum(len(v) for v in record["facts"].values())}
    return record["facts"], timing


def substituted(kept: dict, tail_ids: set[int], facts: dict) -> dict:
    sections = {key: [item for item in items if not (item.get("evidence") and set(item["evidence"]) <= tail_ids)]
                + list(facts.get(key, [])) for key, items in kept["sections"].items()}
    return {**kept, "sections": sections}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sessions", type=Path, default=HERE / "sessions")
    ap.add_argument("--models", type=Path, default=HERE.parents[1] / "models")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--ways", nargs="*", default=["sections", "one"], help="sections (before), one (after)")
    ap.add_argument("--one-most", type=int, default=None, help="cap each section of the one request at this many items")
    args = ap.parse_args()
    if args.one_most:
        from session_assistant.drafting import tail_request
        tail_request.MOST_A_SECTION = args.one_most
    model = NoteModel.from_registry(args.models, None, n_threads=args.threads).load()
    ways = {way: one for way, one in {"sections": False, "one": True}.items() if way in args.ways}
    for way in ways:
        (args.out / way).mkdir(parents=True, exist_ok=True)
        meta = args.drafts / "meta.json"
        if meta.exists():  # the scorer reads whether the chart was passed
            (args.out / way / "meta.json").write_text(meta.read_text(encoding="utf-8"), encoding="utf-8")
    rows = []
    for path in sorted(args.drafts.glob("*.json")):
        sid = path.stem
        if sid == "meta" or (args.only and sid not in args.only):
            continue
        draft = json.loads(path.read_text(encoding="utf-8"))
        kept = draft.get("model_raw")
        transcript = args.sessions / f"{sid}.txt"
        if not kept or kept.get("format") != "soap" or not transcript.exists():
            continue
        utterances = require_words(load_transcript(transcript))
        acc = DraftAccumulator(model, "soap", subject=kept["subject"], window_tokens=WINDOW_TOKENS,
                               facts_per_section=FACTS_PER_SECTION, pronouns=kept.get("pronouns"))
        acc.queue(utterances)
        windows = acc.planned_windows(tail=True)
        tail = windows[-1]
        if len(windows) < 2 or not acc.is_tail(tail):
            print(f"{sid}: no tail short of a full window, skipped", flush=True)
            continue
        tail_ids = {u.id for u in tail}
        row = {"session": sid, "tail_tokens": sum(model.count_tokens(u.line()) + 1 for u in tail),
               "tail_lines": len(tail)}
        for way, one in ways.items():
            facts, timing = tail_facts(acc, tail, one)
            row[way] = timing
            data = assembled({**draft, "model_raw": substituted(kept, tail_ids, facts)}, transcript)
            data["tail_redraft"] = {"way": way, "tail_ids": sorted(tail_ids), "facts": facts, **timing}
            (args.out / way / path.name).write_text(json.dumps(data, indent=1), encoding="utf-8")
        print(json.dumps(row), flush=True)
        rows.append(row)
    (args.out / f"rows-{'-'.join(ways)}-{len(rows)}.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
