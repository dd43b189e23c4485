"""The practice's audit trail in the window (Settings › Privacy & Security, or a chart's Activity tab).

Lists what ``AuditService.history`` returns, narrowed by client and by days on this computer's
clock, and says whether the hash chain verifies (``AuditService.verify``, on the vault pool: a
long trail takes a moment). The entries are read on the vault pool too, never on the GUI thread. As with the CLI's ``audit list`` and ``audit verify``, reading the
trail writes no entry of its own.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from session_assistant.services.audit_words import local_time
from session_assistant.ui.common import theme
from session_assistant.ui.common.audit_rows import audit_entries, fill_audit_tree
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.worker import Worker
from session_assistant.ui.settings.audit_trail_view import AuditTrailView

SHOWN_AT_MOST = 2000  # a list longer than this is slow to build and nobody reads it: narrow the days
ALL_CLIENTS = "All clients and the practice"
PRACTICE_ONLY = "The practice: sign-ins, backups, settings"
PRACTICE = -1  # the combo's data for PRACTICE_ONLY (client ids are positive)
READING = "Reading the entries…"


def integrity_words(report) -> tuple[str, bool]:
    """(what the clinician reads, intact) for an ``AuditReport``."""
    if report.ok:
        count = "The one entry checks out" if report.rows == 1 else f"All {report.rows:,} entries check out"
        return f"Intact. {count}: none was altered, removed or put out of order.", True
    problem = re.sub(r"\brows\b", "entries", re.sub(r"\brow\b", "entry", report.message))
    return (f"Not intact: {problem}. The trail, or the vault holding it, was changed outside the app or "
            "damaged. This check changed nothing; restore a recent backup, or keep this copy for whoever "
            "looks into it."), False


class AuditTrailDialog(AuditTrailView):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._clinician = ctx.practice.profile.get().name
        self.client.addItem(ALL_CLIENTS, None)
        self.client.addItem(PRACTICE_ONLY, PRACTICE)
        for row in ctx.practice.clients.list():
            self.client.addItem(f"{row['last_name']}, {row['first_name']}", row["id"])
        self.client.setCurrentIndex(max(0, self.client.findData(client_id)) if client_id is not None else 0)
        today = QDate.currentDate()
        oldest = ctx.practice.audit_log.oldest_at()
        first_day = local_time(oldest).date() if oldest else date.today()
        self.start.setDate(QDate(first_day.year, first_day.month, first_day.day))
        self.end.setDate(today)
        for edit in (self.start, self.end):
            edit.setMaximumDate(today)
        self._asked = 0  # numbers the reads: one that ends after a newer one was asked is dropped
        self.loaded = False  # the list shows the latest read (tests wait on it)
        self.client.currentIndexChanged.connect(self._on_filter_changed)
        self.start.dateChanged.connect(self._on_filter_changed)
        self.end.dateChanged.connect(self._on_filter_changed)
        self._on_filter_changed()
        self._worker: Worker | None = None
        self.checked: bool | None = None  # None until the check ends; then whether the trail is intact
        self._check()

    def _on_filter_changed(self, *_args) -> None:
        """Read the entries these filters ask for on the vault pool; the list is replaced when they arrive."""
        self._asked += 1
        self.loaded = False
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if start > end:
            self.tree.clear()
            self.count.setText("No entries: “From” is after “To”.")
            self.loaded = True
            return
        chosen, asked = self.client.currentData(), self._asked
        audit, clinician = self._ctx.practice.audit_log, self._clinician
        self.count.setText(READING)

        def read(_progress, _token) -> tuple[int, object, list[dict], bool]:
            rows = audit.history(None if chosen == PRACTICE else chosen, start=start, end=end,
                                 limit=SHOWN_AT_MOST + 1, practice_only=chosen == PRACTICE)
            return asked, chosen, audit_entries(rows[:SHOWN_AT_MOST], clinician), len(rows) > SHOWN_AT_MOST

        worker = Worker(read, "audit list")
        worker.finished.connect(self._on_read)
        worker.failed.connect(self._on_read_failed)
        self._ctx.pools.run(worker, "vault")

    def _on_read(self, result: tuple[int, object, list[dict], bool]) -> None:
        asked, chosen, entries, more = result
        if asked != self._asked:  # the filters changed while this was read: a newer read follows
            return
        fill_audit_tree(self.tree, entries)
        if more:
            self.count.setText(f"The newest {SHOWN_AT_MOST:,} entries of these days; choose a later “To” "
                               "day or a client to see older ones.")
        elif not entries:
            self.count.setText("No entries on these days." if chosen in (None, PRACTICE)
                               else "No entries for this client on these days.")
        else:
            self.count.setText("1 entry." if len(entries) == 1 else f"{len(entries):,} entries.")
        self.loaded = True

    def _on_read_failed(self, message: str) -> None:
        self.count.setText(f"The entries could not be read: {message}")

    def _check(self) -> None:
        audit = self._ctx.practice.audit_log
        self._worker = worker = Worker(lambda _progress, _token: audit.verify(), "audit check")
        worker.finished.connect(self._on_checked)
        worker.failed.connect(self._on_check_failed)
        self._ctx.pools.run(worker, "vault")

    def _on_checked(self, report) -> None:
        words, intact = integrity_words(report)
        self.checked = intact
        self.integrity.setText(words)
        theme.set_role(self.integrity, "notice" if intact else "alert")

    def _on_check_failed(self, message: str) -> None:
        self.checked = False
        self.integrity.setText(f"The check could not run: {message}")
        theme.set_role(self.integrity, "alert")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter in a date field must not close it
            return
        super().keyPressEvent(event)
