"""A persistent job queue in the vault: progress, cancel, and resume after a crash or restart.

``JobQueue.run(job_id, work)`` calls ``work(ctx)`` where ``ctx`` carries the progress callback,
the cancel token and the job's checkpoints. Work that saves a checkpoint after each unit (a
transcribed window, an extracted section) resumes from there instead of starting over.
The state always ends as exactly one of done / failed / cancelled.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from session_assistant.errors import Cancelled, NotFound, UserError
from session_assistant.jobs.progress import CancelToken
from session_assistant.vault.writer import writes

log = logging.getLogger(__name__)
_PROGRESS_WRITE_INTERVAL_S = 0.5


@dataclass
class Job:
    id: int
    kind: str
    target_id: int | None
    state: str
    progress: float
    message: str
    params: dict
    result: Any
    error: str


@dataclass
class JobContext:
    """Handed to the work function: report progress, check cancel, keep and read checkpoints."""

    job: Job
    token: CancelToken
    on_progress: Callable[[float, str], None]
    checkpoints: list[Any] = field(default_factory=list)
    save_checkpoint: Callable[[Any], None] = lambda data: None


class JobQueue:
    def __init__(self, vault) -> None:
        self.db = self._db = vault.db  # ``db``: what ``@writes`` runs on
        self._clock = vault.clock
        self._audit = vault.audit

    @writes
    def submit(self, kind: str, target_id: int | None = None, params: dict | None = None) -> int:
        now = self._clock.iso()
        with self._db.transaction() as conn:
            return conn.execute(
                "INSERT INTO jobs (kind, target_id, params_json, created_at, updated_at) VALUES (?,?,?,?,?)",
                (kind, target_id, json.dumps(params or {}), now, now)).lastrowid

    @writes
    def update_params(self, job_id: int, params: dict) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE jobs SET params_json = ?, updated_at = ? WHERE id = ?",
                         (json.dumps(params), self._clock.iso(), job_id))

    def get(self, job_id: int) -> Job:
        with self._db.read() as conn:
            row = conn.execute("SELECT id, kind, target_id, state, progress, message, params_json, result_json, error "
                               "FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFound(f"No job with id {job_id}.")
        return Job(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]),
                   json.loads(row[7]) if row[7] else None, row[8])

    def latest(self, kind: str, target_id: int) -> Job | None:
        with self._db.read() as conn:
            row = conn.execute("SELECT id FROM jobs WHERE kind = ? AND target_id = ? ORDER BY id DESC LIMIT 1",
                               (kind, target_id)).fetchone()
        return self.get(row[0]) if row else None

    def pending(self) -> list[Job]:
        with self._db.read() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM jobs WHERE state IN ('queued', 'interrupted') ORDER BY id")]
        return [self.get(i) for i in ids]

    @writes
    def recover_interrupted(self) -> list[int]:
        """At start-up: jobs left 'running' by a crash become 'interrupted' (resumable)."""
        with self._db.read() as conn:  # the usual case writes nothing, so a reading command never waits
            if conn.execute("SELECT 1 FROM jobs WHERE state = 'running' LIMIT 1").fetchone() is None:
                return []
        with self._db.transaction() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM jobs WHERE state = 'running'")]
            for job_id in ids:
                conn.execute("UPDATE jobs SET state = 'interrupted', updated_at = ? WHERE id = ?",
                             (self._clock.iso(), job_id))
        if ids:
            log.info("recovered %d interrupted job(s)", len(ids))
        return ids

    def checkpoints(self, job_id: int) -> list[Any]:
        with self._db.read() as conn:
            return [json.loads(r[0]) for r in conn.execute(
                "SELECT data_json FROM job_checkpoints WHERE job_id = ? ORDER BY seq", (job_id,))]

    @writes
    def save_checkpoint(self, job_id: int, data: Any) -> None:
        """Keep ``data`` (JSON) with the job; also for work that fills a job before it runs."""
        with self._db.transaction() as conn:
            seq = conn.execute("SELECT COALESCE(max(seq), 0) + 1 FROM job_checkpoints WHERE job_id = ?",
                               (job_id,)).fetchone()[0]
            conn.execute("INSERT INTO job_checkpoints (job_id, seq, data_json, created_at) VALUES (?,?,?,?)",
                         (job_id, seq, json.dumps(data), self._clock.iso()))

    @writes
    def replace_checkpoints(self, job_id: int, items: list[Any], replaced: Callable[[Any], bool]) -> None:
        """Put ``items`` in place of the job's checkpoints that ``replaced`` picks (the others stay before
        them), in one transaction: a crash leaves the old ones or the new, never neither."""
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT seq, data_json FROM job_checkpoints WHERE job_id = ? ORDER BY seq",
                                (job_id,)).fetchall()
            gone = [seq for seq, data in rows if replaced(json.loads(data))]
            conn.executemany("DELETE FROM job_checkpoints WHERE job_id = ? AND seq = ?", [(job_id, s) for s in gone])
            seq = max((r[0] for r in rows), default=0)
            now = self._clock.iso()
            conn.executemany("INSERT INTO job_checkpoints (job_id, seq, data_json, created_at) VALUES (?,?,?,?)",
                             [(job_id, seq + n, json.dumps(item), now) for n, item in enumerate(items, 1)])

    @writes
    def mark_running(self, job_id: int) -> None:
        """The job runs now: a crash from here on leaves it 'interrupted' at the next start."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE jobs SET state = 'running', attempts = attempts + 1, error = '', updated_at = ? "
                         "WHERE id = ?", (self._clock.iso(), job_id))

    @writes
    def mark_interrupted(self, job_id: int) -> None:
        """Work stopped unfinished (a lock mid-session, a cancel before it ran): offered for resume
        later. A job that ended done or failed keeps its state."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE jobs SET state = 'interrupted', message = 'interrupted', updated_at = ? "
                         "WHERE id = ? AND state IN ('queued', 'running', 'cancelled')", (self._clock.iso(), job_id))

    @writes
    def mark_cancelled(self, job_id: int) -> None:
        """The clinician cancelled work that had not ended yet: kept as 'cancelled', so a restart
        and the screen tell a deliberate Cancel from a crash. A job that ended keeps its state."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE jobs SET state = 'cancelled', message = 'cancelled', updated_at = ? "
                         "WHERE id = ? AND state IN ('queued', 'running')", (self._clock.iso(), job_id))

    @writes
    def _set(self, job_id: int, **values) -> None:
        values["updated_at"] = self._clock.iso()
        with self._db.transaction() as conn:
            conn.execute(f"UPDATE jobs SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                         (*values.values(), job_id))

    def run(self, job_id: int, work: Callable[[JobContext], Any], token: CancelToken | None = None,
            on_progress: Callable[[float, str], None] | None = None) -> Job:
        """Run ``work`` for the job; the job ends done, failed or cancelled (never left running)."""
        job = self.get(job_id)
        if job.state == "done":
            return job  # a cancelled or failed job runs again from its checkpoints when asked
        token = token or CancelToken()
        last_write = [0.0]

        def progress(fraction: float, message: str) -> None:
            if on_progress:
                on_progress(fraction, message)
            now = time.monotonic()
            if now - last_write[0] >= _PROGRESS_WRITE_INTERVAL_S:
                last_write[0] = now
                self._set(job_id, progress=max(0.0, min(1.0, fraction)), message=message[:200])

        self.mark_running(job_id)
        ctx = JobContext(job=job, token=token, on_progress=progress, checkpoints=self.checkpoints(job_id),
                         save_checkpoint=lambda data: self.save_checkpoint(job_id, data))
        try:
            result = work(ctx)
        except Cancelled:
            self._set(job_id, state="cancelled", message="cancelled")
        except UserError as error:
            self._set(job_id, state="failed", error=str(error))
        except Exception as error:  # noqa: BLE001 - a job must never be left 'running'
            # The message may quote clinical text: log the type and where it happened, not the words.
            log.error("job %d (%s) failed: %s\n%s", job_id, job.kind, type(error).__name__,
                      "".join(traceback.format_tb(error.__traceback__)))
            self._set(job_id, state="failed", error=f"Unexpected error ({type(error).__name__}); see the log.")
        else:
            self._set(job_id, state="done", progress=1.0, message="done",
                      result_json=json.dumps(result) if result is not None else None)
        return self.get(job_id)
