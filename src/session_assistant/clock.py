"""Time as the app sees it. Injected everywhere so tests can drive it (no real sleeping).

Two clocks: the wall clock (UTC, shown to people, stored with records) and the boot clock, which
counts real seconds since the machine booted, suspend included, and never jumps when the wall
clock is set. The retention deadline uses both (``audio/deadline.py``): a wall clock that was
wrong, or is set later, must not keep audio alive past 24 hours of real time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


@dataclass(frozen=True)
class BootTime:
    """A reading of the boot clock: which boot, and real seconds since it began."""

    boot_id: str
    seconds: float


def read_boot_time() -> BootTime | None:
    """The boot clock where the platform has one that counts suspend (Linux: CLOCK_BOOTTIME);
    None elsewhere, and then only the wall clock (with its plausibility check) decides."""
    clock_id = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is None:
        return None
    try:
        boot_id = _BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return None
    return BootTime(boot_id, time.clock_gettime(clock_id)) if boot_id else None


class Clock:
    """Wall-clock time in UTC; ``FixedClock`` lets tests move it."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def iso(self) -> str:
        return self.now().isoformat(timespec="seconds")

    def boot_time(self) -> BootTime | None:
        return read_boot_time()


class FixedClock(Clock):
    """A clock tests move. ``advance`` is real time passing (both clocks move forward); ``jump``
    sets the wall clock only (a wrong clock, or its correction); ``reboot`` starts a new boot."""

    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo else start.replace(tzinfo=timezone.utc)
        self._boot = 0
        self._boot_seconds = 3600.0

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta) -> None:
        step = timedelta(**delta)
        self._now += step
        self._boot_seconds += max(step.total_seconds(), 0.0)  # a boot clock never runs backwards

    def jump(self, **delta) -> None:
        self._now += timedelta(**delta)

    def reboot(self, uptime_s: float = 60.0) -> None:
        self._boot += 1
        self._boot_seconds = uptime_s

    def boot_time(self) -> BootTime | None:
        return BootTime(f"fixed-clock-boot-{self._boot}", self._boot_seconds)


NowFn = Callable[[], datetime]
