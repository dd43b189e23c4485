"""First run: create the vault, show the recovery key once, explain AI, offer the sample practice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from session_assistant.app import create_practice
from session_assistant.errors import UserError
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.start.first_run_view import FirstRunView
from session_assistant.ui.common.widgets import press_on_enter
from session_assistant.ui.common.worker import Worker
from session_assistant.vault.store import check_passphrase_strength


class FirstRunPage(FirstRunView):
    """Emits ``completed(practice)`` once the vault exists and the clinician has finished the steps."""

    completed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._practice = None
        self._worker: Worker | None = None
        self.passphrase.textChanged.connect(self.meter.update_for)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.written_down.toggled.connect(self.key_continue.setEnabled)
        self.key_continue.clicked.connect(self._on_key_continue_clicked)
        self.finish_button.clicked.connect(self._on_finish_clicked)
        self.busy.cancel_clicked.connect(lambda: self._worker and self._worker.cancel())
        self.finish_busy.cancel_clicked.connect(lambda: self._worker and self._worker.cancel())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        """Enter anywhere on a step presses that step's button (create, continue, start)."""
        step_button = (self.create_button, self.key_continue, self.finish_button)[self.currentIndex()]
        if not press_on_enter(event, step_button):
            super().keyPressEvent(event)

    # ---- step 1 -----------------------------------------------------------------------------
    def _on_create_clicked(self) -> None:
        if self._worker is not None:
            return
        passphrase, repeat = self.passphrase.text(), self.repeat.text()
        if not self.name.text().strip():
            self.create_message.setText("Enter your name: it appears on the notes you sign.")
            self.name.setFocus()
            return
        try:
            check_passphrase_strength(passphrase)
        except UserError as error:
            self.create_message.setText(str(error))
            return
        if passphrase != repeat:
            self.create_message.setText("The two passphrases differ; type them again.")
            self.repeat.clear()
            self.repeat.setFocus()
            return
        self.create_message.clear()
        self.create_button.setEnabled(False)
        paths, clock, engines = self._ctx.paths, self._ctx.clock, self._ctx.engines
        self.busy.start("Creating your encrypted vault…", cancellable=False)
        self._worker = Worker(lambda progress, token: create_practice(paths, passphrase, clock, engines),
                              "create vault")
        self._worker.finished.connect(self._on_create_finished)
        self._worker.failed.connect(self._on_create_failed)
        self._worker.cancelled.connect(lambda: self._on_create_failed("Cancelled."))
        self._ctx.pools.run(self._worker, "vault")

    def _on_create_finished(self, result) -> None:
        self._worker = None
        self.busy.done()
        self._practice, recovery_key = result
        self._practice.profile.update(name=self.name.text(), credentials=self.credentials.text(),
                                      licence_number=self.licence.text(), practice_name=self.practice_name.text())
        self.passphrase.clear()
        self.repeat.clear()
        self.recovery_key.setText(recovery_key)
        self.setCurrentIndex(1)
        self.written_down.setFocus()

    def _on_create_failed(self, message: str) -> None:
        self._worker = None
        self.busy.done()
        self.create_button.setEnabled(True)
        self.create_message.setText(message)

    # ---- step 2 -----------------------------------------------------------------------------
    def _on_key_continue_clicked(self) -> None:
        self.recovery_key.clear()  # shown once: gone from the screen and the widget
        self.setCurrentIndex(2)
        self.ai_consent.setFocus()

    # ---- step 3 -----------------------------------------------------------------------------
    def _on_finish_clicked(self) -> None:
        if self._practice is None or self._worker is not None:
            return
        self._practice.profile.update(ai_usage_consent=self.ai_consent.isChecked())
        if not self.load_sample.isChecked():
            self.completed.emit(self._practice)
            return
        from session_assistant.services.sample_practice import load_sample_practice

        practice = self._practice
        self.finish_button.setEnabled(False)
        self.finish_busy.start("Adding the sample practice…")
        self._worker = Worker(lambda progress, token: load_sample_practice(practice, on_progress=progress,
                                                                           token=token), "sample practice")
        self._worker.progress.connect(self.finish_busy.show_progress)
        for signal in (self._worker.finished, self._worker.failed, self._worker.cancelled):
            signal.connect(self._on_sample_done)
        self._ctx.pools.run(self._worker, "vault")

    def _on_sample_done(self, *_args) -> None:
        self._worker = None
        self.finish_busy.done()
        self.completed.emit(self._practice)

    def abandon(self) -> None:
        """Close a practice created here if the window closes mid-way."""
        if self._practice is not None:
            self._practice.close()
            self._practice = None
