"""The mental status checklist beside the note: the clinician's observations, never the model's.

Each item has a few common findings and room for the clinician's own words; "Within normal
limits" fills every item with its normal finding in one click. Every change is written at once
(``MentalStatusService.record``) as the clinician's block in the note's observation field,
replacing the block written before. On a signed note the checklist is read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from session_assistant.drafting.mental_status import ITEMS, NOT_ASSESSED, MentalStatus
from session_assistant.ui.common.vault_op import VaultOp

NOT_ASSESSED_TEXT = "—"
COLUMNS = 2


class MentalStatusPanel(QGroupBox):
    """Emits ``status_changed(MentalStatus)`` when the clinician changes a finding."""

    status_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Mental status (your observation; the AI never writes it)", parent)
        self.choices: dict[str, QComboBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.normal_button = QPushButton("Within &normal limits")
        self.normal_button.setToolTip("Every item: its normal finding (you can change any item after)")
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Remove the mental status lines from the note")
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAccessibleName("Show the mental status checklist")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.body = QWidget()
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for index, item in enumerate(ITEMS):
            row, column = divmod(index, COLUMNS)
            combo = QComboBox()
            combo.addItem(NOT_ASSESSED_TEXT, NOT_ASSESSED)
            for choice in item.choices:
                combo.addItem(choice, choice)
            combo.setAccessibleName(item.label)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)  # a 1024x600 display fits the note beside the nav; wider windows stretch it
            combo.activated.connect(lambda _index: self._on_finding_edited())
            combo.currentTextChanged.connect(combo.setToolTip)  # the whole finding, when the box cuts it
            own = QLineEdit()
            own.setPlaceholderText("own words")
            own.setAccessibleName(f"{item.label}: your own words")
            own.editingFinished.connect(self._on_finding_edited)
            label = QLabel(item.label + ":")
            label.setBuddy(combo)
            grid.addWidget(label, row, column * 3)
            grid.addWidget(combo, row, column * 3 + 1)
            grid.addWidget(own, row, column * 3 + 2)
            self.choices[item.key], self.notes[item.key] = combo, own
        for column in range(COLUMNS):
            grid.setColumnStretch(column * 3 + 1, 2)
            grid.setColumnStretch(column * 3 + 2, 1)
        top = QHBoxLayout()
        top.addWidget(self.toggle)
        top.addWidget(self.state, 1)
        top.addWidget(self.clear_button)
        top.addWidget(self.normal_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.body)
        self.normal_button.clicked.connect(lambda: self._emit(MentalStatus.within_normal_limits()))
        self.clear_button.clicked.connect(lambda: self._emit(MentalStatus()))
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self._on_toggle_toggled(True)
        self._showing = False
        self.read_only = True  # until a draft note is shown

    # ---- shown ------------------------------------------------------------------------------------
    def show_status(self, status: MentalStatus | None, read_only: bool) -> None:
        """The findings the note holds; ``read_only`` on a signed note."""
        self._showing = True
        status = status or MentalStatus()
        for item in ITEMS:
            found = status.finding(item.key)
            combo = self.choices[item.key]
            combo.setCurrentIndex(max(0, combo.findData(found.choice)))
            self.notes[item.key].setText(found.note)
            combo.setEnabled(not read_only)
            self.notes[item.key].setReadOnly(read_only)
        self.normal_button.setEnabled(not read_only)
        self.clear_button.setEnabled(not read_only)
        if read_only or self.read_only:  # signed: the findings are in the note's text, which needs the room
            self.toggle.setChecked(not read_only)  # (at 1024x600); a draft after it opens the checklist again
        self.read_only = read_only
        written = not status.empty
        self.state.setText("Signed: read-only." if read_only else
                           "In the note." if written else "Not in the note yet.")
        self._showing = False

    def current(self) -> MentalStatus:
        status = MentalStatus()
        for item in ITEMS:
            status = status.with_finding(item.key, self.choices[item.key].currentData() or NOT_ASSESSED,
                                         self.notes[item.key].text())
        return status

    # ---- edited -----------------------------------------------------------------------------------
    def _on_finding_edited(self) -> None:
        if not self._showing and not self.read_only:
            self._emit(self.current())

    def _emit(self, status: MentalStatus) -> None:
        self.status_changed.emit(status)

    def _on_toggle_toggled(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setText("▾" if shown else "▸")


def record_mental_status(page, status: MentalStatus) -> None:
    """Write ``status`` into ``page``'s note (a NoteEditorPage), after saving the clinician's edits.

    Both go through ``VaultOp`` in that order. The field's editor shows the new text without
    counting it as an edit: the service wrote it.
    """
    if page.note is None or page.note["status"] == "signed":
        return
    note_id, service = page.note["id"], page._ctx.practice.mental_status

    def written(text) -> None:
        if not page._shows(note_id):
            return
        editor = page._editors.get(text.field)
        if editor is not None:
            editor.blockSignals(True)
            editor.setPlainText(text.text)
            editor.blockSignals(False)
        page.note["fields"][text.field] = text.text
        page.mental_status.show_status(status if not status.empty else None, read_only=False)
        page.save_state.setText("Draft · saved (mental status)")

    page.save(then=lambda: VaultOp(page._ctx.practice, lambda: service.record(note_id, status), parent=page)
              .success(written).failure(lambda message: page._shows(note_id) and page.save_state.setText(message))
              .run())
