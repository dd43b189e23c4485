"""Digests of signed items, built in the background (issue 20): at unlock and after each signing.

The work (``DigestService.run_pending``: rules only, milliseconds per item) runs on the vault
pool's one thread through the worker base class; a request while one runs is remembered and run
once after it, so a burst of signings costs one extra pass. Jobs left by a crash are "interrupted"
and picked up by the next pass; a lock closes the runner first: it cancels between items, waits for the
pass to end (before the vault's writer stops) and the rest stay queued.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.worker import Worker

log = logging.getLogger(__name__)
# The first pass waits a little after unlock: another process may hold the vault's write lock for a
# while (a CLI command, a backup), and unlocking must never wait behind background work.
UNLOCK_DELAY_MS = 30_000
CLOSE_WAIT_S = 10.0  # a pass stops between items (milliseconds each); this only bounds a stuck one


class DigestRunner(QObject):
    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._worker: Worker | None = None
        self._again = False
        self.passes = 0  # finished passes (tests wait on it)
        self._closed = False

    def start_after_unlock(self) -> None:
        QTimer.singleShot(UNLOCK_DELAY_MS, self, self.request)

    def request(self, *_args) -> None:
        """Build whatever digests are waiting (signals may pass arguments: ignored)."""
        if self._closed or self._ctx.practice is None:
            return
        if self._worker is not None and self._worker.running:
            self._again = True
            return
        digests = self._ctx.practice.digests
        worker = Worker(lambda progress, token: digests.run_pending(on_progress=progress, cancel=token), "digests")
        worker.finished.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_done)
        self._worker = self._ctx.pools.run(worker, "vault")

    def close(self, wait_s: float = CLOSE_WAIT_S) -> None:
        """Before a lock or quit, ahead of the saves that teardown makes: no pass starts after this
        (a save's signal would start one after the pools were waited for, and it would write after
        the vault's writer stopped), and one under way is cancelled between items and waited for.
        What the saves queued stays queued for the next unlock."""
        self._closed = True
        self._again = False
        worker = self._worker
        if worker is not None and worker.running:
            worker.cancel()
            if not worker.wait(wait_s):
                log.warning("a digest pass did not stop within %.0f s", wait_s)

    def _on_failed(self, _text: str) -> None:
        log.warning("digests not built this time; they stay queued")
        self._on_done()

    def _on_done(self, *_args) -> None:
        self.passes += 1
        self._worker = None
        if self._again:
            self._again = False
            self.request()
