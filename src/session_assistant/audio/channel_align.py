"""Keep two input devices in step: the microphone and the call's audio become one two-channel stream.

Two sound devices never run at exactly the same rate: each has its own crystal, off by up to
~0.1 % (a few seconds over an hour), and each starts delivering at its own moment. Sealing their
samples side by side would let the client's words slide away from the clinician's.

The method (one clock, count and insert):

* **One common clock.** Every block is stamped with ``time.monotonic()`` in its callback. (PortAudio's
  ADC timestamps were tried: through ALSA's PulseAudio plugin they put two inputs of one source
  up to 12 ms apart, where arrival times kept them at 0 ms.)
* **Frames against the clock.** For each stream, ``lag = (arrival - t0) * 16000 - samples received``:
  how far the stream is behind where a perfect 16 kHz device would be. A block can only arrive
  late (scheduling, buffering), never early, so the *minimum* lag over the last ``window_s``
  seconds is the stream's true position; the latency spikes in between are ignored.
* **Correct the lagging one.** The two minimum lags say how many more samples one stream should
  have than the other (start offset plus drift so far). The difference from what has already been
  inserted is corrected on the lagging stream: with silence at its front before anything was
  written (a device that started later), afterwards by resampling its next blocks a little longer
  (at most ``max_stretch``, 2 %: inaudible, and words keep their shape for Whisper). Nothing is
  ever dropped.
* **A device that stops delivering** gets silence once it is ``stall_s`` behind, so the other
  channel is not held back in memory.
* At a pause and at the end the shorter channel is padded with silence: both channels always
  have the same length.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from session_assistant.audio.sealed import SAMPLE_RATE


@dataclass
class _Stream:
    received: int = 0  # samples received (16 kHz), without insertions
    inserted: int = 0  # samples added by alignment (silence or stretching)
    lags: deque = field(default_factory=deque)  # (arrival, lag in samples)
    pending: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))

    def min_lag(self) -> float:
        return min(lag for _, lag in self.lags)


class ChannelAligner:
    """Two 16 kHz int16 streams in, (n, 2) int16 frames out, the columns kept in step.

    Not thread-safe: the recorder's writer thread owns it.
    """

    def __init__(self, rate: int = SAMPLE_RATE, window_s: float = 10.0, tolerance_s: float = 0.004,
                 max_stretch: float = 0.02, stall_s: float = 2.0) -> None:
        self.rate = rate
        self._window_s = window_s
        self._tolerance = tolerance_s * rate
        self._max_stretch = max_stretch
        self._stall = int(stall_s * rate)
        self._streams = (_Stream(), _Stream())
        self._t0: float | None = None
        self._written = 0  # frames handed out since the last start or pause
        self.frames_out = 0
        self.inserted = [0, 0]  # over the whole recording, per channel

    def push(self, channel: int, samples: np.ndarray, arrival: float) -> np.ndarray:
        """Add one block of ``channel`` (0 or 1) that arrived at ``arrival`` (monotonic seconds);
        returns the frames both channels now cover."""
        stream = self._streams[channel]
        samples = np.asarray(samples, dtype=np.int16).reshape(-1)
        if self._t0 is None:
            self._t0 = arrival - samples.size / self.rate  # when the first block began, roughly
        stream.received += samples.size
        stream.lags.append((arrival, (arrival - self._t0) * self.rate - stream.received))
        while stream.lags and stream.lags[0][0] < arrival - self._window_s:
            stream.lags.popleft()
        lagging, need = self._correction()
        if need > 0 and self._written == 0:
            self._insert_front(lagging, int(round(need)))
        elif need > 0 and lagging == channel and samples.size > 1:
            extra = min(int(round(need)), max(1, int(samples.size * self._max_stretch)))
            samples = _stretch(samples, samples.size + extra)
            self._count(channel, extra)
        stream.pending = np.concatenate((stream.pending, samples))
        self._unstall()
        return self._take()

    def flush(self) -> np.ndarray:
        """Pad the shorter channel with silence and hand out everything (a pause or the end). The
        next block starts a fresh alignment, as a fresh start does."""
        longest = max(s.pending.size for s in self._streams)
        for channel, stream in enumerate(self._streams):
            self._append_silence(channel, longest - stream.pending.size)
        out = self._take()
        for stream in self._streams:
            stream.received, stream.inserted = 0, 0
            stream.lags.clear()
        self._t0, self._written = None, 0
        return out

    # -- internals ---------------------------------------------------------------------------------
    def _correction(self) -> tuple[int, float]:
        """(channel that lags, samples it still needs); need <= tolerance means nothing to do."""
        a, b = self._streams
        if not a.lags or not b.lags:
            return 0, 0.0
        wanted = b.min_lag() - a.min_lag()  # how many more samples b should have been given than a
        missing = wanted - (b.inserted - a.inserted)
        if abs(missing) <= self._tolerance:
            return 0, 0.0
        return (1, missing) if missing > 0 else (0, -missing)

    def _insert_front(self, channel: int, count: int) -> None:
        stream = self._streams[channel]
        stream.pending = np.concatenate((np.zeros(count, dtype=np.int16), stream.pending))
        self._count(channel, count)

    def _append_silence(self, channel: int, count: int) -> None:
        if count > 0:
            stream = self._streams[channel]
            stream.pending = np.concatenate((stream.pending, np.zeros(count, dtype=np.int16)))
            self._count(channel, count)

    def _count(self, channel: int, count: int) -> None:
        self._streams[channel].inserted += count
        self.inserted[channel] += count

    def _unstall(self) -> None:
        """Silence stands in for what a stalled device did not deliver: it counts as received (the
        device's time went on), so the drift correction does not answer it by stretching the other."""
        a, b = self._streams
        gap = a.pending.size - b.pending.size
        if abs(gap) > self._stall:
            channel, count = (1 if gap > 0 else 0), abs(gap) - self._stall // 2
            stream = self._streams[channel]
            stream.pending = np.concatenate((stream.pending, np.zeros(count, dtype=np.int16)))
            stream.received += count
            self.inserted[channel] += count

    def _take(self) -> np.ndarray:
        a, b = self._streams
        count = min(a.pending.size, b.pending.size)
        if count == 0:
            return np.zeros((0, 2), dtype=np.int16)
        frames = np.column_stack((a.pending[:count], b.pending[:count]))
        a.pending, b.pending = a.pending[count:], b.pending[count:]
        self._written += count
        self.frames_out += count
        return frames


def _stretch(samples: np.ndarray, length: int) -> np.ndarray:
    """Linear resampling of one block to ``length`` samples (a stretch of a few per cent at most)."""
    positions = np.linspace(0, samples.size - 1, length)
    stretched = np.interp(positions, np.arange(samples.size), samples.astype(np.float32))
    return np.round(stretched).astype(np.int16)
