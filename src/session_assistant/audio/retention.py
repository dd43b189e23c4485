"""Retention: start-up recovery, the 24-hour crypto-shred, orphan clean-up (SECURITY items 9, 11, 12).

Shredding deletes the recording's key row (``secure_delete`` is pinned ON, so SQLite zeroes the
freed cell), checkpoints the WAL with TRUNCATE so no older page image holding the key survives in
``vault.db-wal``, then unlinks the sealed file. The key goes first: once it is gone the file is
noise, and a crash before the unlink leaves an orphan file that the next sweep removes.

All times come from the vault's injected clock, so tests drive a day forward without sleeping.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from session_assistant.audio import sealed
from session_assistant.errors import NotFound, UserError

log = logging.getLogger(__name__)

MAX_RETENTION = timedelta(hours=24)
SWEEP_INTERVAL = timedelta(minutes=15)  # the UI runs ``sweep`` at least this often
_FILE_NAME = re.compile(r"^([0-9a-f]{32})" + re.escape(sealed.FILE_SUFFIX) + "$")


class TranscriptNotStored(UserError):
    """Shredding now would lose audio whose transcript has not been saved."""


@dataclass
class SweepReport:
    recovered: list[str] = field(default_factory=list)   # found 'recording' after a crash
    shredded: list[str] = field(default_factory=list)    # retention reached
    held: list[str] = field(default_factory=list)        # due, but the transcript is not stored yet
    orphans: list[str] = field(default_factory=list)     # a file without key or a key without file

    def to_json(self) -> dict:
        return self.__dict__.copy()


def check_retention(retention: timedelta) -> timedelta:
    if not timedelta(0) < retention <= MAX_RETENTION:
        raise UserError("Recordings are kept at most 24 hours; choose a shorter, positive retention.")
    return retention


class Retention:
    """Shreds and recovers recordings of one vault. Every write goes through ``db.transaction()``."""

    def __init__(self, vault, recordings_dir: Path, retention: timedelta = MAX_RETENTION) -> None:
        self.db, self.audit, self.clock = vault.db, vault.audit, vault.clock
        self.folder = Path(recordings_dir)
        self.retention = check_retention(retention)

    def _now(self) -> datetime:
        return self.clock.now()

    # -- shredding -------------------------------------------------------------------------------
    def shred(self, recording_id: str, *, force: bool = False, reason: str = "requested") -> None:
        """Crypto-shred one recording now.

        Raises:
            NotFound: no such recording. UserError: already shredded or still being recorded.
            TranscriptNotStored: its transcript is not saved and ``force`` was not given.
        """
        with self.db.read() as conn:
            row = conn.execute("SELECT state, transcript_stored, appointment_id, client_id, file_name "
                               "FROM recordings WHERE id = ?", (recording_id,)).fetchone()
        if row is None:
            raise NotFound(f"No recording with id {recording_id}.")
        state, transcript_stored, appointment_id, client_id, file_name = row
        if state == "shredded":
            raise UserError(f"Recording {recording_id} was already shredded.")
        if sealed.is_being_written(self.folder / file_name):
            raise UserError("That recording is still running; stop it before shredding.")
        if not transcript_stored and not force:
            raise TranscriptNotStored(
                "This recording's transcript is not stored yet; shredding would lose it. "
                "Confirm with --force to shred anyway."
            )
        if force and not transcript_stored:
            reason = "forced"
        self.erase(recording_id, appointment_id, client_id, file_name, reason)

    def erase(self, recording_id: str, appointment_id, client_id, file_name: str, reason: str) -> None:
        """The crypto-erase itself, without the checks ``shred`` makes (callers have made them)."""
        now = self.clock.iso()
        with self.db.transaction() as conn:
            if str(conn.execute("PRAGMA secure_delete").fetchone()[0]) != "1":
                raise UserError("secure_delete is off; refusing to shred (the vault settings are wrong).")
            deleted = conn.execute("DELETE FROM recording_keys WHERE recording_id = ?", (recording_id,)).rowcount
            conn.execute("UPDATE recordings SET state = 'shredded', shredded_at = ? WHERE id = ?", (now, recording_id))
            path = self.folder / file_name
            conn.execute("INSERT INTO shred_log (recording_id, appointment_id, reason, shredded_at, key_deleted, "
                         "file_deleted) VALUES (?, ?, ?, ?, ?, ?)",
                         (recording_id, appointment_id, reason, now, int(deleted > 0), int(path.exists())))
            self.audit.append(conn, "recording_shredded", entity="appointment", entity_id=appointment_id,
                              client_id=client_id, detail=f"recording {recording_id}; reason {reason}")
        self.db.checkpoint()  # PRAGMA wal_checkpoint(TRUNCATE): no WAL frame keeps the old key page
        _unlink_durably(self.folder / file_name)
        log.info("recording shredded (%s)", reason)

    # -- the sweep -------------------------------------------------------------------------------
    def sweep(self) -> SweepReport:
        """Recover crashed recordings, shred what is due, remove orphans. Run at start-up, every
        ``SWEEP_INTERVAL`` while the app runs, on lock and on quit."""
        report = SweepReport(recovered=self.recover_interrupted())
        now = self._now()
        with self.db.read() as conn:
            rows = conn.execute("SELECT id, shred_due_at, transcript_stored, appointment_id, client_id, file_name "
                                "FROM recordings WHERE state IN ('complete', 'interrupted') "
                                "AND shred_due_at IS NOT NULL").fetchall()
        for rec_id, due_at, transcript_stored, appointment_id, client_id, file_name in rows:
            if datetime.fromisoformat(due_at) > now:
                continue
            if not transcript_stored:
                report.held.append(rec_id)
                continue
            self.erase(rec_id, appointment_id, client_id, file_name, "retention")
            report.shredded.append(rec_id)
        report.orphans = self.remove_orphans()
        return report

    def recover_interrupted(self) -> list[str]:
        """Rows still 'recording' whose writer is gone (crash, kill -9): close them as interrupted."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT r.id, r.file_name, r.started_at, r.appointment_id, r.client_id, k.chunk_key "
                                "FROM recordings r LEFT JOIN recording_keys k ON k.recording_id = r.id "
                                "WHERE r.state = 'recording'").fetchall()
        recovered = []
        for rec_id, file_name, started_at, appointment_id, client_id, key in rows:
            path = self.folder / file_name
            if key is None or not path.exists() or sealed.is_being_written(path):
                continue  # a live recording, or an orphan the orphan pass handles
            try:
                info = sealed.SealedReader(path, key).info()
                state, seconds, chunks = info.state, info.duration_s, info.chunks
                detail = info.describe()
            except UserError:
                state, seconds, chunks, detail = "interrupted", 0.0, 0, "interrupted; file damaged"
            # The real end is unknown; started + recorded length is never later than it, so the
            # retention clock never runs longer than 24 h from the true end.
            ended = datetime.fromisoformat(started_at) + timedelta(seconds=seconds)
            with self.db.transaction() as conn:
                conn.execute("UPDATE recordings SET state = ?, ended_at = ?, duration_s = ?, interrupted_at_s = ?, "
                             "chunks = ?, shred_due_at = ? WHERE id = ? AND state = 'recording'",
                             (state, ended.isoformat(timespec="seconds"), seconds,
                              None if state == "complete" else seconds, chunks,
                              (ended + self.retention).isoformat(timespec="seconds"), rec_id))
                self.audit.append(conn, "recording_recovered", actor="system", entity="appointment",
                                  entity_id=appointment_id, client_id=client_id,
                                  detail=f"recording {rec_id}; {detail}")
            recovered.append(rec_id)
        return recovered

    def remove_orphans(self) -> list[str]:
        """Delete sealed files that have no key, and keys whose file is gone; audit and log each."""
        with self.db.read() as conn:
            keyed = dict(conn.execute("SELECT r.id, r.file_name FROM recordings r "
                                      "JOIN recording_keys k ON k.recording_id = r.id").fetchall())
        removed = []
        for rec_id, file_name in keyed.items():
            path = self.folder / file_name
            if not path.exists() and not sealed.is_being_written(path):
                self._log_orphan(rec_id, "orphan_key")
                removed.append(rec_id)
        if self.folder.is_dir():
            for path in sorted(self.folder.iterdir()):
                match = _FILE_NAME.match(path.name)
                if not match or match.group(1) in keyed or sealed.is_being_written(path):
                    continue
                try:
                    _unlink_durably(path)
                except PermissionError:  # Windows: still open in another process, so not an orphan
                    continue
                self._log_orphan(match.group(1), "orphan_file")
                removed.append(match.group(1))
        # A recording whose key is gone (a vault restored from a backup, which never carries audio
        # keys) is already crypto-shredded: say so, and remove its file if one is still here.
        with self.db.read() as conn:
            keyless = conn.execute("SELECT r.id, r.file_name FROM recordings r LEFT JOIN recording_keys k "
                                   "ON k.recording_id = r.id WHERE k.recording_id IS NULL "
                                   "AND r.state IN ('complete', 'interrupted')").fetchall()
        for rec_id, file_name in keyless:
            path = self.folder / file_name
            if path.exists() and not sealed.is_being_written(path):
                _unlink_durably(path)
            self._log_orphan(rec_id, "orphan_file")
            removed.append(rec_id)
        return removed

    def _log_orphan(self, rec_id: str, reason: str) -> None:
        now = self.clock.iso()
        with self.db.transaction() as conn:
            row = conn.execute("SELECT appointment_id, client_id FROM recordings WHERE id = ?", (rec_id,)).fetchone()
            appointment_id, client_id = row if row else (None, None)
            key_deleted = conn.execute("DELETE FROM recording_keys WHERE recording_id = ?", (rec_id,)).rowcount
            if row:
                conn.execute("UPDATE recordings SET state = 'shredded', shredded_at = COALESCE(shredded_at, ?) "
                             "WHERE id = ?", (now, rec_id))
            conn.execute("INSERT INTO shred_log (recording_id, appointment_id, reason, shredded_at, key_deleted, "
                         "file_deleted) VALUES (?, ?, ?, ?, ?, ?)",
                         (rec_id, appointment_id, reason, now, int(key_deleted > 0), int(reason == "orphan_file")))
            self.audit.append(conn, "recording_orphan_removed", actor="system", entity="appointment",
                              entity_id=appointment_id, client_id=client_id, detail=f"recording {rec_id}; {reason}")
        if reason == "orphan_key":
            self.db.checkpoint()
        log.info("orphan removed (%s)", reason)

    def shred_log(self) -> list[dict]:
        with self.db.read() as conn:
            cursor = conn.execute("SELECT recording_id, appointment_id, reason, shredded_at, key_deleted, file_deleted "
                                  "FROM shred_log ORDER BY id")
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]


def _unlink_durably(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    if os.name == "posix":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
