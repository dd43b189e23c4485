"""The SQLCipher connection: keying, pinned crypto settings, integrity checks, transactions.

One ``VaultDatabase`` per open vault. Writes go through ``transaction()`` (BEGIN IMMEDIATE ...
COMMIT, rolled back on any error), run by its one writer thread (``vault.writer``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import sqlcipher3

from session_assistant.errors import DiskFull, UserError, VaultBusy, VaultCorrupt
from session_assistant.vault.writer import VaultWriter, note_foreign_write

log = logging.getLogger(__name__)

# What the vault must run with; checked on every open (SECURITY item 2).
PINNED = {
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_page_size": "4096",
    "temp_store": "2",  # MEMORY
    "secure_delete": "1",
    "cipher_memory_security": "1",
    "cipher_log_level": "NONE",
}

# Another window or process may hold the write lock (a sweep, a long save). Writers wait this
# long by default (the CLI's --busy-wait changes it), saying so once, then give up with a clear
# line; readers never wait (WAL).
BUSY_WAIT_S = 30
_BUSY_POLL_S = 0.25  # SQLite's own busy timeout: each BEGIN IMMEDIATE try waits this long
_CHECKPOINT_WAIT_S = 5
BUSY_WAITING = "The vault is busy in another window or process; waiting..."


def busy_gave_up(wait_s: float) -> str:
    """The one line a write that waited ``wait_s`` seconds for the write lock gives up with."""
    return (f"The vault stayed busy in another window or process for {wait_s:g} s; nothing was changed. "
            "Let the other one finish (or close it) and try again.")


Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError


def is_busy_error(error: BaseException) -> bool:
    """True for SQLite's SQLITE_BUSY / SQLITE_LOCKED ("database is locked")."""
    text = str(error).lower()
    return isinstance(error, sqlcipher3.OperationalError) and ("locked" in text or "busy" in text)


def _raw_key(vault_key: bytes) -> str:
    # SQLCipher's raw-key form skips its own KDF: the key is already random and Argon2id guards it.
    return "x'" + vault_key.hex() + "'"


def connect_read_only(path: Path, vault_key: bytes) -> sqlcipher3.Connection:
    """A keyed connection that can never write, checkpoint or delete the -wal (checks before open)."""
    conn = sqlcipher3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True, isolation_level=None)
    conn.set_key(_raw_key(vault_key))
    conn.execute("PRAGMA cipher_memory_security = ON")
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def _check_integrity_read_only(path: Path, vault_key: bytes) -> None:
    """Every page's HMAC and the b-trees, through a read-only connection.

    Read-only because closing the last read-write connection checkpoints the WAL into the main
    file: refusing a damaged vault that way would rewrite it and delete the WAL (SECURITY item 5).
    """
    conn = None
    try:
        conn = connect_read_only(path, vault_key)
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise VaultCorrupt("The vault failed its integrity check (damaged or altered); restore it from a backup.")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise VaultCorrupt("The vault's structure is damaged; restore it from a backup.")
    except sqlcipher3.Error:
        raise VaultCorrupt("The vault failed its integrity check (damaged or altered); it was not changed. "
                           "Restore it from a backup.") from None
    finally:
        if conn is not None:
            conn.close()


