"""Layout of the client chart: a client list and the chart's tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListView,
                               QListWidget, QPushButton, QSplitter, QTabWidget, QTreeWidget, QVBoxLayout, QWidget)

from session_assistant.ui.chart.activity_tab import ActivityTab
from session_assistant.ui.chart.assessments_tab import AssessmentsTab
from session_assistant.ui.chart.chart_records import TextTab
from session_assistant.ui.chart.client_editor import ClientEditor
from session_assistant.ui.chart.diagnosis_tab import DiagnosisTab
from session_assistant.ui.chart.plan_editor import PlanEditor
from session_assistant.ui.summary.summary_tab import SummaryTab
from session_assistant.ui.chart.trend_plot import TrendPlot
from session_assistant.ui.common.status_pill import StatusPillDelegate
from session_assistant.ui.common.widgets import EmptyState, heading, reading_column

NOT_YET = "This part of the chart is not available in this version yet."


def placeholder(text: str = NOT_YET) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel(text)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addStretch(1)
    return page


class ChartView(QWidget):
    DEMOGRAPHICS = (("Name", "name"), ("Date of birth", "date_of_birth"), ("Pronouns", "pronouns"),
                    ("Gender", "gender"), ("Phone", "phone"), ("Email", "email"), ("Address", "address"),
                    ("Emergency contact", "emergency_contact"), ("Status", "status"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a client…")  # read whole in the 110-pixel column at 1024 wide
        self.search.setToolTip("A name in either order, a preferred name, or a date of birth")
        self.search.setAccessibleName("Find a client")
        self.clients = QListWidget()
        self.clients.setAccessibleName("Clients")
        # At 1024 pixels the open chart's tabs leave this column about 110 pixels: a long name wraps onto
        # a second line rather than hiding its end behind a sideways scroll bar.
        self.clients.setWordWrap(True)
        self.clients.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clients.setResizeMode(QListView.ResizeMode.Adjust)
        self.no_match = QLabel()
        self.no_match.setWordWrap(True)
        self.no_match.setAccessibleName("Search result")
        self.no_match.hide()
        self.add_client = QPushButton("New c&lient…")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.no_match)
        left_layout.addWidget(self.clients, 1)
        left_layout.addWidget(self.add_client)

        self.title = heading("Choose a client")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Chart sections")
        self.tabs.setObjectName("chart_sections")  # the theme narrows its tabs: nine fit on 1024 pixels
        # Overview
        self.fields: dict[str, QLabel] = {}
        demo = QGroupBox("Demographics")
        demo_form = QFormLayout(demo)
        for label, key in self.DEMOGRAPHICS:
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(label)
            self.fields[key] = value
            demo_form.addRow(label + ":", value)
        consent_box = QGroupBox("Consent to AI session recording")
        self.consent_status = QLabel()
        self.consent_status.setWordWrap(True)
        self.consent_given = QPushButton("Client &agrees")
        self.consent_declined = QPushButton("Client &declines")
        self.consent_revoke = QPushButton("&Revoke consent")
        consent_row = QHBoxLayout()
        for button in (self.consent_given, self.consent_declined, self.consent_revoke):
            consent_row.addWidget(button)
        consent_row.addStretch(1)
        consent_layout = QVBoxLayout(consent_box)
        consent_layout.addWidget(self.consent_status)
        consent_layout.addLayout(consent_row)
        diag_box = QGroupBox("Active diagnoses")
        self.diagnoses = QLabel()
        self.diagnoses.setWordWrap(True)
        QVBoxLayout(diag_box).addWidget(self.diagnoses)
        self.measures_box = QGroupBox("Latest PHQ-9 and GAD-7")
        self.measures = QLabel()
        self.measures.setWordWrap(True)
        self.measures_plot = TrendPlot()
        self.measures_plot.setMinimumHeight(190)  # room for the cut-off lines and their band names
        measures_layout = QVBoxLayout(self.measures_box)
        measures_layout.addWidget(self.measures)
        measures_layout.addWidget(self.measures_plot)
        overview = QWidget()
        grid = QHBoxLayout(overview)
        col1, col2 = QVBoxLayout(), QVBoxLayout()
        col1.addWidget(demo)
        col1.addStretch(1)
        col2.addWidget(consent_box)
        col2.addWidget(diag_box)
        col2.addWidget(self.measures_box)
        col2.addStretch(1)
        grid.addLayout(col1, 1)
        grid.addLayout(col2, 1)
        self.tabs.addTab(overview, "&Overview")
        # Notes
        notes = QWidget()
        self.notes = QTreeWidget()
        self.notes.setHeaderLabels(("Session", "Template", "Status", "Signed"))
        self.notes.setRootIsDecorated(False)
        self.notes.setAccessibleName("Progress notes")
        self.notes.setItemDelegateForColumn(2, StatusPillDelegate(self.notes))
        for column in range(3):  # a date and a template name are read whole, not as "2026-12-01 ..."
            self.notes.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.open_note = QPushButton("Open &note")
        self.new_appointment = QPushButton("New &appointment…")
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.open_note)
        notes_row.addStretch(1)
        notes_row.addWidget(self.new_appointment)
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addLayout(notes_row)
        self.tabs.addTab(notes, "No&tes")
        self.summary_tab = SummaryTab()
        self.assessments_tab = AssessmentsTab()
        self.plan_tab = PlanEditor()
        self.documents_tab = TextTab("Documents")
        self.diagnoses_tab = DiagnosisTab()
        self.client_tab = ClientEditor()
        self.optional_tabs = {}
        for title, tab in (("Summary", self.summary_tab), ("Assessments", self.assessments_tab),
                           ("Treatment plan", self.plan_tab), ("Documents", self.documents_tab),
                           ("Diagnoses", self.diagnoses_tab), ("Client", self.client_tab)):
            index = self.tabs.addTab(tab, title)
            self.optional_tabs[title] = index
            self.tabs.setTabEnabled(index, False)
            self.tabs.setTabToolTip(index, NOT_YET)
        self.activity_tab = ActivityTab()
        self.tabs.addTab(self.activity_tab, "Activity")  # the audit trail of this chart

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.tabs, 1)
        # No client open: what a chart holds and the one action (texts set by show_no_client)
        self.empty = EmptyState("No client chosen", "", "New client…")
        right_layout.addWidget(self.empty, 1)
        self.empty.hide()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(reading_column(right))
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_no_client(self, no_client: bool, no_clients_at_all: bool) -> None:
        """The empty state in place of the tabs while no chart is open."""
        self.tabs.setVisible(not no_client)
        self.title.setVisible(not no_client)
        self.empty.setVisible(no_client)
        holds = "A chart holds the client's notes, measures, diagnoses, treatment plan and summaries."
        if no_clients_at_all:
            self.empty.say("No clients yet", f"{holds} Add your first client to start.", "New client…")
        else:
            self.empty.say("No client chosen", f"{holds} Choose a client on the left, or add a new one.",
                           "New client…")
