"""The recorder: a PortAudio (or injected) input stream feeding a writer thread that seals chunks.

Threads:
    * the audio callback (PortAudio's thread) only copies each block into a bounded queue; when the
      queue is full the block is dropped and counted, never waited for;
    * the writer thread mixes to mono, updates the meter, resamples to 16 kHz, seals ~1 s chunks
      (each fdatasync'd) and calls ``on_chunk`` with the chunk's audio;
    * the caller's thread starts, pauses, resumes and stops.

The stream is injected (``open_stream``), so tests drive the recorder with a fake stream.
"""

from __future__ import annotations

import errno
import logging
import queue
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from session_assistant.audio.levels import Level, LevelMonitor
from session_assistant.audio.sealed import CHUNK_SAMPLES, DEFAULT_MAX_SECONDS, SAMPLE_RATE, SealedWriter
from session_assistant.errors import DiskFull

log = logging.getLogger(__name__)

DEFAULT_QUEUE_BLOCKS = 100  # 10 s of 100 ms blocks: room for a slow disk, bounded memory

StreamFactory = Callable[..., Any]
_FLUSH = object()  # queued by pause(): seal the partial chunk now rather than after the pause  # (samplerate=, channels=, blocksize=, callback=) -> stream


class To16kMono:
    """Float32 mono at any rate -> int16 at 16 kHz (libswresample through PyAV when rates differ)."""

    def __init__(self, input_rate: int) -> None:
        self.input_rate = input_rate
        self._resampler = None
        if input_rate != SAMPLE_RATE:
            import av

            self._av = av
            self._resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)

    def push(self, mono: np.ndarray) -> np.ndarray:
        if self._resampler is None:
            return (np.clip(mono, -1.0, 32767 / 32768) * 32768.0).astype(np.int16)
        frame = self._av.AudioFrame.from_ndarray(mono.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = self.input_rate
        return self._collect(self._resampler.resample(frame))

    def flush(self) -> np.ndarray:
        if self._resampler is None:
            return np.zeros(0, dtype=np.int16)
        return self._collect(self._resampler.resample(None))

    @staticmethod
    def _collect(frames) -> np.ndarray:
        parts = [f.to_ndarray().reshape(-1) for f in frames]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)


@dataclass
class RecorderResult:
    state: str                    # "stopped", "capped" or "failed"
    duration_s: float
    chunks: int
    dropped_blocks: int           # blocks dropped because the writer fell behind (queue full)
    dropped_frames: int
    input_overflows: int          # callbacks where PortAudio reported an input overflow
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def overruns(self) -> int:
        return self.dropped_blocks + self.input_overflows


