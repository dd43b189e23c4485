"""Open a vault backup and check it, without restoring it: the check after every automatic backup
and ``backup verify FILE``.

A backup (``Vault.backup``) is a zip of ``manifest.json``, ``vault.db`` (SQLCipher, encrypted with
the vault key) and ``vault.keys`` (that key, wrapped by the passphrase and the recovery key). The
check unwraps the key (with the passphrase, or is handed the open vault's key), then reads the
copy through a read-only connection: every page's HMAC and the b-trees, the schema version the
manifest names, and the audit trail's hash chain. The database is extracted to a private
temporary folder only while it is read; it stays encrypted there, as in the zip.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from session_assistant.clock import Clock
from session_assistant.errors import VaultCorrupt
from session_assistant.vault.audit import AuditTrail, audit_key
from session_assistant.vault.database import _check_integrity_read_only, connect_read_only
from session_assistant.vault.keys import KeyEnvelope

BACKUP_FORMAT = "session-assistant-backup"
DB_NAME, KEYS_NAME, MANIFEST_NAME = "vault.db", "vault.keys", "manifest.json"


class BackupInvalid(VaultCorrupt):
    """The file is not a backup this app can restore: unreadable, altered, or not a backup."""


@dataclass(frozen=True)
class BackupCheck:
    """What a backup that passed holds (no PHI: counts and dates only)."""

    created_at: str
    schema_version: int
    vault_id: str
    audit_rows: int
    size_bytes: int

    def to_json(self) -> dict:
        return {"ok": True, "created_at": self.created_at, "schema_version": self.schema_version,
                "vault_id": self.vault_id, "audit_rows": self.audit_rows, "size_bytes": self.size_bytes}


def verify_backup(path: Path, *, passphrase: str | None = None, vault_key: bytes | None = None,
                  vault_id: str | None = None) -> BackupCheck:
    """Check one backup file; returns what it holds or raises.

    Args:
        path: The backup file.
        passphrase: Unwraps the key stored in the backup (``backup verify``).
        vault_key: The open vault's key instead (the check right after writing a backup).
        vault_id: With ``vault_key``: the backup must be of this vault.

    Raises:
        BackupInvalid: not a backup, damaged, or of another vault.
        WrongPassphrase: the passphrase does not unwrap the backup's key.
    """
    if (passphrase is None) == (vault_key is None):
        raise ValueError("give exactly one of passphrase and vault_key")
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory(prefix="sa-verify-") as work:
            names = set(archive.namelist())
            if names != {MANIFEST_NAME, DB_NAME, KEYS_NAME}:
                raise BackupInvalid("That file is not a Session Assistant backup (its members are not a backup's).")
            manifest = json.loads(archive.read(MANIFEST_NAME))
            if manifest.get("format") != BACKUP_FORMAT:
                raise BackupInvalid("That file is not a Session Assistant backup.")
            if archive.testzip() is not None:  # every member's CRC
                raise BackupInvalid("The backup is damaged (a member fails its checksum).")
            archive.extract(DB_NAME, work)
            archive.extract(KEYS_NAME, work)
            envelope = KeyEnvelope.load(Path(work) / KEYS_NAME)
            if vault_key is None:
                vault_key = envelope.unlock(passphrase)  # WrongPassphrase propagates
            elif vault_id is not None and envelope.vault_id != vault_id:
                raise BackupInvalid("The backup is of another vault.")
            if manifest.get("vault_id") != envelope.vault_id:
                raise BackupInvalid("The backup's manifest and key file belong to different vaults.")
            return _check_database(Path(work) / DB_NAME, vault_key, manifest, path.stat().st_size)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        raise BackupInvalid("That backup file cannot be read (missing, damaged or not a backup).") from None


def _check_database(db_path: Path, vault_key: bytes, manifest: dict, size: int) -> BackupCheck:
    try:
        _check_integrity_read_only(db_path, vault_key)
    except VaultCorrupt:
        raise BackupInvalid("The backup's database fails its integrity check (damaged, altered, or the key "
                            "does not open it).") from None
    conn = connect_read_only(db_path, vault_key)
    try:
        schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        report = AuditTrail(audit_key(vault_key), Clock()).verify(conn)
    except sqlcipher3.Error:
        raise BackupInvalid("The backup's database cannot be read with its key.") from None
    finally:
        conn.close()
    if schema != manifest.get("schema_version"):
        raise BackupInvalid(f"The backup's database is schema {schema}, its manifest says "
                            f"{manifest.get('schema_version')}.")
    if not report.ok:
        raise BackupInvalid(f"The backup's audit trail does not verify: {report.message}.")
    return BackupCheck(str(manifest.get("created_at", "")), schema, str(manifest.get("vault_id", "")),
                       report.rows, size)
