"""Layout of the note editor: template fields on the left, the AI draft review on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QStackedWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from session_assistant.ui.note.mental_status import MentalStatusPanel
from session_assistant.ui.session.transcript_panel import TranscriptPanel
from session_assistant.ui.common.widgets import BusyPanel, EmptyState, heading, reading_column, signed_banner


class NoteEditorView(QWidget):
    queue_requested = Signal()  # the empty state's one action: the notes waiting to be written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Progress note")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        # Beside the title (not a row of its own): the page keeps its height on a 600 px screen.
        self.signed_banner = signed_banner("note")
        self.pages = QStackedWidget()

        # Page 0: nothing chosen / no note yet
        self.create_page = QWidget()
        self.create_hint = QLabel("Choose an appointment in the agenda, then open or create its note.")
        self.create_hint.setWordWrap(True)
        self.template = QComboBox()
        self.template.setAccessibleName("Note template")
        self.create_button = QPushButton("&Create note")
        create_form = self.create_form = QFormLayout()
        create_form.addRow("&Template:", self.template)
        self.empty = EmptyState("No note open", "A session's progress note opens here, with the AI draft to review "
                                "beside it. Notes to write lists every session still waiting for one.",
                                "Open Notes to &write")
        self.empty.action.clicked.connect(self.queue_requested)
        self.empty.hide()
        create_layout = QVBoxLayout(self.create_page)
        create_layout.addWidget(self.empty)
        create_layout.addWidget(self.create_hint)
        create_layout.addLayout(create_form)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        create_layout.addLayout(row)
        create_layout.addStretch(1)
        self.pages.addWidget(self.create_page)

        # Page 1: the note
        self.fields_holder = QWidget()
        self.fields_layout = QVBoxLayout(self.fields_holder)
        self.fields_scroll = QScrollArea()
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setWidget(self.fields_holder)
        self.addenda = QLabel()
        self.addenda.setWordWrap(True)
        self.addenda.setTextFormat(Qt.TextFormat.RichText)  # ``addenda_text`` escapes what was typed
        self.save_state = QLabel()
        self.save_state.setAccessibleName("Save state")
        self.sign_button = QPushButton("&Sign && Approve…")
        self.sign_button.setAccessibleName("Sign and approve the note")
        self.addendum_button = QPushButton("Add a&ddendum…")
        self.export_button = QPushButton("&Export PDF…")
        self.delete_button = QPushButton("Delete draft…")
        self.enhance_button = QPushButton("&Enhance with AI")
        self.enhance_button.setToolTip("Tidy your own words into the note format; adds nothing new")
        actions = QHBoxLayout()
        for button in (self.enhance_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.save_state)
        for button in (self.export_button, self.addendum_button, self.sign_button):
            actions.addWidget(button)
        self.service_code = QLineEdit()
        self.service_code.setPlaceholderText("e.g. 90834")
        self.service_code.setMaximumWidth(120)
        self.service_code.setAccessibleName("Service code (CPT or HCPCS)")
        self.service_code.setToolTip("The CPT or HCPCS code billed for this session; printed on the signed PDF")
        self.diagnosis = QLabel()
        self.diagnosis.setAccessibleName("Diagnosis on the session date")
        self.diagnosis.setWordWrap(True)
        billing = QHBoxLayout()
        code_label = QLabel("Service &code:")
        code_label.setBuddy(self.service_code)
        billing.addWidget(code_label)
        billing.addWidget(self.service_code)
        billing.addSpacing(12)
        billing.addWidget(self.diagnosis, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(billing)
        left_layout.addWidget(self.fields_scroll, 1)
        self.mental_status = MentalStatusPanel()
        left_layout.addWidget(self.mental_status)
        left_layout.addWidget(self.addenda)

        # AI review panel
        self.review = QGroupBox("AI draft review")
        self.sentences = QListWidget()
        _wrap_rows(self.sentences)
        self.sentences.setAccessibleName("Draft sentences; choose one to see it in the note and its evidence")
        self.accept_button = QPushButton("✓ &Accept")
        self.accept_button.setToolTip("Reviewed: the sentence is right as it stands")
        self.edit_button = QPushButton("Ed&it…")
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setToolTip("Take the sentence out of the note")
        self.review_state = QLabel()
        self.review_state.setAccessibleName("Review progress")
        sentence_actions = QHBoxLayout()
        for button in (self.accept_button, self.edit_button, self.remove_button):
            sentence_actions.addWidget(button)
        sentence_actions.addStretch(1)
        self.evidence = QPlainTextEdit()
        self.evidence.setReadOnly(True)
        self.evidence.setAccessibleName("Transcript lines the sentence rests on")
        self.evidence.setPlaceholderText("Choose a sentence to see the transcript lines it rests on.")
        self.transcript = TranscriptPanel(correctable=False)
        self.transcript.setAccessibleName("The session transcript; the chosen sentence's lines are selected")
        self.risk = QListWidget()
        _wrap_rows(self.risk)
        self.risk.setAccessibleName("Risk items to review")
        self.accept_risk_button = QPushButton("Accept into the Ris&k field")
        self.accept_risk_button.setToolTip("Adds the chosen item's statement to the note's Risk field")
        risk_page = QWidget()
        risk_layout = QVBoxLayout(risk_page)
        risk_layout.setContentsMargins(0, 4, 0, 0)
        risk_layout.addWidget(_wrapping(QLabel("Never written by the AI: accept what you document.")))
        risk_layout.addWidget(self.risk, 1)
        risk_layout.addWidget(self.accept_risk_button)
        self.review_tabs = QTabWidget()
        self.review_tabs.addTab(self.transcript, "Transcript")
        self.review_tabs.addTab(risk_page, "Risk")
        self.refine_instruction = QLineEdit()
        self.refine_instruction.setPlaceholderText("e.g. shorter; more detail on the plan")
        self.refine_instruction.setAccessibleName("Refine instruction")
        self.refine_button = QPushButton("&Refine")
        refine_row = QHBoxLayout()
        refine_row.addWidget(self.refine_instruction, 1)
        refine_row.addWidget(self.refine_button)
        review_layout = QVBoxLayout(self.review)
        # The count sits on the heading's row, not beside the buttons: that row set the review column's
        # minimum width and pushed a note with a draft past a 1024 px screen.
        sentences_row = QHBoxLayout()
        # One line at 1024 wide (the list below needs the height): the marks' meaning in the tooltip too.
        legend = _wrapping(QLabel("⚑ check this · ✓ reviewed"))
        legend.setToolTip("Each AI sentence of the note: ⚑ = check this before signing, ✓ = you reviewed it")
        sentences_row.addWidget(legend, 1)
        sentences_row.addWidget(self.review_state)
        review_layout.addLayout(sentences_row)
        # The list, the chosen sentence's lines and the transcript share the height in a splitter, the
        # list first: at 1024x600 the list held two rows under a transcript nobody had asked for yet.
        listed = QWidget()
        listed_layout = QVBoxLayout(listed)
        listed_layout.setContentsMargins(0, 0, 0, 0)
        listed_layout.addWidget(self.sentences, 1)
        listed_layout.addLayout(sentence_actions)
        line = self.sentences.fontMetrics().lineSpacing()
        self.sentences.setMinimumHeight(4 * line)
        self.evidence.setMinimumHeight(2 * line + 12)
        self.transcript.lines.setMinimumHeight(2 * line + 8)
        _wrap_rows(self.transcript.lines)
        self.risk.setMinimumHeight(2 * line + 8)
        self.review_split = QSplitter(Qt.Orientation.Vertical)
        self.review_split.setChildrenCollapsible(False)
        for pane, stretch in ((listed, 5), (self.evidence, 1), (self.review_tabs, 3)):
            self.review_split.addWidget(pane)
            self.review_split.setStretchFactor(self.review_split.count() - 1, stretch)
        self.review_split.setSizes([500, 100, 300])  # the same shares from the first layout on
        review_layout.addWidget(self.review_split, 1)
        review_layout.addLayout(refine_row)

        self.busy = BusyPanel()
        splitter = QSplitter()
        splitter.addWidget(reading_column(left))
        splitter.addWidget(self.review)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 460])  # the note first; the review panel beside it
        note_page = QWidget()
        note_layout = QVBoxLayout(note_page)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(splitter, 1)
        note_layout.addWidget(self.busy)
        note_layout.addLayout(actions)
        self.pages.addWidget(note_page)

        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.signed_banner)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.pages, 1)

    def show_empty(self, empty: bool) -> None:
        """Nothing chosen: the empty state instead of a greyed-out template form."""
        self.empty.setVisible(empty)
        for widget in (self.create_hint, self.template, self.create_button, self.create_form.labelForField(self.template)):
            widget.setVisible(not empty)

    def add_field(self, label: str, text: str, read_only: bool) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setReadOnly(read_only)
        box.setAccessibleName(label)
        # Height by what the field holds: a whole drafted SOAP in one field is read and reviewed there (the
        # fields scroll together), an empty Risk field only waits for a line or two.
        share = 1 + min(3, len(text) // 300)
        box.setMinimumHeight(110 * share)
        caption = QLabel(f"<b>{label}</b>")
        caption.setBuddy(box)
        self.fields_layout.addWidget(caption)
        self.fields_layout.addWidget(box, share)
        return box

    def clear_fields(self) -> None:
        while self.fields_layout.count():
            item = self.fields_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # gone from findChildren now, not at the next event loop turn
                widget.deleteLater()


def _wrap_rows(listing: QListWidget) -> None:
    """Rows wrap at the list's width, laid out again when it changes: the rows were laid out before the
    vertical scroll bar took its room, so each ended under a sideways scroll bar, cut at the right."""
    listing.setWordWrap(True)
    listing.setResizeMode(QListWidget.ResizeMode.Adjust)
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def _wrapping(label: QLabel) -> QLabel:
    """A hint that wraps, so the review column never forces the window wider than a 1024 px screen."""
    label.setWordWrap(True)
    return label
