#!/usr/bin/env python3
"""Drafting on a busy machine: llama.cpp with 1 and 2 threads, idle and with one core kept busy.

During a video call another process keeps a core busy. llama.cpp's threads meet at a barrier
after every layer, so one thread that shares its core with a busy process holds the others up.
This bench times one drafting window (a ~600-token transcript prompt plus a JSON answer, the
unit the live drafter repeats during a session) per model, thread count and load:

    flock /tmp/sa-heavy.lock nice .venv/bin/python bench/busy_core_bench.py --repeat 3
    flock /tmp/sa-heavy.lock .venv/bin/python bench/busy_core_bench.py --stop-only --stop --tokens 2000 \
        --data ../shared/eval/notes/aci_bench_test1.jsonl

"busy" is a second process, a pure-Python busy loop pinned to CPU 0 with ``taskset -c 0``; the
drafting process is not pinned (the scheduler places its threads, as on a laptop). ``--stop``
also times Stop-to-draft (``drafting_bench.py stop``) with one core busy. Each configuration runs
in its own process so a model is loaded with the thread count under test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SMALL, DEFAULT = "smollm2-135m-instruct", None
SCHEMA = {"type": "object", "properties": {"facts": {"type": "array", "items": {"type": "string"}, "maxItems": 4}},
          "required": ["facts"]}
_LINES = ("Clinician: How has the week been since we last met?",
          "Client: Honestly up and down. Work was heavy, I slept maybe five hours most nights.",
          "Clinician: What did you notice on the nights you slept less?",
          "Client: I kept going over the argument with my sister, the one about our mother's care.",
          "Clinician: You tried the wind-down routine we planned. How did that go?",
          "Client: Twice. It helped the second time, I put the phone away at ten.")


def _prompt(model, tokens: int) -> list[dict]:
    """A fictional session window of about ``tokens`` tokens, asked for facts as the drafter does."""
    lines, used = [], 0
    while used < tokens:
        line = _LINES[len(lines) % len(_LINES)]
        lines.append(line)
        used += model.count_tokens(line) + 1
    return [{"role": "system", "content": "List the facts the client stated, one short sentence each."},
            {"role": "user", "content": "\n".join(lines)}]


def one(args) -> int:
    """Child process: load the model with ``--threads`` and time the window ``--repeat`` times."""
    sys.path.insert(0, str(REPO / "src"))
    from session_assistant.drafting import NoteModel

    model = NoteModel.from_registry(REPO / "models", args.model, n_ctx=2048, n_threads=args.threads).load()
    messages = _prompt(model, args.window)
    times, tokens = [], 0
    for _ in range(args.repeat):
        model._llm.reset()  # no prompt cache between repeats: each one evaluates the whole window
        generation = model.generate_json(messages, SCHEMA, args.max_tokens)
        times.append(generation.seconds)
        tokens = generation.tokens
    print(json.dumps({"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
                      "tokens": tokens, "model": model.model_id}))
    return 0


def _busy_loop() -> subprocess.Popen:
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    return subprocess.Popen([*pin, sys.executable, "-c", "while True: pass"])


def _run(cmd: list[str], busy: bool) -> tuple[str, float]:
    loop = _busy_loop() if busy else None
    try:
        time.sleep(0.5 if busy else 0)
        started = time.monotonic()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        return out, time.monotonic() - started
    finally:
        if loop is not None:
            loop.kill()
            loop.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--model", default=None)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--window", type=int, default=600, help="prompt tokens per window")
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--models", default="small,default", help="which models: small, default or both")
    ap.add_argument("--stop", action="store_true", help="also time Stop-to-draft with one core busy")
    ap.add_argument("--tokens", type=int, default=2000, help="--stop: session length in tokens")
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "eval" / "notes" / "aci_bench_test1.jsonl"),
                    help="--stop: dialogues to build the session from (drafting_bench.py --data)")
    ap.add_argument("--stop-only", action="store_true", help="skip the window timings")
    args = ap.parse_args()
    if args.one:
        return one(args)
    print(f"cores usable: {len(os.sched_getaffinity(0))}; load average at start: "
          f"{os.getloadavg()[0]:.1f}; window {args.window} tokens, answer <= {args.max_tokens} tokens")
    names = {"small": SMALL, "default": DEFAULT}
    for key in ([] if args.stop_only else args.models.split(",")):
        for busy in (False, True):
            for threads in (1, 2):
                cmd = [sys.executable, __file__, "--one", "--threads", str(threads), "--repeat", str(args.repeat),
                       "--window", str(args.window), "--max-tokens", str(args.max_tokens)]
                if names[key]:
                    cmd += ["--model", names[key]]
                out, _ = _run(cmd, busy)
                row = json.loads(out.strip().splitlines()[-1])
                print(f"{row['model']:32s} {'one core busy' if busy else 'idle':14s} threads={threads}: "
                      f"window median {row['median_s']:.2f} s (min {row['min_s']:.2f}, max {row['max_s']:.2f}; "
                      f"{row['tokens']} tokens out)  load {os.getloadavg()[0]:.1f}", flush=True)
    if args.stop:
        for threads in (1, 2):
            cmd = [sys.executable, str(REPO / "bench" / "drafting_bench.py"), "stop", "--tokens", str(args.tokens), "--data", args.data,
                   "--threads", str(threads)]
            out, wall = _run(cmd, busy=True)
            line = next((l for l in out.splitlines() if l.startswith("Stop-to-draft")), out.strip())
            print(f"one core busy, threads={threads}, session of {args.tokens} tokens ({wall:.0f} s wall): {line}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
