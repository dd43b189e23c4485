"""Generate-to-draft time of an AI Treatment Summary over 6 and 24 months of weekly signed notes,
and the time to digest one signed note.

Builds a temporary vault with the fictional sample chart (weekly notes of realistic length,
PHQ-9/GAD-7 every 4 weeks, diagnoses, a signed plan), digests it as signing does (the queued
digest jobs), then times ``SummaryService.generate_treatment`` - the code path of ``summary
treatment`` and of the Summary tab's Generate, from the call to the stored draft - with the model
loaded, and loading it first (a cold Generate). Then it signs one more note and times its digest
job. Prints one JSON line per range; the draft goes to ``bench/out/`` (not committed).

    flock /tmp/sa-heavy.lock taskset -c 1 .venv/bin/python bench/summary_bench.py --months 6 24 --threads 1
    ... bench/summary_bench.py --months 6 --staged     # the previous path: the whole chart through the model

``--staged`` runs the staged summariser over every chart item (the path before digests), for
comparison; its figures for the default model are in bench/README.md.
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


class Timer:
    def __enter__(self):
        self.wall, self.cpu = time.monotonic(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.monotonic() - self.wall, time.process_time() - self.cpu


def _progress(started: float):
    return lambda f, m: print(f"  [{f:4.0%}] {m} ({time.monotonic() - started:.1f} s)", file=sys.stderr, flush=True)


def _one_digest(practice, chart) -> dict:
    """Sign one more note and run its queued digest job, as the window's worker does after Sign."""
    appointment = practice.appointments.add(chart.client_id, "2028-05-29T10:00", 50)
    note = practice.notes.create(appointment)
    practice.notes.set_field(note, "session_summary", "The client reported steadier mood and used diaphragmatic "
                                                      "breathing before a team meeting. Graded exposure continued; "
                                                      "the client rode the train for two stops. Homework: keep the "
                                                      "worry log daily.")
    practice.notes.set_field(note, "risk_assessment", "No suicidal ideation, plan or intent reported.")
    practice.notes.sign(note, practice.profile.get())
    with Timer() as timer:
        counts = practice.digests.run_pending()
    return {"one_digest_seconds": round(timer.wall, 3), "one_digest_cpu_seconds": round(timer.cpu, 3),
            "one_digest_built": counts["built"]}


def run(model_factory, model, months: int, sentences: int, staged: bool, period_tokens: int | None) -> dict:
    weeks = round(months * 52 / 12)
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths.default(vault_dir=Path(tmp) / "vault")
        paths.ensure()
        clock = FixedClock(datetime(2028, 6, 1, 9, 0, tzinfo=timezone.utc))
        practice, _ = create_practice(paths, "bench passphrase only", clock)
        try:
            chart = build_sample_chart(practice, weeks=weeks, start="2026-01-05", sentences=sentences)
            with Timer() as digesting:
                digested = practice.digests.run_pending()
            items = practice.summaries.sources(chart.client_id, chart.first_day, chart.last_day)
            load_before = os.getloadavg()[0]
            out = {"months": months, "weeks": weeks, "sources": len(items),
                   "chart_input_tokens": sum(model.count_tokens(f"{i.label}: {i.text}") for i in items),
                   "digests_built": digested["built"], "digest_all_seconds": round(digesting.wall, 2)}
            if staged:
                with Timer() as timer:
                    result = Summarizer(model, period_tokens=period_tokens).summarize(
                        items, title=f"a treatment summary covering {chart.first_day} to {chart.last_day}",
                        purpose="transfer of care", on_progress=_progress(time.monotonic()))
                    with practice.vault.db.read() as conn:
                        text = render(chart_sources.fixed_statements(conn, items) + result.statements)
                out.update(path="staged", model_calls=result.calls, statements=len(result.statements))
            else:
                runs = []
                for cold in (False, True):  # loaded model (window after first use), then load + generate
                    target = model_factory() if cold else model
                    with Timer() as timer:
                        if cold:
                            target.load()
                        summary_id = practice.summaries.generate_treatment(
                            chart.client_id, chart.first_day, chart.last_day, target, purpose="transfer of care",
                            on_progress=_progress(time.monotonic()))
                    if cold:
                        target.close()
                    text = practice.summaries.get(summary_id)["text"]
                    practice.summaries.discard_draft(summary_id)
                    runs.append(timer)
                result = practice.summaries.last_result
                timer = runs[0]
                out.update(path="digests", model_calls=result.model_calls, prompt_tokens=result.prompt_tokens,
                           generated_tokens=result.generated_tokens, narrative_statements=len(result.narrative),
                           dropped_model_sentences=result.dropped_sentences, statements=len(result.statements),
                           cold_seconds=round(runs[1].wall, 1), cold_cpu_seconds=round(runs[1].cpu, 1))
                out.update(_one_digest(practice, chart))
            out.update(seconds=round(timer.wall, 1), cpu_seconds=round(timer.cpu, 1), model=model.model_id,
                       threads=model._n_threads, context=model.context_size, load_avg_at_start=round(load_before, 1),
                       load_avg_at_end=round(os.getloadavg()[0], 1))
        finally:
            practice.close()
    folder = REPO / "bench" / "out"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"summary_{months}m_{model.model_id}{'_staged' if staged else ''}.txt").write_text(text + "\n",
                                                                                                encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--months", type=int, nargs="+", default=[6, 24])
    parser.add_argument("--model", help="LLM id (default: the default model)")
    parser.add_argument("--threads", type=int, help="CPU threads (default: every core this process may use)")
    parser.add_argument("--sentences", type=int, default=5, help="sentences per note (5 is about 90 words)")
    parser.add_argument("--staged", action="store_true", help="the previous path: every item through the model")
    parser.add_argument("--period-tokens", type=int, help="--staged only: cap per model call")
    args = parser.parse_args()

    def factory() -> NoteModel:
        return NoteModel.from_registry(REPO / "models", args.model, n_threads=args.threads)

    model = factory()
    with Timer() as timer:
        model.load()
    print(json.dumps({"model_load_seconds": round(timer.wall, 1), "model": model.model_id,
                      "cpus": sorted(os.sched_getaffinity(0))}), flush=True)
    for months in args.months:
        print(json.dumps(run(factory, model, months, args.sentences, args.staged, args.period_tokens)), flush=True)
    model.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
