"""Start-up time of the desktop app: process start -> unlock screen shown (median of N runs).

Wall time counts from just before the process is spawned to the moment the painted unlock screen
is stamped; CPU time is the app process's own (user + system) up to that moment, which is what to
compare on a shared machine. Creates a throw-away vault in a temporary home (so the app opens on the unlock screen), then
starts ``python -m session_assistant gui`` N times under the current display (run it with
xvfb-run on a headless machine) and reads the time the app stamps once the unlock screen is
painted. Usage:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python bench/ui_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench passphrase for start-up"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config",
                   XDG_STATE_HOME=f"{home}/state", XDG_CACHE_HOME=f"{home}/cache",
                   SESSION_ASSISTANT_PASSPHRASE=PASSPHRASE)
        subprocess.run([sys.executable, "-m", "session_assistant", "init"], env=env, check=True,
                       capture_output=True)
        env.pop("SESSION_ASSISTANT_PASSPHRASE")
        times, cpu = [], []
        for run in range(args.runs):
            stamp = Path(home) / f"stamp-{run}"
            started = time.time()
            subprocess.run([sys.executable, "-m", "session_assistant", "gui", "--startup-stamp", str(stamp)],
                           env=env, check=True, timeout=120)
            shown_at, cpu_s, screen = stamp.read_text().split()
            if screen != "UnlockPage":
                raise SystemExit(f"expected the unlock screen, got {screen}")
            times.append(float(shown_at) - started)
            cpu.append(float(cpu_s))
            print(f"run {run + 1}: {times[-1]:.3f} s wall, {cpu[-1]:.3f} s CPU to the unlock screen")
        print(f"median of {len(times)}: {statistics.median(times):.3f} s wall (min {min(times):.3f}, "
              f"max {max(times):.3f}), {statistics.median(cpu):.3f} s CPU; target < 2 s")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
