"""Every control of every screen has a name a screen reader can speak, and the keyboard reaches every
input of a screen and comes back around (issue 21, accessibility)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox,
                               QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget)

from ui_helpers import unlock

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QTextEdit, QPlainTextEdit, QAbstractSpinBox,
               QAbstractItemView)


def _inside_another_control(widget: QWidget) -> bool:
    """The line edit of an editable combo box or a spin box, a tab bar's scroll buttons, a view's
    corner button: parts of a control that is itself named."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView)) or type(parent).__name__ == "QTabBar":
            return True
        parent = parent.parentWidget()
    return False


def _buddy_texts(root: QWidget) -> dict[int, str]:
    return {id(label.buddy()): label.text() for label in root.findChildren(QLabel) if label.buddy() is not None}


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible controls under ``root`` with neither an accessible name, a buddy label nor their own text."""
    buddies = _buddy_texts(root)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root) or _inside_another_control(widget):
            continue
        own_text = widget.text() if isinstance(widget, QAbstractButton) else ""
        name = widget.accessibleName() or buddies.get(id(widget), "") or own_text.replace("&", "")
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName() or ''} under "
                           f"{type(widget.parentWidget()).__name__}")
    return missing


def focus_inputs(root: QWidget) -> dict[int, QWidget]:
    """Enabled, visible controls under ``root``: each should be reachable by Tab."""
    return {id(w): w for w in root.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and w.isVisibleTo(root) and w.isEnabled() and not _inside_another_control(w)}


def tab_around(window: QWidget, first: QWidget, steps: int = 400) -> tuple[list[QWidget], bool]:
    """Press Tab from ``first`` as the keyboard would (focusNextChild) until focus comes back to it:
    the widgets focus visited and whether it came back around."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    visited = []
    for _ in range(steps):
        QApplication.focusWidget().focusNextChild()
        QApplication.processEvents()
        now = QApplication.focusWidget()
        if now is first:
            return visited, True
        visited.append(now)
    return visited, False


def _screens(window):
    """(name, widget) for each screen, shown in turn in the real window."""
    workspace = window.workspace
    workspace.go(0)
    yield "agenda", workspace.agenda
    workspace.go(4)
    yield "notes to write", workspace.queue
    client_id = window.ctx.practice.clients.list()[0]["id"]
    workspace.open_chart(client_id)
    tabs = workspace.chart.tabs
    for index in range(tabs.count()):
        if tabs.isTabEnabled(index):
            tabs.setCurrentIndex(index)
            yield f"chart tab {tabs.tabText(index)}", workspace.chart
    appointment = window._test_appointment
    workspace.open_session(appointment)
    yield "session", workspace.session
    workspace.open_note(appointment)
    yield "note editor", workspace.note


def _opened(qtbot, ready_vault, make_window):
    from session_seed import seed_session

    appointment, _note = seed_session(ready_vault)
    window = make_window(ready_vault)
    window.resize(1366, 768)
    window.show()
    unlock(qtbot, window)
    window._test_appointment = appointment
    return window


def test_every_control_on_every_screen_has_an_accessible_name(qtbot, ready_vault, make_window):
    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    window = _opened(qtbot, ready_vault, make_window)
    problems = {}
    for name, screen in _screens(window):
        QApplication.processEvents()
        missing = unnamed_controls(screen)
        if missing:
            problems[name] = missing
    missing = unnamed_controls(window.workspace.toolbar) + unnamed_controls(window.workspace.nav.parentWidget())
    if missing:
        problems["header"] = missing
    dialog = SettingsDialog(window.ctx, window.workspace)
    dialog.show()
    qtbot.addWidget(dialog)
    tabs = [w for w in dialog.findChildren(QWidget) if type(w).__name__ == "QTabWidget"]
    pages = [(tab, i) for tab in tabs for i in range(tab.count())] or [(None, 0)]
    for tab, i in pages:
        if tab is not None:
            tab.setCurrentIndex(i)
        missing = unnamed_controls(dialog)
        if missing:
            problems[f"settings {tab.tabText(i) if tab else ''}"] = missing
    dialog.reject()
    assert not problems, problems


def test_the_focus_chain_of_each_screen_reaches_every_input_and_comes_back_around(qtbot, ready_vault, make_window):
    window = _opened(qtbot, ready_vault, make_window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    problems = {}
    for name, screen in _screens(window):
        QApplication.processEvents()
        inputs = focus_inputs(screen)
        assert inputs, name
        first = next(w for w in inputs.values() if w.focusPolicy() & Qt.FocusPolicy.TabFocus)
        visited, came_back = tab_around(window, first)
        missed = [f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', lambda: '')()}"
                  for key, w in inputs.items() if key not in {id(v) for v in visited} and w is not first]
        if not came_back or missed:
            problems[name] = {"came back": came_back, "missed": missed}
    assert not problems, problems


def test_the_focus_chain_of_each_settings_page_reaches_every_input_and_comes_back_around(qtbot, ready_vault,
                                                                                         make_window):
    from PySide6.QtWidgets import QTabWidget

    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    window = _opened(qtbot, ready_vault, make_window)
    dialog = SettingsDialog(window.ctx, window.workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    tabs = dialog.findChild(QTabWidget)
    problems = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        inputs = focus_inputs(tabs.currentWidget())
        if not inputs:
            continue
        first = next(w for w in inputs.values() if w.focusPolicy() & Qt.FocusPolicy.TabFocus)
        visited, came_back = tab_around(dialog, first)
        missed = [f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', lambda: '')()}"
                  for key, w in inputs.items() if key not in {id(v) for v in visited} and w is not first]
        if not came_back or missed:
            problems[tabs.tabText(index)] = {"came back": came_back, "missed": missed}
    dialog.reject()
    assert not problems, problems
