"""A telehealth call as one recording: the microphone (the clinician) and the call's audio (a
monitor or loopback input: the client) sealed as the two channels of one file.

Threads are those of ``capture.Recorder``: each stream's callback only copies its block, with the
channel and a ``time.monotonic()`` stamp, into the one bounded queue; the writer thread converts
each stream to 16 kHz, keeps the two in step (``channel_align``: drift and start offset
corrected against that common clock) and seals (n, 2) chunks. Both streams are opened before
either starts, started back to back and stopped together, so one cannot run without the other.
"""

from __future__ import annotations

import queue
import time
from typing import Callable

import numpy as np

from session_assistant.audio.capture import DEFAULT_MAX_SECONDS, DEFAULT_QUEUE_BLOCKS, Recorder, StreamFactory, To16kMono
from session_assistant.audio.channel_align import ChannelAligner
from session_assistant.audio.levels import Level, LevelMonitor
from session_assistant.audio.sealed import CALL_CHANNELS, SealedWriter

MIC, CALL = 0, 1  # channel numbers in the sealed file


class CallRecorder(Recorder):
    """Record a call from two streams into a two-channel ``SealedWriter``.

    Args:
        writer: a sealed file made with ``channels=2``.
        open_mic, open_call: stream factories for the microphone and the call's audio.
        mic_settings, call_settings: (sample rate, channels) each stream delivers.
        on_chunk: called on the writer thread with each sealed chunk as float32 (n, 2).
        clock: the common clock blocks are stamped with (tests pass their own).
    """

    def __init__(self, writer: SealedWriter, open_mic: StreamFactory, open_call: StreamFactory,
                 mic_settings: tuple[int, int], call_settings: tuple[int, int], *,
                 max_seconds: float = DEFAULT_MAX_SECONDS, on_chunk: Callable[[np.ndarray], None] | None = None,
                 queue_blocks: int = DEFAULT_QUEUE_BLOCKS, warn_after_s: int = 5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if writer.channels != CALL_CHANNELS:
            raise ValueError("a call is sealed on two channels")
        super().__init__(writer, open_mic, mic_settings[0], mic_settings[1], max_seconds=max_seconds,
                         on_chunk=on_chunk, queue_blocks=2 * queue_blocks, warn_after_s=warn_after_s)
        self._open_call = open_call
        self._call_rate, self._call_channels = int(call_settings[0]), int(call_settings[1])
        self._call_monitor = LevelMonitor(self._call_rate, warn_after_s)
        self._converters = (To16kMono(self._input_rate), To16kMono(self._call_rate))
        self._aligner = ChannelAligner()
        self._clock = clock
        self._pending = np.zeros((0, CALL_CHANNELS), dtype=np.int16)
        self.received = [0, 0]  # 16 kHz samples each device delivered (before alignment)

    # -- the two callbacks: copy, stamp, enqueue; nothing else -----------------------------------------
    def _on_block(self, channel: int, indata, frames, status) -> None:
        if status and getattr(status, "input_overflow", False):
            self.input_overflows += 1
        if not self._accepting or self._paused:
            return
        self._audio_arrived.set()
        try:
            self._queue.put_nowait((channel, indata.copy(), self._clock()))
        except queue.Full:
            self.dropped_blocks += 1
            self.dropped_frames += frames

    def _callback(self, indata, frames, time_info, status) -> None:
        self._on_block(MIC, indata, frames, status)

    def _call_callback(self, indata, frames, time_info, status) -> None:
        self._on_block(CALL, indata, frames, status)

    def open(self) -> None:
        """Open both streams; if the second fails, the first is closed again (nothing half-open)."""
        if self._stream is not None:
            return
        super().open()
        try:
            self._streams.append(self._open_call(samplerate=self._call_rate, channels=self._call_channels,
                                                 blocksize=max(1, self._call_rate // 10), callback=self._call_callback))
        except BaseException:
            self._close_streams()
            self._stream = None
            raise

    # -- writer thread -----------------------------------------------------------------------------------
    def _take(self, item) -> None:
        channel, block, arrival = item
        mono = block[:, 0] if block.shape[1] == 1 else block.mean(axis=1, dtype=np.float32)
        (self._monitor if channel == MIC else self._call_monitor).update(mono)
        samples = self._converters[channel].push(mono)
        self.received[channel] += samples.size
        self._add(self._aligner.push(channel, samples, arrival))

    def _flush_converters(self) -> None:
        now = self._clock()
        for channel, converter in enumerate(self._converters):
            tail = converter.flush()
            if tail.size:
                self.received[channel] += tail.size
                self._add(self._aligner.push(channel, tail, now))
        self._add(self._aligner.flush())

    def _on_pause_flush(self) -> None:
        self._add(self._aligner.flush())

    # -- live readings -----------------------------------------------------------------------------------
    @property
    def call_level(self) -> Level:
        """The call's audio: the client's voice as the far end sends it."""
        return self._call_monitor.level

    @property
    def inserted_samples(self) -> list[int]:
        """Per channel, samples the alignment added (start offset, drift, a stalled device)."""
        return list(self._aligner.inserted)
