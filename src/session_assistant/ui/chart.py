"""The client chart: overview (demographics, consent, diagnoses, measures) and notes.

Tabs whose engine is not in this build (case summary, assessments, treatment plans, documents)
stay disabled rather than showing anything invented.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QTreeWidgetItem, QWidget

from session_assistant.errors import UserError
from session_assistant.ui.chart_records import fill_documents, fill_plan, latest_measures
from session_assistant.ui.chart_view import NOT_YET, ChartView
from session_assistant.ui.context import UiContext

CONSENT_WORDS = {None: "Not asked yet. You will be asked when you start a recorded session.",
                 "given": "Given", "declined": "Declined: sessions are not recorded; write notes by hand.",
                 "revoked": "Revoked: sessions are not recorded."}


class ChartPage(ChartView):
    note_requested = Signal(int)  # appointment id
    new_client_requested = Signal()
    new_appointment_requested = Signal(int)  # client id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.client_id: int | None = None
        self._chart: dict | None = None
        self.search.textChanged.connect(self._on_search_changed)
        self.clients.currentItemChanged.connect(self._on_clients_current_changed)
        self.add_client.clicked.connect(self.new_client_requested)
        self.consent_given.clicked.connect(lambda: self._on_consent_clicked("given"))
        self.consent_declined.clicked.connect(lambda: self._on_consent_clicked("declined"))
        self.consent_revoke.clicked.connect(lambda: self._on_consent_clicked("revoked"))
        self.open_note.clicked.connect(self._on_open_note_clicked)
        self.notes.itemActivated.connect(lambda *_: self._on_open_note_clicked())
        self.new_appointment.clicked.connect(lambda: self.client_id and self.new_appointment_requested.emit(self.client_id))
        self.summary_tab.set_context(ctx)
        self.refresh_clients()
        self._show(None)

    def refresh_clients(self) -> None:
        current = self.client_id
        self.clients.blockSignals(True)
        self.clients.clear()
        for row in self._ctx.practice.clients.list():
            item = QListWidgetItem(f"{row['last_name']}, {row['first_name']}")
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.clients.addItem(item)
            if row["id"] == current:
                self.clients.setCurrentItem(item)
        self.clients.blockSignals(False)
        self._on_search_changed(self.search.text())

    def show_client(self, client_id: int) -> None:
        for index in range(self.clients.count()):
            item = self.clients.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == client_id:
                self.clients.setCurrentItem(item)
                return

    def _on_search_changed(self, text: str) -> None:
        needle = text.strip().lower()
        for index in range(self.clients.count()):
            item = self.clients.item(index)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _on_clients_current_changed(self, current, _previous) -> None:
        self._show(current.data(Qt.ItemDataRole.UserRole) if current is not None else None)

    def _show(self, client_id: int | None) -> None:
        self.client_id = client_id
        self.tabs.setEnabled(client_id is not None)
        if client_id is None:
            self.title.setText("Choose a client")
            for value in self.fields.values():
                value.clear()
            self.notes.clear()
            self.consent_status.clear()
            self.summary_tab.show_client(None)
            return
        self._chart = chart = self._ctx.practice.clients.chart(client_id)  # audited view
        client = chart["client"]
        self.title.setText(f"{client['first_name']} {client['last_name']}")
        for key, value in self.fields.items():
            text = f"{client['first_name']} {client['last_name']}" if key == "name" else client.get(key)
            value.setText(str(text) if text else "—")
        decision = chart["consent"]["decision"]
        when = chart["consent"].get("decided_at") or ""
        self.consent_status.setText(CONSENT_WORDS.get(decision, decision) + (f" ({when[:10]})" if when else ""))
        self.consent_revoke.setEnabled(decision == "given")
        self.consent_given.setEnabled(decision != "given")
        active = [d for d in chart["diagnoses"] if not d.get("resolved_date")]
        self.diagnoses.setText("\n".join(f"{d['code']}  {d['description']}" for d in active) or "None recorded.")
        practice = self._ctx.practice
        measures = latest_measures(practice, client_id)
        self.measures_box.setVisible(measures is not None)
        if measures is not None:
            self.measures.setText(measures[0])
            self.measures_plot.set_series(measures[1])
            self.measures_plot.setVisible(any(points for _label, points, _max in measures[1]))
        for title, filled in (("Summary", self.summary_tab.show_client(client_id)),
                              ("Assessments", self.assessments_tab.fill(practice, client_id)),
                              ("Treatment plan", fill_plan(self.plan_tab, practice, client_id)),
                              ("Documents", fill_documents(self.documents_tab, practice, client_id))):
            self.tabs.setTabEnabled(self.optional_tabs[title], filled)
            self.tabs.setTabToolTip(self.optional_tabs[title], "" if filled else NOT_YET)
        self.notes.clear()
        for note in chart["notes"]:
            item = QTreeWidgetItem([(note["starts_at"] or note["created_at"] or "")[:16].replace("T", " "),
                                    note["template_name"], note["status"].capitalize(),
                                    (note["signed_at"] or "")[:16].replace("T", " ")])
            item.setData(0, Qt.ItemDataRole.UserRole, note["appointment_id"])
            self.notes.addTopLevelItem(item)
        self.open_note.setEnabled(bool(chart["notes"]))

    def _on_consent_clicked(self, decision: str) -> None:
        if self.client_id is None:
            return
        try:
            self._ctx.practice.clients.record_consent(self.client_id, decision, note="recorded in the chart")
        except UserError as error:
            self.consent_status.setText(str(error))
            return
        self._show(self.client_id)

    def _on_open_note_clicked(self) -> None:
        item = self.notes.currentItem() or self.notes.topLevelItem(0)
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
            self.note_requested.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))
