"""The main window: first run or unlock, then the workspace; locking and shutdown live here.

Locking (Ctrl+L, idle time, system sleep) destroys the workspace and every widget that showed
PHI, forgets in-memory drafts and transcripts, clears clipboard text the app wrote, closes the
vault, and shows the unlock screen again.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget, QStyle, QWidget

from session_assistant.ui.common import theme
from session_assistant.ui.shell.auto_backup import start_daily_backup
from session_assistant.ui.shell.auto_lock import AutoLock
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.shell.place import place_of, return_to
from session_assistant.ui.shell.shortcuts_help import install_help_menu
from session_assistant.vault.store import Vault

log = logging.getLogger(__name__)
SHUTDOWN_WAIT_S = 10.0
SWEEP_INTERVAL_MS = 10 * 60 * 1000  # SECURITY item 11: at least every 15 minutes while running
CATCH_UP_DUE_WITHIN = timedelta(hours=23, minutes=30)  # ended 30 min ago or more (24-hour retention)


class MainWindow(QMainWindow):
    """Emits ``locked(reason)`` after every lock (tests and the tray use it)."""

    locked = Signal(str)

    def __init__(self, ctx: UiContext, auto_lock: AutoLock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Session Assistant")
        self.setWindowIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        # No fixed minimum: the layouts' own minimum keeps anything from being cut off, and
        # tests/ui/test_ui_small_screen.py holds every screen within a 1024x600 display.
        install_help_menu(self)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.first_run = None
        self.unlock_page = None
        self.workspace = None
        self._place = None  # where the clinician was at the last lock (ids only, in memory)
        self.auto_lock = auto_lock or AutoLock(ctx.settings.auto_lock_minutes, wall=ctx.wall, parent=self)
        self.auto_lock.lock_due.connect(self._on_auto_lock_due)
        app = QApplication.instance()
        if app is not None:
            theme.apply(app, ctx.settings.appearance)
            theme.follow_system(app, self)
        self._lock_action = QAction("&Lock", self)
        self._lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self._lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._lock_action.triggered.connect(lambda: self.lock("on demand"))
        self.addAction(self._lock_action)
        # Retention: the sweep also runs at unlock (start-up) and on lock/quit (Practice.close).
        self._sweep_timer = QTimer(self)
        self._sweep_timer.setInterval(SWEEP_INTERVAL_MS)
        self._sweep_timer.timeout.connect(self._on_sweep_timer_timeout)
        self._sweep_timer.start()
        self._deadline_timer = QTimer(self)  # a sweep at the next deadline, not up to 10 min after it
        self._deadline_timer.setSingleShot(True)
        self._deadline_timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire 5 % late
        self._deadline_timer.timeout.connect(self._on_sweep_timer_timeout)
        self._notice_box: QMessageBox | None = None
        self._catch_up_tried: set[str] = set()
        self._restore_geometry()
        if Vault.exists(ctx.paths.vault_dir):
            self.show_unlock()
        else:
            self.show_first_run()

    # ---- screens ------------------------------------------------------------------------------
    def _replace(self, widget: QWidget) -> None:
        old = self.stack.currentWidget()
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def show_first_run(self) -> None:
        from session_assistant.ui.start.first_run import FirstRunPage

        self.first_run = FirstRunPage(self.ctx)
        self.first_run.completed.connect(self._on_practice_opened)
        self._replace(self.first_run)

    def show_unlock(self, message: str = "") -> None:
        from session_assistant.ui.start.unlock import UnlockPage

        self.unlock_page = UnlockPage(self.ctx)
        self.unlock_page.unlocked.connect(self._on_practice_opened)
        self._replace(self.unlock_page)
        self.unlock_page.reset(message)

    def _on_practice_opened(self, practice) -> None:
        from session_assistant.ui.shell.workspace import Workspace

        self.ctx.practice = practice
        if self.first_run is not None:
            self.first_run._practice = None
        self.first_run = self.unlock_page = None
        self.workspace = Workspace(self.ctx, self)
        self._replace(self.workspace)
        if self._place is not None:
            return_to(self.workspace, self._place)
            self._place = None
        self.auto_lock.minutes = self.ctx.settings.auto_lock_minutes
        self.auto_lock.arm()
        log.info("vault unlocked; workspace shown")
        notices = practice.vault.signin_notices
        if notices:  # wrong passphrases tried, or a failure record deleted, since the last sign-in
            box = QMessageBox(QMessageBox.Icon.Warning, "Since your last sign-in", "\n\n".join(notices),
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("signin_notices")
            box.open()  # not exec(): the workspace is already usable behind it
        self._on_sweep_timer_timeout()  # times the next deadline; shows what the start-up sweep found
        start_daily_backup(self.ctx, self.statusBar())

    def _on_sweep_timer_timeout(self) -> None:
        """Every 10 minutes while unlocked: shred recordings whose 24 hours are up."""
        if self.ctx.practice is None:
            return
        try:
            report = self.ctx.practice.recordings.sweep()
        except Exception as error:  # noqa: BLE001 - the next tick (or lock/quit) retries
            log.warning("retention sweep failed: %s", type(error).__name__)
        else:
            self._time_next_deadline(report)
            self._transcribe_before_deadline(report)
        self.show_recording_notices()

    def _time_next_deadline(self, report) -> None:
        if report.next_due_at is None:
            return
        wait = datetime.fromisoformat(report.next_due_at) - self.ctx.practice.clock.now()
        wait_ms = max(int(wait.total_seconds() * 1000) + 1000, 1000)
        if wait_ms < SWEEP_INTERVAL_MS:
            self._deadline_timer.start(wait_ms)

    def _transcribe_before_deadline(self, report) -> None:
        """A recording left untranscribed (the app was closed after Stop, a failure) is transcribed
        in the background, once per unlock, when the engine is free: at its deadline the audio goes
        either way. One that ended within the last half hour is left to the session screen."""
        from session_assistant.ui.common.engines import session_pipeline
        from session_assistant.ui.common.worker import Worker

        if self.ctx.pools.busy:
            return
        latest_due = self.ctx.practice.clock.now() + CATCH_UP_DUE_WITHIN
        for item in report.untranscribed:
            if datetime.fromisoformat(item["due_at"]) <= latest_due and item["id"] not in self._catch_up_tried:
                self._catch_up_tried.add(item["id"])
                pipeline, rec_id = session_pipeline(self.ctx), item["id"]
                worker = Worker(lambda p, t: pipeline.transcribe_recording(rec_id, on_progress=p, token=t),
                                "catch-up transcription")
                worker.failed.connect(lambda _message: log.warning("catch-up transcription failed"))
                self.ctx.pools.run(worker, "engine")
                return  # one at a time; the next tick takes the next one

    def show_recording_notices(self) -> None:
        """Tell the clinician what a sweep found (audio shredded before its transcript was stored,
        an audio file missing). The notices stay in the vault until OK is pressed here or they are
        dismissed from the CLI; closing the box any other way (a lock) leaves them unread."""
        if self.ctx.practice is None or self._notice_box is not None:
            return
        try:
            unread = self.ctx.practice.recordings.notices()
        except Exception as error:  # noqa: BLE001 - shown again at the next sweep
            log.warning("recording notices unavailable: %s", type(error).__name__)
            return
        if not unread:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Session recordings",
                          "\n\n".join(notice["message"] for notice in unread), QMessageBox.StandardButton.Ok, self)
        ids = [notice["id"] for notice in unread]
        box.accepted.connect(lambda: self._dismiss_notices(ids))
        box.finished.connect(lambda _result: setattr(self, "_notice_box", None))
        self._notice_box = box
        box.open()

    def _dismiss_notices(self, ids: list[int]) -> None:
        if self.ctx.practice is None:
            return
        for notice_id in ids:
            try:
                self.ctx.practice.recordings.dismiss_notice(notice_id)
            except Exception as error:  # noqa: BLE001 - already dismissed elsewhere (the CLI)
                log.info("notice not dismissed: %s", type(error).__name__)

    # ---- locking ------------------------------------------------------------------------------
    def _on_auto_lock_due(self, reason: str) -> None:
        self.lock(reason)

    @property
    def is_unlocked(self) -> bool:
        return self.ctx.practice is not None

    def lock(self, reason: str = "on demand") -> None:
        if self.ctx.practice is None:
            return
        if QApplication.activeModalWidget() is not None:
            # A dialog's exec() is running a nested event loop: close it, let its caller return
            # (seeing "cancelled") while the vault is still open, then lock from the main loop.
            self.auto_lock.disarm()
            for widget in QApplication.topLevelWidgets():
                if widget is not self and widget.isVisible() and widget.isModal():
                    widget.close()
            QTimer.singleShot(50, lambda: self.lock(reason))
            return
        self.auto_lock.disarm()
        self.ctx.pools.cancel_all()
        if not self.ctx.pools.shutdown(SHUTDOWN_WAIT_S):
            log.warning("work still running at lock; its results will be discarded")
        self.ctx.pools.forget_receivers()
        for dialog in self.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self:
                dialog.close()  # modeless windows (none today) showing PHI
        self.ctx.forget_phi()
        if self.workspace is not None:
            place = place_of(self.workspace)
            self._place = replace(place, chart_notes=tuple(self.workspace.teardown().items()))
            self.workspace = None
        self.show_unlock({"idle": "Locked after being idle.", "resumed from sleep": "Locked after the computer slept."}
                         .get(reason, "Locked."))
        practice, self.ctx.practice = self.ctx.practice, None
        practice.close()
        log.info("vault locked (%s)", reason)
        self.locked.emit(reason)

    # ---- shutdown -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        if self.ctx.pools.engine_busy or (self.workspace is not None and self.workspace.busy):
            answer = QMessageBox.question(
                self, "Work is still running",
                "Transcription or drafting is still running. Stop it and quit? Saved work is kept.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self._save_geometry()
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Cancel jobs, wait with a timeout, close the vault. Threads are never terminated."""
        self.auto_lock.disarm()
        if not self.ctx.pools.shutdown(SHUTDOWN_WAIT_S):
            log.warning("work did not stop within %.0f s at shutdown", SHUTDOWN_WAIT_S)
        self.ctx.pools.forget_receivers()
        if self.workspace is not None:
            self.workspace.teardown()
            self.workspace = None
        if self.first_run is not None:
            self.first_run.abandon()
        self.ctx.forget_phi()
        if self.ctx.practice is not None:
            self.ctx.practice.close()
            self.ctx.practice = None

    def _save_geometry(self) -> None:
        self.ctx.settings.geometry_hex = bytes(self.saveGeometry().toHex()).decode()
        try:
            self.ctx.save_settings()
        except OSError:
            log.warning("could not save window settings")

    def _restore_geometry(self) -> None:
        if self.ctx.settings.geometry_hex:
            self.restoreGeometry(QByteArray.fromHex(self.ctx.settings.geometry_hex.encode()))
        else:
            self.resize(1280, 720)
