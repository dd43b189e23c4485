"""The day: agenda, chart, note editing and signing, consent refusal, auto-lock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPlainTextEdit

from ui_helpers import FakeTime, unlock

PHI_NAME = "Lindqvist"  # a sample client's last name


def _agenda_texts(agenda) -> list[str]:
    texts = []
    for i in range(agenda.tree.topLevelItemCount()):
        group = agenda.tree.topLevelItem(i)
        texts.append(group.text(0))
        for j in range(group.childCount()):
            item = group.child(j)
            texts.append(" | ".join(item.text(c) for c in range(4)))
    return texts


def _select_today(agenda, name: str):
    today = agenda.tree.topLevelItem(0)
    assert today.text(0) == "Today"
    for j in range(today.childCount()):
        if name in today.child(j).text(1):
            agenda.tree.setCurrentItem(today.child(j))
            return today.child(j)
    raise AssertionError(f"{name} not on today's agenda")


def test_agenda_shows_todays_appointments_with_kind_and_badges(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    texts = _agenda_texts(window.workspace.agenda)
    assert texts[0] == "Today"
    today_rows = texts[1:4]
    assert any("Avery Lindqvist" in row and "In person" in row for row in today_rows)
    assert any("Jonah Okafor" in row and "Telehealth" in row for row in today_rows)
    # The chart opens from the agenda and shows consent.
    agenda = window.workspace.agenda
    _select_today(agenda, "Mira")
    agenda.open_chart.click()
    chart = window.workspace.chart
    assert window.workspace.stack.currentWidget() is chart
    assert chart.title.text() == "Mira Takahashi"
    assert "Not asked" in chart.consent_status.text()
    assert chart.tabs.isTabEnabled(5) and "Exports:" in chart.documents_tab.text.toPlainText()


def test_note_edit_sign_makes_it_read_only_and_offers_addendum(qtbot, ready_vault, make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    agenda = window.workspace.agenda
    _select_today(agenda, "Avery")
    agenda.start_session.click()
    session = window.workspace.session
    assert "Avery Lindqvist" in session.title.text()
    session.manual_button.click()
    editor = window.workspace.note
    assert window.workspace.stack.currentWidget() is editor
    editor.template.setCurrentText("SOAP Note (manual)")
    editor.create_button.click()
    assert editor.pages.currentIndex() == 1
    boxes = editor.fields_holder.findChildren(QPlainTextEdit)
    assert len(boxes) == 4
    boxes[0].setPlainText("Client reports better sleep.")
    qtbot.waitUntil(lambda: editor.save_state.text() == "Draft · saved", timeout=5000)
    note_id = editor.note["id"]
    assert window.ctx.practice.notes.get(note_id)["fields"]["subjective"] == "Client reports better sleep."

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.sign_button.click()
    note = window.ctx.practice.notes.get(note_id)
    assert note["status"] == "signed" and note["signer_name"] == "Dr Test Clinician"
    boxes = editor.fields_holder.findChildren(QPlainTextEdit)
    assert all(box.isReadOnly() for box in boxes)
    assert editor.addendum_button.isVisible() and not editor.sign_button.isVisible()
    assert "read-only" in editor.save_state.text()
    assert editor.export_button.isVisible()
    target, offered = ready_vault.data_dir / "signed-note.pdf", []

    def save_dialog(parent, title, path, filters):
        offered.append((title, path, filters))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    editor.export_button.click()  # the save dialog the Summary tab shares (ui.dialogs.ask_pdf_path)
    # The session's date, so a folder of exports reads by day; the client's name never (PHI on disk).
    day = window.ctx.practice.appointments.get(editor.appointment_id)["starts_at"][:10]
    assert offered == [("Export the signed note as PDF", str(Path.home() / f"progress-note-{day}-{note_id}.pdf"),
                        "PDF (*.pdf)")]
    qtbot.waitUntil(lambda: editor._worker is None, timeout=30000)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    from session_assistant.documents.verify import verify

    result = verify(target)
    assert result.ok, result.reason
    assert "Dr Test Clinician" in result.signer
    said = editor.save_state.text()  # where it went, in words: the folder, not a checksum
    assert said == f"Saved the signed PDF signed-note.pdf in the folder {target.parent.name}.", said
    assert str(target) in editor.save_state.toolTip() and "SHA-256" in editor.save_state.toolTip()
    qtbot.wait(10)
    window.workspace.go(0)
    assert any("Avery" in row and "Note signed" in row for row in _agenda_texts(agenda))


def test_consent_refusal_still_allows_a_hand_written_note(qtbot, ready_vault, make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    agenda = window.workspace.agenda
    _select_today(agenda, "Mira")  # never asked about recording
    agenda.start_session.click()
    session = window.workspace.session
    assert "not been asked" in session.consent_state.text()
    monkeypatch.setattr("session_assistant.ui.session.session.ask_recording_consent",
                        lambda practice, client_id, parent: (practice.clients.record_consent(client_id, "declined"),
                                                             "declined")[1])
    asked = []
    monkeypatch.setattr("session_assistant.ui.session.session.QFileDialog.getOpenFileName",
                        lambda *a, **k: asked.append(1) or ("", ""))
    session.import_button.click()
    assert not asked  # no file is even asked for after a refusal
    assert "declined" in session.consent_state.text()
    assert not session.import_button.isEnabled() and not session.record_button.isEnabled()
    client_id = session._appointment["client_id"]
    assert window.ctx.practice.clients.consent(client_id).decision == "declined"
    assert session.manual_button.isEnabled()
    session.manual_button.click()
    editor = window.workspace.note
    editor.create_button.click()
    assert editor.note is not None and editor.note["status"] == "draft"


def test_auto_lock_after_idle_clears_every_phi_widget_and_the_clipboard(qtbot, ready_vault, make_window):
    fake = FakeTime()
    window = make_window(ready_vault, fake_time=fake)
    unlock(qtbot, window)
    workspace = window.workspace
    agenda = workspace.agenda
    assert any(PHI_NAME in t for t in _agenda_texts(agenda))
    window.ctx.clipboard.copy(f"Avery {PHI_NAME} note text")
    locked = []
    window.locked.connect(locked.append)
    fake.idle(14 * 60)
    window.auto_lock.check()
    assert not locked and window.ctx.practice is not None  # not yet: 14 of 15 minutes
    fake.idle(61)
    window.auto_lock.check()
    assert locked == ["idle"]
    assert window.ctx.practice is None and window.workspace is None
    assert window.unlock_page is not None and "idle" in window.unlock_page.message.text()
    assert QGuiApplication.clipboard().text() == ""
    assert window.ctx.sessions == {}
    qtbot.waitUntil(lambda: not any(PHI_NAME in (w.text() if hasattr(w, "text") else "")
                                    for w in window.findChildren(object) if hasattr(w, "text")), timeout=3000)
    for child in window.findChildren(object):
        text = getattr(child, "text", None)
        if callable(text):
            try:
                assert PHI_NAME not in str(text())
            except TypeError:
                pass
    unlock(qtbot, window)  # unlocking asks again and works
    assert window.ctx.practice is not None


def test_input_the_window_system_delivers_keeps_the_window_unlocked_in_a_dialog_too(qtbot, ready_vault, make_window):
    """Keys, clicks and moves reach a window (the main one or a dialog's) from the window system before
    any widget: each restarts the idle period; with none, the idle limit locks."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialog

    fake = FakeTime()
    window = make_window(ready_vault, fake_time=fake)
    unlock(qtbot, window)
    window.auto_lock.check()  # a tick: the windows open now are watched
    fake.idle(14 * 60)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    fake.idle(14 * 60)
    window.auto_lock.check()
    assert window.ctx.practice is not None  # 28 idle minutes in all, but a key 14 minutes ago
    dialog = QDialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.windowHandle().requestActivate()
    fake.idle(14 * 60)
    QTest.mouseMove(dialog.windowHandle(), QPoint(5, 5))
    QTest.mouseClick(dialog.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, 6))
    fake.idle(14 * 60)
    window.auto_lock.check()
    assert window.ctx.practice is not None  # the dialog's input counted
    dialog.close()
    fake.idle(15 * 60)
    window.auto_lock.check()
    assert window.ctx.practice is None  # and without input the limit still locks


