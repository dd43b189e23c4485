"""The session screen's recording and transcript controls read consistently before a transcript exists
and are laid out whole (what a therapist saw clicking through the window at 1024 wide): no disabled
"Number of voices: 1" beside "Voices in the room: 2", and no spin box stretched across the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

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


def test_no_voice_count_is_shown_before_a_transcript_and_then_it_counts_the_transcript(qtbot):
    window, inputs, panel = _screen(qtbot)
    assert inputs.voices.isVisible() and inputs.voices.value() == 2
    assert not panel.voice_count.isVisible() and not panel.recount_button.isVisible()
    panel.show_segments([Segment(0, 0.0, 2.0, "Hello.", speaker="clinician"),
                         Segment(1, 2.0, 4.0, "Hi.", speaker="client"),
                         Segment(2, 4.0, 6.0, "Hi there.", speaker="client 2")], editable=True)
    assert panel.voice_count.isVisible() and panel.voice_count.value() == 3 and panel.recount_button.isEnabled()
    panel.show_segments([], editable=False)
    assert not panel.voice_count.isVisible()


def test_the_voices_spin_box_is_as_wide_as_its_number_not_the_screen(qtbot):
    window, inputs, panel = _screen(qtbot)
    assert inputs.voices.width() <= 2 * inputs.voices.sizeHint().width(), (inputs.voices.width(), window.width())


def test_the_reassign_button_has_room_for_its_text_its_menu_arrow_and_its_margins(qtbot):
    """'Reassign line' was cut: a tool button's menu arrow is drawn over its text, not beside it."""
    window, inputs, panel = _screen(qtbot)
    button = panel.reassign_button
    style = button.style()
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    margins = 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
    text = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
    assert button.width() >= text + arrow + margins, (button.width(), text, arrow, margins)
    assert button.menu() is not None
