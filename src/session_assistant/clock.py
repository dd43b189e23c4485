"""Time as the app sees it. Injected everywhere so tests can drive it (no real sleeping)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable


class Clock:
    """Wall-clock time in UTC; ``FixedClock`` lets tests move it."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def iso(self) -> str:
        return self.now().isoformat(timespec="seconds")


class FixedClock(Clock):
    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo else start.replace(tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self._now += timedelta(**delta)


NowFn = Callable[[], datetime]
