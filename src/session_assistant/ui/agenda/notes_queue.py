"""Notes to write: every past session, in any week, that has no signed note yet, oldest first.

Opening a row opens the session's note when one exists (its draft), otherwise the session screen
(record, import or write by hand). The workspace shows ``count`` beside the navigation entry.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from session_assistant.ui.common.context import UiContext
from session_assistant.ui.agenda.session_status import RESUME_IN_SESSION, needs_note, status_label
from session_assistant.ui.common.status_pill import StatusPillDelegate, set_status
from session_assistant.ui.common.widgets import EmptyState, caption, heading

COLUMNS = ("Session", "Client", "Waiting", "Status")
KIND = {"in_person": "in person", "telehealth": "telehealth"}


def waiting_words(ended: datetime, now: datetime) -> str:
    days = (now.date() - ended.date()).days
    return "today" if days <= 0 else "1 day" if days == 1 else f"{days} days"


class NotesQueuePage(QWidget):
    """Emits navigation requests (the workspace routes them) and ``count_changed(n)`` after each reload;
    ``drafts`` counts the rows that already hold a note draft (the sidebar shows both)."""

    note_requested = Signal(int)  # appointment id
    session_requested = Signal(int)  # appointment id
    chart_requested = Signal(int)  # client id
    count_changed = Signal(int)
    agenda_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.count = 0
        self.drafts = 0
        self.title = heading("Notes to write")
        self.summary = caption()
        self.empty = EmptyState("All caught up", "Every past session has a signed note. Sessions that end "
                                "without one are listed here, oldest first.", "Open the &agenda")
        self.empty.hide()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAccessibleName("Past sessions without a signed note")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.tree.setItemDelegateForColumn(3, StatusPillDelegate(self.tree))
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Open the note, or the session when there is no note yet (Enter)")
        self.chart_button = QPushButton("Open &chart")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.chart_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.chart_button.clicked.connect(self._on_chart_clicked)
        self.empty.action.clicked.connect(self.agenda_requested)
        self.tree.itemActivated.connect(lambda *_: self._on_open_clicked())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def now(self) -> datetime:
        now = self._ctx.clock.now() if self._ctx.clock else datetime.now().astimezone()
        return now.astimezone().replace(tzinfo=None)

    def refresh(self) -> None:
        """Recount from the vault: every appointment up to now that still needs a signed note.

        The rows themselves (a status read per row) are rebuilt only while the screen shows;
        the workspace refreshes it again when it is opened.
        """
        now = self.now()
        rows = [row for row in self._ctx.practice.appointments.list(end=now.isoformat(timespec="minutes"))
                if needs_note(row, now)]
        self.count = len(rows)
        self.drafts = sum(1 for row in rows if row.get("note_id"))
        if self.isVisible():
            self._fill(rows, now)
        self.count_changed.emit(self.count)

    def _fill(self, rows: list[dict], now: datetime) -> None:
        selected = self.selected_appointment()
        practice = self._ctx.practice
        pipeline, recordings = practice.sessions, practice.recordings
        self.tree.clear()
        for row in rows:
            start = datetime.fromisoformat(row["starts_at"])
            work = self._ctx.sessions.get(row["id"])
            stage, progress = (work.stage, work.progress) if work is not None else ("", None)
            item = QTreeWidgetItem([f"{start:%a %d %b %Y, %H:%M} · {KIND.get(row['modality'], row['modality'])}",
                                    f"{row['first_name']} {row['last_name']}",
                                    waiting_words(start + timedelta(minutes=row["minutes"]), now), ""])
            label = status_label(row, now, stage, pipeline, recordings, progress)
            set_status(item, 3, label)
            item.setData(0, Qt.ItemDataRole.UserRole, {**row, "resume": label in RESUME_IN_SESSION})
            self.tree.addTopLevelItem(item)
            if selected and selected["id"] == row["id"]:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and rows:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.summary.setText("Every past session without a signed note, oldest first. Enter opens it."
                             if rows else "All caught up: every past session has a signed note.")
        self.summary.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.tree.setVisible(bool(rows))
        self.open_button.setVisible(bool(rows))
        self.chart_button.setVisible(bool(rows))
        self._update_buttons()

    def selected_appointment(self) -> dict | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        row = self.selected_appointment()
        self.open_button.setEnabled(row is not None)
        self.chart_button.setEnabled(row is not None)
        if row is not None:
            self.open_button.setText("&Open note" if _opens_note(row) else "&Open session")

    def _on_open_clicked(self) -> None:
        row = self.selected_appointment()
        if row is None:
            return
        if _opens_note(row):
            self.note_requested.emit(row["id"])
        else:
            self.session_requested.emit(row["id"])

    def _on_chart_clicked(self) -> None:
        row = self.selected_appointment()
        if row is not None:
            self.chart_requested.emit(row["client_id"])


def _opens_note(row: dict) -> bool:
    """The note when there is one, unless the row says "resume in Session": Enter on it opened the note,
    and the Resume it named was a click away on another screen (ui30)."""
    return bool(row.get("note_id")) and not row.get("resume")
