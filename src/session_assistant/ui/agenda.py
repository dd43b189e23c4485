"""The agenda: today's and the coming week's appointments with a badge for each session's state."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from session_assistant.ui.agenda_view import AgendaView
from session_assistant.ui.context import UiContext

KIND = {"in_person": "In person", "telehealth": "Telehealth"}
STAGE_BADGE = {"recording": "● Recording", "transcribing": "Transcribing…", "drafting": "Drafting…",
               "ready": "AI session summary ready", "failed": "Needs attention",
               "interrupted": "Interrupted: resume in Session"}


def badge(appointment: dict, stage: str) -> str:
    """The one status word shown for an appointment (in-memory stage first, then the vault)."""
    if appointment.get("note_status") == "signed":
        return "✓ Note signed"
    if stage in STAGE_BADGE:
        return STAGE_BADGE[stage]
    if appointment.get("status") in ("cancelled", "no_show"):
        return appointment["status"].replace("_", "-").capitalize()
    if appointment.get("note_id"):
        return "Draft note"
    return ""


def stored_stage(pipeline, appointment_id: int) -> str:
    """The badge stage from the vault's jobs and drafts (after a restart or an unlock).

    Nothing runs in this process for such an appointment, so an unfinished job is "interrupted"
    (the session screen offers to resume it), never "transcribing".
    """
    if interrupted_job(pipeline, appointment_id) is not None:
        return "interrupted"
    return "ready" if pipeline.latest_draft(appointment_id) is not None else ""


def interrupted_job(pipeline, appointment_id: int):
    """The newest unfinished transcribe or draft job of an appointment, or None."""
    for kind in ("transcribe", "draft"):
        job = pipeline.jobs.latest(kind, appointment_id)
        if job is not None and job.state in ("interrupted", "queued"):
            return job
    return None


class AgendaPage(AgendaView):
    """Emits navigation requests; the workspace routes them."""

    session_requested = Signal(int)  # appointment id
    note_requested = Signal(int)  # appointment id
    chart_requested = Signal(int)  # client id
    new_appointment_requested = Signal()
    new_client_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.start_session.clicked.connect(self._on_start_session_clicked)
        self.open_note.clicked.connect(self._on_open_note_clicked)
        self.open_chart.clicked.connect(self._on_open_chart_clicked)
        self.new_appointment.clicked.connect(self.new_appointment_requested)
        self.new_client.clicked.connect(self.new_client_requested)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self.tree.itemActivated.connect(lambda *_: self._on_start_session_clicked())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def today(self) -> datetime:
        now = self._ctx.clock.now() if self._ctx.clock else datetime.now().astimezone()
        return now.astimezone().replace(tzinfo=None)

    def refresh(self) -> None:
        """Reload from the vault (a few ms): today, then the next six days."""
        selected = self.selected_appointment()
        today = self.today().replace(hour=0, minute=0, second=0, microsecond=0)
        week_start, week_end = today, today + timedelta(days=7)
        rows = self._ctx.practice.appointments.list(week_start.isoformat(timespec="minutes"),
                                                    week_end.isoformat(timespec="minutes"))
        self.date_label.setText(today.strftime("%A %d %B %Y"))
        self.tree.clear()
        pipeline = self._ctx.practice.sessions
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
            stage = self._ctx.sessions[row["id"]].stage if row["id"] in self._ctx.sessions else ""
            if not stage and row.get("note_status") != "signed":
                stage = stored_stage(pipeline, row["id"])
            item = QTreeWidgetItem([f"{start:%H:%M}–{(start + timedelta(minutes=row['minutes'])):%H:%M}",
                                    f"{row['first_name']} {row['last_name']}",
                                    KIND.get(row["modality"], row["modality"]), badge(row, stage)])
            item.setData(0, Qt.ItemDataRole.UserRole, row)
            groups[label].addChild(item)
            if selected and selected["id"] == row["id"]:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.tree.setRootIsDecorated(False)
        self.empty.setVisible(not rows)
        self._update_buttons()

    def selected_appointment(self) -> dict | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        row = self.selected_appointment()
        self.start_session.setEnabled(bool(row) and row.get("status") not in ("cancelled", "no_show"))
        self.open_note.setEnabled(bool(row and row.get("note_id")))
        self.open_chart.setEnabled(bool(row))

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
