"""One questionnaire filled in item by item: the total and severity follow every answer, and the
PHQ-9's item 9 raises a risk alert as soon as it is answered above "Not at all".

Scoring is the engine's (``services.assessments.score``), never recomputed here, so the form and
the stored record can not disagree. Instruments the engine does not score item by item are
recorded by name and total ("Other instrument").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QRadioButton,
                               QSpinBox, QVBoxLayout, QWidget)

from session_assistant.services.assessments import ANSWER_LABELS, INSTRUMENTS, PHQ9, SELF_HARM_ITEM, score
from session_assistant.ui.common import theme

OTHER = "other"


class AssessmentForm(QWidget):
    """The answers of one administration; ``changed`` fires on every answer.

    ``score`` and ``alert`` are left for the owner to place where they stay in view (outside a
    scrolling area), so the total and the item-9 alert are never scrolled away.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.instrument = QComboBox()
        self.instrument.setAccessibleName("Instrument")
        for key, found in INSTRUMENTS.items():
            self.instrument.addItem(f"{found.title} ({len(found.items)} items, 0–{found.max_total})", key)
        self.instrument.addItem("Other instrument (name and total)", OTHER)
        self.stem = QLabel()
        self.stem.setWordWrap(True)
        self.items_box = QWidget()
        self.grid = QGridLayout(self.items_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.buttons: list[list[QRadioButton]] = []
        self.groups: list[QButtonGroup] = []
        # Other instruments: name, total, optional severity words.
        self.other_box = QWidget()
        other_form = QFormLayout(self.other_box)
        other_form.setContentsMargins(0, 0, 0, 0)
        self.other_name = QLineEdit()
        self.other_name.setPlaceholderText("e.g. PCL-5, AUDIT")
        self.other_total = QSpinBox()
        self.other_total.setRange(0, 1000)
        self.other_severity = QLineEdit()
        self.other_severity.setPlaceholderText("optional, as the instrument's manual names it")
        other_form.addRow("&Name:", self.other_name)
        other_form.addRow("&Total score:", self.other_total)
        other_form.addRow("Se&verity:", self.other_severity)
        self.score = QLabel()
        self.score.setAccessibleName("Score")
        theme.set_role(self.score, "section")
        self.alert = QLabel()
        self.alert.setWordWrap(True)
        theme.set_role(self.alert, "alert")  # the theme's risk colours, legible in light and dark
        self.alert.setAccessibleName("Risk alert")
        self.alert.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.instrument)
        layout.addWidget(self.stem)
        layout.addWidget(self.items_box)
        layout.addWidget(self.other_box)
        layout.addStretch(1)
        self.instrument.currentIndexChanged.connect(self._on_instrument_changed)
        self.other_name.textChanged.connect(self.changed)
        self.other_total.valueChanged.connect(self._on_answer_changed)
        self._on_instrument_changed()

    # ---- what the form holds ---------------------------------------------------------------------
    @property
    def key(self) -> str:
        return self.instrument.currentData()

    def answers(self) -> list[int | None]:
        return [group.checkedId() if group.checkedId() >= 0 else None for group in self.groups]

    def is_complete(self) -> bool:
        if self.key == OTHER:
            return bool(self.other_name.text().strip())
        return all(answer is not None for answer in self.answers())

    def self_harm_answer(self) -> int | None:
        if self.key != PHQ9.key:
            return None
        return self.answers()[SELF_HARM_ITEM - 1]

    def select(self, key: str) -> None:
        self.instrument.setCurrentIndex(max(0, self.instrument.findData(key)))

    def clear(self) -> None:
        for group in self.groups:
            group.setExclusive(False)  # an exclusive group never lets its checked button go
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.other_name.clear()
        self.other_total.setValue(0)
        self.other_severity.clear()
        self._on_answer_changed()

    # ---- building and updating -------------------------------------------------------------------
    def _on_instrument_changed(self, *_args) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:  # hidden now: deleteLater waits for the event loop
                widget.hide()
                widget.deleteLater()
        for group in self.groups:
            group.deleteLater()
        self.buttons, self.groups = [], []
        other = self.key == OTHER
        self.other_box.setVisible(other)
        self.items_box.setVisible(not other)
        self.stem.setVisible(not other)
        if not other:
            found = INSTRUMENTS[self.key]
            self.stem.setText(found.stem)
            for column, words in enumerate(ANSWER_LABELS, 1):
                header = QLabel(f"{column - 1}\n{words}")
                header.setWordWrap(True)
                header.setAlignment(Qt.AlignmentFlag.AlignCenter)
                header.setMaximumWidth(78)
                self.grid.addWidget(header, 0, column)
            for row, text in enumerate(found.items, 1):
                label = QLabel(f"{row}. {text}")
                label.setWordWrap(True)
                self.grid.addWidget(label, row, 0)
                group = QButtonGroup(self)
                buttons = []
                for value, words in enumerate(ANSWER_LABELS):
                    button = QRadioButton(str(value))
                    button.setAccessibleName(f"Item {row}: {words}")
                    button.setToolTip(words)
                    group.addButton(button, value)
                    self.grid.addWidget(button, row, value + 1, Qt.AlignmentFlag.AlignCenter)
                    buttons.append(button)
                group.idToggled.connect(self._on_answer_changed)
                self.buttons.append(buttons)
                self.groups.append(group)
            self.grid.setColumnStretch(0, 1)
        self._on_answer_changed()

    def _on_answer_changed(self, *_args) -> None:
        if self.key == OTHER:
            self.score.setText(f"Total {self.other_total.value()}")
            self.alert.hide()
            self.changed.emit()
            return
        found = INSTRUMENTS[self.key]
        answers = self.answers()
        given = [a for a in answers if a is not None]
        if len(given) == len(answers):
            total, severity = score(found, given)
            self.score.setText(f"{found.title} total {total} of {found.max_total}: {severity}")
        else:
            self.score.setText(f"{found.title}: {len(given)} of {len(answers)} answered · "
                               f"{sum(given)} so far (severity once every item is answered)")
        item9 = self.self_harm_answer()
        self.alert.setVisible(bool(item9))
        if item9:
            self.alert.setText(f"⚠ Item 9 answered \"{ANSWER_LABELS[item9]}\": thoughts of being better off dead "
                               "or of self-harm. Assess risk today and record it in the note.")
        self.changed.emit()
