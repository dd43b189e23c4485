"""A call's transcript: each channel transcribed on its own and named by its channel.

A telehealth call is sealed on two channels (``audio.call_capture``): 0 the clinician's
microphone, 1 the call's audio (the client). Who spoke is then known from the channel, not
guessed from voices: each channel goes through its own ``LiveTranscriber`` (one voice, so no
voice prints and no clustering), and the two are merged by time. Words spoken at the same
moment on both channels (an overlap) are both kept, each under its own name, except the call's
own words heard again by the microphone from a laptop speaker (``echo``): those are dropped from
the microphone's channel.

Same interface as ``LiveTranscriber`` (``feed`` takes (n, 2) blocks), so the recorder's
``on_chunk``, the live transcription thread and the resumable job use it unchanged. Each
finished window's checkpoint carries its channel, so a resumed job skips what either channel
already transcribed.
"""

from __future__ import annotations

from typing import Callable, Iterable

import numpy as np

from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.transcribe.echo import drop_echoes
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine
from session_assistant.transcribe.live import LiveSettings, LiveTranscriber, Window, feed_blocks
from session_assistant.transcribe.segments import Transcript

CHANNEL_NAMES = ("clinician", "client")  # channel 0: the microphone, channel 1: the call's audio
NAMING = {"method": "channels", "confidence": 1.0, "scores": {}}


class ChannelWindow:
    """A finished window of one channel; its checkpoint says which channel."""

    def __init__(self, window: Window, channel: int) -> None:
        self.window, self.channel = window, channel

    def to_dict(self) -> dict:
        return {**self.window.to_dict(), "channel": self.channel}


class CallTranscriber:
    """Two ``LiveTranscriber`` s, one per channel; see the module docstring."""

    def __init__(self, engine: WhisperEngine, options: DecodeOptions = DecodeOptions(),
                 settings: LiveSettings = LiveSettings(), done: Iterable[dict] = (),
                 on_window_done: Callable[[ChannelWindow], None] | None = None, finished: bool = False) -> None:
        report = on_window_done or (lambda window: None)
        done = list(done)
        self._channels = [
            LiveTranscriber(engine, options, settings, speakers=1, finished=finished,
                            done=[d for d in done if d.get("channel", 0) == channel],
                            on_window_done=lambda window, c=channel: report(ChannelWindow(window, c)))
            for channel in range(len(CHANNEL_NAMES))
        ]

    def feed(self, block: np.ndarray) -> int:
        """Append (n, 2) float32 16 kHz frames; returns how many closed windows await transcription."""
        block = np.asarray(block, dtype=np.float32).reshape(-1, len(CHANNEL_NAMES))
        return sum(live.feed(block[:, channel]) for channel, live in enumerate(self._channels))

    def transcribe_ready(self, token: CancelToken | None = None) -> list[Window]:
        return [w for live in self._channels for w in live.transcribe_ready(token)]

    def finish(self, token: CancelToken | None = None, on_progress: ProgressFn = no_progress) -> Transcript:
        for channel, live in enumerate(self._channels):
            share = 1 / len(self._channels)
            live.finish(token, lambda f, m, c=channel: on_progress(share * (c + f), m))
        return self.transcript()

    def transcript(self) -> Transcript:
        """Both channels merged by time, each line named by its channel."""
        parts = [live.transcript() for live in self._channels]
        parts[0].segments, echo_words = drop_echoes(parts[0].segments, parts[1].segments)
        segments = []
        for channel, part in enumerate(parts):
            for segment in part.segments:
                segment.speaker = CHANNEL_NAMES[channel]
                segment.voice = None
                segments.append(segment)
        segments.sort(key=lambda s: (s.start, s.end))
        for i, segment in enumerate(segments):
            segment.id = i
        spoken = [p for p in parts if p.segments] or parts
        language = max(spoken, key=lambda p: sum(s.end - s.start for s in p.segments)).language
        naming = dict(NAMING, echo_words_dropped=echo_words) if echo_words else dict(NAMING)
        return Transcript(language, max(p.duration_s for p in parts), segments, naming)

    @property
    def windows(self) -> list[Window]:
        return [w for live in self._channels for w in live.windows]

    @property
    def pending_seconds(self) -> float:
        return max(live.pending_seconds for live in self._channels)


def transcribe_call_blocks(engine: WhisperEngine, blocks: Iterable[np.ndarray], total_frames: int,
                           options: DecodeOptions = DecodeOptions(), done: Iterable[dict] = (),
                           on_window_done: Callable[[ChannelWindow], None] | None = None,
                           on_progress: ProgressFn = no_progress, token: CancelToken | None = None,
                           settings: LiveSettings = LiveSettings(),
                           on_start: Callable[[CallTranscriber], None] | None = None) -> Transcript:
    """``live.transcribe_blocks`` for a sealed call: (n, 2) blocks, window by window, resumable."""
    call = CallTranscriber(engine, options, settings, done=done, on_window_done=on_window_done, finished=True)
    if on_start is not None:
        on_start(call)
    return feed_blocks(call, blocks, total_frames, on_progress, token or CancelToken())
