"""Small reusable widgets: passphrase strength meter, level meter, clipboard guard, busy panel,
and the keyboard rules every screen shares (Tab leaves text fields, Esc cancels running work)."""

from __future__ import annotations

import math
import string
import time

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QVBoxLayout,
                               QWidget)

from session_assistant.ui.common import theme
from session_assistant.vault.store import MIN_PASSPHRASE_LENGTH


def passphrase_bits(text: str) -> float:
    """A rough strength estimate in bits (character pool size x length), capped by repetition."""
    if not text:
        return 0.0
    pool = 0
    for chars, size in ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26), (string.digits, 10)):
        if any(c in chars for c in text):
            pool += size
    if any(not c.isalnum() for c in text):
        pool += 33
    distinct = len(set(text))
    effective_length = min(len(text), distinct * 3)  # "aaaaaaaaaa" is not strong
    return effective_length * math.log2(max(pool, 2))


def strength_label(text: str) -> tuple[int, str]:
    """(0..100, words) for the meter."""
    if not text:
        return 0, ""
    if len(text) < MIN_PASSPHRASE_LENGTH:
        return min(30, int(passphrase_bits(text) / 2)), f"Too short: at least {MIN_PASSPHRASE_LENGTH} characters"
    bits = passphrase_bits(text)
    if bits < 50:
        return 40, "Weak: add a few more words"
    if bits < 75:
        return 70, "Fair"
    return 100, "Strong"


class StrengthMeter(QWidget):
    """Bar plus words; the words matter for colour-blind users and screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Passphrase strength")
        self.words = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.words)
        self.update_for("")

    def update_for(self, text: str) -> None:
        value, words = strength_label(text)
        self.bar.setValue(value)
        self.words.setText(words)
        self.bar.setAccessibleDescription(words)


class LevelMeter(QProgressBar):
    """Input level in dBFS mapped onto 0..100 (-60 dBFS .. 0 dBFS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100)
        self.setTextVisible(False)
        self.setAccessibleName("Input level")

    def set_dbfs(self, dbfs: float) -> None:
        self.setValue(int(max(0.0, min(1.0, (dbfs + 60.0) / 60.0)) * 100))


class ClipboardGuard(QObject):
    """Copies text for the app and clears the clipboard on lock if it still holds what we wrote."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._written: str | None = None

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._written = text

    def clear_ours(self) -> bool:
        """Clear the clipboard if its text is ours; True if something was cleared."""
        if self._written is None:
            return False
        clipboard = QGuiApplication.clipboard()
        ours = clipboard.text() == self._written
        if ours:
            clipboard.clear()
        self._written = None
        return ours


STILL_WORKING_AFTER_S = 10.0  # no visible progress for this long: a clock says the work is alive


def spoken_duration(seconds: float) -> str:
    """'45 s', '2 min 05 s': how long, as a clinician glancing at the screen reads it."""
    whole = int(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60:02d} s"


class BusyPanel(QWidget):
    """Progress bar, message and a Cancel button for one running Worker.

    Some steps report nothing for minutes (a model reading a long transcript before its first word,
    sealing a large import): after ``STILL_WORKING_AFTER_S`` without a change a line under the bar
    counts the time, so a wait at "0 %" or "100 %" does not look like a frozen window.
    """

    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Progress")
        # The line above says the percentage; the bar's own "100%" was dark text on the dark filled
        # part, unreadable once past half-way.
        self.bar.setTextVisible(False)
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel the running work")
        self.cancel.setToolTip("Cancel (Esc)")
        self.cancel.clicked.connect(self.cancel_clicked)
        # Esc cancels while the button shows: a shortcut on a hidden or disabled widget never fires.
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.cancel, context=Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self._on_escape)
        escape.activatedAmbiguously.connect(self._on_escape)  # two panels running: Esc cancels each in turn
        self.still = caption()
        self.still.setAccessibleName("Time without visible progress")
        self.still.hide()
        self._changed_at = time.monotonic()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.still)
        self.hide()

    def show_progress(self, fraction: float, message: str) -> None:
        value = int(fraction * 1000)
        if not self._clock.isActive() or value != self.bar.value() or message != self.message.text():
            self._changed_at = time.monotonic()
            self.still.hide()
            self._clock.start()
        self.show()
        self.bar.setValue(value)
        self.message.setText(message)

    def start(self, message: str, cancellable: bool = True) -> None:
        self.cancel.setEnabled(cancellable)
        self.cancel.setVisible(cancellable)
        self._clock.stop()  # a new piece of work: its own clock
        self.show_progress(0.0, message)

    def done(self) -> None:
        self._clock.stop()
        self.still.hide()
        self.hide()

    def _on_clock(self) -> None:
        waited = time.monotonic() - self._changed_at
        if waited >= STILL_WORKING_AFTER_S:
            self.still.setText(f"Still working: {spoken_duration(waited)} since the last change shown above.")
            self.still.show()

    def _on_escape(self) -> None:
        if self.cancel.isVisible() and self.cancel.isEnabled():
            self.cancel.click()


def press_on_enter(event: QKeyEvent, default: QPushButton) -> bool:
    """For a page's ``keyPressEvent``: Enter or Return that no control used (a line edit or a check box
    passes it on) presses the focused button, else ``default``. True when the key was Enter."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    focused = QApplication.focusWidget()
    button = focused if isinstance(focused, QPushButton) else default
    if button.isVisible() and button.isEnabled():
        button.click()
    return True


