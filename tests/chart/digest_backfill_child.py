"""Child process for the kill -9 test: runs the digest backfill and stops after N digests.

    python digest_backfill_child.py VAULT_DIR PASSPHRASE N

Prints "paused after N" once N digests are committed, then waits to be killed (kill -9).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from session_assistant.app import open_practice
from session_assistant.paths import AppPaths


def main() -> None:
    vault_dir, passphrase, stop_after = sys.argv[1], sys.argv[2], int(sys.argv[3])
    paths = AppPaths.default(vault_dir=Path(vault_dir))
    practice = open_practice(paths, passphrase)

    def progress(fraction: float, message: str) -> None:
        if message.startswith(f"Digested {stop_after} of"):  # reported after the digest's commit
            print(f"paused after {stop_after}", flush=True)
            threading.Event().wait()

    practice.digests.backfill(on_progress=progress)


if __name__ == "__main__":
    main()
