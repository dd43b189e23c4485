"""The Summary form warms the note model up while the clinician looks at it (issue 20's 30 s).

Generate's time on one core is mostly the model: loading it (3 s from the page cache, more from
disk), reading the narrative's prompt (~14 s for ~370 tokens) and writing ~100 tokens (~10 s).
The first two need nothing from the clinician but the range, so once the form has rested for
``DELAY_MS`` (a range being typed is not read; a form left at once loads nothing) the tab loads
the model and reads the prompt Generate would send (``summary_work.warm_up``); Generate over the
same form then only writes. It runs on the engine pool, so Generate queues behind it and reuses
what it read; a form changed since is cancelled (inside the decode; loading the model file cannot
be stopped). A range that holds too little loads nothing: the refusal never waits for a model.
"""

from __future__ import annotations


from PySide6.QtCore import QObject, QTimer

from session_assistant.ui.summary import summary_work
from session_assistant.ui.common.worker import Worker

DELAY_MS = 500  # a pause in editing the range, not a keystroke


class NarrativeWarmUp(QObject):
    """One warm-up at a time for one tab. ``key``: (client id, date from, date to, purpose)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = None
        self._key: tuple | None = None  # the form's, waiting for the timer
        self._worker: Worker | None = None
        self._worker_key: tuple | None = None
        self.finished_keys: list[tuple] = []  # warm-ups that read their prompt (tests, bench)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def schedule(self, key: tuple) -> None:
        """The form shows ``key`` now: warm up for it once it rests; a warm-up for another form stops."""
        self._key = key
        if self._worker is not None and self._worker_key != key:
            self._worker.cancel()
        self._timer.start()

    def before_generate(self, key: tuple) -> None:
        """Generate was pressed for ``key``: a warm-up for it is kept (Generate reuses it), any other stops."""
        self._timer.stop()
        self._key = None
        if self._worker is not None and self._worker_key != key:
            self._worker.cancel()

    def stop(self) -> None:
        """The form closed (Back, another client, a lock)."""
        self._timer.stop()
        self._key = None
        if self._worker is not None:
            self._worker.cancel()

    @property
    def running(self) -> bool:
        return self._worker is not None

    def _on_timer_timeout(self) -> None:
        ctx, key = self.ctx, self._key
        if key is None or ctx is None or ctx.practice is None:
            return
        if self._worker is not None:
            if self._worker_key != key:
                self._timer.start()  # the cancelled one is still ending: try again shortly
            return
        client_id, date_from, date_to, purpose = key

        def fn(progress, token):
            return summary_work.warm_up(ctx, client_id, date_from, date_to, purpose, progress, token)

        self._worker = worker = Worker(fn, "summary warm-up")
        self._worker_key = key
        worker.finished.connect(lambda warmed: self._on_ended(key, bool(warmed)))
        worker.failed.connect(lambda _message: self._on_ended(key, False))
        worker.cancelled.connect(lambda: self._on_ended(key, False))
        ctx.pools.run(worker, "engine", background=True)

    def _on_ended(self, key: tuple, warmed: bool) -> None:
        self._worker = self._worker_key = None
        if warmed:
            self.finished_keys.append(key)
        # A failure (no model installed, ...) is Generate's to report, with its own message.
