"""Issue 19, one writer: the window's writes (``VaultOp``) never hold the GUI thread behind a busy
writer, land in order, report failures safely, and survive a lock while they wait.

The writer is held busy the way a backup's record or a digest pass holds it: another thread's
write that is still running (here it waits on an Event the test releases).
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QShortcut

from session_assistant.services.notes import NoteService
from session_assistant.ui.common.worker import GENERIC_FAILURE
from session_assistant.vault import writer
from ui_helpers import save_and_wait, unlock

pytestmark = pytest.mark.app_grace  # the late path is what these tests are about

HELD_S = 3.0  # the most the writer is held; long enough that a blocked GUI thread shows


class HeldWriter:
    """Keeps the vault's writer busy until ``release()`` (or ``HELD_S``, so a failing test ends)."""

    def __init__(self, practice) -> None:
        self.release_event = threading.Event()
        self.started = threading.Event()

        def busy() -> None:
            self.started.set()
            self.release_event.wait(HELD_S)

        self._thread = threading.Thread(target=lambda: practice.vault.db.writer.call(busy), name="held-write")
        self._thread.start()
        assert self.started.wait(5), "the writer never started the holding write"

    def release(self) -> None:
        self.release_event.set()
        self._thread.join(10)


class Ticks:
    """A 20 ms QTimer on the GUI thread: the longest gap between ticks shows whether it was blocked."""

    def __init__(self) -> None:
        self.times: list[float] = [time.monotonic()]
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self.timer.start()

    def longest_gap(self) -> float:
        return max(b - a for a, b in zip(self.times, self.times[1:] + [time.monotonic()]))


def _draft_note(qtbot, window):
    """The note editor showing a new manual draft of a sample appointment that had no note."""
    workspace, practice = window.workspace, window.ctx.practice
    appointment = next(a for a in practice.appointments.list() if a["note_id"] is None)
    editor = workspace.note
    workspace.stack.setCurrentWidget(editor)
    editor.show_appointment(appointment["id"])
    editor.create_button.click()
    assert editor.note is not None and editor.note["status"] == "draft"
    return editor, next(iter(editor._editors))


def _after_save_calls(monkeypatch, editor) -> list[str]:
    """Thread names of every run of the save's success callback (it refreshes the review list)."""
    calls: list[str] = []
    original = editor.review_panel.after_save
    monkeypatch.setattr(editor.review_panel, "after_save",
                        lambda: (calls.append(threading.current_thread().name), original()))
    return calls


def _press_save(editor) -> float:
    """Ctrl+S (the editor's Save shortcut); returns how long the GUI thread spent in it."""
    started = time.monotonic()
    editor.findChild(QShortcut).activated.emit()
    return time.monotonic() - started


