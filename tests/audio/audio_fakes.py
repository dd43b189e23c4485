"""A fake PortAudio input stream for recorder tests (and the recording bench / kill-test child).

It calls the recorder's callback from its own thread with blocks copied into ONE reused buffer, as
PortAudio does, so a recorder that kept a reference instead of copying would fail the tests.
"""

from __future__ import annotations

import threading
import time

import numpy as np


class FakeStatus:
    def __init__(self, input_overflow: bool = False) -> None:
        self.input_overflow = input_overflow

    def __bool__(self) -> bool:
        return self.input_overflow


class FakeInputStream:
    """Feeds ``samples`` (frames x channels, float32) in blocks.

    Args:
        speed: 1.0 paces blocks in real time, 0 feeds them as fast as possible.
        loop: start again at the end (for long or killed recordings); else go quiet at the end.
        overflow_every: report ``input_overflow`` on every n-th callback (None: never).
    """

    def __init__(self, samples: np.ndarray, samplerate: int, channels: int, blocksize: int, callback,
                 speed: float = 0.0, loop: bool = False, overflow_every: int | None = None) -> None:
        assert samples.ndim == 2 and samples.shape[1] == channels
        self._samples = samples.astype(np.float32)
        self._rate, self._block = samplerate, blocksize
        self._callback, self._speed, self._loop = callback, speed, loop
        self._overflow_every = overflow_every
        self._buffer = np.zeros((blocksize, channels), dtype=np.float32)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.blocks_fed = 0
        self.exhausted = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(10)

    def close(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        begin, pos, total = time.monotonic(), 0, len(self._samples)
        while not self._stop.is_set():
            if pos >= total:
                if not self._loop:
                    self.exhausted.set()
                    return
                pos = 0
            block = self._samples[pos : pos + self._block]
            self._buffer[: len(block)] = block
            self._buffer[len(block) :] = 0
            pos += len(block)
            self.blocks_fed += 1
            overflow = bool(self._overflow_every and self.blocks_fed % self._overflow_every == 0)
            self._callback(self._buffer, self._block, None, FakeStatus(overflow))
            self._buffer[:] = 12345.0  # what a stale reference would see: the recorder must have copied
            if self._speed:
                due = begin + self.blocks_fed * self._block / self._rate / self._speed
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)


def fake_factory(samples: np.ndarray, **options):
    """A recorder ``open_stream`` factory returning a FakeInputStream; ``.streams`` keeps them."""

    def open_stream(*, samplerate, channels, blocksize, callback):
        stream = FakeInputStream(samples, samplerate, channels, blocksize, callback, **options)
        open_stream.streams.append(stream)
        return stream

    open_stream.streams = []
    return open_stream


def sine(seconds: float, rate: int, freq: float = 440.0, amplitude: float = 0.3, channels: int = 1) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    wave = (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.repeat(wave[:, None], channels, axis=1)


class ManualStream:
    """A stream the test drives block by block (deterministic pause/resume and overrun tests)."""

    def __init__(self, samplerate, channels, blocksize, callback) -> None:
        self.rate, self.channels, self.blocksize, self._callback = samplerate, channels, blocksize, callback
        self._buffer = np.zeros((blocksize, channels), dtype=np.float32)
        self.started = self.stopped = self.closed = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True

    def close(self) -> None:
        self.closed = True

    def push(self, block: np.ndarray, overflow: bool = False) -> None:
        self._buffer[:] = block.reshape(self.blocksize, self.channels)
        self._callback(self._buffer, self.blocksize, None, FakeStatus(overflow))
        self._buffer[:] = 12345.0

    def push_signal(self, samples: np.ndarray) -> None:
        for start in range(0, len(samples) - self.blocksize + 1, self.blocksize):
            self.push(samples[start : start + self.blocksize])


def manual_factory():
    def open_stream(*, samplerate, channels, blocksize, callback):
        open_stream.stream = ManualStream(samplerate, channels, blocksize, callback)
        return open_stream.stream

    open_stream.stream = None
    return open_stream
