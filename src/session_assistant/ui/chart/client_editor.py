"""The chart's Client tab: demographics, pronouns, contact and status edited in one form, and the
history of the client's consent decisions.

Only the fields that changed are sent (``ClientService.update``), so the audit entry names them;
the service validates dates, plain text and status.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from session_assistant.errors import UserError
from session_assistant.services.clients import STATUSES
from session_assistant.ui.chart.tab_write import write_in_form

PRONOUNS = ("", "she/her", "he/him", "they/them", "she/they", "he/they")
DECISION_WORDS = {"given": "Consent given", "declined": "Declined", "revoked": "Revoked"}


class ClientEditor(QWidget):
    changed = Signal()

    LINES = (("first_name", "&First name"), ("last_name", "Last &name"), ("preferred_name", "P&referred name"),
             ("date_of_birth", "Date of &birth"), ("gender", "&Gender"), ("phone", "Phon&e"), ("email", "E&mail"))
    BLOCKS = (("address", "A&ddress"), ("emergency_contact", "Emergency &contact"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = None
        self.client_id: int | None = None
        self._loaded: dict = {}
        self.edits: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        details = QGroupBox("Details")
        form = QFormLayout(details)
        for key, label in self.LINES:
            edit = QLineEdit()
            edit.setAccessibleName(label.replace("&", ""))
            self.edits[key] = edit
            form.addRow(label + ":", edit)
        self.edits["date_of_birth"].setPlaceholderText("e.g. 14 March 1991 or 1991-03-14")
        self.pronouns = QComboBox()
        self.pronouns.setEditable(True)
        self.pronouns.addItems(PRONOUNS)
        self.pronouns.setAccessibleName("Pronouns")
        self.edits["pronouns"] = self.pronouns
        form.insertRow(4, "&Pronouns:", self.pronouns)
        self.status_box = QComboBox()
        self.status_box.addItems(STATUSES)
        self.status_box.setAccessibleName("Status")
        self.edits["status"] = self.status_box
        form.addRow("St&atus:", self.status_box)
        contact = QGroupBox("Address and emergency contact")
        contact_form = QFormLayout(contact)
        for key, label in self.BLOCKS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(label.replace("&", ""))
            edit.setMaximumHeight(64)
            self.edits[key] = edit
            contact_form.addRow(label + ":", edit)
        self.save = QPushButton("&Save changes")
        self.save.setDefault(True)
        self.revert = QPushButton("&Undo changes")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Client status message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        consent = QGroupBox("Consent to AI session recording: history")
        self.consents = QTreeWidget()
        self.consents.setHeaderLabels(("Date", "Decision", "Form", "Note"))
        self.consents.setRootIsDecorated(False)
        self.consents.setAccessibleName("Consent history")
        QVBoxLayout(consent).addWidget(self.consents)
        left = QVBoxLayout()
        left.addWidget(details)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(contact)
        right.addWidget(consent, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.save.clicked.connect(self._on_save_clicked)
        self.revert.clicked.connect(lambda: self._load())
        for key, edit in self.edits.items():
            signal = (edit.currentTextChanged if isinstance(edit, QComboBox) else edit.textChanged)
            signal.connect(lambda *_: self._update_buttons())

    def fill(self, practice, client_id: int) -> bool:
        changed_client = (practice, client_id) != (self._practice, self.client_id)
        self._practice, self.client_id = practice, client_id
        if changed_client:
            self.status.clear()
        self._load()
        return True

    def value(self, key: str) -> str:
        edit = self.edits[key]
        if isinstance(edit, QComboBox):
            return edit.currentText().strip()
        return (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()).strip()

    def changes(self) -> dict[str, str]:
        return {key: self.value(key) for key in self.edits if self.value(key) != (self._loaded.get(key) or "")}

    # ---- loading and saving ----------------------------------------------------------------------
    def _load(self) -> None:
        self._loaded = client = self._practice.clients.get(self.client_id)
        for key, edit in self.edits.items():
            text = str(client.get(key) or "")
            if isinstance(edit, QComboBox):
                edit.setCurrentText(text)
            else:
                edit.setPlainText(text) if isinstance(edit, QPlainTextEdit) else edit.setText(text)
        self.reload_consents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = bool(self._loaded) and bool(self.changes())
        self.save.setEnabled(dirty)
        self.revert.setEnabled(dirty)

    def _on_save_clicked(self) -> None:
        self.save_changes()

    # ---- the unsaved-changes contract (ui/unsaved.py) --------------------------------------------
    def has_unsaved(self) -> bool:
        return self._practice is not None and bool(self._loaded) and bool(self.changes())

    def save_changes(self, wait: bool = False) -> bool:
        """Store the changed fields (``VaultOp``); False with the reason shown when refused.

        True as well while the write waits behind a busy writer (the form is disabled until then);
        a late refusal shows here (or in a box, if another client is shown by then). ``wait``:
        block until it is stored.
        """
        changes = self.changes()
        if not changes or self._practice is None:
            return True
        if not (self.value("first_name") and self.value("last_name")):
            self.status.setText("A client needs a first and a last name.")
            return False
        client_id, clients = self.client_id, self._practice.clients

        def saved(_none) -> None:
            self._load()
            self.status.setText("Saved: " + ", ".join(k.replace("_", " ") for k in sorted(changes)) + ".")

        return write_in_form(self, lambda: clients.update(client_id, **changes), saved, "Client details not saved",
                             wait=wait)

    def keep_at_lock(self) -> str | None:
        """Before a lock: store the changed fields, each on its own when the whole is refused, so
        one bad field (a date that is no date) does not lose the others. Returns what to tell the
        clinician after unlocking: field names only (a typed value must not outlive the lock)."""
        if not self.has_unsaved() or self.save_changes(wait=True):  # the vault closes next
            return None
        refused = []
        for key, value in self.changes().items():
            try:
                if key in ("first_name", "last_name") and not value:
                    raise UserError("a client needs a name")
                self._practice.clients.update(self.client_id, **{key: value})
            except UserError:
                refused.append(key.replace("_", " "))
        return self._lock_words(refused)

    @staticmethod
    def _lock_words(refused: list[str]) -> str | None:
        if not refused:
            return None
        return (f"When the app locked, {', '.join(refused)} {'was' if len(refused) == 1 else 'were'} not saved "
                "(not valid) and the other changes were saved: enter it again.")

    def discard_changes(self) -> None:
        self._load()
        self.status.setText("Changes discarded.")

    def reload_consents(self) -> None:
        """Only the consent history (a decision recorded on the overview); edits in the form stay."""
        self.consents.clear()
        for row in reversed(self._practice.clients.consent_history(self.client_id)):
            self.consents.addTopLevelItem(QTreeWidgetItem([(row["decided_at"] or "")[:16].replace("T", " "),
                                                           DECISION_WORDS.get(row["decision"], row["decision"]),
                                                           row["form_version"] or "", row["note"] or ""]))
        if not self.consents.topLevelItemCount():
            self.consents.addTopLevelItem(QTreeWidgetItem(["", "Not asked yet"]))
        self.consents.resizeColumnToContents(0)
