"""The mental status checklist beside the note: the clinician's observations, never the model's.

Each item has a few common findings and room for the clinician's own words; "Within normal
limits" fills every item with its normal finding in one click. Every change is written at once
(``MentalStatusService.record``) as the clinician's block in the note's observation field,
replacing the block written before. On a signed note the checklist is read-only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QToolButton, QVBoxLayout, QWidget)

from session_assistant.drafting.mental_status import ITEMS, NOT_ASSESSED, MentalStatus
from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.common.widgets import ScrollSafeComboBox

NOT_ASSESSED_TEXT = "—"
OWN_WORDS = "own words"
PANEL_FRAME = 40  # the panel's margins and frame and the rows' scroll bar, around one row of the checklist
ROWS_SHOWN = 5  # the checklist's height: five rows, then it scrolls (the note above needs the room at 600 px)


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
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        self.labels: dict[str, QLabel] = {}
        for item in ITEMS:
            combo = ScrollSafeComboBox()
            combo.addItem(NOT_ASSESSED_TEXT, NOT_ASSESSED)
            for choice in item.choices:
                combo.addItem(choice, choice)
            combo.setAccessibleName(item.label)
            # As wide as its longest finding: a therapist reads every choice whole, never "well groomed, app".
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(lambda _index: self._on_finding_edited())
            combo.currentTextChanged.connect(combo.setToolTip)
            own = QLineEdit()
            own.setPlaceholderText(OWN_WORDS)
            own.setAccessibleName(f"{item.label}: your own words")
            own.setMinimumWidth(own.fontMetrics().horizontalAdvance(OWN_WORDS) + 24)
            own.editingFinished.connect(self._on_finding_edited)
            label = QLabel(item.label + ":")
            label.setBuddy(combo)
            self.choices[item.key], self.notes[item.key], self.labels[item.key] = combo, own, label
        # One item a row, the rows scrolling inside the panel: two a row cut the findings and the "own
        # words" boxes to a few letters at 1024 and 1280 wide, and the note's reading column (theme.READING_WIDTH)
        # is never wide enough for two whole.
        for row, item in enumerate(ITEMS):
            for column, widget in enumerate((self.labels[item.key], self.choices[item.key], self.notes[item.key])):
                self.grid.addWidget(widget, row, column)
        self.grid.setColumnStretch(2, 1)  # the clinician's own words take what is left
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidget(self.grid_holder)
        self._fit_height()
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

    # ---- sized --------------------------------------------------------------------------------
    def _row_width(self) -> int:
        """One item's row at its natural width: the longest label, the widest finding, the own-words box."""
        spacing = self.grid.horizontalSpacing()
        return (max(label.sizeHint().width() for label in self.labels.values())
                + max(combo.sizeHint().width() for combo in self.choices.values())
                + next(iter(self.notes.values())).minimumWidth() + 2 * spacing)

    def _fit_height(self) -> None:
        first = ITEMS[0].key
        row_height = max(self.choices[first].sizeHint().height(), self.notes[first].sizeHint().height())
        height = ROWS_SHOWN * row_height + (ROWS_SHOWN - 1) * self.grid.verticalSpacing()
        if ROWS_SHOWN < len(ITEMS):
            height += row_height // 2  # half a row shows there is more below
        self.body.setFixedHeight(height + 2 * self.body.frameWidth())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """One whole row's width, so the note's column never squeezes a finding (the review panel gives way)."""
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._row_width() + PANEL_FRAME), hint.height())

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
