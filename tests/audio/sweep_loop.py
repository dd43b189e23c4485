"""A second process that runs the retention sweep in a tight loop (as the window's timer, or any
other command starting, would), until a stop file appears. Prints "ready", then the sweep count.

    python sweep_loop.py VAULT_DIR STOP_FILE   (passphrase in SESSION_ASSISTANT_PASSPHRASE)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from session_assistant.app import open_practice
from session_assistant.paths import AppPaths


def main() -> int:
    vault_dir, stop = Path(sys.argv[1]), Path(sys.argv[2])
    practice = open_practice(AppPaths.default(vault_dir=vault_dir), os.environ["SESSION_ASSISTANT_PASSPHRASE"])
    print("ready", flush=True)
    sweeps = 0
    try:
        while not stop.exists():
            practice.recordings.sweep()
            sweeps += 1
    finally:
        practice.close()
    print(sweeps, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
