"""Small dialogs: new client, new appointment, the client's recording consent, addendum, where to save a PDF."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox, QVBoxLayout,
                               QWidget)

from session_assistant.ui.common.vault_op import VaultOp

CONSENT_TEXT = (
    "Before recording, ask the client:<br><br><i>“With your permission I would like to record our session "
    "on this computer. The recording stays encrypted here, is turned into a transcript that helps me write "
    "my notes, and is destroyed within 24 hours. Nothing is sent anywhere. You can say no, and you can "
    "change your mind at any time; your care does not change either way.”</i><br><br>What did the client say?")


def _buttons(dialog: QDialog, ok_text: str = "OK") -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewClientDialog(QDialog):
    def __init__(self, practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New client")
        self._practice = practice
        self.client_id: int | None = None
        self.first = QLineEdit()
        self.last = QLineEdit()
        # Typed, not a date spinner: typing "1991-06-14" into a QDateEdit stored 1991-01-06 or kept its
        # default year, and a default date is saved silently when nobody changes it.
        self.dob = QLineEdit()
        self.dob.setPlaceholderText("e.g. 14 March 1991 or 1991-03-14 (optional)")  # any unambiguous form
        self.dob.setAccessibleName("Date of birth")
        self.dob.setMinimumWidth(self.dob.fontMetrics().horizontalAdvance(self.dob.placeholderText()) + 24)  # read whole
        self.pronouns = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.message = QLabel()
        form = QFormLayout(self)
        form.addRow("&First name:", self.first)
        form.addRow("&Last name:", self.last)
        form.addRow("&Date of birth:", self.dob)
        form.addRow("&Pronouns:", self.pronouns)
        form.addRow("P&hone:", self.phone)
        form.addRow("&Email:", self.email)
        form.addRow(self.message)
        self.buttons = _buttons(self, "Add client")
        form.addRow(self.buttons)

    def accept(self) -> None:
        extra = {k: w.text().strip() for k, w in (("pronouns", self.pronouns), ("phone", self.phone),
                                                  ("email", self.email)) if w.text().strip()}
        clients, first, last = self._practice.clients, self.first.text(), self.last.text()
        dob = self.dob.text().strip() or None  # the service checks the date and says how to write it
        _write_then_close(self, lambda: clients.add(first, last, dob, **extra), "client_id")


class NewAppointmentDialog(QDialog):
    def __init__(self, practice, start: datetime, client_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New appointment")
        self._practice = practice
        self.appointment_id: int | None = None
        self.client = QComboBox()
        self.client.setAccessibleName("Client")
        for row in practice.clients.list(include_inactive=False):
            self.client.addItem(f"{row['last_name']}, {row['first_name']}", row["id"])
        if client_id is not None:
            self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        self.start = QDateTimeEdit(QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, 0)))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 600)
        self.minutes.setValue(50)
        self.minutes.setSuffix(" min")
        self.kind = QComboBox()
        self.kind.addItem("In person", "in_person")
        self.kind.addItem("Telehealth", "telehealth")
        self.message = QLabel()
        form = QFormLayout(self)
        form.addRow("&Client:", self.client)
        form.addRow("&Starts:", self.start)
        form.addRow("&Length:", self.minutes)
        form.addRow("&Kind:", self.kind)
        form.addRow(self.message)
        self.buttons = _buttons(self, "Add appointment")
        form.addRow(self.buttons)

    def accept(self) -> None:
        if self.client.currentData() is None:
            self.message.setText("Add a client first.")
            return
        appointments, client_id = self._practice.appointments, int(self.client.currentData())
        starts, minutes, kind = (self.start.dateTime().toString("yyyy-MM-ddTHH:mm"), self.minutes.value(),
                                 self.kind.currentData())
        _write_then_close(self, lambda: appointments.add(client_id, starts, minutes, kind),
                          "appointment_id")


def _write_then_close(dialog: QDialog, fn: Callable[[], int], id_attribute: str) -> None:
    """Store the dialog's new row (``VaultOp``); it closes once the row is stored, and keeps its
    OK button off meanwhile (one row, even when the writer is busy); a refusal shows in the dialog."""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setEnabled(False)

    def stored(row_id: int) -> None:
        setattr(dialog, id_attribute, row_id)
        ok.setEnabled(True)
        QDialog.accept(dialog)

    def refused(message: str) -> None:
        ok.setEnabled(True)
        dialog.message.setText(message)

    VaultOp(dialog._practice, fn, parent=dialog).success(stored).failure(refused).run()


def ask_recording_consent(practice, client_id: int, parent: QWidget | None = None) -> str | None:
    """Ask the clinician what the client decided and store it; returns "given", "declined" or None."""
    box = QMessageBox(parent)
    box.setWindowTitle("Consent to AI session recording")
    box.setText(CONSENT_TEXT)
    given = box.addButton("Client &agrees", QMessageBox.ButtonRole.AcceptRole)
    declined = box.addButton("Client &declines", QMessageBox.ButtonRole.RejectRole)
    box.addButton("Ask &later", QMessageBox.ButtonRole.DestructiveRole)
    box.exec()
    clicked = box.clickedButton()
    decision = "given" if clicked is given else "declined" if clicked is declined else None
    if decision:
        practice.clients.record_consent(client_id, decision, note="recorded in the session screen")
    return decision


class AddendumDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Addendum to a signed note")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. correction, late entry, clarification")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Addendum text")
        explain = QLabel("A signed note never changes. An addendum is appended with your name, the time and "
                         "the reason.")
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Reason:", self.reason)
        form.addRow("&Text:", self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Add addendum"))


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes / Cancel, Cancel the default: signing, deleting and other steps that cannot be undone."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def ask_pdf_path(parent: QWidget, title: str, file_name: str) -> Path | None:
    """Where to write a PDF (the home folder and ``file_name`` offered), or None when cancelled.

    The save dialog itself asks before replacing a file, so callers export with ``replace=True``.
    ``file_name`` names the record by its id only: a client's name in it would be PHI on disk.
    """
    file, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / file_name), "PDF (*.pdf)")
    return Path(file) if file else None


def note_pdf_name(note: dict, starts_at: str | None) -> str:
    """``progress-note-2026-12-03-17.pdf``: the session's date (the note's own when it has no
    session) and the note's id, so a folder of exports sorts by session; never the client's name."""
    day = (starts_at or note.get("created_at") or "")[:10]
    return f"progress-note-{day}-{note['id']}.pdf" if day else f"progress-note-{note['id']}.pdf"


def default_start(now: datetime) -> datetime:
    """The next whole hour, for a new appointment."""
    return (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)


__all__ = ["AddendumDialog", "NewAppointmentDialog", "NewClientDialog", "ask_pdf_path", "ask_recording_consent",
           "default_start", "note_pdf_name"]


class EditSentenceDialog(QDialog):
    """One sentence of the draft, rewritten by the clinician in a box that wraps it whole.

    QInputDialog's multi-line box does not wrap: a draft sentence ran off the right edge as one line
    and could only be read by scrolling sideways.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit the sentence")
        self.text = QPlainTextEdit(text)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Sentence")
        self.text.setMinimumSize(480, 120)  # a long sentence reads whole in a few lines; fits 1024x600
        label = QLabel("&Sentence:")
        label.setBuddy(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        self.buttons = _buttons(self, "OK")
        layout.addWidget(self.buttons)


def edit_sentence(parent: QWidget | None, text: str) -> str | None:
    """The sentence as the clinician rewrote it; None when they cancelled."""
    dialog = EditSentenceDialog(text, parent)
    return dialog.text.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None