class Recorder:
    """Record from a stream into a ``SealedWriter``.

    Args:
        writer: the sealed file to append to (the recorder finishes or closes it).
        open_stream: stream factory; real use passes ``devices.portaudio_stream_factory``.
        input_rate, channels: what the stream delivers.
        max_seconds: hard cap; the recording stops itself (state "capped") when reached.
        on_chunk: called on the writer thread with each sealed chunk as float32 16 kHz.
        queue_blocks: bound of the callback -> writer queue.
    """

    def __init__(self, writer: SealedWriter, open_stream: StreamFactory, input_rate: int, channels: int = 1,
                 max_seconds: float = DEFAULT_MAX_SECONDS, on_chunk: Callable[[np.ndarray], None] | None = None,
                 queue_blocks: int = DEFAULT_QUEUE_BLOCKS, warn_after_s: int = 5) -> None:
        self._writer = writer
        self._open_stream = open_stream
        self._input_rate = int(input_rate)
        self._channels = int(channels)
        self._max_samples = int(max_seconds * SAMPLE_RATE)
        self._on_chunk = on_chunk
        self._queue: queue.Queue = queue.Queue(maxsize=queue_blocks)
        self._monitor = LevelMonitor(self._input_rate, warn_after_s)
        self._converter = To16kMono(self._input_rate)
        self._pending = np.zeros(0, dtype=np.int16)
        self._accepting = False
        self._paused = False
        self._stream = None
        self._streams: list = []  # every open input stream (a call has two)
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._audio_arrived = threading.Event()  # the device's first block: audio really flows
        self._stop_lock = threading.Lock()
        self.state = "idle"
        self.dropped_blocks = 0
        self.dropped_frames = 0
        self.input_overflows = 0
        self._error: BaseException | None = None
        self._result: RecorderResult | None = None

    # -- the audio callback: copy, enqueue, count; nothing else ------------------------------------
    def _callback(self, indata, frames, time_info, status) -> None:
        if status and getattr(status, "input_overflow", False):
            self.input_overflows += 1
        if not self._accepting or self._paused:
            return
        self._audio_arrived.set()
        try:
            self._queue.put_nowait(indata.copy())
        except queue.Full:
            self.dropped_blocks += 1
            self.dropped_frames += frames

    # -- control (caller's thread) -----------------------------------------------------------------
    def open(self) -> None:
        """Open the input stream without starting it (so a bad device fails before anything is stored)."""
        if self._stream is None:
            self._stream = self._open_stream(samplerate=self._input_rate, channels=self._channels,
                                             blocksize=max(1, self._input_rate // 10), callback=self._callback)
            self._streams.append(self._stream)

    def start(self) -> None:
        if self.state != "idle":
            raise RuntimeError("a recorder starts once")
        self.open()
        self._thread = threading.Thread(target=self._write_loop, name="recording-writer", daemon=True)
        self._thread.start()
        self._accepting = True
        self.state = "recording"
        for stream in self._streams:
            stream.start()

    def pause(self) -> None:
        """Stop taking audio; what is already queued is sealed at once (a pause may last long)."""
        if self.state == "recording":
            self._paused, self.state = True, "paused"
            try:
                self._queue.put_nowait(_FLUSH)
            except queue.Full:
                pass  # the writer is behind; the pending part is sealed with the next full chunk

    def resume(self) -> None:
        if self.state == "paused":
            self._paused, self.state = False, "recording"

    @property
    def finished(self) -> bool:
        """True once the recording ended on its own (cap reached or a write failed)."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def audio_flowing(self) -> bool:
        return self._audio_arrived.is_set()

    def wait_for_audio(self, timeout: float) -> bool:
        """True once the device has delivered its first block. A device can take a second or more
        to start after ``start()``; words said before then are not recorded, so "Recording" is
        announced only when this returns."""
        return self._audio_arrived.wait(timeout)

    def stop(self, timeout: float = 30.0, raise_errors: bool = True) -> RecorderResult:
        """Stop the stream, seal what is queued, write the end marker. Safe to call twice.

        Raises:
            DiskFull: (with ``raise_errors``) the disk filled while sealing; the chunks sealed so
                far stay readable and the result says so.
        """
        with self._stop_lock:
            if self._result is None:
                self._accepting = False
                self._close_streams()
                if self._thread is not None:
                    self._queue.put(None)  # blocking put: the writer is draining, so room appears
                    self._thread.join(timeout)
                else:
                    self._writer.close()  # never started: leave the header-only file for the caller
                self._result = self._make_result()
        if raise_errors and self._result.error == "disk_full":
            raise DiskFull("The disk is full: recording stopped; the audio sealed so far was kept.")
        return self._result

    # -- live readings (any thread) ----------------------------------------------------------------
    @property
    def elapsed_s(self) -> float:
        return (self._writer.samples + len(self._pending)) / SAMPLE_RATE

    @property
    def level(self) -> Level:
        return self._monitor.level

    @property
    def warning(self) -> str | None:
        return self._monitor.warning

    @property
    def warning_kind(self) -> str | None:
        return self._monitor.warning_kind

    @property
    def overruns(self) -> int:
        return self.dropped_blocks + self.input_overflows

    # -- writer thread -----------------------------------------------------------------------------
    def _write_loop(self) -> None:
        try:
            while True:
                block = self._queue.get()
                if block is None:
                    break
                if self._capped():
                    continue
                if block is _FLUSH:
                    self._on_pause_flush()
                    self._seal_pending(final=True)
                    continue
                self._take(block)
            if not self._capped():
                self._flush_converters()
            self._seal_pending(final=True)
            self._writer.finish()
        except BaseException as error:  # noqa: BLE001 - reported through stop(), never lost
            self._error = error
            log.error("recording writer failed: %s", type(error).__name__)
            self._writer.close()
        finally:
            self._accepting = False
            self._done.set()

    def _take(self, block: np.ndarray) -> None:
        """One queued block, on the writer thread: meter, convert to 16 kHz mono, add."""
        mono = block[:, 0] if block.shape[1] == 1 else block.mean(axis=1, dtype=np.float32)
        self._monitor.update(mono)
        self._add(self._converter.push(mono))

    def _flush_converters(self) -> None:
        self._add(self._converter.flush())

    def _on_pause_flush(self) -> None:
        """A pause began: a subclass aligns what it holds before the pending part is sealed."""

    def _close_streams(self) -> None:
        errors = []
        for stream in self._streams:
            try:
                stream.stop()
            except Exception as error:  # noqa: BLE001 - every stream is closed; the first error is raised
                errors.append(error)
            finally:
                stream.close()
        self._streams.clear()
        if errors:
            raise errors[0]

    def _capped(self) -> bool:
        return self._writer.samples >= self._max_samples

    def _add(self, samples: np.ndarray) -> None:
        room = self._max_samples - self._writer.samples - len(self._pending)
        if len(samples) > room:
            samples = samples[: max(room, 0)]
        self._pending = np.concatenate((self._pending, samples)) if len(self._pending) else samples
        self._seal_pending(final=False)
        if self._capped() or self._writer.samples + len(self._pending) >= self._max_samples:
            self._seal_pending(final=True)
            self._accepting = False
            self.state = "capped"
            self._writer.finish()
            self._done.set()
            log.info("recording reached its length cap")

    def _seal_pending(self, final: bool) -> None:
        while len(self._pending) >= CHUNK_SAMPLES or (final and len(self._pending)):
            chunk, self._pending = self._pending[:CHUNK_SAMPLES], self._pending[CHUNK_SAMPLES:]
            self._writer.append(chunk)
            if self._on_chunk is not None:
                self._on_chunk(chunk.astype(np.float32) / 32768.0)

    def _make_result(self) -> RecorderResult:
        if self._error is not None:
            state = "failed"
        elif self.state == "capped":
            state = "capped"
        else:
            state = "stopped"
        self.state = state
        return RecorderResult(
            state=state, duration_s=self._writer.duration_s, chunks=self._writer.chunks,
            dropped_blocks=self.dropped_blocks, dropped_frames=self.dropped_frames,
            input_overflows=self.input_overflows, warnings=list(self._monitor.warnings_raised),
            error=_describe(self._error),
        )


def _describe(error: BaseException | None) -> str | None:
    if error is None:
        return None
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return "disk_full"
    return type(error).__name__
