"""Layout of the chart's Summary tab: the client's summaries, a form for a new one, the editor."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QPlainTextEdit, QPushButton, QSizePolicy, QStackedWidget, QStyle, QToolButton,
                               QTreeWidget, QVBoxLayout, QWidget)

from session_assistant.services.summaries import PURPOSES
from session_assistant.ui.common import theme
from session_assistant.ui.common.widgets import BusyPanel, heading, signed_banner

def _label(text: str = "", role: str = "") -> QLabel:
    """A wrapping label; ``role`` "error" or "warning" takes that colour from the theme."""
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        theme.set_role(label, role)
    return label


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    edit.setDate(QDate.currentDate())
    return edit


class SummaryTabView(QWidget):
    EMPTY, FORM, EDITOR = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The client's summaries, newest first, and Add.
        self.summaries = QTreeWidget()
        self.summaries.setHeaderLabels(("Summary", "Covers", "Status", "Date"))
        self.summaries.setRootIsDecorated(False)
        self.summaries.setAccessibleName("Summaries of this client")
        self.summaries.setMaximumHeight(110)
        header = self.summaries.header()
        for column in range(3):  # the columns fit their text; no sideways scrolling at 1024 pixels
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.add_button = QPushButton("&Add…")
        self.add_button.setToolTip("Add a Treatment Summary or an AI Case Summary")
        self.add_menu = QMenu(self.add_button)
        self.add_treatment_action = self.add_menu.addAction("Treatment Summary…")
        self.add_case_action = self.add_menu.addAction("AI Case Summary…")
        self.add_button.setMenu(self.add_menu)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.summaries, 1)
        top.addLayout(side)

        self.pages = QStackedWidget()
        self.empty_hint = _label()
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(1)
        self.pages.addWidget(empty)
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._editor_page())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

    def _form_page(self) -> QWidget:
        page = QWidget()
        self.form_title = heading("New summary", 2)
        self.form_intro = _label()
        self.date_from = _date_edit("Start of the range")
        self.date_to = _date_edit("End of the range")
        range_row = QHBoxLayout()
        range_row.addWidget(self.date_from)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.date_to)
        range_row.addStretch(1)
        self.range_widget = QWidget()
        self.range_widget.setLayout(range_row)
        range_row.setContentsMargins(0, 0, 0, 0)
        self.purpose = QComboBox()
        self.purpose.setEditable(True)
        self.purpose.addItems(("",) + PURPOSES)
        self.purpose.lineEdit().setPlaceholderText("optional: consultation, transfer of care, discharge…")
        self.purpose.setAccessibleName("Purpose (optional)")
        self.purpose.setMinimumWidth(280)
        self.purpose.setMaximumWidth(460)
        self.form = QFormLayout()
        self.form.addRow("&Range:", self.range_widget)
        self.form.addRow("&Purpose:", self.purpose)
        self.in_range = _label()
        self.model_line = _label()
        self.form_error = _label(role="error")
        self.form_error.setAccessibleName("Why the summary was not generated")
        self.form_error.hide()
        self.generate_button = QPushButton("&Generate")
        self.generate_button.setDefault(True)
        self.form_cancel_button = QPushButton("Back")
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.form_cancel_button)
        buttons.addStretch(1)
        self.form_busy = BusyPanel()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.form_title)
        layout.addWidget(self.form_intro)
        layout.addLayout(self.form)
        layout.addWidget(self.in_range)
        layout.addWidget(self.model_line)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        layout.addWidget(self.form_busy)
        layout.addStretch(1)
        return page

    def _editor_page(self) -> QWidget:
        page = QWidget()
        self.editor_title = heading("Summary", 2)
        self.editor_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state = QLabel()
        self.state.setAccessibleName("Summary state")
        title_row = QHBoxLayout()
        title_row.addWidget(self.editor_title, 1)
        title_row.addWidget(self.state)
        self.signed_banner = signed_banner("summary")
        title_row.addWidget(self.signed_banner)
        self.details = _label()
        self.details.setAccessibleName("Generation details")
        self.sources_button = QToolButton()
        self.sources_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation))
        self.sources_button.setToolButtonStyle(self.sources_button.toolButtonStyle().ToolButtonTextBesideIcon)
        self.sources_button.setText("Sources")
        self.sources_button.setAccessibleName("Show the sources of this summary")
        self.sources_button.setToolTip("The signed chart items this summary was drafted from")
        details_row = QHBoxLayout()
        details_row.addWidget(self.details, 1)
        details_row.addWidget(self.sources_button)
        self.warning = _label(role="warning")
        self.warning.hide()
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Summary text")
        self.text.setTabChangesFocus(True)
        self.instruction = QLineEdit()
        self.instruction.setPlaceholderText("Ask for a change in words, e.g. “shorter” or “focus on risk”")
        self.instruction.setAccessibleName("How the AI should update the draft")
        self.update_button = QPushButton("&Update")
        self.update_button.setToolTip("The AI reworks the draft as you asked; sources carry through")
        update_row = QHBoxLayout()
        update_row.addWidget(self.instruction, 1)
        update_row.addWidget(self.update_button)
        self.editor_busy = BusyPanel()
        self.sign_button = QPushButton("&Sign && Approve…")
        self.pdf_button = QPushButton("Download &PDF…")
        self.share_button = QPushButton("S&hare…")
        self.share_button.setToolTip("Write an AES-256 encrypted copy for the client; the passphrase is shown once")
        self.delete_button = QPushButton("&Delete…")
        actions = QHBoxLayout()
        for button in (self.sign_button, self.pdf_button, self.share_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        self.result = _label()
        self.result.setAccessibleName("Result of the last action")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(title_row)
        layout.addLayout(details_row)
        layout.addWidget(self.warning)
        layout.addWidget(self.text, 1)
        layout.addLayout(update_row)
        layout.addWidget(self.editor_busy)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        return page
