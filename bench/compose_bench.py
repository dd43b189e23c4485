#!/usr/bin/env python3
"""Composition time: the rule-based part of Stop-to-draft, without the model.

    PYTHONPATH=$PWD/src taskset -c 1 .venv/bin/python bench/compose_bench.py [--runs 3]

After Stop, the window's draft is the last window's model requests plus the composition
(``sections.assemble``: every model sentence checked against the transcript, the rule lines read from
it). This times that composition alone, exactly as a re-render does it (``model_raw.assemble_again``),
on the kept model output of therapy session 05 (bench/therapy_eval/drafts/0303d5c) over a transcript of
session 05 alone (~23 min), 05+01 and 05+01+08 (~50 min): the model's sentences cite 05's lines, the
rules read the whole transcript. Prints the median of ``--runs`` per length.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SESSIONS = HERE / "therapy_eval" / "sessions"
KEPT = HERE / "therapy_eval" / "drafts" / "0303d5c" / "05_cpt_trauma.json"


def transcript(ids: list[str]):
    from session_assistant.drafting import load_transcript, require_words

    lines = []
    for sid in ids:
        for utt in require_words(load_transcript(SESSIONS / f"{sid}.txt")):
            lines.append(dataclasses.replace(utt, id=len(lines)))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from session_assistant.drafting.model_raw import assemble_again

    kept = json.loads(KEPT.read_text(encoding="utf-8"))["model_raw"]
    for ids in (["05_cpt_trauma"], ["05_cpt_trauma", "01_cbt_panic"], ["05_cpt_trauma", "01_cbt_panic", "08_intake"]):
        lines = transcript(ids)
        words = sum(len(u.text.split()) for u in lines)
        times = []
        for _ in range(args.runs):
            started = time.monotonic()
            assemble_again(kept, lines)
            times.append(time.monotonic() - started)
        print(f"{'+'.join(i[:2] for i in ids):9s} {len(lines):4d} lines {words:5d} words: compose median "
              f"{statistics.median(times):5.1f} s (runs: {', '.join(f'{t:.1f}' for t in times)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
