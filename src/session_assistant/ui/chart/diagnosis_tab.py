"""The chart's Diagnoses tab: search the offline ICD-10-CM list, add a complete code with its onset
date, and resolve an active diagnosis with its date. Active and resolved are listed apart.

Category codes (not billable) are shown so a search by prefix makes sense, but greyed and not
addable: the service refuses them and names the complete codes to choose from.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from session_assistant.ui.chart.tab_write import write_in_tab
from session_assistant.ui.chart.assessments_tab import date_edit
from session_assistant.ui.common.widgets import WrappingDelegate


def set_date(edit, iso_day) -> None:
    edit.setDate(QDate(iso_day.year, iso_day.month, iso_day.day))


class DiagnosisTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = None
        self.client_id: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Code or words, e.g. F41 or panic")
        self.search.setAccessibleName("Search ICD-10-CM")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName("Matching codes")
        self.onset = date_edit(QDate.currentDate().toPython())
        self.onset.setAccessibleName("Onset date")
        self.onset_unknown = QCheckBox("Onset not known")
        self.add = QPushButton("&Add diagnosis")
        add_box = QGroupBox("Add from the offline ICD-10-CM list")
        onset_row = QHBoxLayout()
        onset_row.addWidget(QLabel("Onset:"))
        onset_row.addWidget(self.onset)
        onset_row.addWidget(self.onset_unknown)
        onset_row.addStretch(1)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add)
        add_layout = QVBoxLayout(add_box)
        add_layout.addWidget(self.search)
        add_layout.addWidget(self.results, 1)
        add_layout.addLayout(onset_row)
        add_layout.addLayout(add_row)

        self.listing = QTreeWidget()
        self.listing.setHeaderLabels(("Code", "Description", "Onset", "Resolved"))
        self.listing.setAccessibleName("Diagnoses")
        self.listing.setWordWrap(True)
        # A description longer than its column wraps onto a second line ("Generalized anxiety ..." at 1280 wide).
        self.listing.setItemDelegate(WrappingDelegate(self.listing, columns=(1,)))
        header = self.listing.header()
        header.setStretchLastSection(False)
        for column in range(4):  # the description takes what the code and the dates leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.active_group = QTreeWidgetItem(["Active"])
        self.resolved_group = QTreeWidgetItem(["Resolved"])
        self.resolved_on = date_edit(QDate.currentDate().toPython())
        self.resolved_on.setAccessibleName("Resolution date")
        self.resolve = QPushButton("&Resolve")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Diagnosis status")
        self.results.setMinimumWidth(200)
        self.listing.setMinimumWidth(200)
        resolve_row = QHBoxLayout()
        resolve_row.addWidget(QLabel("Resolved on:"))
        resolve_row.addWidget(self.resolved_on)
        resolve_row.addWidget(self.resolve)
        resolve_row.addStretch(1)
        list_box = QGroupBox("This client's diagnoses")
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.listing, 1)
        list_layout.addLayout(resolve_row)
        list_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(list_box)
        splitter.addWidget(add_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

        self.search.textChanged.connect(self._on_search_changed)
        self.search.returnPressed.connect(self._on_add_clicked)
        self.results.itemSelectionChanged.connect(self._update_buttons)
        self.results.itemActivated.connect(lambda *_: self._on_add_clicked())
        self.onset_unknown.toggled.connect(lambda on: self.onset.setEnabled(not on))
        self.add.clicked.connect(self._on_add_clicked)
        self.resolve.clicked.connect(self._on_resolve_clicked)
        self.listing.currentItemChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def fill(self, practice, client_id: int) -> bool:
        if getattr(practice, "diagnoses", None) is None:
            return False
        if (practice, client_id) != (self._practice, self.client_id):
            self.search.clear()
            self.status.clear()
            today = practice.vault.clock.now().date()
            set_date(self.onset, today)
            set_date(self.resolved_on, today)
        self._practice, self.client_id = practice, client_id
        self.listing.clear()
        self.active_group = QTreeWidgetItem(["Active"])
        self.resolved_group = QTreeWidgetItem(["Resolved"])
        for row in practice.diagnoses.list(client_id):
            item = QTreeWidgetItem([row["code"], row["description"], row["onset_date"] or "not known",
                                    row["resolved_date"] or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, row["id"])
            item.setToolTip(1, row["description"])
            (self.resolved_group if row["resolved_date"] else self.active_group).addChild(item)
        for group in (self.active_group, self.resolved_group):
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setText(0, f"{group.text(0)} ({group.childCount()})")
            self.listing.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)  # (once in the tree) the Code column fits the codes, not "Resolved (0)"
            group.setExpanded(True)
        self._update_buttons()
        return True

    def codes_shown(self) -> list[str]:
        return [self.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.results.count())]

    def listed(self, group: QTreeWidgetItem) -> list[str]:
        return [group.child(i).text(0) for i in range(group.childCount())]

    # ---- handlers --------------------------------------------------------------------------------
    def _on_search_changed(self, text: str) -> None:
        self.results.clear()
        if self._practice is None:
            return
        for code in self._practice.diagnoses.search(text, limit=60):
            item = QListWidgetItem(f"{code['code']}  {code['description']}" +
                                   ("" if code["billable"] else "  (category: choose a complete code)"))
            item.setData(Qt.ItemDataRole.UserRole, code["code"])
            if not code["billable"]:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.setForeground(self.palette().placeholderText())
            self.results.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add.setEnabled(self.results.currentItem() is not None and self.results.currentItem().isSelected())
        current = self.listing.currentItem()
        self.resolve.setEnabled(current is not None and current.parent() is self.active_group)

    def _on_add_clicked(self) -> None:
        item = self.results.currentItem()
        if self._practice is None or item is None or not item.isSelected():
            return
        onset = None if self.onset_unknown.isChecked() else self.onset.date().toString("yyyy-MM-dd")
        code, client_id, diagnoses = item.data(Qt.ItemDataRole.UserRole), self.client_id, self._practice.diagnoses
        write_in_tab(self, lambda: diagnoses.add(client_id, code, onset_date=onset), f"{code} added.")

    def _on_resolve_clicked(self) -> None:
        current = self.listing.currentItem()
        if self._practice is None or current is None or current.parent() is not self.active_group:
            return
        diagnosis_id, on, diagnoses = (int(current.data(0, Qt.ItemDataRole.UserRole)),
                                       self.resolved_on.date().toString("yyyy-MM-dd"), self._practice.diagnoses)
        write_in_tab(self, lambda: diagnoses.resolve(diagnosis_id, on), f"{current.text(0)} resolved.")
