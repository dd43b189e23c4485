"""The client chart: overview (demographics, consent, diagnoses, measures) and notes.

Tabs whose engine is not in this build (case summary, assessments, treatment plans, documents)
stay disabled rather than showing anything invented.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QTreeWidgetItem, QWidget

from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.chart.chart_records import fill_documents, latest_measures, note_row
from session_assistant.ui.chart.client_search import client_label, client_matches
from session_assistant.ui.chart.chart_view import NOT_YET, ChartView
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.status_pill import set_status
from session_assistant.ui.chart.trend_plot import SHARED_CUTOFFS
from session_assistant.ui.common.unsaved import settle_unsaved

log = logging.getLogger(__name__)
SEARCHED = Qt.ItemDataRole.UserRole + 1  # the client's row, which the search reads
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
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.clients.currentItemChanged.connect(self._on_clients_current_changed)
        self.add_client.clicked.connect(self.new_client_requested)
        self.empty.action.clicked.connect(self.new_client_requested)
        self.consent_given.clicked.connect(lambda: self._on_consent_clicked("given"))
        self.consent_declined.clicked.connect(lambda: self._on_consent_clicked("declined"))
        self.consent_revoke.clicked.connect(lambda: self._on_consent_clicked("revoked"))
        self.open_note.clicked.connect(self._on_open_note_clicked)
        self.notes.itemActivated.connect(lambda *_: self._on_open_note_clicked())
        self.new_appointment.clicked.connect(lambda: self.client_id and self.new_appointment_requested.emit(self.client_id))
        for editor in (self.assessments_tab, self.plan_tab, self.diagnoses_tab, self.client_tab):
            editor.changed.connect(lambda editor=editor: self._on_chart_edited(editor))
        self.summary_tab.set_context(ctx)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.activity_tab.trail_requested.connect(self._on_trail_requested)
        self.refresh_clients()
        self._open(None)

    def refresh_clients(self) -> None:
        current = self.client_id
        self.clients.blockSignals(True)
        self.clients.clear()
        for row in self._ctx.practice.clients.list():
            item = QListWidgetItem(client_label(row))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            item.setData(SEARCHED, row)
            self.clients.addItem(item)
            if row["id"] == current:
                self.clients.setCurrentItem(item)
        self.clients.blockSignals(False)
        self._on_search_changed(self.search.text())
        if current is None:
            self.show_no_client(True, self.clients.count() == 0)

    def show_client(self, client_id: int) -> None:
        """Open ``client_id``'s chart (from another screen: a new view, audited, even if it is on screen)."""
        if client_id == self.client_id:
            if self.confirm_leave():
                self._open(client_id)
            return
        for index in range(self.clients.count()):
            item = self.clients.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == client_id:
                self.clients.setCurrentItem(item)
                return

    def confirm_leave(self) -> bool:
        """Before this chart is replaced: an assessment being filled in and unsaved plan or client
        edits are saved or discarded, as the clinician chooses; False (Cancel, or a refused save
        now in view) means stay."""
        forms = {"the new assessment": self.assessments_tab, "the treatment plan": self.plan_tab,
                 "the client details": self.client_tab}
        return settle_unsaved(self, forms, show=lambda form: self.tabs.setCurrentWidget(form))

    def keep_unsaved_at_lock(self) -> dict[int, str]:
        """Before a lock (nobody to answer Save / Discard): every form keeps what it can. Returns
        {tab index: what to tell the clinician after unlocking}, in words holding no clinical text."""
        notes = {}
        for form in (self.assessments_tab, self.plan_tab, self.client_tab):
            try:
                message = form.keep_at_lock() if self.client_id is not None else None
            except Exception as error:  # noqa: BLE001 - the lock must go on: PHI leaves the screen regardless
                log.warning("unsaved chart edits not kept at lock: %s", type(error).__name__)
                message = "Your unsaved edits here could not be kept when the app locked."
            if message:
                notes[self.tabs.indexOf(form)] = message
        return notes

    def show_tab(self, index: int, notes: dict[int, str]) -> None:
        """After unlocking: the tab the clinician was on, and what the lock did to unsaved edits."""
        if self.tabs.isTabEnabled(index):
            self.tabs.setCurrentIndex(index)
        for tab, message in notes.items():
            self.tabs.widget(tab).status.setText(message)

    def _select_in_list(self, client_id: int | None) -> None:
        self.clients.blockSignals(True)
        for index in range(self.clients.count()):
            item = self.clients.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == client_id:
                self.clients.setCurrentItem(item)
        self.clients.blockSignals(False)

    def _on_search_changed(self, text: str) -> None:
        shown = 0
        for index in range(self.clients.count()):
            item = self.clients.item(index)
            item.setHidden(not client_matches(item.data(SEARCHED), text))
            shown += not item.isHidden()
        # an empty list under a typed name looked like an empty practice
        self.no_match.setText(f"No client matches \u201c{text.strip()}\u201d." if text.strip() and not shown else "")
        self.no_match.setVisible(bool(self.no_match.text()))

    def _on_search_return_pressed(self) -> None:
        """Enter opens the first client the search shows (typed a name, pressed Enter: nothing happened)."""
        items = (self.clients.item(i) for i in range(self.clients.count()))
        shown = next((item for item in items if not item.isHidden()), None)
        if shown is not None:
            self.clients.setCurrentItem(shown)

    def _on_clients_current_changed(self, current, _previous) -> None:
        client_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if client_id == self.client_id:
            return
        if not self.confirm_leave():
            self._select_in_list(self.client_id)
            return
        self._select_in_list(client_id)  # a save may have rebuilt the list
        self._open(client_id)

    def _open(self, client_id: int | None) -> None:
        """Show ``client_id``'s chart: one audited view, every tab filled afresh."""
        self.client_id = client_id
        self.tabs.setEnabled(client_id is not None)
        self.show_no_client(client_id is None, self.clients.count() == 0)
        if client_id is None:
            self.title.setText("Choose a client")
            for value in self.fields.values():
                value.clear()
            self.notes.clear()
            self.consent_status.clear()
            self.summary_tab.show_client(None)
            return
        self._fill_overview(self._ctx.practice.clients.chart(client_id))  # audited view
        practice = self._ctx.practice
        for title, filled in (("Summary", self.summary_tab.show_client(client_id)),
                              ("Assessments", self.assessments_tab.fill(practice, client_id)),
                              ("Treatment plan", self.plan_tab.fill(practice, client_id)),
                              ("Documents", fill_documents(self.documents_tab, practice, client_id)),
                              ("Diagnoses", self.diagnoses_tab.fill(practice, client_id)),
                              ("Client", self.client_tab.fill(practice, client_id))):
            self.tabs.setTabEnabled(self.optional_tabs[title], filled)
            self.tabs.setTabToolTip(self.optional_tabs[title], "" if filled else NOT_YET)
        if self.tabs.currentWidget() is self.activity_tab:  # else read when shown (_on_tabs_current_changed)
            self.activity_tab.fill(self._ctx, client_id)  # after the audited view: its own opening is listed
        else:
            self.activity_tab.forget(client_id)

    def _refresh_overview(self) -> None:
        """The overview and notes again after an edit in this chart (the same view: not audited again)."""
        self._fill_overview(self._ctx.practice.clients.chart(self.client_id, refresh=True))

    def _fill_overview(self, chart: dict) -> None:
        self._chart = chart
        client_id = chart["client"]["id"]
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
            self.measures_plot.set_series(measures[1], SHARED_CUTOFFS)  # as on the Assessments tab
            self.measures_plot.setVisible(any(points for _label, points, _max in measures[1]))
        self.notes.clear()
        for note in chart["notes"]:
            session, template, status, signed = note_row(note)
            item = QTreeWidgetItem([session, template, "", signed])
            set_status(item, 2, status, "signed" if note["status"] == "signed" else "draft_ready")
            item.setData(0, Qt.ItemDataRole.UserRole, note["appointment_id"])
            self.notes.addTopLevelItem(item)
        self.open_note.setEnabled(bool(chart["notes"]))

    def _on_consent_clicked(self, decision: str) -> None:
        if self.client_id is None:
            return
        client_id, clients = self.client_id, self._ctx.practice.clients
        VaultOp(self._ctx.practice, lambda: clients.record_consent(client_id, decision, note="recorded in the chart"),
                parent=self).success(lambda _none: self._on_consent_recorded(client_id)) \
            .failure(lambda message: self.client_id == client_id and self.consent_status.setText(message)).run()

    def _on_consent_recorded(self, client_id: int) -> None:
        if self.client_id != client_id:
            return
        self._refresh_overview()
        self.client_tab.reload_consents()  # its history only: edits in the client form stay

    def _on_chart_edited(self, editor: QWidget) -> None:
        """An edit saved in one tab (which has reloaded itself): the overview follows it, and the
        client list when a name changed. The other tabs show nothing it changed, so they are left
        alone and keep any edits in progress."""
        if editor is self.client_tab:
            self.refresh_clients()
        self._refresh_overview()

    def _on_tabs_current_changed(self, _index: int) -> None:
        """The Activity tab again each time it is shown: what was done since the chart opened is listed."""
        if self.tabs.currentWidget() is self.activity_tab and self.client_id is not None:
            self.activity_tab.fill(self._ctx, self.client_id)

    def _on_trail_requested(self, client_id: int) -> None:
        from session_assistant.ui.settings.audit_trail import AuditTrailDialog

        AuditTrailDialog(self._ctx, self, client_id=client_id).open()

    def _on_open_note_clicked(self) -> None:
        item = self.notes.currentItem() or self.notes.topLevelItem(0)
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
            self.note_requested.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))
