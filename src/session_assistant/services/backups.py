"""Automatic backups: once a day, an encrypted backup to a folder the clinician chose, checked.

Each backup is the vault's own format (``Vault.backup``: the SQLCipher copy without audio keys
plus the wrapped key), written to ``<folder>/session-assistant-backup-<vault>-<time>.sabak``,
then opened again and checked (``vault.backup_check``). Only after the new one verifies are the
older ones of this vault beyond the newest ``keep`` removed, so a failed night never costs a good
backup. The schedule and the last result are kept in the vault (``vault_meta``): both the window
and the CLI read them, and a restored vault keeps its schedule. No PHI: the folder is the
clinician's choice of drive, the file names are a vault id and a time.

The window submits a ``backup`` job at unlock when the last good backup is 24 hours old or more
and runs it in the background; ``backup now`` runs one from the CLI.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from session_assistant.errors import UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.jobs.queue import Job, JobQueue
from session_assistant.output_files import is_inside_vault
from session_assistant.services.base import Service
from session_assistant.vault.writer import writes

log = logging.getLogger(__name__)

JOB_KIND = "backup"
INTERVAL = timedelta(hours=24)
DEFAULT_KEEP = 7
MAX_KEEP = 365
_SCHEDULE_KEY, _LAST_KEY = "backup_schedule", "backup_last"
SUFFIX = ".sabak"


@dataclass(frozen=True)
class BackupSettings:
    """The schedule (``folder`` None: off) and the last run's outcome."""

    folder: str | None = None
    keep: int = DEFAULT_KEEP
    last_at: str | None = None       # the last attempt, good or not
    last_ok_at: str | None = None    # the last backup that verified
    last_result: str = ""            # one line for the clinician
    last_file: str | None = None     # the name (not the path) of the last good backup

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class BackupOutcome:
    file: Path
    audit_rows: int
    removed: list[str]

    def to_json(self) -> dict:
        return {"file": str(self.file), "audit_rows": self.audit_rows, "removed": self.removed}


