"""A row that says "Interrupted: resume in Session" opens the session, also when a note exists (ui30).

Walking the window as a therapist: a draft again quit half-way left the row "Interrupted: resume in
Session", and Enter on it opened the note (there was one), so the Resume it named was on another screen.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from sa_testing import TEST_PASSPHRASE
from ui_helpers import unlock

QUEUE = 4  # the workspace's stack index of "Notes to write"


def _interrupted_with_a_note(paths) -> int:
    from session_assistant.app import open_practice

    practice = open_practice(paths, TEST_PASSPHRASE)
    try:
        client = practice.clients.list()[0]["id"]
        start = (datetime.now() - timedelta(days=2)).replace(second=0, microsecond=0)
        appointment = practice.appointments.add(client, start.isoformat(timespec="minutes"), 50)
        practice.notes.create(appointment, "AI Session Summary")
        practice.sessions.jobs.submit("transcribe", appointment, {"recording_id": "r1"})  # nothing runs it: interrupted
        return appointment
    finally:
        practice.close()


def test_enter_on_an_interrupted_row_with_a_note_opens_the_session(qtbot, ready_vault, make_window):
    appointment = _interrupted_with_a_note(ready_vault)
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    workspace.go(QUEUE)
    tree = workspace.queue.tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)["id"] == appointment)
    assert item.text(3) == "Interrupted: resume in Session"
    tree.setCurrentItem(item)
    assert workspace.queue.open_button.text() == "&Open session"
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert workspace.stack.currentWidget() is workspace.session
    assert workspace.session.appointment_id == appointment
