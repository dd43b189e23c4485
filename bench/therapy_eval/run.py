#!/usr/bin/env python3
"""Draft every session of the therapy evaluation set with the product's own CLI, then score the drafts.

    flock-free call (each draft takes /tmp/sa-heavy.lock itself, one session at a time):
    .venv/bin/python bench/therapy_eval/run.py --label baseline
    .venv/bin/python bench/therapy_eval/run.py --label therapy-draft --src /work/wt/therapy-draft/src

Each session is drafted by ``session-assistant --json draft SESSION.txt`` in a fresh process (the
path a therapist's command takes), with ``--chart SESSION.chart.json`` when the drafter's CLI offers
that option. Drafts land in bench/out/therapy_eval/<label>/<id>.json (ignored by git), with
meta.json naming the drafter commit, and scores.json / scores.md written by score_therapy.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

import score_therapy  # noqa: E402  (beside this file)

# One model process per lock; with one lock per core (and --cpus N --threads 1) two drafts run
# side by side without oversubscribing the cores.
LOCK = os.environ.get("SA_DRAFT_LOCK", "/tmp/sa-heavy.lock")


def _git(src: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(src), *args], capture_output=True, text=True)
    return done.stdout.strip()


def drafter_identity(src: Path) -> dict:
    """The commit that drafted: a figure is only worth what its code is known to be."""
    dirty = _git(src, "status", "--porcelain", "--", "src/session_assistant/drafting", "resources")
    return {"src": str(src), "commit": _git(src, "rev-parse", "--short", "HEAD"),
            "branch": _git(src, "rev-parse", "--abbrev-ref", "HEAD"),
            "subject": _git(src, "log", "-1", "--format=%s"), "drafting_dirty": bool(dirty)}


def cli_has_chart_option(env: dict) -> bool:
    shown = subprocess.run([sys.executable, "-m", "session_assistant", "draft", "--help"],
                           capture_output=True, text=True, env=env)
    return "--chart" in shown.stdout


def draft_one(txt: Path, out_json: Path, env: dict, models: Path, threads: int, timeout: int,
              chart: Path | None, cpus: str | None = None, method: str | None = None) -> float:
    cpus = cpus or ",".join(str(c) for c in range(threads))
    command = ["flock", LOCK, "timeout", str(timeout), "taskset", "-c", cpus,
               sys.executable, "-m", "session_assistant", "--models-dir", str(models), "--json",
               "draft", str(txt), "--quiet"]
    if chart is not None:
        command += ["--chart", str(chart)]
    if method:
        command += ["--method", method]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"draft failed (rc {done.returncode}): {done.stderr.strip()[-400:]}")
    data = json.loads(done.stdout)
    data["bench_wall_s"] = round(seconds, 1)  # includes model load and waiting for the lock
    out_json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--label", default="baseline", help="name of the output folder under bench/out/therapy_eval")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: bench/out/therapy_eval/<label>); "
                    "drafts of several runs may share it (meta.json is the last run's)")
    ap.add_argument("--src", type=Path, default=REPO / "src", help="drafter source tree (PYTHONPATH)")
    ap.add_argument("--models", type=Path, default=REPO / "models")
    ap.add_argument("--sessions", type=Path, default=HERE / "sessions")
    ap.add_argument("--only", nargs="*", default=None, help="session ids (default: all)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cpus", default=None, help="taskset CPU list (default: the first --threads cores); "
                    "the drafter uses as many threads as it may use cores")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per draft (a draft took ~20 min on the busy 2-core machine)")
    ap.add_argument("--method", default=None, choices=["record", "sections"],
                    help="drafting method passed to `draft --method` (default: the drafter's own default)")
    ap.add_argument("--no-chart", action="store_true", help="never pass the chart context")
    ap.add_argument("--redo", action="store_true", help="redraft sessions that already have a draft")
    ap.add_argument("--score-only", action="store_true")
    args = ap.parse_args()

    out = args.out or REPO / "bench" / "out" / "therapy_eval" / args.label
    out.mkdir(parents=True, exist_ok=True)
    src = args.src.resolve()
    env = dict(os.environ, PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
    sessions = score_therapy.load_sessions(args.sessions)
    if args.only:
        sessions = {k: v for k, v in sessions.items() if k in args.only}
    if not args.score_only:
        use_chart = not args.no_chart and cli_has_chart_option(env)
        meta = {"drafter": drafter_identity(src.parent), "chart_passed": use_chart, "threads": args.threads, "cpus": args.cpus,
                "method": args.method, "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
        meta["only"] = sorted(sessions)
        if args.out and (out / "meta.json").exists():  # a shared folder: keep every run's identity
            before = json.loads((out / "meta.json").read_text(encoding="utf-8"))
            meta = {**before, "runs": before.get("runs", [dict(before)]) + [dict(meta)]}
        (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        for n, (sid, session) in enumerate(sessions.items(), 1):
            target = out / f"{sid}.json"
            if target.exists() and not args.redo:
                continue
            chart = session["chart_path"] if use_chart and session["chart_path"].exists() else None
            try:
                seconds = draft_one(session["transcript_path"], target, env, args.models, args.threads,
                                    args.timeout, chart, args.cpus, args.method)
                print(f"[{n}/{len(sessions)}] {sid}: {seconds:.0f} s", flush=True)
            except (RuntimeError, ValueError) as exc:
                print(f"[{n}/{len(sessions)}] {sid}: FAILED {exc}", flush=True)
    result = score_therapy.score_folder(out, args.sessions)
    (out / "scores.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    (out / "scores.md").write_text(score_therapy.as_markdown(result), encoding="utf-8")
    print(score_therapy.as_markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
