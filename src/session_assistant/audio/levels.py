"""Input level for a meter, and the "silent" / "clipping" warnings, from float32 blocks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SILENCE_DBFS = -60.0          # quieter than this (RMS) over a whole second counts as silence
CLIP_LEVEL = 0.99             # |sample| at or above this is clipped
CLIP_FRACTION = 0.001         # a second with more clipped samples than this is a clipping second
WARN_AFTER_SECONDS = 5        # consecutive silent / clipping seconds before warning


def dbfs(value: float) -> float:
    return 20.0 * math.log10(value) if value > 1e-10 else -200.0


@dataclass(frozen=True)
class Level:
    rms_dbfs: float
    peak_dbfs: float


class LevelMonitor:
    """Fed every captured block (writer thread); read from any thread (values are replaced whole)."""

    def __init__(self, sample_rate: int, warn_after_s: int = WARN_AFTER_SECONDS) -> None:
        self._rate = sample_rate
        self._warn_after = warn_after_s
        self.level = Level(-200.0, -200.0)
        self._second_samples = 0
        self._second_sumsq = 0.0
        self._second_clipped = 0
        self.silent_seconds = 0
        self.clipping_seconds = 0
        self.warnings_raised: list[str] = []  # "silent" / "clipping", each time a run starts

    @property
    def warning_kind(self) -> str | None:
        """"silent", "clipping" or None: changes only when a warning starts or ends."""
        if self.silent_seconds >= self._warn_after:
            return "silent"
        if self.clipping_seconds >= self._warn_after:
            return "clipping"
        return None

    @property
    def warning(self) -> str | None:
        """The current warning for the user, or None."""
        if self.silent_seconds >= self._warn_after:
            return f"No sound for {self.silent_seconds} s: check the microphone or the chosen input."
        if self.clipping_seconds >= self._warn_after:
            return f"The input has been clipping for {self.clipping_seconds} s: move the microphone or lower the gain."
        return None

    def update(self, mono: np.ndarray) -> None:
        if mono.size == 0:
            return
        sumsq = float(np.dot(mono, mono))
        peak = float(np.max(np.abs(mono)))
        self.level = Level(dbfs(math.sqrt(sumsq / mono.size)), dbfs(peak))
        self._second_samples += mono.size
        self._second_sumsq += sumsq
        self._second_clipped += int(np.count_nonzero(np.abs(mono) >= CLIP_LEVEL))
        if self._second_samples >= self._rate:
            self._close_second()

    def _close_second(self) -> None:
        rms = math.sqrt(self._second_sumsq / self._second_samples)
        clipped = self._second_clipped / self._second_samples
        self.silent_seconds = self.silent_seconds + 1 if dbfs(rms) < SILENCE_DBFS else 0
        self.clipping_seconds = self.clipping_seconds + 1 if clipped > CLIP_FRACTION else 0
        if self.silent_seconds == self._warn_after:
            self.warnings_raised.append("silent")
        if self.clipping_seconds == self._warn_after:
            self.warnings_raised.append("clipping")
        self._second_samples, self._second_sumsq, self._second_clipped = 0, 0.0, 0
