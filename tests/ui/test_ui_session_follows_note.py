"""Session in the sidebar, from a note: the session of that note (the header names it), with an
"Open the note" that knows the note exists. In the walkthrough a note written by hand for 08:00
left the session screen's "Open the note" greyed out, and from the 07:00 note the sidebar's
Session showed the 08:00 session."""

from __future__ import annotations

from ui_helpers import unlock


def _two_sessions_of_one_client(practice) -> tuple[int, int]:
    rows = [a for a in practice.appointments.list() if not a["note_id"] and a["status"] != "cancelled"]
    client = rows[0]["client_id"]
    first = rows[0]["id"]
    second = practice.appointments.add(client, "2026-12-01T16:00", 50)
    return first, second


def test_a_note_written_by_hand_can_be_opened_from_its_session_screen_afterwards(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    first, _second = _two_sessions_of_one_client(window.ctx.practice)
    workspace.open_session(first)
    assert not workspace.session.open_note_button.isEnabled()  # no note yet
    workspace.session.manual_button.click()  # "Write the note by hand": the note screen
    workspace.note.create_button.click()
    assert workspace.note.note is not None
    workspace.go(2)
    assert workspace.session.appointment_id == first
    assert workspace.session.open_note_button.isEnabled()


def test_session_from_a_note_shows_that_notes_session(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    first, second = _two_sessions_of_one_client(window.ctx.practice)
    workspace.open_session(second)
    workspace.open_note(first)
    workspace.go(2)
    assert workspace.session.appointment_id == first
