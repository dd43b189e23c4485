"""The wrong-passphrase slow-down (SECURITY item 4) and the lock that serialises unlocks.

``unlock-attempts.json`` beside ``vault.keys`` counts failed unlocks (no PHI). Every unlock, in
any process, runs check -> unwrap -> count under an exclusive lock on ``vault.lock``, so guesses
sent in parallel are checked one at a time and the fourth waits like a fourth in a row would.

The record is not trusted blindly:
- a damaged record fails closed (the longest delay, counted from when it was last written);
- a wait is never longer than the policy maximum, whatever the stored time says (a clock that
  ran fast and was corrected cannot lock the owner out for hours);
- the record carries an epoch that the vault also keeps, so a deleted or replaced record is
  noticed and audited at the next sign-in (the failures it held cannot be recovered).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from session_assistant.clock import Clock
from session_assistant.errors import VaultBusy, VaultLocked
from session_assistant.vault.keys import atomic_write

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

ATTEMPTS_NAME, LOCK_NAME = "unlock-attempts.json", "vault.lock"
FREE_ATTEMPTS = 3
MAX_DELAY_S = 300
LOCK_WAIT_S = 60  # eight parallel unlocks at ~0.5 s of Argon2id each finish well inside this
_MAX_RECORD_BYTES = 4096
DAMAGED = "The record of failed unlock attempts is damaged"


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong tries in a row: 0, 0, 0, 2, 4, 8 ... capped."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** min(failures - FREE_ATTEMPTS + 1, 16), MAX_DELAY_S)


@contextlib.contextmanager
def vault_lock(folder: Path, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the vault folder's unlock lock (an OS file lock, dropped if the process dies)."""
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise VaultBusy("Another unlock of this vault is still running; try again in a moment.")
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing drops the lock


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class AttemptsState:
    failures: int
    last: datetime | None
    epoch: str | None
    damaged: bool = False  # unreadable now, or was when a later failure was counted
    missing: bool = False


class UnlockAttempts:
    """Reads and writes the failure record. Call its methods only while holding ``vault_lock``."""

    def __init__(self, folder: Path, clock: Clock) -> None:
        self._path = folder / ATTEMPTS_NAME
        self._clock = clock

    def load(self) -> AttemptsState:
        try:
            raw = self._path.read_bytes()[: _MAX_RECORD_BYTES + 1]
        except FileNotFoundError:
            return AttemptsState(0, None, None, missing=True)
        except OSError:
            return self._damaged()
        try:
            data = json.loads(raw)
            failures, last, epoch = data["failures"], data.get("last"), data.get("epoch")
            was_damaged = data.get("was_damaged", False) is True
            if type(failures) is not int or failures < 0 or len(raw) > _MAX_RECORD_BYTES:
                raise ValueError("bad count")
            if epoch is not None and not isinstance(epoch, str):
                raise ValueError("bad epoch")
            when = _parse_time(last) if last is not None else None
            if failures >= FREE_ATTEMPTS and when is None:
                raise ValueError("a count that needs a time has none")
        except (ValueError, KeyError, TypeError, AttributeError):
            return self._damaged()
        return AttemptsState(failures, when, epoch, damaged=was_damaged)

    def _damaged(self) -> AttemptsState:
        # Fail closed: as many failures as the longest delay needs, counted from the last write.
        try:
            written = datetime.fromtimestamp(self._path.stat().st_mtime, timezone.utc)
        except OSError:
            written = self._clock.now()
        return AttemptsState(FREE_ATTEMPTS + 16, written, None, damaged=True)

    def check_allowed(self) -> AttemptsState:
        """Raise ``VaultLocked`` while the slow-down applies; returns the record it read."""
        state = self.load()
        now = self._clock.now()
        if state.last is not None and state.last > now:
            # A time in the future (the clock was fast, then corrected): count from now instead,
            # so the owner waits at most one delay rather than until the clock catches up.
            self._restamp(state, now)
            state = replace(state, last=now)
        delay = delay_after(state.failures)
        if delay and state.last is not None:
            wait = min((state.last - now).total_seconds() + delay, delay)
            if wait > 0:
                why = f"{DAMAGED}; for safety" if state.damaged else "Too many wrong passphrases:"
                raise VaultLocked(f"{why} try again in {int(wait) + 1} s.")
        return state

    def record_failure(self) -> None:
        state = self.load()
        self._write(state.failures + 1, self._clock.iso(), state.epoch, state.damaged)

    def reset(self, epoch: str | None) -> None:
        """After a successful sign-in: the count starts again, under the vault's current epoch."""
        self._write(0, None, epoch, False)

    def _restamp(self, state: AttemptsState, now: datetime) -> None:
        self._write(state.failures, now.isoformat(timespec="seconds"), state.epoch, state.damaged)

    def _write(self, failures: int, last: str | None, epoch: str | None, was_damaged: bool) -> None:
        record = {"failures": failures, "last": last, "epoch": epoch, "was_damaged": was_damaged}
        atomic_write(self._path, json.dumps(record).encode())


def new_epoch() -> str:
    return secrets.token_hex(8)


def _parse_time(text) -> datetime:
    when = datetime.fromisoformat(text)  # TypeError/ValueError: damaged
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
