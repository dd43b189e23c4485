"""Keyboard and forms (issue 18): Enter submits, Tab leaves text fields, Esc cancels, the Help menu
lists the shortcuts, and unlocking returns to where the clinician was."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ui_helpers import TEST_PASSPHRASE, unlock


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def test_enter_submits_each_first_run_step_and_the_unlock_page(qtbot, ui_paths, make_window):
    window = make_window(ui_paths)
    page = window.first_run
    page.name.setText("Dr Ada Example")
    page.passphrase.setText(TEST_PASSPHRASE)
    page.repeat.setText(TEST_PASSPHRASE)
    _focus(qtbot, window, page.repeat)
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)  # step 1: create the vault
    qtbot.waitUntil(lambda: page.currentIndex() == 1, timeout=15000)
    qtbot.keyClick(page.written_down, Qt.Key.Key_Return)
    assert page.currentIndex() == 1  # not before the recovery key is confirmed as written down
    page.written_down.setChecked(True)
    qtbot.keyClick(page.written_down, Qt.Key.Key_Enter)  # step 2: continue (keypad Enter too)
    assert page.currentIndex() == 2
    qtbot.keyClick(page.ai_consent, Qt.Key.Key_Return)  # step 3: start
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15000)

    window.lock()
    unlock_page = window.unlock_page
    unlock_page.passphrase.setText("not the passphrase")
    qtbot.keyClick(unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "did not unlock" in unlock_page.message.text(), timeout=15000)
    unlock_page.passphrase.setText(TEST_PASSPHRASE)
    qtbot.keyClick(unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15000)


def test_tab_in_a_multi_line_field_moves_focus_instead_of_typing_a_tab(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    appointment = next(r for r in window.ctx.practice.appointments.list() if r["first_name"] == "Mira")
    workspace.open_note(appointment["id"])
    workspace.note.template.setCurrentText("SOAP Note (manual)")
    workspace.note.create_button.click()
    boxes = workspace.note.fields_holder.findChildren(QPlainTextEdit)
    assert len(boxes) >= 2
    first = boxes[0]
    _focus(qtbot, window, first)
    qtbot.keyClicks(first, "Slept better")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert first.toPlainText() == "Slept better"  # no tab character typed
    assert QApplication.focusWidget() is not first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is first
    # Every multi-line field of every screen behaves the same (the rule is application-wide).
    shown = [w for w in window.findChildren(QPlainTextEdit) if w.isVisible()]
    assert shown and all(w.tabChangesFocus() for w in shown)


def test_esc_closes_a_dialog_without_saving(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    before = len(practice.clients.list())
    seen = []

    def press_escape() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        # A fallback so that a broken Esc fails the test instead of hanging it (gone with the dialog).
        QTimer.singleShot(3000, dialog, lambda: dialog.isVisible() and (seen.append("still open"), dialog.reject()))
        field = dialog.findChildren(QLineEdit)[0]
        field.setText("Esc Test")
        qtbot.keyClick(field, Qt.Key.Key_Escape)

    QTimer.singleShot(200, press_escape)
    window.workspace._on_new_client_requested()  # exec() returns once Esc has closed the dialog
    assert len(seen) == 1 and seen[0] is not None  # Esc closed it (the fallback did not have to)
    assert QApplication.activeModalWidget() is None
    assert len(practice.clients.list()) == before


def test_esc_cancels_running_work_while_its_cancel_button_shows(qtbot):
    from session_assistant.ui.common.widgets import BusyPanel

    host = QWidget()
    layout = QVBoxLayout(host)
    panel = BusyPanel()
    layout.addWidget(panel)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host, timeout=3000)  # shortcuts need an active window
    cancelled = []
    panel.cancel_clicked.connect(lambda: cancelled.append(1))
    qtbot.keyClick(host, Qt.Key.Key_Escape)
    assert cancelled == []  # nothing runs: Esc does nothing here
    panel.start("Transcribing…")
    qtbot.keyClick(host, Qt.Key.Key_Escape)
    assert cancelled == [1]
    panel.start("Creating the vault…", cancellable=False)
    qtbot.keyClick(host, Qt.Key.Key_Escape)
    assert cancelled == [1]  # work that cannot be cancelled is not


def test_help_menu_lists_the_shortcuts(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    menus = {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}
    assert "Help" in menus
    entry = next(a for a in menus["Help"].actions() if "shortcuts" in a.text().lower())
    assert entry.shortcut().toString() == "F1"
    entry.trigger()
    from session_assistant.ui.shell.shortcuts_help import ShortcutsDialog

    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ShortcutsDialog)), timeout=3000)
    dialog = next(w for w in window.findChildren(ShortcutsDialog) if w.isVisible())
    table = {dialog.table.topLevelItem(i).text(0): dialog.table.topLevelItem(i).text(1)
             for i in range(dialog.table.topLevelItemCount())}
    assert table["Ctrl+L"] == "Lock"
    assert table["Ctrl+1"] == "Agenda" and table["Ctrl+2"] == "Notes to write"
    assert table["Ctrl+N"] == "New appointment"
    assert "Esc" in table and "Enter" in table and "Tab / Shift+Tab" in table
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_unlock_returns_to_the_client_chart_and_the_note_that_were_open(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    mira = next(c["id"] for c in practice.clients.list() if c["first_name"] == "Mira")
    window.workspace.open_chart(mira)
    window.lock("idle")
    assert window.workspace is None
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace.stack.currentWidget() is workspace.chart
    assert workspace.chart.client_id == mira and workspace.chart.title.text() == "Mira Takahashi"

    practice = window.ctx.practice  # a new Practice after each unlock
    signed = next(r for r in practice.appointments.list() if r["note_status"] == "signed")
    workspace.open_note(signed["id"])
    window.lock("on demand")
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace.stack.currentWidget() is workspace.note
    assert workspace.note.appointment_id == signed["id"] and workspace.note.note["status"] == "signed"


def test_unlock_returns_to_the_agenda_week_and_the_notes_to_write_screen(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    window.workspace.agenda.show_week(1)
    window.lock("idle")
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace.stack.currentWidget() is workspace.agenda and workspace.agenda.week_offset == 1
    workspace.go(4)
    window.lock("on demand")
    unlock(qtbot, window)
    assert window.workspace.stack.currentWidget() is window.workspace.queue
