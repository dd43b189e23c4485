"""The daily backup at unlock: a ``backup`` job run in the background on the vault pool.

Thread contract: the work (``BackupService.submit_if_due`` then ``run_job``) runs on the vault
pool's one thread; the status bar is touched only in the signal handlers, on the GUI thread. The
backup is a few seconds of work and is not cancelled half-way (a lock waits for it to end); a job
cut short by a crash is left "interrupted" and is the one run at the next unlock.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QStatusBar

from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.worker import Worker

log = logging.getLogger(__name__)
SHOWN_MS = 15000


def start_daily_backup(ctx: UiContext, status_bar: QStatusBar) -> Worker:
    """Back up now if the last good backup is 24 hours old (or a backup job is waiting)."""
    backups = ctx.practice.backups

    def work(progress, token):
        job_id = backups.submit_if_due()
        return None if job_id is None else backups.run_job(job_id, token=token, on_progress=progress)

    def on_finished(job) -> None:
        if job is None:
            return
        if job.state == "done":
            status_bar.showMessage("Daily backup written and checked.", SHOWN_MS)
        else:
            on_failed(job.error)

    def on_failed(text: str) -> None:
        log.warning("daily backup did not complete")
        status_bar.showMessage(f"The daily backup failed: {text} (Settings → Backups)")

    worker = Worker(work, "daily backup")
    worker.finished.connect(on_finished)
    worker.failed.connect(on_failed)
    return ctx.pools.run(worker, "vault")
