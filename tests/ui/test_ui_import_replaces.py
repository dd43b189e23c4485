"""A new recording for a session that has its transcript and AI draft asks first (ui30).

Found by walking the window as a therapist: "Import a recording…" on a session already transcribed and
drafted (minutes of the default model) replaced the transcript and the draft without a word.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from session_seed import seed_session
from test_ui_speakers import open_session
from ui_helpers import unlock


def _consented(window, session) -> None:
    practice = window.ctx.practice
    practice.clients.record_consent(practice.appointments.get(session.appointment_id)["client_id"], "given")
    session.show_appointment(session.appointment_id)
    assert session.import_button.isEnabled()


def test_import_over_a_drafted_session_asks_and_cancel_keeps_it(qtbot, ready_vault, make_window, monkeypatch):
    appointment, _note = seed_session(ready_vault, template=None)
    window, session = open_session(qtbot, make_window, ready_vault, appointment)
    _consented(window, session)
    asked, opened = [], []
    answer = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text) or answer[0])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: opened.append(1) or ("", ""))

    session.import_button.click()
    assert "already has a transcript and an AI draft" in asked[0] and "Importing anyway?" in asked[0]
    assert not opened  # cancelled: no file asked for, the stored transcript and draft untouched
    assert window.ctx.practice.sessions.transcript(appointment) is not None

    answer[0] = QMessageBox.StandardButton.Yes
    session.import_button.click()
    assert opened == [1]


def test_import_into_a_session_with_nothing_stored_asks_nothing(qtbot, ready_vault, make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    fresh = next(row["id"] for row in practice.appointments.list()
                 if not row["note_id"] and practice.sessions.transcript(row["id"]) is None)
    window.workspace.open_session(fresh)
    session = window.workspace.session
    _consented(window, session)
    asked, opened = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: opened.append(1) or ("", ""))
    session.import_button.click()
    assert opened == [1] and not asked
