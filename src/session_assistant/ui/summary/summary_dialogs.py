"""Words and dialogs of the Summary tab: generation details, the sources of a summary, and a shared
copy's passphrase (shown once)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from session_assistant.chart.citations import KIND_TAGS

KIND_WORDS = {"progress_note": "Progress note", "assessment": "Assessment", "diagnosis": "Diagnosis",
              "treatment_plan": "Treatment plan"}


def local_time(value: str | None) -> str:
    """A stored time (UTC, ISO) as the clinician's local 'YYYY-MM-DD HH:MM'."""
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return (value or "")[:16].replace("T", " ")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def generation_details(summary: dict) -> str:
    """Model, date, range, purpose (and signer): what the info line beside Sources says."""
    covers = (f"covers {summary['date_from']} to {summary['date_to']}" if summary["date_from"]
              else "covers the whole signed record")
    parts = [f"Generated {local_time(summary['created_at'])} with {summary['ai_model'] or 'no model'}", covers]
    if summary["purpose"]:
        parts.append(f"purpose: {summary['purpose']}")
    if summary["status"] == "signed":
        parts.append(f"signed by {summary['signer_name']} on {local_time(summary['signed_at'])}")
    return " · ".join(parts)


def check_before_signing(summary: dict) -> str:
    """Lines without a source, and lines stating a number their sources do not ("" when none)."""
    statements = summary["statements"]
    unsourced = sum(1 for s in statements if not s["sources"])
    numbers = sum(1 for s in statements if s.get("unsupported_numbers"))
    notes = []
    if unsourced:
        notes.append(f"{plural(unsourced, 'line')} without a source")
    if numbers:
        notes.append(f"{plural(numbers, 'line')} with a number its sources do not state")
    return ("Check before signing: " + "; ".join(notes) + " (see Sources).") if notes else ""


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
