"""One way to run long engine work off the GUI thread: ``Worker`` and the pools it runs on.

An engine function has the project's one contract, ``fn(on_progress, token) -> result``
(``session_assistant.jobs.progress``). ``Worker`` runs it on a ``QThreadPool`` thread and reports
back through Qt signals, which Qt delivers on the GUI thread (queued connections).
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
import warnings
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from session_assistant.errors import Cancelled, UserError
from session_assistant.jobs.progress import CancelToken

log = logging.getLogger(__name__)

EngineFn = Callable[[Callable[[float, str], None], CancelToken], Any]
PROGRESS_INTERVAL_S = 0.1
GENERIC_FAILURE = "Something went wrong; the details are in the log. Nothing already saved was lost."


def failure_message(error: BaseException) -> str:
    """What the user may read: a UserError's one line (written PHI-free), else a generic line.

    Other exceptions may quote data in their text, so their message is never shown or logged.
    """
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, MemoryError):
        return "The computer ran out of memory; close other programs and try again."
    return GENERIC_FAILURE


class _Runnable(QRunnable):
    def __init__(self, worker: "Worker") -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker

    def run(self) -> None:  # pool thread
        self._worker._run()


class Worker(QObject):
    """Runs ``fn(on_progress, token)`` once on a pool thread.

    Thread contract: ``fn`` runs on a ``QThreadPool`` thread and must not touch widgets; every
    signal is emitted from that thread and delivered to receivers on their own (GUI) thread.
    ``progress`` may fire any number of times before the end signal (at most about ten a
    second: faster reports are dropped, except a fraction of 1.0).

    End contract: exactly one of ``finished(result)``, ``failed(message)`` or ``cancelled()`` is
    emitted, always, whatever ``fn`` does (returns, raises anything, or is cancelled). ``failed``
    carries a message safe to show (no PHI: see ``failure_message``).

    Cancel contract: ``cancel()`` (any thread) sets the ``CancelToken``; ``fn`` notices it at its
    next ``token.raise_if_cancelled()`` and the worker then emits ``cancelled``. A cancel that
    arrives after ``fn`` already returned does not turn success into cancellation. Threads are
    never killed: ``wait(timeout)`` blocks until the end signal has been emitted or time runs out.
    """

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: EngineFn, name: str = "work", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.pool_kind = "engine"  # set by Pools.run: which pool it runs on
        self.background = False  # set by Pools.run: preparation that quitting stops without asking
        self.token = CancelToken()
        self._fn = fn
        self._done = threading.Event()
        self._started = False
        self.outcome: str | None = None  # "finished" | "failed" | "cancelled" once done
        self.error_type: type[BaseException] | None = None  # set before ``failed`` is emitted
        self._last_report = float("-inf")

    def start(self, pool: QThreadPool | None = None) -> "Worker":
        if self._started:
            raise RuntimeError("a Worker runs once")
        self._started = True
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def running(self) -> bool:
        return self._started and not self._done.is_set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the end signal was emitted; False if ``timeout_s`` passed first."""
        return self._done.wait(timeout_s)

    def _report(self, fraction: float, message: str) -> None:
        # Engines report per token or per segment; the screen needs ~10 updates a second at most,
        # and fewer cross-thread emissions keep the GUI thread's queue short.
        now = time.monotonic()
        fraction = max(0.0, min(1.0, float(fraction)))
        if fraction < 1.0 and now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self.progress.emit(fraction, str(message))

    def _run(self) -> None:
        try:
            self.token.raise_if_cancelled()
            result = self._fn(self._report, self.token)
        except Cancelled:
            self._end("cancelled")
            self.cancelled.emit()
        except BaseException as error:  # noqa: BLE001 - the contract: every failure becomes a signal
            if not isinstance(error, UserError):
                # Code locations only: the exception's text may quote data (PHI).
                log.error("worker %s failed: %s\n%s", self.name, type(error).__name__,
                          "".join(traceback.format_tb(error.__traceback__)))
            else:
                log.info("worker %s: %s", self.name, type(error).__name__)
            self.error_type = type(error)
            self._end("failed")
            self.failed.emit(failure_message(error))
        else:
            self._end("finished")
            self.finished.emit(result)
        finally:
            self._done.set()

    def _end(self, outcome: str) -> None:
        self.outcome = outcome


class Pools:
    """The app's thread pools, owned by the composition root.

    ``vault``: one thread, so long vault work (unlock, create, sample practice, backup) never runs
    two at once. ``engine``: model work (transcription, drafting), also one thread since the
    engines already use every core. ``files``: short file work that must never queue behind a
    model for minutes (listing and checking the installed models).
    """

    def __init__(self) -> None:
        self.vault = QThreadPool()
        self.vault.setMaxThreadCount(1)
        self.engine = QThreadPool()
        self.engine.setMaxThreadCount(1)
        self.files = QThreadPool()
        self.files.setMaxThreadCount(1)
        self._active: set[Worker] = set()

    def run(self, worker: Worker, kind: str = "engine", *, background: bool = False) -> Worker:
        """Start ``worker`` on a pool and keep it alive (and listed) until it ends.

        ``background``: preparation nobody waits for (warming a model up), which quitting stops
        without asking even on the engine pool.
        """
        self._active.add(worker)
        self._track(worker)
        worker.pool_kind = kind
        worker.background = background
        worker.start({"vault": self.vault, "files": self.files}.get(kind, self.engine))
        return worker

    def _track(self, worker: Worker) -> None:
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(lambda *_, w=worker: self._active.discard(w))

    def forget_receivers(self) -> None:
        """After a lock: work that ends late must not reach the destroyed screens (or show PHI).

        Every receiver is disconnected; the worker still ends (and emits) as its contract says,
        with no one listening but the pool's own bookkeeping.
        """
        for worker in list(self._active):
            for signal in (worker.progress, worker.finished, worker.failed, worker.cancelled):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)  # PySide warns when nothing was connected
                    try:
                        signal.disconnect()
                    except (RuntimeError, TypeError):
                        pass
            self._track(worker)

    @property
    def busy(self) -> bool:
        return any(w.running for w in self._active)

    @property
    def engine_busy(self) -> bool:
        """Transcription or drafting running (the engine pool), not background housekeeping
        (model list, digests, backups), which shutdown cancels or waits for without asking."""
        return any(w.running and w.pool_kind == "engine" and not w.background for w in self._active)

    def cancel_all(self) -> None:
        for worker in list(self._active):
            worker.cancel()

    def shutdown(self, timeout_s: float = 10.0) -> bool:
        """Cancel everything and wait; True if all work ended in time. Threads are never killed."""
        self.cancel_all()
        ok_vault = self.vault.waitForDone(int(timeout_s * 1000))
        ok_engine = self.engine.waitForDone(int(timeout_s * 1000))
        ok_files = self.files.waitForDone(int(timeout_s * 1000))
        return ok_vault and ok_engine and ok_files
