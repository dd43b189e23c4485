"""The session screen's recording and transcript controls read consistently before a transcript exists
and are laid out whole (what a therapist saw clicking through the window at 1024 wide): no disabled
"Number of voices: 1" beside "Voices in the room: 2", and no spin box stretched across the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from session_assistant.transcribe.segments import Segment
from session_assistant.ui.session.call_inputs import CallInputs
from session_assistant.ui.session.transcript_panel import TranscriptPanel


def _screen(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    inputs, panel = CallInputs(), TranscriptPanel()
    layout.addWidget(inputs)
    layout.addWidget(panel, 1)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    return window, inputs, panel


def test_the_voices_spin_box_is_as_wide_as_its_number_not_the_screen(qtbot):
    window, inputs, panel = _screen(qtbot)
    assert inputs.voices.width() <= 2 * inputs.voices.sizeHint().width(), (inputs.voices.width(), window.width())