def heading(text: str, size_delta: int = 4) -> QLabel:
    """A screen's title (or, with a small ``size_delta``, a section heading); its size comes from the theme."""
    label = QLabel(text)
    theme.set_role(label, "title" if size_delta >= 4 else "section")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def signed_banner(record: str) -> QLabel:
    """The "Signed · read-only" banner of a signed record (note, assessment, plan, summary), hidden until
    the screen shows a signed one: one look and one spoken name for every signed record."""
    banner = QLabel("Signed · read-only")
    banner.setAccessibleName(f"This {record} is signed and read-only")
    theme.set_role(banner, "banner", kind="signed")
    banner.hide()
    return banner


def reading_column(content: QWidget) -> QWidget:
    """``content`` capped at the theme's reading width and centred in whatever space is left: on a wide
    window the lines of a note or a chart stay short enough to read; on a laptop the cap takes nothing."""
    content.setMaximumWidth(theme.READING_WIDTH)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    row.addStretch(1)
    row.addWidget(content, 1000)  # takes all the room up to the cap; only the rest goes to the sides
    row.addStretch(1)
    return holder


def caption(text: str = "") -> QLabel:
    """Secondary text in the muted caption style, wrapping."""
    label = QLabel(text)
    label.setWordWrap(True)
    theme.set_role(label, "caption")
    return label


class EmptyState(QFrame):
    """What goes here, and the one action that fills it (instead of an empty list or a greyed form)."""

    def __init__(self, title: str, text: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.set_role(self, "empty")
        self.title = heading(title, 2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.action = QPushButton(action)
        theme.set_role(self.action, "primary")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.action)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        pad = theme.SPACE["l"]
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.SPACE["s"])
        layout.addStretch(1)  # the message sits together in the middle of the space it fills
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addStretch(1)

    def say(self, title: str, text: str, action: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.action.setText(action)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text in a ``QTreeView`` with word wrap on.

    Qt measures a tree row before it knows the column's width, so ``setWordWrap(True)`` alone leaves
    every row one line high and the text cut off with "..."; this measures at the column's width (less
    the indentation) and lays the rows out again when a column is resized.
    """

    def __init__(self, tree: QTreeView, columns: tuple[int, ...] | None = None) -> None:
        """``columns``: only these wrap (the others keep one line and fit their text); None: every column."""
        super().__init__(tree)
        self._tree = tree
        self._columns = columns
        self._relayout = QTimer(self, singleShot=True, interval=0)
        self._relayout.timeout.connect(tree.doItemsLayout)
        tree.header().sectionResized.connect(lambda *_args: self._relayout.start())

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt name
        if self._columns is not None and index.column() not in self._columns:
            return super().sizeHint(option, index)
        tree = self._tree
        width = tree.header().sectionSize(index.column())
        if index.column() == 0:
            depth, parent = int(tree.rootIsDecorated()), index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= tree.indentation() * depth
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.rect = QRect(0, 0, max(width, 1), 1)
        item.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return tree.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, item, QSize(), tree)


class ScrollSafeComboBox(QComboBox):
    """A combo box in a scrolling list: the mouse wheel scrolls the list, and changes the choice
    only once the box was clicked or tabbed into. A plain QComboBox took the wheel meant for the
    mental status checklist and wrote "Speech: loud" into the note without a click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not give it the focus

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # on to the scroll area around it
