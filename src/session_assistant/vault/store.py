"""The vault's life cycle: create, unlock, change passphrase, recover, back up, restore.

A vault folder holds ``vault.db`` (SQLCipher), ``vault.keys`` (the wrapped key, no PHI),
``unlock-attempts.json`` (a failure counter, no PHI, see ``attempts``), ``vault.lock`` and, while
the vault was busy at a sign-in, ``audit-pending.jsonl``. A wrong passphrase never touches the
first two.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

import sqlcipher3

from session_assistant.clock import Clock
from session_assistant.errors import UserError, VaultCorrupt, WrongPassphrase
from session_assistant.output_files import StagedOutput
from session_assistant.vault import migrations, signin
from session_assistant.vault.anchor import StateAnchor, VaultInDoubt
from session_assistant.vault.attempts import (ATTEMPTS_NAME, FREE_ATTEMPTS, MAX_DELAY_S, UnlockAttempts, new_epoch,
                                              vault_lock)
from session_assistant.vault.audit import AuditTrail, audit_key
from session_assistant.vault.backup_check import BACKUP_FORMAT, BackupCheck, verify_backup
from session_assistant.vault.database import BUSY_WAIT_S, VaultDatabase, _raw_key
from session_assistant.vault.keys import KeyEnvelope
from session_assistant.vault.writer import writes

log = logging.getLogger(__name__)

DB_NAME, KEYS_NAME = "vault.db", "vault.keys"
__all__ = ["ATTEMPTS_NAME", "DB_NAME", "FREE_ATTEMPTS", "KEYS_NAME", "MAX_DELAY_S", "Vault", "restore"]
MIN_PASSPHRASE_LENGTH = 10


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise UserError(f"Choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters (a few words work well).")


class Vault:
    """An unlocked vault: its database, audit trail and key. Close it to lock."""

    def __init__(self, folder: Path, db: VaultDatabase, envelope: KeyEnvelope, vault_key: bytes, clock: Clock):
        self.folder = folder
        self.db = db
        self.clock = clock
        self._envelope = envelope
        self._key = vault_key
        self.audit = AuditTrail(audit_key(vault_key), clock)
        self.signin_notices: list[str] = []  # for the clinician: failed tries since the last sign-in
        self.accepted_doubt = None
        # An unlock in doubt is refused (VaultInDoubt), so an open vault starts trusted; whatever
        # later finds it untrustworthy sets this, and the recordings sweep then removes nothing.
        self.in_doubt = False

    # ---- opening -------------------------------------------------------------------------
    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / DB_NAME).exists() or (folder / KEYS_NAME).exists()

    @classmethod
    def create(cls, folder: Path, passphrase: str, clock: Clock | None = None) -> tuple["Vault", str]:
        """Create a new vault; returns it and the recovery key (shown once, never stored)."""
        clock = clock or Clock()
        check_passphrase_strength(passphrase)
        if cls.exists(folder):
            raise UserError(f"A vault already exists in {folder}; nothing was changed.")
        _make_vault_folder(folder)
        envelope, key, recovery = KeyEnvelope.create(passphrase)
        db = VaultDatabase(folder / DB_NAME, key, check_integrity=False)
        os.chmod(folder / DB_NAME, 0o600)
        try:
            db.writer.call(lambda: migrations.upgrade(db.conn, 0))
            envelope.save(folder / KEYS_NAME)
        except BaseException as error:
            db.close()
            for name in (DB_NAME, KEYS_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
                (folder / name).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise UserError(f"The vault could not be written in {folder} ({error.strerror}); "
                                "nothing was kept.") from None
            raise
        vault = cls(folder, db, envelope, key, clock)
        db.anchor = StateAnchor(folder, key, envelope.vault_id)
        epoch = new_epoch()

        def first_rows() -> None:
            with db.transaction() as conn:
                conn.execute("INSERT INTO vault_meta (key, value) VALUES ('vault_id', ?)", (envelope.vault_id,))
                conn.execute("INSERT INTO vault_meta (key, value) VALUES ('created_at', ?)", (clock.iso(),))
                conn.execute("INSERT INTO vault_meta (key, value) VALUES (?, ?)", (signin.EPOCH_META, epoch))
                vault.audit.append(conn, "vault_created", actor="system")

        db.writer.call(first_rows)
        with vault_lock(folder):
            UnlockAttempts(folder, clock).reset(epoch)
        return vault, recovery

    @classmethod
    def unlock(cls, folder: Path, passphrase: str, clock: Clock | None = None,
               on_busy: Callable[[], None] | None = None, *, accept_state: bool = False,
               busy_wait_s: float = BUSY_WAIT_S) -> "Vault":
        """Open with the passphrase; ``on_busy()`` is called if a write has to wait for another process
        (each write waits up to ``busy_wait_s`` seconds for it).

        ``accept_state`` continues with a database older than its state record (after a lost -wal
        or a restore); the owner chose it, and it is audited."""
        return cls._unlock_with(folder, clock or Clock(), lambda env: env.unlock(passphrase), "passphrase", on_busy,
                                accept_state=accept_state, busy_wait_s=busy_wait_s)

    @classmethod
    def recover(cls, folder: Path, recovery_key: str, new_passphrase: str, clock: Clock | None = None) -> "Vault":
        """Unlock with the recovery key and set a new passphrase (the recovery key stays valid)."""
        check_passphrase_strength(new_passphrase)
        vault = cls._unlock_with(folder, clock or Clock(), lambda env: env.unlock_with_recovery(recovery_key),
                                 "recovery key")
        vault._rewrap(new_passphrase, "passphrase_reset_with_recovery_key")
        return vault

    @classmethod
    def _unlock_with(cls, folder: Path, clock: Clock, unwrap, how: str, on_busy=None, *,
                     accept_state: bool = False, busy_wait_s: float = BUSY_WAIT_S) -> "Vault":
        """Unwrap the vault key with ``unwrap(envelope)``; a wrong secret counts toward the slow-down.

        Check, unwrap and count run under the vault lock, so parallel guesses are taken one by one.
        """
        envelope = cls._load_envelope(folder)
        attempts = UnlockAttempts(folder, clock)
        with vault_lock(folder):
            attempts.check_allowed()
            try:
                key = unwrap(envelope)
            except WrongPassphrase:
                attempts.record_failure()
                log.info("unlock failed: wrong %s", how)
                raise
        return cls._open(folder, envelope, key, clock, attempts, how=how, on_busy=on_busy, accept_state=accept_state,
                         busy_wait_s=busy_wait_s)

    @staticmethod
    def _load_envelope(folder: Path) -> KeyEnvelope:
        if not (folder / DB_NAME).exists():
            if (folder / KEYS_NAME).exists():  # never re-created: that would start an empty practice
                raise VaultInDoubt("The vault database (vault.db) is missing although its key file is there: "
                                   "restore from a backup. Nothing was changed.")
            raise UserError(f"No vault in {folder}. Create one with: session-assistant init")
        try:
            return KeyEnvelope.load(folder / KEYS_NAME)
        except FileNotFoundError:
            raise VaultCorrupt("The vault key file is missing; restore the vault from a backup.") from None

    @classmethod
    def _open(cls, folder, envelope, key, clock, attempts: UnlockAttempts, how: str, on_busy=None,
              accept_state: bool = False, busy_wait_s: float = BUSY_WAIT_S) -> "Vault":
        # Before anything may write (migrations, audit rows, the start-up sweep): an empty, foreign or
        # rolled-back database is refused here, so nothing acts on a vault in doubt.
        anchor = StateAnchor(folder, key, envelope.vault_id)
        doubt = anchor.check(folder / DB_NAME, key)
        if doubt is not None and not accept_state:
            log.warning("vault refused: %s", doubt.detail)
            raise VaultInDoubt(doubt.message)
        db = VaultDatabase(folder / DB_NAME, key, on_busy=on_busy, busy_wait_s=busy_wait_s)
        try:
            version = db.schema_version()
            if version < migrations.latest_version():
                if version > 0:
                    cls._backup_before_migration(folder, db, key, version, clock)
                db.writer.call(lambda: migrations.upgrade(db.conn, version))
            elif version > migrations.latest_version():
                db.writer.call(lambda: migrations.upgrade(db.conn, version))  # raises: newer schema
        except BaseException:
            db.close()
            raise
        vault = cls(folder, db, envelope, key, clock)
        vault.accepted_doubt = doubt  # what accept_state let through (None: nothing was in doubt)
        db.anchor = anchor
        try:
            if doubt is not None:
                vault.record_event("state_accepted", detail=f"continued with the vault as found: {doubt.detail}")
            vault.signin_notices = signin.record_sign_in(vault, audit_key(key), attempts, how)
        except BaseException:
            db.close()
            raise
        return vault

    @staticmethod
    def _backup_before_migration(folder: Path, db: VaultDatabase, key: bytes, version: int, clock: Clock) -> None:
        backups = folder / "backups"
        backups.mkdir(exist_ok=True, mode=0o700)
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        target = backups / f"pre-migration-v{version}-{stamp}.db"
        dest = sqlcipher3.connect(str(target))
        try:
            dest.set_key(_raw_key(key))  # the copy is encrypted with the same key, never plaintext
            db.conn.backup(dest)
            _drop_recording_keys(dest)
        finally:
            dest.close()
        shutil.copy2(folder / KEYS_NAME, backups / f"pre-migration-v{version}-{stamp}.keys")
        log.info("backed up schema %d before migrating", version)

    # ---- while open ----------------------------------------------------------------------
    @writes
    def record_event(self, action: str, detail: str = "") -> None:
        """An audit row of its own (no other change goes with it), on the writer thread."""
        with self.db.transaction() as conn:
            self.audit.append(conn, action, detail=detail)

    def change_passphrase(self, current: str, new: str) -> None:
        self._envelope.unlock(current)  # raises WrongPassphrase
        check_passphrase_strength(new)
        self._rewrap(new, "passphrase_changed")

    def _rewrap(self, new_passphrase: str, action: str) -> None:
        self._envelope.rewrap_passphrase(self._key, new_passphrase)
        self._envelope.save(self.folder / KEYS_NAME)
        self.record_event(action)

    def backup(self, target: Path, *, force: bool = False) -> Path:
        """Write an encrypted backup (SQLCipher backup API + the wrapped key) to ``target``.

        Never into the vault folder, and over an existing file only with ``force`` (output_files).
        """
        staged = StagedOutput(target, self.folder, force=force)
        try:
            with tempfile.TemporaryDirectory(dir=self.folder) as work:
                copy = Path(work) / DB_NAME
                dest = sqlcipher3.connect(str(copy))
                try:
                    dest.set_key(_raw_key(self._key))
                    with self.db.read():
                        self.db.conn.backup(dest)
                    _drop_recording_keys(dest)
                finally:
                    dest.close()
                manifest = {"format": BACKUP_FORMAT, "version": 1, "created_at": self.clock.iso(),
                            "schema_version": self.db.schema_version(), "vault_id": self._envelope.vault_id}
                with zipfile.ZipFile(staged.handle, "w", compression=zipfile.ZIP_STORED) as archive:
                    archive.writestr("manifest.json", json.dumps(manifest))
                    archive.write(copy, DB_NAME)
                    archive.write(self.folder / KEYS_NAME, KEYS_NAME)
        except OSError as error:
            staged.discard()
            raise UserError(f"The backup could not be written ({error.strerror}); nothing was saved.") from None
        except BaseException:
            staged.discard()
            raise
        written = staged.publish()
        self.record_event("backup_created")
        return written

    @property
    def vault_id(self) -> str:
        """A random id of this vault (no PHI), the same in its backups."""
        return self._envelope.vault_id

    @property
    def writer(self):
        """The open vault's one writer thread (``VaultWriter``), for callers above the services
        that queue a service call on it (the window's ``VaultOp``); they never reach the database."""
        return self.db.writer

    def verify_backup(self, path: Path) -> BackupCheck:
        """Open a backup of this vault with the vault's own key and check it (``backup_check``)."""
        return verify_backup(path, vault_key=self._key, vault_id=self._envelope.vault_id)

    def anchored_audit_head(self) -> tuple[int, str] | None:
        """The audit head named by the state record outside the database (None without one)."""
        anchor = self.db.anchor if self.db is not None else None
        state = anchor.read() if anchor is not None else None
        return (state.audit_seq, state.audit_mac) if state is not None and state.audit_seq else None

    def close(self) -> None:
        if self.db is not None:
            try:
                signin.write_queued_sign_ins(self, audit_key(self._key))
            except Exception as error:  # noqa: BLE001 - locking must never fail; the next sign-in retries
                log.warning("writing queued sign-ins at close failed: %s", type(error).__name__)
            self.db.close()
            self.db = None
            self._key = b""


def _make_vault_folder(folder: Path) -> None:
    """Create the vault folder (0700), or say in one line why it cannot be there."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder; choose another place for the vault. Nothing was changed.")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        probe = folder / f".write-test-{secrets.token_hex(4)}"
        probe.touch(mode=0o600)
        probe.unlink()
    except OSError as error:
        raise UserError(f"The vault cannot be created in {folder} ({error.strerror or 'not allowed'}); "
                        "choose a folder you can write to. Nothing was changed.") from None


def _drop_recording_keys(copy) -> None:
    """Backups never carry audio keys: a key must not outlive its recording's 24-hour shred.

    After a restore the orphan sweep finds those recordings keyless and shreds their files.
    """
    has_table = copy.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recording_keys'").fetchone()
    if has_table:
        copy.execute("PRAGMA secure_delete = ON")
        copy.execute("DELETE FROM recording_keys")
        copy.commit()
        copy.execute("VACUUM")


def restore(backup_file: Path, folder: Path, passphrase: str, clock: Clock | None = None) -> Path:
    """Restore a backup into ``folder``. An existing vault there is moved aside, never overwritten.

    The backup is checked first (it opens with the passphrase and passes the integrity check);
    returns the folder the previous vault was moved to (or the vault folder if there was none).
    """
    clock = clock or Clock()
    try:
        with zipfile.ZipFile(backup_file) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            if manifest.get("format") != BACKUP_FORMAT:
                raise UserError("That file is not a Session Assistant backup.")
            staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=folder.parent if folder.parent.exists() else None))
            archive.extract(DB_NAME, staging)
            archive.extract(KEYS_NAME, staging)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        raise UserError("That backup file cannot be read (missing, damaged or not a backup).") from None
    try:
        envelope = KeyEnvelope.load(staging / KEYS_NAME)
        key = envelope.unlock(passphrase)
        checked = VaultDatabase(staging / DB_NAME, key)  # integrity check of the backup itself
        try:
            row = checked.conn.execute("SELECT value FROM vault_meta WHERE key = ?", (signin.EPOCH_META,)).fetchone()
        except sqlcipher3.Error:
            row = None
        finally:
            checked.close()
        moved_to = folder
        if Vault.exists(folder):
            moved_to = folder.with_name(f"{folder.name}.before-restore-{clock.now().strftime('%Y%m%dT%H%M%S')}")
            folder.rename(moved_to)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name in (DB_NAME, KEYS_NAME):
            os.replace(staging / name, folder / name)
            os.chmod(folder / name, 0o600)
        with vault_lock(folder):  # a fresh failure record that matches the restored vault
            UnlockAttempts(folder, clock).reset(row[0] if row else None)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # The restored database is older than any state record left in the folder, by design.
    vault = Vault.unlock(folder, passphrase, clock, accept_state=True)
    vault.record_event("vault_restored", detail=f"from backup created {manifest.get('created_at')}")
    vault.close()
    return moved_to
