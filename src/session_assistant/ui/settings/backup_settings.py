"""Settings → Backups: the daily encrypted backup to a folder the clinician chooses.

The schedule and the last result live in the vault (``services.backups``); this tab shows them
and changes them. Every write and every backup runs on the vault pool through a ``Worker``; the
widgets are touched only on the GUI thread, in the worker's signal handlers.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from session_assistant.services.backups import DEFAULT_KEEP, MAX_KEEP
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.widgets import BusyPanel
from session_assistant.ui.common.worker import Worker

INTRO = ("Once a day, when you unlock, an encrypted copy of the vault is written to the folder you choose "
         "(an external drive, a NAS, a synced folder), opened again and checked. Only when the new copy checks "
         "out are the oldest removed, so the newest ones are always kept. Audio is never in a backup. "
         "A backup opens with the passphrase the vault had when it was made.")


class BackupSettingsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._worker: Worker | None = None
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText("No folder chosen: daily backups are off")
        self.folder.setAccessibleName("Backup folder")
        self.choose = QPushButton("C&hoose folder…")
        self.keep = QSpinBox()
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setValue(DEFAULT_KEEP)
        self.keep.setSuffix(" backups")
        self.keep.setAccessibleName("Backups to keep")
        self.keep.setMaximumWidth(160)
        self.back_up_now = QPushButton("Back up &now")
        self.turn_off = QPushButton("Turn daily backups o&ff")
        self.last = QLabel()
        self.last.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.busy = BusyPanel()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow("Folder:", folder_row)
        form.addRow("Keep the last:", self.keep)
        form.addRow("Last backup:", self.last)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_now)
        buttons.addWidget(self.turn_off)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        self.choose.clicked.connect(self._on_choose_clicked)
        self.keep.editingFinished.connect(self._on_keep_editing_finished)
        self.back_up_now.clicked.connect(self._on_back_up_now_clicked)
        self.turn_off.clicked.connect(self._on_turn_off_clicked)
        self.refresh()

    def refresh(self) -> None:
        """Show the schedule and the last result as the vault has them (a read of a few ms)."""
        settings = self._ctx.practice.backups.settings()
        self.folder.setText(settings.folder or "")
        self.keep.blockSignals(True)
        self.keep.setValue(settings.keep)
        self.keep.blockSignals(False)
        if settings.last_at is None:
            self.last.setText("None yet.")
        else:
            when = datetime.fromisoformat(settings.last_at).astimezone()  # stored in UTC, shown in local time
            self.last.setText(f"{when:%Y-%m-%d %H:%M}: {settings.last_result}")
        scheduled = settings.folder is not None
        self.back_up_now.setEnabled(scheduled and self._worker is None)
        self.turn_off.setEnabled(scheduled and self._worker is None)

    # ---- handlers --------------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the backup folder", self.folder.text())
        if folder:
            self.choose_folder(folder)

    def choose_folder(self, folder: str) -> None:
        """Store ``folder`` as the daily backup folder (what the picker does once a folder is chosen)."""
        backups, keep = self._ctx.practice.backups, self.keep.value()
        self._run(lambda p, t: backups.schedule(folder, keep), "Saving…", "Daily backups are on.")

    def _on_keep_editing_finished(self) -> None:
        if self.folder.text():
            self.choose_folder(self.folder.text())

    def _on_back_up_now_clicked(self) -> None:
        backups = self._ctx.practice.backups
        self._run(lambda p, t: backups.back_up_now(p), "Writing and checking a backup…", "Backup written and checked.")

    def _on_turn_off_clicked(self) -> None:
        backups = self._ctx.practice.backups
        self._run(lambda p, t: backups.turn_off(), "Saving…", "Daily backups are off; the backups written are kept.")

    def _run(self, fn, busy_text: str, done_text: str) -> None:
        if self._worker is not None:
            return
        self.busy.start(busy_text, cancellable=False)
        self._worker = worker = Worker(fn, "backup settings")
        worker.progress.connect(self.busy.show_progress)
        worker.finished.connect(lambda _result: self._on_work_ended(done_text))
        worker.failed.connect(self._on_work_ended)
        worker.cancelled.connect(lambda: self._on_work_ended("Cancelled."))
        self._ctx.pools.run(worker, "vault")

    def _on_work_ended(self, text: str) -> None:
        self._worker = None
        self.busy.done()
        self.message.setText(text)
        self.refresh()
