"""Child process for the busy-vault tests: another program holding the real vault's write lock.

    SESSION_ASSISTANT_PASSPHRASE=... python hold_write_lock.py VAULT_DIR SECONDS [--until-released]

Opens ``vault.db`` with a plain SQLCipher connection (not the app's code), runs BEGIN IMMEDIATE,
prints "held" and keeps the lock for SECONDS, then commits and exits. With ``--until-released``,
a line (or the end) on its standard input ends the hold sooner: a test releases it when what it
waits for has happened, instead of sleeping a fixed time long enough for a loaded machine.
"""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import sqlcipher3

from session_assistant.vault.keys import KeyEnvelope


def main() -> None:
    folder, seconds = Path(sys.argv[1]), float(sys.argv[2])
    until_released = sys.argv[3:] == ["--until-released"]
    key = KeyEnvelope.load(folder / "vault.keys").unlock(os.environ["SESSION_ASSISTANT_PASSPHRASE"])
    conn = sqlcipher3.connect(str(folder / "vault.db"), isolation_level=None)
    conn.set_key("x'" + key.hex() + "'")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("BEGIN IMMEDIATE")
    print("held", flush=True)
    if until_released:
        select.select([sys.stdin], [], [], seconds)
    else:
        time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()
    print("released", flush=True)


if __name__ == "__main__":
    main()
