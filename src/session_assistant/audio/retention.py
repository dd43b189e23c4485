"""Retention: start-up recovery, the 24-hour crypto-shred, orphan clean-up (SECURITY items 9, 11, 12).

The promise is without exception: no recording's audio outlives 24 hours of real time after it
ends. The app transcribes in time so nothing is lost (the window starts it at Stop and after an
import; the sweep reports every recording still untranscribed and flags it once its deadline is
``TRANSCRIBE_BEFORE`` away); at the deadline the audio is shredded whether or not its transcript
was stored, audited, and a notice tells the clinician which session lost its audio untranscribed.
The deadline itself is worked out at every sweep from the end on two clocks (``deadline.py``), so
a wall clock that was wrong or is set later cannot stretch it.

Shredding deletes the recording's key row (``secure_delete`` is pinned ON, so SQLite zeroes the
freed cell), checkpoints the WAL with TRUNCATE so no older page image holding the key survives in
``vault.db-wal``, then unlinks the sealed file. The key goes first: once it is gone the file is
noise, and a crash before the unlink leaves an orphan file that the next sweep removes.

Nothing is removed on a guess. A recording whose file is missing (a detached drive, a sync tool)
is reported and tracked (``missing_since``), never shredded early; its key goes at its deadline
like any other. A file without a key is removed only while no writer holds it, after checking the
vault again under the file's lock (an import commits its key before it lets go of the file). A
recordings folder that is missing altogether means no file is taken for an orphan and no file is
marked missing; a vault in doubt means nothing is swept at all.

All times come from the vault's injected clock, so tests drive a day forward without sleeping.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from session_assistant.audio import file_locks, notices, sealed
from session_assistant.audio.deadline import TRANSCRIBE_BEFORE, Deadline, deadline
from session_assistant.clock import BootTime
from session_assistant.errors import NotFound, UserError
from session_assistant.vault.writer import writes

log = logging.getLogger(__name__)

MAX_RETENTION = timedelta(hours=24)
SWEEP_INTERVAL = timedelta(minutes=15)  # the UI runs ``sweep`` at least this often
_FILE_NAME = re.compile(r"^([0-9a-f]{32})" + re.escape(sealed.FILE_SUFFIX) + "$")
_LONGEST_RECORDING = timedelta(seconds=sealed.DEFAULT_MAX_SECONDS)  # a lost live recording ended by then


class TranscriptNotStored(UserError):
    """Shredding now would lose audio whose transcript has not been saved."""


@dataclass
class SweepReport:
    recovered: list[str] = field(default_factory=list)   # found 'recording' after a crash
    shredded: list[str] = field(default_factory=list)    # deadline reached, transcript stored
    shredded_untranscribed: list[str] = field(default_factory=list)  # deadline reached without one
    untranscribed: list[dict] = field(default_factory=list)  # {id, due_at, transcribe_now}
    missing: list[str] = field(default_factory=list)     # key kept, file not found (tracked)
    orphans: list[str] = field(default_factory=list)     # a file without key, a keyless record
    next_due_at: str | None = None    # the soonest deadline still ahead (the window times a sweep for it)
    folder_unavailable: bool = False  # the recordings folder is gone: no orphan clean-up at all
    in_doubt: bool = False            # the vault is in doubt: nothing was swept

    def to_json(self) -> dict:
        return self.__dict__.copy()


def check_retention(retention: timedelta) -> timedelta:
    if not timedelta(0) < retention <= MAX_RETENTION:
        raise UserError("Recordings are kept at most 24 hours; choose a shorter, positive retention.")
    return retention


class Retention:
    """Shreds and recovers recordings of one vault. Every write is a ``db.transaction()`` on the vault's writer
    thread (``@writes``)."""

    def __init__(self, vault, recordings_dir: Path, retention: timedelta = MAX_RETENTION) -> None:
        self.vault = vault
        self.db, self.audit, self.clock = vault.db, vault.audit, vault.clock
        self.folder = Path(recordings_dir)
        self.retention = check_retention(retention)

    # -- deadlines -------------------------------------------------------------------------------
    def deadline_of(self, row: dict, now: datetime, boot_now: BootTime | None) -> Deadline:
        """The deadline of a recording row (as ``_live_rows`` or ``RecordingService.list`` read it)."""
        retention = timedelta(seconds=row["retention_s"]) if row["retention_s"] else self.retention
        retention = min(retention, self.retention)  # a shorter retention chosen since applies too
        boot_id = row["boot_id"]
        if row["state"] == "recording":
            # A live recording whose writer and file are gone ended, at the latest, at its cap:
            # counted from its start (a time that has happened), the cap added to the retention.
            start_boot = None
            if boot_id and row["started_boot_s"] is not None:
                start_boot = BootTime(boot_id, row["started_boot_s"])
            return deadline(datetime.fromisoformat(row["started_at"]), retention + _LONGEST_RECORDING, start_boot,
                            now, boot_now)
        end = datetime.fromisoformat(row["ended_at"] or row["started_at"])
        end_boot = BootTime(boot_id, row["ended_boot_s"]) if boot_id and row["ended_boot_s"] is not None else None
        return deadline(end, retention, end_boot, now, boot_now)

    def boot_reading(self) -> tuple[str | None, float | None]:
        boot = self.clock.boot_time()
        return (boot.boot_id, boot.seconds) if boot else (None, None)

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
        if file_locks.is_being_written(self.folder / file_name):
            raise UserError("That recording is still running; stop it before shredding.")
        if not transcript_stored and not force:
            raise TranscriptNotStored(
                "This recording's transcript is not stored yet; shredding would lose it. "
                "Confirm with --force to shred anyway."
            )
        if force and not transcript_stored:
            reason = "forced"
        self.erase(recording_id, appointment_id, client_id, file_name, reason)

    @writes
    def erase(self, recording_id: str, appointment_id, client_id, file_name: str, reason: str) -> None:
        """The crypto-erase itself, without the checks ``shred`` makes (callers have made them).

        ``reason`` "untranscribed" (the deadline struck before a transcript was stored) also
        leaves a notice for the clinician, in the same transaction.
        """
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
            if reason == "untranscribed":
                self.audit.append(conn, "recording_shredded_untranscribed", actor="system", entity="appointment",
                                  entity_id=appointment_id, client_id=client_id,
                                  detail=f"recording {recording_id}; 24-hour limit reached, transcript not stored")
                notices.add(conn, notices.SHREDDED_UNTRANSCRIBED, recording_id, appointment_id, now,
                            _untranscribed_message(conn, recording_id))
            else:
                self.audit.append(conn, "recording_shredded", entity="appointment", entity_id=appointment_id,
                                  client_id=client_id, detail=f"recording {recording_id}; reason {reason}")
            notices.close(conn, notices.AUDIO_MISSING, recording_id, now)
        self.db.checkpoint()  # PRAGMA wal_checkpoint(TRUNCATE): no WAL frame keeps the old key page
        _unlink_durably(self.folder / file_name)
        log.info("recording shredded (%s)", reason)

    # -- the sweep -------------------------------------------------------------------------------
    def vault_in_doubt(self) -> bool:
        """True when the vault itself cannot be trusted to say which recordings exist (see the
        vault's own checks); then the sweep must not remove anything."""
        return bool(self.vault.in_doubt)

    def sweep(self) -> SweepReport:
        """Recover crashed recordings, shred what is due, track missing files, remove orphans.
        Run at start-up, every ``SWEEP_INTERVAL`` while the app runs, on lock and on quit."""
        if self.vault_in_doubt():
            log.warning("retention sweep skipped: the vault is in doubt")
            return SweepReport(in_doubt=True)
        report = SweepReport(recovered=self.recover_interrupted())
        now, boot_now = self.clock.now(), self.clock.boot_time()
        rows = self._live_rows()
        folder_ok = self.folder.is_dir()
        report.folder_unavailable = bool(rows) and not folder_ok
        soonest: datetime | None = None
        for row in rows:
            path = self.folder / row["file_name"]
            if row["state"] == "recording" and (not folder_ok or path.exists()):
                continue  # being recorded, or waiting for recovery: no deadline yet
            due = self.deadline_of(row, now, boot_now)
            if due.is_due(now):
                reason = "retention" if row["transcript_stored"] else "untranscribed"
                self.erase(row["id"], row["appointment_id"], row["client_id"], row["file_name"], reason)
                (report.shredded if reason == "retention" else report.shredded_untranscribed).append(row["id"])
                continue
            soonest = due.at if soonest is None else min(soonest, due.at)
            if folder_ok:
                self._track_missing(row, path, due, report)
            if not row["transcript_stored"] and row["state"] != "recording":
                report.untranscribed.append({"id": row["id"], "due_at": due.at.isoformat(timespec="seconds"),
                                             "transcribe_now": due.at - now <= TRANSCRIBE_BEFORE})
        if folder_ok:
            report.orphans = self.remove_orphans()
        elif report.folder_unavailable:
            log.warning("recordings folder unavailable: no orphan files removed this sweep")
        report.orphans += self.settle_keyless()
        report.next_due_at = soonest.isoformat(timespec="seconds") if soonest else None
        return report

    def _live_rows(self) -> list[dict]:
        with self.db.read() as conn:
            cursor = conn.execute(
                "SELECT r.id, r.state, r.started_at, r.ended_at, r.retention_s, r.boot_id, r.started_boot_s, "
                "r.ended_boot_s, r.transcript_stored, r.appointment_id, r.client_id, r.file_name, r.missing_since "
                "FROM recordings r JOIN recording_keys k ON k.recording_id = r.id "
                "WHERE r.state IN ('recording', 'complete', 'interrupted') ORDER BY r.started_at, r.rowid")
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    @writes
    def _track_missing(self, row: dict, path: Path, due: Deadline, report: SweepReport) -> None:
        """A keyed recording whose file is not there: keep the key, say so, note since when."""
        present = path.exists()
        if present and row["missing_since"] is None:
            return
        now = self.clock.iso()
        with self.db.transaction() as conn:
            if present:  # it came back (the drive was reattached)
                conn.execute("UPDATE recordings SET missing_since = NULL WHERE id = ?", (row["id"],))
                notices.close(conn, notices.AUDIO_MISSING, row["id"], now)
                self.audit.append(conn, "recording_file_found", actor="system", entity="appointment",
                                  entity_id=row["appointment_id"], client_id=row["client_id"],
                                  detail=f"recording {row['id']}")
                return
            if row["missing_since"] is None:
                conn.execute("UPDATE recordings SET missing_since = ? WHERE id = ?", (now, row["id"]))
                self.audit.append(conn, "recording_file_missing", actor="system", entity="appointment",
                                  entity_id=row["appointment_id"], client_id=row["client_id"],
                                  detail=f"recording {row['id']}; key kept until its deadline")
                notices.add(conn, notices.AUDIO_MISSING, row["id"], row["appointment_id"], now,
                            f"The audio file of recording {row['id']} (appointment {row['appointment_id']}) is "
                            f"missing from the recordings folder. If that folder is on a removable or synced "
                            f"drive, bring it back; the audio is shredded at "
                            f"{due.at.isoformat(timespec='minutes')} either way.")
        if not present:
            report.missing.append(row["id"])
            log.warning("a recording's audio file is missing; tracked, not removed")

    def recover_interrupted(self) -> list[str]:
        """Rows still 'recording' whose writer is gone (crash, kill -9): close them as interrupted."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT r.id, r.file_name, r.started_at, r.appointment_id, r.client_id, k.chunk_key, "
                                "r.started_boot_s FROM recordings r LEFT JOIN recording_keys k "
                                "ON k.recording_id = r.id WHERE r.state = 'recording'").fetchall()
        recovered = []
        for rec_id, file_name, started_at, appointment_id, client_id, key, started_boot_s in rows:
            path = self.folder / file_name
            if key is None or not path.exists() or file_locks.is_being_written(path):
                continue  # a live recording, a missing file (tracked by the sweep) or an orphan
            try:
                info = sealed.SealedReader(path, key).info()
                state, seconds, chunks = info.state, info.duration_s, info.chunks
                detail = info.describe()
            except UserError:
                state, seconds, chunks, detail = "interrupted", 0.0, 0, "interrupted; file damaged"
            # The real end is unknown; started + recorded length is never later than it, on either
            # clock, so the deadline never runs longer than 24 h from the true end.
            ended = datetime.fromisoformat(started_at) + timedelta(seconds=seconds)
            ended_boot_s = None if started_boot_s is None else started_boot_s + seconds
            self._close_recovered(rec_id, state, ended, seconds, chunks, ended_boot_s, appointment_id, client_id,
                                  detail)
            recovered.append(rec_id)
        return recovered

    @writes
    def _close_recovered(self, rec_id, state, ended: datetime, seconds, chunks, ended_boot_s, appointment_id,
                         client_id, detail: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE recordings SET state = ?, ended_at = ?, duration_s = ?, interrupted_at_s = ?, "
                         "chunks = ?, shred_due_at = ?, retention_s = ?, ended_boot_s = ? "
                         "WHERE id = ? AND state = 'recording'",
                         (state, ended.isoformat(timespec="seconds"), seconds,
                          None if state == "complete" else seconds, chunks,
                          (ended + self.retention).isoformat(timespec="seconds"),
                          int(self.retention.total_seconds()), ended_boot_s, rec_id))
            self.audit.append(conn, "recording_recovered", actor="system", entity="appointment",
                              entity_id=appointment_id, client_id=client_id, detail=f"recording {rec_id}; {detail}")

    def remove_orphans(self) -> list[str]:
        """Delete sealed files that have no key; audit and log each.

        A key whose file is missing is NOT an orphan (see ``_track_missing``). Call only when the
        recordings folder is there and the vault is not in doubt (``sweep`` checks both).
        """
        removed = []
        for path in sorted(self.folder.iterdir()):
            match = _FILE_NAME.match(path.name)
            if not match or self._has_key(match.group(1)):
                continue
            with file_locks.held_for_removal(path) as ours:
                # Under the file's lock no writer can commit a key for it any more: ask again, as
                # an import may have committed between the listing and the lock.
                if not ours or self._has_key(match.group(1)):
                    continue
                try:
                    _unlink_durably(path)
                except PermissionError:  # Windows: still open in another process, so not an orphan
                    continue
            self._log_orphan(match.group(1), "orphan_file")
            removed.append(match.group(1))
        return removed

    def settle_keyless(self) -> list[str]:
        """Records whose key is gone are shredded already: mark them so, remove any file left."""
        removed = []
        # A recording whose key is gone (a vault restored from a backup, which never carries audio
        # keys) is already crypto-shredded: say so, and remove its file if one is still here.
        with self.db.read() as conn:
            keyless = conn.execute("SELECT r.id, r.file_name FROM recordings r LEFT JOIN recording_keys k "
                                   "ON k.recording_id = r.id WHERE k.recording_id IS NULL "
                                   "AND r.state IN ('complete', 'interrupted')").fetchall()
        for rec_id, file_name in keyless:
            path = self.folder / file_name
            if path.exists() and not file_locks.is_being_written(path):
                _unlink_durably(path)
            self._log_orphan(rec_id, "orphan_file")
            removed.append(rec_id)
        return removed

    def _has_key(self, rec_id: str) -> bool:
        with self.db.read() as conn:
            return conn.execute("SELECT 1 FROM recording_keys WHERE recording_id = ?", (rec_id,)).fetchone() is not None

    @writes
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
        if key_deleted:
            self.db.checkpoint()
        log.info("orphan removed (%s)", reason)

    def shred_log(self) -> list[dict]:
        with self.db.read() as conn:
            cursor = conn.execute("SELECT recording_id, appointment_id, reason, shredded_at, key_deleted, file_deleted "
                                  "FROM shred_log ORDER BY id")
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]


def _untranscribed_message(conn, recording_id: str) -> str:
    row = conn.execute("SELECT r.appointment_id, a.starts_at, r.ended_at FROM recordings r "
                       "LEFT JOIN appointments a ON a.id = r.appointment_id WHERE r.id = ?", (recording_id,)).fetchone()
    appointment_id, starts_at, ended_at = row if row else (None, None, None)
    return (f"The recording of appointment {appointment_id} ({starts_at or 'unknown time'}) was shredded at the "
            f"24-hour limit before its transcript was stored (recording {recording_id}, ended {ended_at}). "
            "Its audio no longer exists; write the note from your own record of the session.")


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
