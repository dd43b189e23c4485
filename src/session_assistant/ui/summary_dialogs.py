"""Dialogs of the Summary tab: the sources of a summary, and a shared copy's passphrase (shown once)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from session_assistant.chart.citations import KIND_TAGS

KIND_WORDS = {"progress_note": "Progress note", "assessment": "Assessment", "diagnosis": "Diagnosis",
              "treatment_plan": "Treatment plan"}


def cited_by(summary: dict) -> dict[tuple[str, int], list[int]]:
    """(kind, id) -> the numbers (1-based) of the statements that cite that chart item."""
    found: dict[tuple[str, int], list[int]] = {}
    for number, statement in enumerate(summary.get("statements", []), 1):
        for ref in statement["sources"]:
            found.setdefault((ref["kind"], ref["id"]), []).append(number)
    return found


class SourcesDialog(QDialog):
    """Every signed chart item the summary was drafted from, and which statements cite each one."""

    def __init__(self, summary: dict, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sources of this summary")
        self.resize(640, 420)
        intro = QLabel(f"{details}\n\nThe summary was drafted only from these signed chart items. Each line of "
                       "the summary ends with the items it rests on, for example [note 12, 2026-03-02].")
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setHeaderLabels(("Date", "Item", "Reference", "Cited by lines"))
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName("Sources")
        cites = cited_by(summary)
        for source in summary.get("sources", []):
            lines = cites.get((source["kind"], source["id"]), [])
            tag = f"{KIND_TAGS.get(source['kind'], source['kind'])} {source['id']}"
            self.table.addTopLevelItem(QTreeWidgetItem([
                source["date"], source.get("label") or KIND_WORDS.get(source["kind"], source["kind"]), tag,
                ", ".join(map(str, lines)) if lines else "not cited"]))
        for column in range(3):
            self.table.resizeColumnToContents(column)
        unsourced = [n for n, s in enumerate(summary.get("statements", []), 1) if not s["sources"]]
        numbers = [n for n, s in enumerate(summary.get("statements", []), 1) if s.get("unsupported_numbers")]
        notes = []
        if unsourced:
            notes.append(f"Lines without a source: {', '.join(map(str, unsourced))} (written by hand, or the "
                         "reference was removed).")
        if numbers:
            notes.append(f"Lines with a number none of their sources states: {', '.join(map(str, numbers))}. "
                         "Check them before signing.")
        self.notes = QLabel("\n".join(notes))
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)


class SharePassphraseDialog(QDialog):
    """The shared copy's passphrase, shown once: it is in no file, log or record, and is wiped from
    the dialog (and from the clipboard, if copied from here) when the dialog closes."""

    def __init__(self, passphrase: str, file_name: str, clipboard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Shared copy written")
        self._clipboard = clipboard
        intro = QLabel(f"<b>{file_name}</b> is encrypted with AES-256. Give the client this passphrase "
                       "separately from the file (for example read it out, not in the same email).<br><br>"
                       "<b>It is shown only now</b>: it is not stored anywhere and cannot be shown again.")
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(passphrase)
        self.passphrase.setReadOnly(True)
        self.passphrase.setAccessibleName("Passphrase of the shared copy")
        self.passphrase.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.passphrase.setMinimumWidth(360)
        copy = QPushButton("&Copy")
        copy.clicked.connect(lambda: self._clipboard.copy(self.passphrase.text()))
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("I have noted it")
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.finished.connect(self._forget)

    def _forget(self, _result: int) -> None:
        self.passphrase.clear()
        self._clipboard.clear_ours()
