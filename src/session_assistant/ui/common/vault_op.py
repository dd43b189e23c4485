"""One way for the window to write the vault without waiting behind other writes: ``VaultOp``.

    VaultOp(practice, lambda: notes.sign(note_id, profile), parent=self).success(self._on_signed).run()

``fn`` runs on the vault's one writer thread (``VaultWriter.submit``), in the order ops were run,
after whatever was queued before it (a backup's record, a digest). ``success(result)`` or
``failure(message)`` then runs on the GUI thread, exactly once. The message is
``worker.failure_message``'s (a ``UserError``'s line, else a generic one: never PHI).

Most writes take milliseconds, so ``run`` waits a short grace (``GRACE_S``) and, when the write
is done by then, calls back before it returns: ordinary saves behave as plain calls. When the
writer is busy longer, ``run`` returns at once, the GUI keeps handling events, the main window's
status bar says "Saving…" until the write lands, and the callback comes through a queued signal.

After a lock or quit a late callback is dropped: closing the vault waits for the writer's queue
(so the write itself lands) and marks the writer closed; an op whose writer is closed, or whose
``parent`` widget is gone, delivers nothing, so it never reaches destroyed screens.
"""

from __future__ import annotations

import logging
import traceback
from concurrent.futures import Future, TimeoutError as FutureTimeout
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from session_assistant.errors import UserError
from session_assistant.ui.common.worker import failure_message

log = logging.getLogger(__name__)

GRACE_S = 0.05  # a write done within this looks synchronous to the caller
SAVING_TEXT = "Saving…"


class VaultOp(QObject):
    """One write for the window: ``fn`` on the writer thread, its outcome back on the GUI thread.

    Build it on the GUI thread. ``success(cb)`` gets ``fn``'s result; ``failure(cb)`` gets a safe
    message (without one, a warning box titled ``title`` shows it). ``run()`` returns True when
    the outcome was already delivered (the write took under ``GRACE_S``); ``run(wait=True)``
    always waits (for the few places that cannot go on without it: keeping edits at a lock).
    """

    _landed = Signal(object)
    _pending: set["VaultOp"] = set()  # ops waiting for the writer: kept alive until delivered

    def __init__(self, practice, fn: Callable[[], Any], *, parent: QWidget | None = None,
                 title: str = "Not saved", saving: str = SAVING_TEXT) -> None:
        """``practice``: the open ``app.Practice`` (``UiContext.practice``; None once locked)."""
        super().__init__()  # no Qt parent: the op must outlive a screen destroyed while it waits
        self._practice = practice
        self._fn = fn
        self._widget = parent
        self._title = title
        self._saving = saving
        self._on_success: Callable[[Any], None] = lambda _result: None
        self._on_failure: Callable[[str], None] | None = None
        self._delivered = False
        self._writer = None  # the open vault's VaultWriter, once run
        self._window: QMainWindow | None = None  # whose status bar says "Saving…" (it outlives a lock)
        self._landed.connect(self._deliver)  # the op lives on the GUI thread: queued from the writer

    def success(self, callback: Callable[[Any], None]) -> "VaultOp":
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[str], None]) -> "VaultOp":
        self._on_failure = callback
        return self

    def run(self, wait: bool = False) -> bool:
        if self._practice is None:
            self._failed(UserError("The vault is locked; nothing was saved."))
            return True
        self._writer = self._practice.vault.writer  # kept: a lock closes the database
        future = self._writer.submit(self._fn)
        try:
            future.exception(timeout=None if wait else GRACE_S)
        except FutureTimeout:
            pass
        if future.done():
            self._deliver(future)
            return True
        VaultOp._pending.add(self)
        self._show_saving(True)
        future.add_done_callback(self._landed.emit)  # writer thread: only a signal crosses over
        return False

    @Slot(object)
    def _deliver(self, future: Future) -> None:
        VaultOp._pending.discard(self)
        if self._delivered:
            return
        self._delivered = True
        self._show_saving(False)
        if self._writer.closed or (self._widget is not None and not shiboken6.isValid(self._widget)):
            log.info("a vault write finished after its screen was closed (or the vault locked)")
            return
        error = future.exception()
        if error is None:
            self._on_success(future.result())
        else:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            log.info("vault op: %s", type(error).__name__)
        else:  # code locations only: the exception's text may quote data (PHI)
            log.error("vault op failed: %s\n%s", type(error).__name__,
                      "".join(traceback.format_tb(error.__traceback__)))
        message = failure_message(error)
        if self._on_failure is not None:
            self._on_failure(message)
        else:
            QMessageBox.warning(self._widget, self._title, message)

    def _show_saving(self, saving: bool) -> None:
        if saving:
            self._window = _window_of(self._widget)
            if self._window is not None:
                self._window.statusBar().showMessage(self._saving)
            return
        window, self._window = self._window, None
        if window is None or not shiboken6.isValid(window):
            return
        if window.statusBar().currentMessage() == self._saving \
                and not any(op._window is window for op in VaultOp._pending):
            window.statusBar().clearMessage()


def _window_of(widget: QWidget | None) -> QMainWindow | None:
    """The main window showing ``widget``; None once a lock destroyed it (or it has none)."""
    if widget is None or not shiboken6.isValid(widget):
        return None
    window = widget.window()
    return window if isinstance(window, QMainWindow) else None

