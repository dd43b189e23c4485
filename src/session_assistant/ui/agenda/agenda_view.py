"""Layout of the agenda: one week of appointments (today and the six days after), with week navigation."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton,
                               QTreeWidget, QVBoxLayout, QWidget)

from session_assistant.ui.common import theme
from session_assistant.ui.common.status_pill import StatusPillDelegate
from session_assistant.ui.common.widgets import EmptyState, heading

COLUMNS = ("Time", "Client", "Kind", "Status")


class AgendaView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Agenda")
        self.date_label = QLabel()
        self.date_label.setAccessibleName("Week shown")
        self.previous_week = QPushButton("◀ &Previous week")
        self.previous_week.setToolTip("Previous week (Alt+Left)")
        self.this_week = QPushButton("&Today")
        self.this_week.setToolTip("Back to today's week (Alt+Home)")
        self.next_week = QPushButton("Ne&xt week ▶")
        self.next_week.setToolTip("Next week (Alt+Right)")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAccessibleName("Appointments today and this week")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setItemDelegateForColumn(3, StatusPillDelegate(self.tree))
        self.start_session = QPushButton("&Start session")
        self.start_session.setAccessibleName("Start the session for the selected appointment")
        self.open_note = QPushButton("Open &note")
        self.open_chart = QPushButton("Open &chart")
        # A booked session that did not take place; without it a no-show stayed a "Note to write" for good.
        self.did_not_happen = QPushButton("No-show / cancelle&d")
        self.did_not_happen.setAccessibleName("Mark the selected appointment as a no-show or cancelled")
        self.did_not_happen.setMenu(QMenu(self.did_not_happen))
        self.mark_no_show = self.did_not_happen.menu().addAction("Client did not come (no-show)")
        self.mark_cancelled = self.did_not_happen.menu().addAction("Cancelled…")
        self.new_appointment = QPushButton("New &appointment…")
        self.new_client = QPushButton("New c&lient…")
        theme.set_role(self.start_session, "primary")
        # Shown instead of the empty list; AgendaPage words it for the week and picks its one action.
        self.empty = EmptyState("No appointments this week", "Your sessions appear here, with their status.",
                                "New appointment…")
        self.empty.hide()
        buttons = QHBoxLayout()
        for button in (self.start_session, self.open_note, self.open_chart, self.did_not_happen):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_client)
        buttons.addWidget(self.new_appointment)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.date_label)
        top.addSpacing(theme.SPACE["m"])
        for button in (self.previous_week, self.this_week, self.next_week):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
