"""The unlock screen: passphrase (or recovery key) -> an open Practice, off the GUI thread.

Argon2id takes about half a second, so the unlock runs on the vault pool through a Worker.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from session_assistant.app import Practice, open_practice, recover_practice
from session_assistant.errors import VaultCorrupt, VaultLocked, WrongPassphrase
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.start.unlock_view import UnlockView
from session_assistant.ui.common.widgets import press_on_enter
from session_assistant.ui.common.worker import Worker
from session_assistant.vault.database import BUSY_WAITING

CALM_WRONG = "That passphrase did not unlock the vault. Nothing was changed; take your time and try again."


class UnlockPage(UnlockView):
    """Emits ``unlocked(practice)``."""

    unlocked = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._worker: Worker | None = None
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._on_wait_timer_tick)
        self._wait_left = 0
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.recover_button.clicked.connect(self._on_recover_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)

    def reset(self, message: str = "") -> None:
        self.passphrase.clear()
        self.message.setText(message)
        self.passphrase.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        """Enter in the passphrase field (or anywhere on the page) unlocks; on a focused button it presses it."""
        if not press_on_enter(event, self.unlock_button):
            super().keyPressEvent(event)

    # ---- unlock -----------------------------------------------------------------------------
    def _on_unlock_clicked(self) -> None:
        if self._worker is not None or self._wait_left > 0:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText("Enter your passphrase.")
            return
        paths, clock, engines = self._ctx.paths, self._ctx.clock, self._ctx.engines
        # Another window or a CLI command may hold the vault for a moment: say so instead of freezing.
        self._start(lambda progress, token: open_practice(paths, passphrase, clock,
                                                          on_busy=lambda: progress(0.0, BUSY_WAITING),
                                                          engines=engines),
                    "Unlocking…")

    def _start(self, fn, message: str) -> None:
        self.message.setText(message)
        self.unlock_button.setEnabled(False)
        self._worker = Worker(fn, "unlock")
        self._worker.progress.connect(self._on_worker_progress)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._worker.cancelled.connect(self._on_worker_failed)
        self._error_kind: type | None = None
        self._ctx.pools.run(self._worker, "vault")

    def _on_worker_progress(self, fraction: float, message: str) -> None:
        if message:
            self.message.setText(message)

    def _on_worker_finished(self, practice: Practice) -> None:
        self._worker = None
        self.unlock_button.setEnabled(True)
        self.passphrase.clear()
        self.message.clear()
        self.unlocked.emit(practice)

    def _on_worker_failed(self, message: str = "") -> None:
        error_type = self._worker.error_type if self._worker else None
        self._worker = None
        self.unlock_button.setEnabled(True)
        self.passphrase.selectAll()
        if error_type is not None and issubclass(error_type, WrongPassphrase):
            message = CALM_WRONG if "recovery" not in message else message
        self.message.setText(message or "Unlocking was cancelled.")
        if error_type is not None and issubclass(error_type, VaultLocked):
            self._begin_wait(message)
        if error_type is not None and issubclass(error_type, VaultCorrupt):
            self.restore_button.show()

    def _begin_wait(self, message: str) -> None:
        try:
            self._wait_left = int(message.split("try again in", 1)[1].split("s", 1)[0].strip())
        except (IndexError, ValueError):
            self._wait_left = 5
        self._wait_reason = ("The record of failed unlock attempts is damaged." if "damaged" in message
                             else "Too many wrong passphrases.")
        self.unlock_button.setEnabled(False)
        self._wait_timer.start()
        self._on_wait_timer_tick()

    def _on_wait_timer_tick(self) -> None:
        if self._wait_left <= 0:
            self._wait_timer.stop()
            self.unlock_button.setEnabled(True)
            self.message.setText("You can try again now.")
            return
        self.message.setText(f"{self._wait_reason} For your protection, wait {self._wait_left} s.")
        self._wait_left -= 1

    # ---- recovery and restore -----------------------------------------------------------------
    def _on_recover_clicked(self) -> None:
        key, ok = QInputDialog.getText(self, "Recovery key", "The recovery key you wrote down:")
        if not ok or not key.strip():
            return
        new, ok = QInputDialog.getText(self, "New passphrase", "Choose a new passphrase (10+ characters):",
                                       QLineEdit.EchoMode.Password)
        if not ok:
            return
        paths, clock, engines = self._ctx.paths, self._ctx.clock, self._ctx.engines
        self._start(lambda p, t: recover_practice(paths, key.strip(), new, clock, engines),
                    "Checking the recovery key…")

    def _on_restore_clicked(self) -> None:
        file, _ = QFileDialog.getOpenFileName(self, "Restore from backup", str(Path.home()), "Backups (*.zip *.sabak *)")
        if not file:
            return
        passphrase, ok = QInputDialog.getText(self, "Backup passphrase", "The passphrase of that backup:",
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return
        from session_assistant.vault.store import restore

        paths, clock, engines = self._ctx.paths, self._ctx.clock, self._ctx.engines

        def work(progress, token):
            restore(Path(file), Path(paths.vault_dir), passphrase, clock)
            return open_practice(paths, passphrase, clock, engines=engines)

        QMessageBox.information(self, "Restore", "The damaged vault is moved aside, never overwritten.")
        self._start(work, "Restoring…")


__all__ = ["UnlockPage", "VaultCorrupt", "VaultLocked"]
