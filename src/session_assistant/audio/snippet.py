"""A short capture kept in memory only (the clinician's voice-profile reading): never on disk.

Uses the same injected stream factory as the recorder (``devices.portaudio_stream_factory`` in
real use, a fake stream in tests). The callback only copies blocks into a bounded queue; the
caller's thread mixes them to mono and resamples to 16 kHz once the time is up.
"""

from __future__ import annotations

import queue
import time
from typing import Callable

import numpy as np

from session_assistant.audio.capture import StreamFactory, To16kMono
from session_assistant.jobs.progress import CancelToken


def capture_to_memory(open_stream: StreamFactory, input_rate: int, channels: int, seconds: float, *,
                      on_progress: Callable[[float, str], None] = lambda f, m: None,
                      token: CancelToken | None = None) -> np.ndarray:
    """Record ``seconds`` from the stream; returns 16 kHz mono float32."""
    blocks: queue.Queue = queue.Queue(maxsize=int(seconds * 10) + 50)
    blocksize = max(1, input_rate // 10)

    def callback(indata, frames, time_info, status) -> None:
        try:
            blocks.put_nowait(indata.copy())
        except queue.Full:  # the caller stopped reading: drop, never block PortAudio's thread
            pass

    wanted = int(seconds * input_rate)
    collected, got = [], 0
    stream = open_stream(samplerate=input_rate, channels=channels, blocksize=blocksize, callback=callback)
    stream.start()
    deadline = time.monotonic() + seconds + 5.0
    try:
        while got < wanted and time.monotonic() < deadline:
            if token is not None:
                token.raise_if_cancelled()
            try:
                block = blocks.get(timeout=0.2)
            except queue.Empty:
                continue
            mono = block.reshape(len(block), -1).mean(axis=1).astype(np.float32)
            collected.append(mono)
            got += mono.size
            on_progress(min(1.0, got / wanted), "recording the voice profile")
    finally:
        stream.stop()
        stream.close()
    mono = np.concatenate(collected)[:wanted] if collected else np.zeros(0, dtype=np.float32)
    converter = To16kMono(input_rate)
    pcm = np.concatenate([converter.push(mono), converter.flush()])
    return pcm.astype(np.float32) / 32768.0