def test_save_while_the_writer_is_busy_returns_to_the_event_loop_and_lands_after(qtbot, ready_vault,
                                                                                make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    editor, field = _draft_note(qtbot, window)
    calls = _after_save_calls(monkeypatch, editor)
    editor._editors[field].setPlainText("Client reviewed the coping plan; sleep improved.")

    held = HeldWriter(practice)
    try:
        ticks = Ticks()
        spent = _press_save(editor)
        assert spent < 1.0, f"the GUI thread waited {spent:.1f} s for the busy writer"
        qtbot.wait(400)  # the event loop runs while the write waits its turn
        assert ticks.longest_gap() < 0.5, f"the GUI thread was blocked {ticks.longest_gap():.1f} s"
        assert editor.save_state.text() == "Draft · saving…"
        assert window.statusBar().currentMessage() == "Saving…"
        assert practice.notes.get(editor.note["id"])["fields"].get(field, "") == ""  # not written yet
        assert calls == []
    finally:
        held.release()
    qtbot.waitUntil(lambda: editor.save_state.text() == "Draft · saved", timeout=5000)
    assert practice.notes.get(editor.note["id"])["fields"][field] == "Client reviewed the coping plan; sleep improved."
    qtbot.wait(100)
    assert calls == ["MainThread"]  # the success callback ran once, on the GUI thread
    assert window.statusBar().currentMessage() == ""


def test_writes_queued_behind_a_busy_writer_land_in_order_and_sign_what_the_screen_shows(
        qtbot, ready_vault, make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    editor, field = _draft_note(qtbot, window)
    monkeypatch.setattr("session_assistant.ui.note.note_editor.confirm", lambda *a, **k: True)
    held = HeldWriter(practice)
    try:
        editor._editors[field].setPlainText("First version.")
        _press_save(editor)
        editor._editors[field].setPlainText("Second version, signed.")
        editor.sign_button.click()  # saves the second version, then signs once it is stored
        qtbot.wait(200)
        assert practice.notes.get(editor.note["id"])["status"] == "draft"
    finally:
        held.release()
    note_id = editor.note["id"]
    qtbot.waitUntil(lambda: practice.notes.get(note_id)["status"] == "signed", timeout=5000)
    stored = practice.notes.get(note_id)
    assert stored["fields"][field] == "Second version, signed."
    qtbot.waitUntil(lambda: "read-only" in editor.save_state.text(), timeout=5000)
    assert not editor.sign_button.isVisible() and editor.addendum_button.isVisible()


def test_a_failed_save_shows_the_safe_message_and_the_editor_stays_usable(qtbot, ready_vault, make_window,
                                                                           monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    editor, field = _draft_note(qtbot, window)
    original = NoteService.set_field
    monkeypatch.setattr(NoteService, "set_field",
                        lambda self, *a, **k: (_ for _ in ()).throw(RuntimeError("Rowan Castellanos disk error")))
    held = HeldWriter(practice)  # the failure arrives late, through the queued path
    try:
        editor._editors[field].setPlainText("Text that first fails to save.")
        _press_save(editor)
        qtbot.wait(100)
    finally:
        held.release()
    qtbot.waitUntil(lambda: editor.save_state.text() == GENERIC_FAILURE, timeout=5000)
    assert "Rowan" not in editor.save_state.text()
    assert window.statusBar().currentMessage() == ""
    assert editor._editors[field].toPlainText() == "Text that first fails to save."  # nothing dropped
    assert field in editor._dirty  # still counted as unsaved, so the next save writes it

    monkeypatch.setattr(NoteService, "set_field", original)
    save_and_wait(qtbot, editor)
    assert editor.save_state.text() == "Draft · saved"
    assert practice.notes.get(editor.note["id"])["fields"][field] == "Text that first fails to save."


def test_the_window_writes_a_note_only_on_the_writer_thread(qtbot, ready_vault, make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    found: list[str] = []
    monkeypatch.setattr(writer, "WRITE_CHECK", found)
    monkeypatch.setattr("session_assistant.ui.note.note_editor.confirm", lambda *a, **k: True)
    editor, field = _draft_note(qtbot, window)
    editor._editors[field].setPlainText("Checked writes only.")
    save_and_wait(qtbot, editor)
    editor.service_code.setText("90834")
    editor._on_service_code_edited()
    editor.sign_button.click()
    assert editor.note["status"] == "signed"
    assert found == [], found


def test_a_lock_while_a_save_waits_keeps_the_write_and_reaches_no_destroyed_screen(qtbot, ready_vault,
                                                                                   make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    editor, field = _draft_note(qtbot, window)
    note_id = editor.note["id"]
    calls = _after_save_calls(monkeypatch, editor)
    held = HeldWriter(practice)
    editor._editors[field].setPlainText("Written while locking.")
    _press_save(editor)
    assert editor.save_state.text() == "Draft · saving…"
    threading.Timer(0.5, held.release_event.set).start()  # the lock waits for the writer's queue
    window.lock()
    assert window.workspace is None and window.ctx.practice is None
    qtbot.wait(300)  # any late delivery would run now (and pytest-qt fails the test on an exception)
    assert calls == []
    assert window.statusBar().currentMessage() == ""
    held.release()

    unlock(qtbot, window)
    assert window.ctx.practice.notes.get(note_id)["fields"][field] == "Written while locking."


def test_the_new_client_dialog_stays_open_while_the_writer_is_busy_and_closes_once_stored(
        qtbot, ready_vault, make_window):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from session_assistant.ui.common.dialogs import NewClientDialog

    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    dialog = NewClientDialog(practice, window)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.first.setText("Tamsin")
    dialog.last.setText("Queued")
    held = HeldWriter(practice)
    try:
        ticks = Ticks()
        ok.click()
        qtbot.wait(300)
        assert ticks.longest_gap() < 0.5, f"the GUI thread was blocked {ticks.longest_gap():.1f} s"
        assert dialog.isVisible() and not ok.isEnabled() and dialog.client_id is None  # one client, not two
    finally:
        held.release()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert practice.clients.get(dialog.client_id)["last_name"] == "Queued"

    refused = NewClientDialog(practice, window)  # no names: the service refuses, the dialog says why
    qtbot.addWidget(refused)
    refused.show()
    refused.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert refused.isVisible() and refused.message.text() and refused.client_id is None
    assert refused.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_client_edit_saved_behind_a_busy_writer_lands_and_the_form_reloads(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    client_id = next(c["id"] for c in practice.clients.list())
    chart = window.workspace.chart
    window.workspace.open_chart(client_id)
    form = chart.client_tab
    chart.tabs.setCurrentWidget(form)
    form.edits["phone"].setText("555-0142")
    held = HeldWriter(practice)
    try:
        ticks = Ticks()
        form.save.click()
        qtbot.wait(300)
        assert ticks.longest_gap() < 0.5, f"the GUI thread was blocked {ticks.longest_gap():.1f} s"
        assert practice.clients.get(client_id).get("phone") != "555-0142" and not form.isEnabled()
    finally:
        held.release()
    qtbot.waitUntil(lambda: form.status.text().startswith("Saved: phone"), timeout=5000)
    assert practice.clients.get(client_id)["phone"] == "555-0142" and not form.has_unsaved()