def test_sleep_locks_on_resume_and_ctrl_l_locks_on_demand(qtbot, ready_vault, make_window):
    fake = FakeTime()
    window = make_window(ready_vault, fake_time=fake)
    unlock(qtbot, window)
    fake.idle(30)
    window.auto_lock.check()
    assert window.ctx.practice is not None
    fake.sleep(5 * 60)  # lid closed for five minutes: less than the idle limit, but the system slept
    window.auto_lock.check()
    assert window.ctx.practice is None
    unlock(qtbot, window)
    window._lock_action.trigger()  # Ctrl+L
    assert window.ctx.practice is None and window.unlock_page is not None


def test_lock_while_a_dialog_is_open_closes_it_first(qtbot, ready_vault, make_window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window = make_window(ready_vault)
    unlock(qtbot, window)
    seen_modal = []

    def lock_now():
        seen_modal.append(QApplication.activeModalWidget() is not None)
        window.lock("on demand")

    QTimer.singleShot(200, lock_now)
    window.workspace._on_new_client_requested()  # exec() blocks until the lock closes the dialog
    assert seen_modal == [True]
    qtbot.waitUntil(lambda: window.ctx.practice is None, timeout=5000)
    assert window.workspace is None and window.unlock_page is not None
    assert QApplication.activeModalWidget() is None


def test_closing_during_work_asks_then_cancels_waits_and_closes_the_vault(qtbot, ready_vault, make_window,
                                                                          monkeypatch):
    import threading
    import time

    from session_assistant.ui.common.worker import Worker

    window = make_window(ready_vault)
    unlock(qtbot, window)
    started = threading.Event()

    def long_work(on_progress, token):
        started.set()
        while True:
            token.raise_if_cancelled()
            time.sleep(0.01)

    worker = window.ctx.pools.run(Worker(long_work, "long"))
    assert started.wait(10)
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers[0])
    window.close()
    assert window.isVisible() and window.ctx.practice is not None and worker.running
    answers[0] = QMessageBox.StandardButton.Yes
    vault = window.ctx.practice.vault
    window.close()
    assert not window.isVisible()
    assert worker.wait(1) and worker.outcome == "cancelled"
    assert window.ctx.practice is None and vault.db is None  # the vault was closed
