"""The vault's state record, kept outside the database (SECURITY item 5).

SQLite keeps the newest commits in ``vault.db-wal``. If that file is lost or one byte of it is
damaged, SQLite silently opens the older state, and the audit head inside the database is lost
with the very frames it would have vouched for. A stale copy of ``vault.db`` looks just as valid.
So every write transaction also bumps a commit counter inside the database, and after the commit
the counter and the audit head are written to ``vault.state`` beside ``vault.keys``: small, no
PHI, authenticated with a key derived from the vault key, replaced atomically.

The rule at open (read the record first, then the database, so a writer in another process can
only make the database look newer, never older):

* database counter >= recorded counter: fine. The record is written after the commit, so a crash
  between the two leaves the database one ahead; it is never behind for an acknowledged write.
* database counter < recorded counter: committed changes are missing (a lost or damaged -wal tail,
  an older copy): refused, "restore from a backup".
* equal counters but a different audit head, or the recorded audit row gone: refused likewise.
* no record: fine for a vault that never had one (older releases, or a crash right after the
  first commit, counter <= 1); refused otherwise, since a deleted record would hide a rollback.

The owner can still continue with what is there (``accept-state``): the counter then jumps past
the recorded one, so the record only ever moves forward, and the acceptance is audited. A whole
folder restored from an old copy (record included) cannot be told from the real thing; backups
restored through the app say so in the audit trail.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from session_assistant.errors import VaultCorrupt
from session_assistant.vault.keys import atomic_write

try:  # advisory lock so two processes never move the record backwards; absent on Windows
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

log = logging.getLogger(__name__)

STATE_NAME = "vault.state"
LOCK_NAME = ".vault.state.lock"
_FORMAT = "session-assistant-vault-state"
_VERSION = 1
GENESIS = "0" * 64
RESTORE_HINT = "restore from a backup, or run 'session-assistant accept-state --i-understand' to continue with it"


class VaultInDoubt(VaultCorrupt):
    """The database is not the state this vault last recorded; nothing may touch it."""


@dataclass(frozen=True)
class AnchorState:
    vault_id: str
    commit: int
    audit_seq: int
    audit_mac: str


@dataclass(frozen=True)
class Doubt:
    """Why the database is not the state last recorded: ``message`` for the user, ``detail`` for the audit."""

    message: str
    detail: str


@dataclass(frozen=True)
class DbState:
    """What the database says about itself, read without changing anything."""

    schema_version: int
    vault_id: str | None
    commit: int | None
    audit_head: tuple[int, str] | None


def state_key(vault_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"session-assistant vault state record").derive(vault_key)


def read_db_state(db_path: Path, vault_key: bytes) -> DbState:
    """Read the counter and audit head through a read-only connection.

    Read-only on purpose: a read-write connection checkpoints the WAL when it closes, which would
    fold a damaged -wal into ``vault.db`` and destroy the frames a salvage could still recover.
    """
    from session_assistant.vault.database import connect_read_only

    try:
        size = db_path.stat().st_size
    except FileNotFoundError:
        raise VaultInDoubt("The vault database (vault.db) is missing although its key file is there: "
                           "restore from a backup. Nothing was changed.") from None
    if size == 0:
        raise VaultInDoubt("The vault database (vault.db) is empty (0 bytes; a failed copy or sync?): "
                           "restore from a backup. Nothing was changed.")
    conn = None
    try:
        conn = connect_read_only(db_path, vault_key)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        meta = {}
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vault_meta'").fetchone():
            # One statement, one snapshot: the counter and the audit head belong together.
            meta = dict(conn.execute("SELECT key, value FROM vault_meta "
                                     "WHERE key IN ('vault_id', 'commit_counter', 'audit_head')").fetchall())
    except sqlcipher3.Error:
        raise VaultInDoubt("The vault database (vault.db) is not this vault's, or it is damaged: "
                           "restore from a backup. Nothing was changed.") from None
    finally:
        if conn is not None:
            conn.close()
    head = None
    if meta.get("audit_head"):
        seq, _, mac = meta["audit_head"].partition(":")
        head = (int(seq), mac)
    commit = int(meta["commit_counter"]) if meta.get("commit_counter") else None
    return DbState(version, meta.get("vault_id"), commit, head)


class StateAnchor:
    """Reads, checks and advances ``vault.state`` for one open vault."""

    def __init__(self, folder: Path, vault_key: bytes, vault_id: str) -> None:
        self.path = Path(folder) / STATE_NAME
        self._lock_path = Path(folder) / LOCK_NAME
        self._key = state_key(vault_key)
        self.vault_id = vault_id
        self._floor = 0  # the newest counter recorded; a commit always goes past it

    # ---- the file ------------------------------------------------------------------------
    def _mac(self, state: AnchorState) -> str:
        body = json.dumps({"format": _FORMAT, "version": _VERSION, "vault_id": state.vault_id, "commit": state.commit,
                           "audit_seq": state.audit_seq, "audit_mac": state.audit_mac},
                          sort_keys=True, separators=(",", ":"))
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()

    def read(self) -> AnchorState | None:
        """The recorded state; None if there is none; VaultInDoubt if damaged or another vault's."""
        state = None
        try:
            data = json.loads(self.path.read_bytes())
            found = AnchorState(str(data["vault_id"]), int(data["commit"]), int(data["audit_seq"]),
                                str(data["audit_mac"]))
            if data.get("format") == _FORMAT and hmac.compare_digest(str(data["mac"]), self._mac(found)):
                state = found
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        if state is None or state.vault_id != self.vault_id:
            raise VaultInDoubt(f"The vault's state record (vault.state) is damaged or belongs to another vault: "
                               f"{RESTORE_HINT}. Nothing was changed.")
        return state

    # ---- at open -------------------------------------------------------------------------
    def check(self, db_path: Path, vault_key: bytes) -> Doubt | None:
        """Refuse a database that is not the state last recorded.

        Returns None when all is well, or the reason the vault is in doubt (raised as
        ``VaultInDoubt`` by the caller unless the owner chose to accept the state).
        Empty, missing and foreign databases raise at once: there is nothing to accept.
        """
        damaged = None
        try:
            recorded = self.read()  # first the record, then the database (see the module docstring)
        except VaultInDoubt as error:
            recorded, damaged = None, str(error)
        db = read_db_state(db_path, vault_key)
        if db.schema_version == 0 or (db.vault_id is not None and db.vault_id != self.vault_id):
            raise VaultInDoubt("The vault database (vault.db) holds no practice data or is not this vault's: "
                               "restore from a backup. Nothing was changed.")
        if damaged is not None:
            return Doubt(damaged, f"state record damaged or another vault's; database at change {db.commit}")
        if recorded is None:
            if db.commit is not None and db.commit > 1:
                return Doubt(f"The vault's state record (vault.state) is missing, so lost changes cannot be "
                             f"ruled out: {RESTORE_HINT}. Nothing was changed.",
                             f"state record missing; database at change {db.commit}")
            return None
        self._floor = recorded.commit
        if db.commit is None or db.commit < recorded.commit:
            missing = recorded.commit - (db.commit or 0)
            return Doubt(f"The vault is older than its last recorded state ({missing} recorded change(s) missing: "
                         f"a lost or damaged vault.db-wal, or an older copy of vault.db): {RESTORE_HINT}. "
                         "Nothing was changed.",
                         f"database at change {db.commit or 0}, record at change {recorded.commit}")
        if recorded.audit_seq and not self._audit_row_matches(db_path, vault_key, recorded, db):
            return Doubt(f"The newest audit entries do not match the vault's last recorded state: {RESTORE_HINT}. "
                         "Nothing was changed.",
                         f"audit entry {recorded.audit_seq} differs from the record (change {recorded.commit})")
        return None

    @staticmethod
    def _audit_row_matches(db_path: Path, vault_key: bytes, recorded: AnchorState, db: DbState) -> bool:
        if db.commit == recorded.commit:
            return db.audit_head == (recorded.audit_seq, recorded.audit_mac)
        return audit_row_mac(db_path, vault_key, recorded.audit_seq) == recorded.audit_mac

    # ---- after each commit ---------------------------------------------------------------
    def stamp(self, conn) -> AnchorState:
        """Inside the write transaction, just before COMMIT: bump the counter, read the audit head."""
        meta = dict(conn.execute("SELECT key, value FROM vault_meta "
                                 "WHERE key IN ('commit_counter', 'audit_head')").fetchall())
        commit = max(int(meta.get("commit_counter") or 0), self._floor) + 1
        conn.execute("INSERT OR REPLACE INTO vault_meta (key, value) VALUES ('commit_counter', ?)", (str(commit),))
        seq, _, mac = (meta.get("audit_head") or f"0:{GENESIS}").partition(":")
        return AnchorState(self.vault_id, commit, int(seq), mac)

    def record(self, state: AnchorState) -> None:
        """After COMMIT: write the record, never moving it backwards. A failure is logged, not raised:
        the change is already committed, and a record left behind only weakens the next check."""
        try:
            with self._locked():
                try:
                    current = self.read()
                except VaultInDoubt:
                    current = None  # we opened past it; a damaged record is simply replaced
                if current is None or current.commit < state.commit:
                    payload = {"format": _FORMAT, "version": _VERSION, "vault_id": state.vault_id,
                               "commit": state.commit, "audit_seq": state.audit_seq,
                               "audit_mac": state.audit_mac, "mac": self._mac(state)}
                    _replace_durably(self.path, json.dumps(payload).encode())
            self._floor = max(self._floor, state.commit)
        except OSError as error:
            log.warning("the vault state record could not be written: %s", type(error).__name__)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing drops the lock


def audit_row_mac(db_path: Path, vault_key: bytes, seq: int) -> str | None:
    """The mac of audit row ``seq`` (read-only connection), or None if the row is gone."""
    from session_assistant.vault.database import connect_read_only

    conn = None
    try:
        conn = connect_read_only(db_path, vault_key)
        row = conn.execute("SELECT mac FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    except sqlcipher3.Error:
        return None
    finally:
        if conn is not None:
            conn.close()
    return row[0] if row else None


def _replace_durably(path: Path, data: bytes) -> None:
    """Without the folder fsync: a power cut may leave the folder naming the previous record, which
    only lags behind the database, and the rule accepts that."""
    atomic_write(path, data, sync_folder=False)
