"""The chart's Activity tab: who opened or changed this client's chart, and when, newest first.

The entries are the practice's audit trail (hash-chained, append-only) narrowed to this client;
reading them is not itself an entry, as with the CLI's ``audit list``: opening the chart already is.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from session_assistant.ui.common.audit_rows import audit_tree, fill_audit_tree
from session_assistant.ui.common.widgets import caption

SHOWN_AT_MOST = 1000  # years of one chart; the practice's audit trail dialog reaches further back
INTRO = ("Everything done with this chart, newest first: each time it was opened, and each note, "
         "signature, export or deletion. Times are on this computer's clock. The record cannot be "
         "changed without it showing.")


class ActivityTab(QWidget):
    trail_requested = Signal(int)  # client id: the practice's audit trail, narrowed to this client

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.intro = caption(INTRO)
        self.tree = audit_tree("Chart activity", with_client=False)
        self.count = caption()
        self.whole_trail = QPushButton("Practice audit t&rail…")
        self.whole_trail.setToolTip("Every entry of the practice, with filters and a check that nothing was altered")
        self.whole_trail.clicked.connect(self._on_whole_trail_clicked)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.whole_trail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

    def fill(self, practice, client_id: int) -> bool:
        self.client_id = client_id
        rows = practice.audit_log.history(client_id, limit=SHOWN_AT_MOST + 1)
        fill_audit_tree(self.tree, rows[:SHOWN_AT_MOST], practice.profile.get().name)
        if len(rows) > SHOWN_AT_MOST:
            self.count.setText(f"The newest {SHOWN_AT_MOST:,} entries; the practice audit trail shows older ones.")
        else:
            self.count.setText("1 entry." if len(rows) == 1 else f"{len(rows):,} entries.")
        return True

    def _on_whole_trail_clicked(self) -> None:
        if self.client_id is not None:
            self.trail_requested.emit(self.client_id)