class BackupService(Service):
    def __init__(self, vault, jobs: JobQueue) -> None:
        super().__init__(vault)
        self._jobs = jobs

    # ---- the schedule ----------------------------------------------------------------------
    def settings(self) -> BackupSettings:
        with self.db.read() as conn:
            rows = dict(conn.execute("SELECT key, value FROM vault_meta WHERE key IN (?, ?)",
                                     (_SCHEDULE_KEY, _LAST_KEY)).fetchall())
        schedule = json.loads(rows.get(_SCHEDULE_KEY) or "{}")
        last = json.loads(rows.get(_LAST_KEY) or "{}")
        return BackupSettings(folder=schedule.get("folder"), keep=int(schedule.get("keep", DEFAULT_KEEP)),
                              last_at=last.get("at"), last_ok_at=last.get("ok_at"),
                              last_result=last.get("result", ""), last_file=last.get("file"))

    @writes
    def schedule(self, folder: Path | str, keep: int = DEFAULT_KEEP) -> BackupSettings:
        """Back up daily into ``folder`` (it must exist, be writable and lie outside the vault)."""
        if not 1 <= keep <= MAX_KEEP:
            raise UserError(f"Keep between 1 and {MAX_KEEP} backups.")
        path = Path(folder).expanduser().absolute()
        self._check_folder(path)
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?, ?)",
                         (_SCHEDULE_KEY, json.dumps({"folder": str(path), "keep": keep})))
            self.audit.append(conn, "backup_scheduled", detail=f"daily, keep {keep}")
        return self.settings()

    @writes
    def turn_off(self) -> BackupSettings:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM vault_meta WHERE key = ?", (_SCHEDULE_KEY,))
            self.audit.append(conn, "backup_schedule_off")
        return self.settings()

    def _check_folder(self, path: Path) -> None:
        if not path.is_dir():
            raise UserError("The backup folder does not exist (is the drive connected?). Nothing was written.")
        if is_inside_vault(path / "x", Path(self.vault.folder)):
            raise UserError("Backups cannot go inside the vault folder; choose a folder on another drive.")
        probe = path / f".sa-write-test-{self.clock.now():%H%M%S%f}"
        try:
            probe.touch(mode=0o600)
            probe.unlink()
        except OSError:
            raise UserError("The backup folder is not writable. Nothing was written.") from None

    def is_due(self) -> bool:
        """True when a folder is chosen and the last good backup is 24 hours old or more (or none)."""
        settings = self.settings()
        if settings.folder is None:
            return False
        if settings.last_ok_at is None:
            return True
        return self.clock.now() - datetime.fromisoformat(settings.last_ok_at) >= INTERVAL

    # ---- running ---------------------------------------------------------------------------
    def submit_if_due(self) -> int | None:
        """The id of the backup job to run now (an unfinished one is reused), or None if not due."""
        waiting = [job for job in self._jobs.pending() if job.kind == JOB_KIND]
        if waiting:
            return waiting[0].id
        return self._jobs.submit(JOB_KIND) if self.is_due() else None

    def run_job(self, job_id: int, token: CancelToken | None = None, on_progress: ProgressFn | None = None) -> Job:
        """Run the backup job; it ends done (the outcome as its result) or failed (the reason)."""
        return self._jobs.run(job_id, lambda ctx: self.back_up_now(ctx.on_progress).to_json(),
                              token=token, on_progress=on_progress)

    def back_up_now(self, on_progress: ProgressFn = no_progress) -> BackupOutcome:
        """Write, check, then prune to the newest ``keep``; the outcome is recorded either way.

        Raises:
            UserError: no folder chosen, the folder is gone or full, or the new backup failed its
            check (it is then removed, and no older backup is touched).
        """
        settings = self.settings()
        if settings.folder is None:
            raise UserError("No backup folder is chosen (backup schedule --folder F, or Settings).")
        try:
            outcome = self._write_check_prune(Path(settings.folder), settings.keep, on_progress)
        except UserError as error:
            self._record(ok=False, result=f"failed: {error}")
            raise
        self._record(ok=True, result=f"verified ({outcome.audit_rows} audit rows); "
                                     f"{len(outcome.removed)} older removed", file=outcome.file.name)
        return outcome

    def _write_check_prune(self, folder: Path, keep: int, on_progress: ProgressFn) -> BackupOutcome:
        self._check_folder(folder)
        prefix = f"session-assistant-backup-{self.vault.vault_id}-"
        target = folder / f"{prefix}{self.clock.now():%Y%m%dT%H%M%S}{SUFFIX}"
        on_progress(0.05, "Writing the backup")
        written = self.vault.backup(target)  # seconds; not cancellable once begun, so no half-checked file
        on_progress(0.6, "Checking the backup")
        try:
            check = self.vault.verify_backup(written)
        except UserError:
            written.unlink(missing_ok=True)  # a backup that does not open must not count among the kept
            raise
        on_progress(0.9, "Removing older backups")
        ours = sorted((p for p in folder.glob(f"{prefix}*{SUFFIX}") if _STAMP.fullmatch(p.name[len(prefix):])),
                      key=lambda p: p.name, reverse=True)
        removed = []
        for old in ours[keep:]:
            old.unlink(missing_ok=True)
            removed.append(old.name)
        on_progress(1.0, "Backup verified")
        log.info("backup verified; %d older removed", len(removed))
        return BackupOutcome(written, check.audit_rows, removed)

    @writes
    def _record(self, *, ok: bool, result: str, file: str | None = None) -> None:
        previous = self.settings()
        now = self.clock.iso()
        last = {"at": now, "ok_at": now if ok else previous.last_ok_at, "result": result[:300],
                "file": file if ok else previous.last_file}
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?, ?)", (_LAST_KEY, json.dumps(last)))
            self.audit.append(conn, "backup_verified" if ok else "backup_failed", detail=result[:300])


_STAMP = re.compile(r"\d{8}T\d{6}" + re.escape(SUFFIX))
