"""The chart's Assessments tab: a new administration filled in item by item, the history with
its signing, and the PHQ-9 / GAD-7 trend.

Short vault writes (one row and its audit entry) run on the GUI thread as the rest of the chart
does; the tab re-reads the service after each so what is shown is what is stored.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QDateEdit, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea,
                               QSplitter, QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from session_assistant.ui.chart.tab_write import write_in_tab
from session_assistant.services.assessments import GAD7, PHQ9
from session_assistant.ui.chart.assessment_form import OTHER, AssessmentForm
from session_assistant.ui.chart.trend_plot import SHARED_CUTOFFS, TrendPlot
from session_assistant.ui.common.dialogs import confirm
from session_assistant.ui.common.widgets import WrappingDelegate, signed_banner

PLOTTED = (PHQ9, GAD7)
SEVERITY = 3  # the history's one column of words
PLOT_TITLE = "PHQ-9 and GAD-7 over time"


def date_edit(today: date) -> QDateEdit:
    edit = QDateEdit(QDate(today.year, today.month, today.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class AssessmentsTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = None
        self.client_id: int | None = None
        # Page 0: the history, its trend and the ways to start a new administration.
        self.new_buttons = {}
        new_row = QHBoxLayout()
        for key, text in (("phq9", "New &PHQ-9"), ("gad7", "New G&AD-7"), (OTHER, "Othe&r instrument…")):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=key: self._on_new_clicked(k))
            self.new_buttons[key] = button
            new_row.addWidget(button)
        new_row.addStretch(1)
        self.plot = TrendPlot()
        self.plot.setMinimumHeight(170)
        self.plot_caption = QLabel(self.plot.caption())  # follows the measures plotted (``fill``)
        self.plot_caption.setWordWrap(True)
        self.plot_box = plot_box = QGroupBox(PLOT_TITLE)
        plot_layout = QVBoxLayout(plot_box)
        plot_layout.addWidget(self.plot, 1)
        plot_layout.addWidget(self.plot_caption)
        self.history = QTreeWidget()
        self.history.setHeaderLabels(("Date", "Instrument", "Total", "Severity", "Item 9", "Status"))
        self.history.setRootIsDecorated(False)
        self.history.setAccessibleName("Assessment history")
        # Every column in view without a sideways scroll (Status was off the edge at 1280 wide): the short
        # columns fit their text, Severity ("moderately severe") takes the rest and wraps where it must.
        self.history.setWordWrap(True)
        self.history.setItemDelegate(WrappingDelegate(self.history, columns=(SEVERITY,)))
        header = self.history.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        for column in range(self.history.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == SEVERITY
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.sign_selected = QPushButton("Si&gn selected…")
        self.delete_draft = QPushButton("Delete dra&ft")
        history_buttons = QHBoxLayout()
        history_buttons.addWidget(self.sign_selected)
        history_buttons.addWidget(self.delete_draft)
        history_buttons.addStretch(1)
        self.signed_banner = signed_banner("assessment")
        history_buttons.addWidget(self.signed_banner)
        history_box = QGroupBox("Every administration")
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history, 1)
        history_layout.addLayout(history_buttons)
        splitter = QSplitter()
        splitter.addWidget(plot_box)
        splitter.addWidget(history_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([340, 660])  # the history has six columns to show; the plot reads at less
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        overview_layout.addLayout(new_row)
        overview_layout.addWidget(splitter, 1)
        # Page 1: one administration, item by item, with the whole width for the answers.
        self.form = AssessmentForm()
        self.administered_on = date_edit(date.today())
        self.administered_on.setAccessibleName("Date given")
        self.cancel = QPushButton("Cancel")
        self.save_draft = QPushButton("Save &draft")
        self.save_and_sign = QPushButton("Save and &sign…")
        self.save_and_sign.setDefault(True)
        new_box = QWidget()
        date_row = QHBoxLayout()
        date_row.addWidget(QLabel("Given on:"))
        date_row.addWidget(self.administered_on)
        date_row.addStretch(1)
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(date_row)
        new_layout.addWidget(self.form, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(new_box)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save_draft)
        buttons.addWidget(self.save_and_sign)
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(scroll, 1)
        form_layout.addWidget(self.form.score)
        form_layout.addWidget(self.form.alert)
        form_layout.addLayout(buttons)
        self.pages = QStackedWidget()
        self.pages.addWidget(overview)
        self.pages.addWidget(form_page)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Assessment status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)

        self.form.changed.connect(self._on_form_changed)
        self.cancel.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.save_draft.clicked.connect(lambda: self._on_save_clicked(sign=False))
        self.save_and_sign.clicked.connect(lambda: self._on_save_clicked(sign=True))
        self.sign_selected.clicked.connect(self._on_sign_selected_clicked)
        self.delete_draft.clicked.connect(self._on_delete_draft_clicked)
        self.history.currentItemChanged.connect(lambda *_: self._on_history_current_changed())
        self._on_form_changed()
        self._on_history_current_changed()

    def fill(self, practice, client_id: int) -> bool:
        """Show ``client_id``'s assessments; False when this build has no assessment service."""
        if getattr(practice, "assessments", None) is None:
            return False
        if (practice, client_id) != (self._practice, self.client_id):
            self.form.clear()
            self.pages.setCurrentIndex(0)
            self.status.clear()
            today = practice.vault.clock.now().date()
            self.administered_on.setDate(QDate(today.year, today.month, today.day))
        self._practice, self.client_id = practice, client_id
        service = practice.assessments
        self.history.clear()
        for row in reversed(service.list(client_id)):  # newest first
            item9 = "" if row["self_harm_response"] is None else str(row["self_harm_response"])
            item = QTreeWidgetItem([row["administered_on"], row["title"], str(row["total_score"]),
                                    row.get("severity") or "", item9 + (" ⚠" if row["self_harm_flag"] else ""),
                                    row["status"].capitalize()])
            item.setData(0, Qt.ItemDataRole.UserRole, row["id"])
            self.history.addTopLevelItem(item)
        self.plot.set_series([(i.title, service.trend(client_id, i.key), i.max_total) for i in PLOTTED], SHARED_CUTOFFS)
        self.plot_caption.setText(self.plot.caption())
        self.plot_box.setTitle(self.plot.title(PLOT_TITLE))
        self._on_history_current_changed()
        return True

    # ---- handlers --------------------------------------------------------------------------------
    def _on_form_changed(self) -> None:
        complete = self.form.is_complete()
        self.save_draft.setEnabled(complete)
        self.save_and_sign.setEnabled(complete)

    def _on_new_clicked(self, key: str) -> None:
        self.form.select(key)
        self.form.clear()
        self.status.clear()
        self.pages.setCurrentIndex(1)

    def _on_history_current_changed(self) -> None:
        item = self.history.currentItem()
        draft = item is not None and item.text(5) == "Draft"
        self.sign_selected.setEnabled(draft)
        self.delete_draft.setEnabled(draft)
        self.signed_banner.setVisible(item is not None and item.text(5) == "Signed")

    def _on_save_clicked(self, sign: bool, wait: bool = False) -> list[bool]:
        """Store the administration (and sign it); the outcome list as ``write_in_tab`` returns it."""
        if self._practice is None or not self.form.is_complete():
            return [False]
        if sign and not self._confirm_sign():
            return [False]
        service, client_id, signer = self._practice.assessments, self.client_id, self._practice.profile.get().name
        when, key = self.administered_on.date().toString("yyyy-MM-dd"), self.form.key
        if key == OTHER:
            other = (self.form.other_name.text(), self.form.other_total.value(), self.form.other_severity.text())
        else:
            answers = self.form.answers()

        def write() -> dict:
            if key == OTHER:
                assessment_id = service.add_other(client_id, other[0], other[1], when, other[2])
            else:
                assessment_id = service.add(client_id, key, answers, when)
            if sign:
                service.sign(assessment_id, signer)
            return service.get(assessment_id)

        def done(stored: dict) -> str:
            return (f"{stored['title']} of {stored['administered_on']} saved "
                    f"({'signed' if stored['status'] == 'signed' else 'draft'}), total {stored['total_score']}.")

        def back_to_history() -> None:
            self.form.clear()
            self.pages.setCurrentIndex(0)

        return write_in_tab(self, write, done, before_refill=back_to_history, wait=wait)

    # ---- the unsaved-changes contract (ui/unsaved.py): a new administration being filled in ------
    def has_unsaved(self) -> bool:
        if self._practice is None or self.pages.currentIndex() != 1:
            return False
        if self.form.key == OTHER:
            return bool(self.form.other_name.text().strip())
        return any(answer is not None for answer in self.form.answers())

    def save_changes(self, wait: bool = False) -> bool:
        """Keep it as a draft; refused (False, reason shown) while items are unanswered. True as
        well while the write waits behind a busy writer (``wait``: until it is stored)."""
        if not self.form.is_complete():
            self.status.setText("Not saved: answer every item first, or discard it.")
            return False
        outcome = self._on_save_clicked(sign=False, wait=wait)
        return outcome[0] if outcome else True

    def keep_at_lock(self) -> str | None:
        """Before a lock: a complete administration is kept as a draft; a half-answered one cannot
        be stored, and the clinician is told after unlocking (without its answers)."""
        if not self.has_unsaved() or self.save_changes(wait=True):  # the vault closes next
            return None
        return "A half-answered assessment could not be kept when the app locked: start it again."

    def discard_changes(self) -> None:
        self.form.clear()
        self.pages.setCurrentIndex(0)
        self.status.setText("New assessment discarded.")

    def _selected_id(self) -> int | None:
        item = self.history.currentItem()
        return int(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def _on_sign_selected_clicked(self) -> None:
        assessment_id = self._selected_id()
        if assessment_id is None or not self._confirm_sign():
            return
        assessments, signer = self._practice.assessments, self._practice.profile.get().name
        write_in_tab(self, lambda: assessments.sign(assessment_id, signer), "Assessment signed.")

    def _on_delete_draft_clicked(self) -> None:
        assessment_id = self._selected_id()
        if assessment_id is None:
            return
        confirmed = confirm(self, "Delete draft", "Delete this unsigned assessment?")
        if not confirmed:
            return
        assessments = self._practice.assessments
        write_in_tab(self, lambda: assessments.delete_draft(assessment_id), "Draft deleted.")

    def _confirm_sign(self) -> bool:
        name = self._practice.profile.get().name or "(no name set)"
        confirmed = confirm(self, "Sign assessment",
                                      f"Sign this assessment as {name}? A signed assessment can never be changed.")
        return confirmed