class VaultDatabase:
    """An open, keyed, verified SQLCipher database."""

    def __init__(self, path: Path, vault_key: bytes, *, check_integrity: bool = True,
                 on_busy: Callable[[], None] | None = None, busy_wait_s: float = BUSY_WAIT_S) -> None:
        self.path = path
        self.on_busy = on_busy  # called once per wait, e.g. to print BUSY_WAITING
        self.busy_wait_s = busy_wait_s
        self._lock = threading.RLock()
        self.writer = VaultWriter(self._lock._is_owned)  # the one thread that writes (see vault.writer)
        self.anchor = None  # vault.anchor.StateAnchor, set once the vault is known to be current
        if check_integrity:
            _check_integrity_read_only(path, vault_key)
        try:
            self.conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                                           timeout=_BUSY_POLL_S)
        except sqlcipher3.Error:
            raise VaultCorrupt("The vault file cannot be opened; restore it from a backup.") from None
        try:
            self.conn.set_key(_raw_key(vault_key))
            self._apply_settings()
            self._verify_settings()
        except UserError:
            self.conn.close()
            raise
        except sqlcipher3.DatabaseError:
            self.conn.close()
            raise VaultCorrupt(
                "The vault failed its integrity check (damaged or altered); it was not changed. "
                "Restore it from a backup."
            ) from None

    def _apply_settings(self) -> None:
        c = self.conn
        c.execute("PRAGMA cipher_memory_security = ON")
        c.execute("PRAGMA cipher_log_level = NONE")
        # The first read decrypts page 1: a wrong key or a damaged header fails here.
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()
        c.execute("PRAGMA temp_store = MEMORY")
        c.execute("PRAGMA secure_delete = ON")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")  # an acknowledged commit survives power loss

    def _verify_settings(self) -> None:
        version = self.conn.execute("PRAGMA cipher_version").fetchone()[0]
        if not str(version).startswith("4."):
            raise UserError(f"This build links SQLCipher {version}; version 4 is required. Refusing to run.")
        for pragma, wanted in PINNED.items():
            got = str(self.conn.execute(f"PRAGMA {pragma}").fetchone()[0])
            if got.upper() != wanted.upper():
                raise UserError(f"Vault setting {pragma} is {got}, expected {wanted}. Refusing to run.")

    def check_integrity(self) -> None:
        """Verify every page's HMAC and the b-trees; raise VaultCorrupt on any problem."""
        problems = self.conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if problems:
            raise VaultCorrupt("The vault failed its integrity check (damaged or altered); restore it from a backup.")
        result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise VaultCorrupt("The vault's structure is damaged; restore it from a backup.")

    @contextlib.contextmanager
    def transaction(self, *, wait: bool = True) -> Iterator[Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any exception rolls everything back.

        While another process holds the write lock this waits up to ``busy_wait_s`` (or, with
        ``wait=False``, one short try) and then raises ``VaultBusy``.
        """
        note_foreign_write(self.writer)
        with self._lock:
            self._begin(self.busy_wait_s if wait else 0)
            try:
                yield self.conn
                stamped = self.anchor.stamp(self.conn) if self.anchor is not None else None
                self.conn.execute("COMMIT")
            except BaseException as error:
                if self.conn.in_transaction:  # SQLite already rolled back after some errors (SQLITE_FULL)
                    self.conn.execute("ROLLBACK")
                if isinstance(error, sqlcipher3.OperationalError) and "full" in str(error).lower():
                    raise DiskFull("The disk is full: the change was not saved (nothing was lost).") from None
                raise
            if stamped is not None:
                # After the commit and before the caller hears of it: an acknowledged write is
                # always on record outside the database (see vault/anchor.py).
                self.anchor.record(stamped)

    def _begin(self, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlcipher3.OperationalError as error:
                if not is_busy_error(error):
                    raise
                if time.monotonic() >= deadline:
                    raise VaultBusy(busy_gave_up(self.busy_wait_s)) from None
                if not told:
                    told = True
                    log.info("vault busy: waiting for the write lock")
                    if self.on_busy is not None:
                        self.on_busy()

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with self._lock:
            yield self.conn

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def checkpoint(self) -> None:
        """Fold the WAL into the main file and empty it (after shredding, before backups).

        Another process's reader or writer can hold it up; retry for as long as SQLite's old
        5-second busy timeout used to wait (the connection's own timeout is now short).
        """
        deadline = time.monotonic() + _CHECKPOINT_WAIT_S
        with self._lock:
            while True:
                try:
                    busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                except sqlcipher3.OperationalError as error:
                    if not is_busy_error(error):
                        raise
                    busy = 1
                if not busy or time.monotonic() >= deadline:
                    if busy:
                        log.warning("WAL checkpoint still busy after %d s", _CHECKPOINT_WAIT_S)
                    return
                time.sleep(0.05)

    def close(self) -> None:
        self.writer.close()
        with self._lock:
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlcipher3.Error:
                log.warning("checkpoint on close failed")
            self.conn.close()
