"""Layout of the session screen: consent, recording controls, live transcript, progress."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from session_assistant.errors import UserError
from session_assistant.ui.session.call_inputs import CallInputs
from session_assistant.ui.session.transcript_panel import TranscriptPanel
from session_assistant.ui.session.way_forward import resume_label
from session_assistant.ui.common.widgets import BusyPanel, EmptyState, LevelMeter, heading


class SessionView(QWidget):
    agenda_requested = Signal()  # the empty state's one action

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Session")
        self.subtitle = QLabel("Choose an appointment in the agenda and press Start session.")
        self.subtitle.setWordWrap(True)
        self.consent_state = QLabel()
        self.consent_state.setWordWrap(True)
        self.consent_state.setAccessibleName("Consent state")

        rec_box = QGroupBox("Record this session")
        self.device = QComboBox()
        self.device.setAccessibleName("Microphone")
        self.level = LevelMeter()
        self.elapsed = QLabel("00:00")
        self.elapsed.setAccessibleName("Elapsed time")
        self.rec_warning = QLabel()
        self.rec_warning.setWordWrap(True)
        self.record_button = QPushButton("● &Record")
        self.record_button.setAccessibleName("Start recording")
        self.pause_button = QPushButton("&Pause")
        self.stop_button = QPushButton("■ &Stop")
        self.stop_button.setAccessibleName("Stop recording and transcribe")
        self.import_button = QPushButton("&Import a recording…")
        self.import_button.setAccessibleName("Import a recording file instead")
        self.manual_button = QPushButton("Write the note &by hand")
        form = QFormLayout()
        form.addRow("&Microphone:", self.device)
        level_row = QHBoxLayout()
        level_row.addWidget(self.level, 1)
        level_row.addWidget(self.elapsed)
        form.addRow("Level:", level_row)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        rec_layout = QVBoxLayout(rec_box)
        rec_layout.addLayout(form)
        rec_layout.addWidget(self.rec_warning)
        rec_layout.addLayout(buttons)
        self.record_box = rec_box

        self.transcript = TranscriptPanel()
        self.busy = BusyPanel()
        self.resume_button = QPushButton()
        self.label_resume(None)
        self.resume_button.hide()
        self.draft_again_button = QPushButton("&Draft again")
        self.draft_again_button.setAccessibleName("Draft the summary again from the stored transcript")
        self.draft_again_button.hide()
        self.open_note_button = QPushButton("Open the &note")
        self.open_note_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.manual_button)
        bottom.addStretch(1)
        bottom.addWidget(self.resume_button)
        bottom.addWidget(self.draft_again_button)
        bottom.addWidget(self.open_note_button)

        # With no appointment chosen the screen says what it is for instead of showing a greyed-out form.
        self.empty = EmptyState("No session chosen", "Record a session, import its recording or write the note "
                                "by hand: choose the appointment in the agenda first.", "Open the a&genda")
        self.empty.action.clicked.connect(self.agenda_requested)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.consent_state)
        body.addWidget(rec_box)
        body.addWidget(self.transcript, 1)
        body.addWidget(self.busy)
        body.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.body, 1)
        self.empty.hide()
        self.call_inputs = CallInputs()  # one microphone (and how many voices) or a telehealth call
        self.record_box.layout().insertWidget(1, self.call_inputs)

    def fill_devices(self) -> None:
        """The input devices PortAudio lists, the default chosen; a warning where there are none."""
        try:
            from session_assistant.audio.devices import list_input_devices

            devices = list_input_devices()
        except (UserError, OSError) as error:
            self.rec_warning.setText(str(error) if isinstance(error, UserError) else "No microphone was found.")
            self.record_button.setEnabled(False)
            return
        for device in devices:
            self.device.addItem(device.name + ("  (default)" if device.is_default else ""), device)
            if device.is_default:
                self.device.setCurrentIndex(self.device.count() - 1)
        self.call_inputs.fill(devices)
        if not devices:
            self.rec_warning.setText("No microphone was found; import a recording instead.")
            self.record_button.setEnabled(False)

    def label_resume(self, job) -> None:
        """Resume says what it does: a cancelled transcription, or an interrupted session."""
        text, name = resume_label(job)
        self.resume_button.setText(text)
        self.resume_button.setAccessibleName(name)

    def say_which(self, client: str) -> None:
        """The header names ``client``, who has several appointments: say which choice is wanted, and where."""
        self.empty.say(f"Which session with {client}?", f"{client} has more than one appointment. Choose the one "
                       "to record, import or write up in the agenda (or open its note from the chart's Notes tab).",
                       "Open the a&genda")

    def show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.subtitle.setVisible(not empty)
        self.body.setVisible(not empty)
