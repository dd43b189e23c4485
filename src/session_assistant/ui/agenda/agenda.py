"""The agenda: a week of appointments (today and the six days after, or any other week) with each
session's status; Enter opens the note when there is one, else the session screen."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QTreeWidgetItem, QWidget

from session_assistant.ui.agenda.agenda_view import AgendaView
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.agenda.session_status import RESUME_IN_SESSION, running_label, status_label
from session_assistant.ui.common.status_pill import set_status
from session_assistant.ui.common.vault_op import VaultOp

KIND = {"in_person": "In person", "telehealth": "Telehealth"}
WEEK = timedelta(days=7)


class AgendaPage(AgendaView):
    """Emits navigation requests; the workspace routes them. ``refreshed`` follows every reload."""

    session_requested = Signal(int)  # appointment id
    note_requested = Signal(int)  # appointment id
    chart_requested = Signal(int)  # client id
    new_appointment_requested = Signal()
    new_client_requested = Signal()
    refreshed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.week_offset = 0  # weeks from the one that starts today
        self.start_session.clicked.connect(self._on_start_session_clicked)
        self.open_note.clicked.connect(self._on_open_note_clicked)
        self.open_chart.clicked.connect(self._on_open_chart_clicked)
        self.mark_no_show.triggered.connect(lambda: self._mark("no_show"))
        self.mark_cancelled.triggered.connect(self._on_mark_cancelled_triggered)
        self.new_appointment.clicked.connect(self.new_appointment_requested)
        self.new_client.clicked.connect(self.new_client_requested)
        self.empty.action.clicked.connect(self._on_empty_action_clicked)
        self.previous_week.clicked.connect(lambda: self.show_week(self.week_offset - 1))
        self.this_week.clicked.connect(lambda: self.show_week(0))
        self.next_week.clicked.connect(lambda: self.show_week(self.week_offset + 1))
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        for keys, button in (("Alt+Left", self.previous_week), ("Alt+Right", self.next_week),
                             ("Alt+Home", self.this_week)):
            QShortcut(QKeySequence(keys), self, button.click, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.itemActivated.connect(lambda *_: self._on_row_activated())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def today(self) -> datetime:
        now = self._ctx.clock.now() if self._ctx.clock else datetime.now().astimezone()
        return now.astimezone().replace(tzinfo=None)

    def show_week(self, offset: int) -> None:
        """Show the week ``offset`` weeks from this one (0: today and the next six days)."""
        self.week_offset = offset
        self.tree.setCurrentItem(None)
        self.refresh()

    def refresh(self) -> None:
        """Reload the shown week from the vault (a few ms)."""
        selected = self.selected_appointment()
        now = self.today()
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        week_start = today + self.week_offset * WEEK
        week_end = week_start + WEEK
        rows = self._ctx.practice.appointments.list(week_start.isoformat(timespec="minutes"),
                                                    week_end.isoformat(timespec="minutes"))
        last_day = week_end - timedelta(days=1)
        self.date_label.setText(f"{week_start:%a %d %b} – {last_day:%a %d %b %Y}")
        self.this_week.setEnabled(self.week_offset != 0)
        self.tree.clear()
        practice = self._ctx.practice
        pipeline, recordings = practice.sessions, practice.recordings
        groups: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            start = datetime.fromisoformat(row["starts_at"])
            day = start.date()
            label = "Today" if day == today.date() else start.strftime("%A %d %B")
            if label not in groups:
                group = QTreeWidgetItem([label])
                font = QFont(group.font(0))
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
                groups[label] = group
            work = self._ctx.sessions.get(row["id"])
            stage, progress = (work.stage, work.progress) if work is not None else ("", None)
            item = QTreeWidgetItem([f"{start:%H:%M}–{(start + timedelta(minutes=row['minutes'])):%H:%M}",
                                    f"{row['first_name']} {row['last_name']}",
                                    KIND.get(row["modality"], row["modality"]), ""])
            shown = status_label(row, now, stage, pipeline, recordings, progress)
            set_status(item, 3, shown)
            item.setData(0, Qt.ItemDataRole.UserRole, {**row, "resume": shown in RESUME_IN_SESSION})
            groups[label].addChild(item)
            if selected and selected["id"] == row["id"]:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.tree.setRootIsDecorated(False)
        self._has_clients = bool(rows) or bool(practice.clients.list())
        if not self._has_clients:
            self.empty.say("No clients yet", "Add your first client; their appointments will appear here, "
                           "each with its status.", "New client…")
        else:
            self.empty.say("No appointments " + ("today or in the coming week" if self.week_offset == 0
                                                 else "in this week"),
                           "Booked sessions appear here with their status: scheduled, recorded, draft ready, signed.",
                           "New appointment…")  # no mnemonic: the button below has Alt+A
        self.empty.setVisible(not rows)
        self.tree.setVisible(bool(rows))
        self._update_buttons()
        self.refreshed.emit()

    def show_progress(self, appointment_id: int) -> None:
        """The running work's percentage on its row, without reading the vault (progress is frequent)."""
        work = self._ctx.sessions.get(appointment_id)
        if work is None or work.stage not in ("transcribing", "drafting"):
            return
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            for index in range(parent.childCount()):
                item = parent.child(index)
                if item.data(0, Qt.ItemDataRole.UserRole)["id"] == appointment_id:
                    set_status(item, 3, running_label(work.stage, work.progress))

    def _on_empty_action_clicked(self) -> None:
        (self.new_appointment_requested if self._has_clients else self.new_client_requested).emit()

    def selected_appointment(self) -> dict | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        row = self.selected_appointment()
        self.start_session.setEnabled(bool(row) and row.get("status") not in ("cancelled", "no_show")
                                      and row.get("note_status") != "signed")
        self.open_note.setEnabled(bool(row and row.get("note_id")))
        self.open_chart.setEnabled(bool(row))
        self.did_not_happen.setEnabled(bool(row) and row.get("status") == "scheduled" and not row.get("note_id")
                                       and self._ctx.sessions.get(row["id"]) is None)  # nothing recorded or running

    def _on_row_activated(self) -> None:
        """Enter or double-click: the note when there is one (a signed one opens read-only), else the session;
        the session too for a row that says "resume in Session"."""
        row = self.selected_appointment()
        if not row:
            return
        if row.get("note_id") and not row.get("resume"):
            self.note_requested.emit(row["id"])
        else:
            self.session_requested.emit(row["id"])

    def _on_start_session_clicked(self) -> None:
        row = self.selected_appointment()
        if row:
            self.session_requested.emit(row["id"])

    def _on_open_note_clicked(self) -> None:
        row = self.selected_appointment()
        if row and row.get("note_id"):
            self.note_requested.emit(row["id"])

    def _on_open_chart_clicked(self) -> None:
        row = self.selected_appointment()
        if row:
            self.chart_requested.emit(row["client_id"])

    def _on_mark_cancelled_triggered(self) -> None:
        reason, ok = QInputDialog.getText(self, "Cancelled", "Reason (optional; kept as an administrative note, "
                                          "never in a clinical one):")
        if ok:
            self._mark("cancelled", reason.strip())

    def _mark(self, status: str, reason: str = "") -> None:
        """The selected appointment did not take place: it leaves Notes to write and says why on its row."""
        row = self.selected_appointment()
        if not row:
            return
        appointments = self._ctx.practice.appointments
        VaultOp(self._ctx.practice, lambda: appointments.set_status(row["id"], status, reason), parent=self,
                title="Not changed").success(lambda _none: self.refresh()).run()
