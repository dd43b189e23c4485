"""The Help menu: the keyboard shortcuts, listed from the window's own actions plus the keys every
screen shares, so the list cannot drift from what the keys really do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QMainWindow, QMenu, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

GENERAL_KEYS = (
    ("Enter", "Submit the form; open the selected row (its note, if any)"),
    ("Esc", "Close a dialog without saving; cancel running work"),
    ("Tab / Shift+Tab", "Next / previous field, also out of text boxes"),
    ("Alt + underlined letter", "Press that button"),
    ("Alt+Left / Alt+Right", "Agenda: previous / next week"),
    ("Alt+Home", "Agenda: back to this week"),
    ("F5", "Agenda: reload"),
    ("F1", "This list"),
)


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut in ``window``, then the shared keys."""
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        title = action.text().replace("&", "").replace("…", "").strip()
        if keys and title and keys not in rows:
            rows[keys] = title
    ordered = sorted(rows.items(), key=lambda item: (len(item[0]), item[0]))
    return ordered + [row for row in GENERAL_KEYS if row[0] not in rows]


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.table = QTreeWidget()
        self.table.setColumnCount(2)
        self.table.setHeaderLabels(("Keys", "Does"))
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for keys, does in shortcut_rows(window):
            self.table.addTopLevelItem(QTreeWidgetItem([keys, does]))
        note = QLabel("Screen shortcuts work once the vault is unlocked.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(600, 460)


def install_help_menu(window: QMainWindow) -> QMenu:
    """Add Help › Keyboard shortcuts (F1) to the window's menu bar."""
    menu = window.menuBar().addMenu("&Help")
    action = QAction("&Keyboard shortcuts…", window)
    action.setShortcut(QKeySequence(Qt.Key.Key_F1))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: ShortcutsDialog(window).open())
    menu.addAction(action)
    return menu
