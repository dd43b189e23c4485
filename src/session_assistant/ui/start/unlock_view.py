"""Layout of the unlock screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from session_assistant.ui.common import theme
from session_assistant.ui.common.widgets import heading


class UnlockView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Unlock your practice")
        self.explain = QLabel("Your records are encrypted on this computer. Enter your vault passphrase.")
        self.explain.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Vault passphrase")
        self.passphrase.setMinimumWidth(320)
        self.unlock_button = theme.set_role(QPushButton("&Unlock"), "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName("Unlock the vault")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Unlock message")
        self.recover_button = QPushButton("Forgot the passphrase? Use the &recovery key…")
        self.recover_button.setFlat(True)
        self.restore_button = QPushButton("Restore from a &backup…")
        self.restore_button.setFlat(True)

        form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        card = QWidget()
        card.setMaximumWidth(520)
        inner = QVBoxLayout(card)
        inner.addWidget(self.title)
        inner.addWidget(self.explain)
        inner.addSpacing(12)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        inner.addSpacing(12)
        inner.addWidget(self.recover_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
