"""The mouse wheel over the mental status checklist scrolls it; it never changes a finding the
clinician did not click (it wrote "Speech: loud" into a note while scrolling to Thought)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from session_seed import seed_session
from test_ui_mental_status import open_note


def _wheel_down(widget) -> QWheelEvent:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event


def test_the_wheel_over_a_finding_scrolls_the_checklist_and_leaves_the_finding(qtbot, ready_vault, make_window):
    appointment, note_id = seed_session(ready_vault, template="SOAP Note (manual)")
    window, editor = open_note(qtbot, make_window, ready_vault, appointment)
    panel = editor.mental_status
    panel.normal_button.click()
    objective = window.ctx.practice.notes.get(note_id)["fields"]["objective"]
    speech = panel.choices["speech"]

    # Ignored, a real (spontaneous) wheel event goes on to the scroll area around the box; a test's
    # sent event does not travel, so the test checks that it was left for the parent.
    assert not _wheel_down(speech).isAccepted()
    assert speech.currentText() == "normal rate, volume and tone"
    assert window.ctx.practice.notes.get(note_id)["fields"]["objective"] == objective

    speech.setFocus()  # once the clinician chose the box, the wheel is theirs to use on it
    qtbot.waitUntil(speech.hasFocus, timeout=2000)
    assert _wheel_down(speech).isAccepted()
    assert speech.currentText() != "normal rate, volume and tone"
