"""The chart's Activity tab: who opened or changed this client's chart, and when, newest first.

The entries are the practice's audit trail (hash-chained, append-only) narrowed to this client;
reading them is not itself an entry, as with the CLI's ``audit list``: opening the chart already is.
They are read on the vault pool (a ``Worker``), not on the GUI thread: a chart with years of
entries must not freeze the window while they are read and put into words.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from session_assistant.ui.common.audit_rows import audit_entries, audit_tree, fill_audit_tree
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.widgets import caption
from session_assistant.ui.common.worker import Worker

SHOWN_AT_MOST = 1000  # years of one chart; the practice's audit trail dialog reaches further back
INTRO = ("Everything done with this chart, newest first: each time it was opened, and each note, "
         "signature, export or deletion. Times are on this computer's clock. The record cannot be "
         "changed without it showing.")
READING = "Reading this chart's activity…"


class ActivityTab(QWidget):
    trail_requested = Signal(int)  # client id: the practice's audit trail, narrowed to this client

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.loaded = False  # the list shows the latest read (tests wait on it)
        self._asked = 0  # numbers the reads: one that ends after a newer one was asked is dropped
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

    def forget(self, client_id: int | None) -> None:
        """Another chart is open: the last one's entries leave the screen (read again when shown)."""
        self._asked += 1
        self.client_id = client_id
        self.loaded = False
        self.tree.clear()
        self.count.clear()

    def fill(self, ctx: UiContext, client_id: int) -> None:
        """Read ``client_id``'s entries on the vault pool; the list is replaced when they arrive."""
        if client_id != self.client_id:
            self.forget(client_id)
        self._asked += 1
        asked, audit = self._asked, ctx.practice.audit_log
        clinician = ctx.practice.profile.get().name
        self.loaded = False
        self.count.setText(READING)

        def read(_progress, _token) -> tuple[int, list[dict], bool]:
            rows = audit.history(client_id, limit=SHOWN_AT_MOST + 1)
            return asked, audit_entries(rows[:SHOWN_AT_MOST], clinician), len(rows) > SHOWN_AT_MOST

        worker = Worker(read, "chart activity")
        worker.finished.connect(self._on_read)
        worker.failed.connect(self._on_read_failed)
        ctx.pools.run(worker, "vault")

    def _on_read(self, result: tuple[int, list[dict], bool]) -> None:
        asked, entries, more = result
        if asked != self._asked:
            return
        fill_audit_tree(self.tree, entries)
        if more:
            self.count.setText(f"The newest {SHOWN_AT_MOST:,} entries; the practice audit trail shows older ones.")
        else:
            self.count.setText("1 entry." if len(entries) == 1 else f"{len(entries):,} entries.")
        self.loaded = True

    def _on_read_failed(self, message: str) -> None:
        self.count.setText(f"This chart's activity could not be read: {message}")

    def _on_whole_trail_clicked(self) -> None:
        if self.client_id is not None:
            self.trail_requested.emit(self.client_id)
