"""Session and Note opened from the sidebar take the appointment the header names (look24): the Session
page said "No session chosen" while the header named the client whose only session it was."""

from __future__ import annotations

from datetime import date

from sa_testing import TEST_PASSPHRASE
from ui_helpers import unlock


def _client_with_one_session(paths) -> tuple[int, int]:
    from session_assistant.app import open_practice

    practice = open_practice(paths, TEST_PASSPHRASE)
    try:
        client = practice.clients.add("Noor", "Haddad")
        appointment = practice.appointments.add(client, f"{date.today().isoformat()}T15:00", 50)
        return client, appointment
    finally:
        practice.close()


def test_the_sidebar_opens_the_only_session_of_the_client_in_the_header(qtbot, ready_vault, make_window):
    client, appointment = _client_with_one_session(ready_vault)
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    workspace.open_chart(client)
    assert workspace.current.text() == "Noor Haddad"
    workspace.go(2)  # the sidebar's Session
    session = workspace.session
    assert session.appointment_id == appointment
    assert session.title.text() == "Session with Noor Haddad" and not session.empty.isVisible()
    assert workspace.current.text().startswith("Noor Haddad · ")
    workspace.go(3)  # and Note: the same appointment, its note offered
    assert workspace.note.appointment_id == appointment
    assert workspace.note.title.text() == "Progress note: Noor Haddad"


def test_a_client_with_several_sessions_is_told_where_to_choose_one(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace, practice = window.workspace, window.ctx.practice
    busy = next(c for c in practice.clients.list() if len(practice.appointments.list(client_id=c["id"])) > 1)
    workspace.open_chart(busy["id"])
    workspace.go(2)
    session = workspace.session
    assert session.appointment_id is None and session.empty.isVisible()
    name = f"{busy['first_name']} {busy['last_name']}"
    assert session.empty.title.text() == f"Which session with {name}?"
    assert "agenda" in session.empty.text.text()


def test_the_other_pages_appointment_is_taken_only_when_it_is_the_named_clients(qtbot, ready_vault, make_window):
    """A note of another client open on the Note page: Session takes the named client's own session."""
    client, appointment = _client_with_one_session(ready_vault)
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace, practice = window.workspace, window.ctx.practice
    other = next(a for a in practice.appointments.list() if a["client_id"] != client)
    workspace.open_note(other["id"])
    workspace.open_chart(client)
    workspace.go(2)
    assert workspace.session.appointment_id == appointment
