"""Layout of the practice's audit trail: whether it is intact, filters, the entries."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout,
                               QWidget)

from session_assistant.ui.common import theme
from session_assistant.ui.common.audit_rows import audit_tree
from session_assistant.ui.common.widgets import caption

INTRO = ("Every sign-in, every chart, note or transcript opened, and every change, signature, export and "
         "deletion is recorded here, newest first. Times are on this computer's clock.")


class AuditTrailView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        self.resize(900, 540)
        self.integrity = QLabel("Checking that no entry was altered, removed or reordered…")
        self.integrity.setWordWrap(True)
        self.integrity.setAccessibleName("Audit trail check")
        theme.set_role(self.integrity, "notice")
        self.client = QComboBox()
        self.client.setAccessibleName("Client")
        self.client.setMinimumContentsLength(18)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        filters = QHBoxLayout()
        for text, widget in (("&Client:", self.client), ("&From:", self.start), ("&To:", self.end)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch(1)
        self.tree = audit_tree("Audit trail entries", with_client=True)
        self.count = caption()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption(INTRO))
        layout.addWidget(self.integrity)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
