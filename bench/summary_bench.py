"""Time to generate an AI Treatment Summary over 6 and 24 months of weekly signed notes.

Builds a temporary vault with the fictional sample chart (weekly notes of realistic length,
PHQ-9/GAD-7 every 4 weeks, diagnoses, a signed plan), then runs the same code path as
``summary treatment`` (sources -> staged summariser -> computed statements) with the chosen
model, and prints one JSON line per run plus the summary text to ``bench/out/``.

    nice .venv/bin/python bench/summary_bench.py --months 6 24
    nice .venv/bin/python bench/summary_bench.py --months 6 --model smollm2-135m-instruct --threads 1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from session_assistant.app import create_practice  # noqa: E402
from session_assistant.chart.citations import render  # noqa: E402
from session_assistant.chart.summarizer import Summarizer  # noqa: E402
from session_assistant.clock import FixedClock  # noqa: E402
from session_assistant.drafting import NoteModel  # noqa: E402
from session_assistant.paths import AppPaths  # noqa: E402
from session_assistant.services import chart_sources  # noqa: E402
from session_assistant.services.sample_chart import build_sample_chart  # noqa: E402


def run(model, months: int, sentences: int, period_tokens: int | None) -> dict:
    weeks = round(months * 52 / 12)
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths.default(vault_dir=Path(tmp) / "vault")
        paths.ensure()
        clock = FixedClock(datetime(2028, 6, 1, 9, 0, tzinfo=timezone.utc))
        practice, _ = create_practice(paths, "bench passphrase only", clock)
        try:
            chart = build_sample_chart(practice, weeks=weeks, start="2026-01-05", sentences=sentences)
            items = practice.summaries.sources(chart.client_id, chart.first_day, chart.last_day)
            input_tokens = sum(model.count_tokens(f"{i.label}: {i.text}") for i in items)
            load_before = os.getloadavg()[0]
            started, cpu_started = time.monotonic(), time.process_time()
            result = Summarizer(model, period_tokens=period_tokens).summarize(
                items, title=f"a treatment summary covering {chart.first_day} to {chart.last_day}",
                purpose="transfer of care",
                on_progress=lambda f, m: print(f"  [{f:4.0%}] {m} ({time.monotonic() - started:.0f} s)",
                                               file=sys.stderr, flush=True))
            with practice.vault.db.read() as conn:
                text = render(chart_sources.fixed_statements(conn, items) + result.statements)
            seconds, cpu_seconds = time.monotonic() - started, time.process_time() - cpu_started
        finally:
            practice.close()
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"summary_{months}m_{model.model_id}.txt").write_text(text + "\n", encoding="utf-8")
    return {"months": months, "weeks": weeks, "sources": len(items), "input_tokens": input_tokens,
            "levels": result.levels, "periods": len(result.periods) or 1, "model_calls": result.calls,
            "statements": len(result.statements), "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu_seconds, 1), "model": model.model_id,
            "threads": model._n_threads, "context": model.context_size, "load_avg_at_start": round(load_before, 1),
            "load_avg_at_end": round(os.getloadavg()[0], 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--months", type=int, nargs="+", default=[6, 24])
    parser.add_argument("--model", help="LLM id (default: the default model)")
    parser.add_argument("--threads", type=int, help="CPU threads (default: every core this process may use)")
    parser.add_argument("--sentences", type=int, default=5, help="sentences per note (5 is about 90 words)")
    parser.add_argument("--period-tokens", type=int, help="cap per model call (default: the context allows)")
    args = parser.parse_args()
    model = NoteModel.from_registry(REPO / "models", args.model, n_threads=args.threads)
    started = time.monotonic()
    model.load()
    print(json.dumps({"model_load_seconds": round(time.monotonic() - started, 1), "model": model.model_id}),
          flush=True)
    for months in args.months:
        print(json.dumps(run(model, months, args.sentences, args.period_tokens)), flush=True)
    model.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
