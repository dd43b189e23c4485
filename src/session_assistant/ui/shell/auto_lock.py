"""Automatic lock after idle time, by wall clock so it also works across sleep (SECURITY 15).

A ``QTimer`` ticks every few seconds and compares ``wall()`` (``time.time`` by default) with the
last user input. A suspended laptop's timers stop, but the wall clock keeps running, so the first
tick after resume sees the real idle time. Resume is also detected directly: if the wall clock
jumped much further than the monotonic clock (which stops during suspend on Linux) the system
slept, and the app locks at once.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

_INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                 QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride}
SLEEP_GAP_S = 60.0  # wall time running this much ahead of monotonic time means the system slept


class AutoLock(QObject):
    """Emits ``lock_due(reason)`` once when idle too long or after a system sleep.

    Args:
        minutes: idle minutes before locking.
        wall: wall-clock seconds (injected in tests).
        mono: monotonic seconds (injected in tests).
        tick_ms: how often to check.
    """

    lock_due = Signal(str)

    def __init__(self, minutes: int, wall: Callable[[], float] = time.time,
                 mono: Callable[[], float] = time.monotonic, tick_ms: int = 5000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wall, self._mono = wall, mono
        self.minutes = minutes
        self._last_input = wall()
        self._last_tick = (wall(), mono())
        self._armed = False
        self._following_focus = False
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.check)

    def arm(self) -> None:
        """Start watching (after an unlock)."""
        self._armed = True
        self.touch()
        self._watch_windows()
        app = QGuiApplication.instance()
        if app is not None and not self._following_focus:
            app.focusWindowChanged.connect(self._watch)
            self._following_focus = True
        self._timer.start()

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()

    @property
    def armed(self) -> bool:
        return self._armed

    def touch(self) -> None:
        """User activity: restart the idle period."""
        self._last_input = self._wall()
        self._last_tick = (self._last_input, self._mono())

    def idle_seconds(self) -> float:
        return self._wall() - self._last_input

    def check(self) -> None:
        """One tick: lock if idle too long or if the system slept since the last tick."""
        if not self._armed:
            return
        self._watch_windows()
        wall, mono = self._wall(), self._mono()
        wall_step, mono_step = wall - self._last_tick[0], mono - self._last_tick[1]
        self._last_tick = (wall, mono)
        if wall_step - mono_step > SLEEP_GAP_S:
            self._fire("resumed from sleep")
        elif self.idle_seconds() >= self.minutes * 60:
            self._fire("idle")

    def _fire(self, reason: str) -> None:
        self.disarm()
        self.lock_due.emit(reason)

    def _watch_windows(self) -> None:
        """Watch each top-level window (dialogs too) for input.

        The window system hands input to a window before Qt passes it to the widget under it, so a
        filter on the windows sees all of it. An application-wide filter saw it too, but it made
        Python look at every event of every widget (paints, layouts, polish: most events), which
        cost about a fifth of the time to build a screen. Installing again only moves the filter
        first; a window opened since the last tick is also caught when it takes the focus."""
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def _watch(self, window: QWindow | None) -> None:
        if window is not None and self._armed:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if self._armed and event.type() in _INPUT_EVENTS:
            self._last_input = self._wall()
        return False
