"""Live transcription: cut the recording into VAD-bounded windows as it arrives, transcribe each
closed window, and on Stop transcribe only what is left.

Thread contract: ``feed`` is cheap (copies the block, occasionally runs Silero VAD on the open
window) and may be called from the recorder's consumer thread; ``transcribe_ready`` and
``finish`` run Whisper and belong on a worker thread the caller chooses. All three are safe to
call from different threads. Cancel: both heavy calls take a ``CancelToken`` checked between
Whisper segments; a cancelled window stays queued and is redone on the next call.

Resume: every finished ``Window`` is handed to ``on_window_done`` (``window.to_dict()`` is plain
JSON) so the caller can persist it; a new ``LiveTranscriber(done=[...])`` fed the same recording
from its start skips the audio those windows cover and transcribes only the rest.

Why windows match an offline pass: cuts fall in pauses (no word is split), Whisper decodes each
window independently (``condition_on_previous_text`` is off in both modes), and speakers are
clustered once over the whole session at ``finish``.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine
from session_assistant.transcribe.segments import SAMPLE_RATE, Segment, Transcript

log = logging.getLogger(__name__)


@dataclass
class Window:
    """A transcribed stretch of the recording: samples [start_sample, end_sample)."""

    index: int
    start_sample: int
    end_sample: int
    language: str
    segments: list[Segment] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"index": self.index, "start_sample": self.start_sample, "end_sample": self.end_sample,
                "language": self.language, "segments": [s.to_dict() for s in self.segments]}

    @classmethod
    def from_dict(cls, data: dict) -> "Window":
        return cls(data["index"], data["start_sample"], data["end_sample"], data["language"],
                   [Segment.from_dict(s) for s in data["segments"]])


@dataclass(frozen=True)
class LiveSettings:
    min_window_s: float = 25.0  # close a window at the first pause after this much audio
    max_window_s: float = 40.0  # no pause by then: cut at the longest pause (bounds Stop-to-text)
    min_pause_s: float = 0.5  # a gap in speech at least this long is a place to cut
    vad_every_s: float = 2.0  # how often feed() looks for a pause once a window is long enough


class LiveTranscriber:
    """Windowed, resumable transcription of a recording that is still growing."""

    def __init__(self, engine: WhisperEngine, options: DecodeOptions = DecodeOptions(),
                 settings: LiveSettings = LiveSettings(), done: Iterable[Window | dict] = (),
                 on_window_done: Callable[[Window], None] | None = None, speakers: int = 2,
                 clinician_voice: np.ndarray | None = None, finished: bool = False) -> None:
        self._engine, self._options, self._settings = engine, options, settings
        # A finished recording (an import, or the sealed file after Stop): all of it is at hand, so
        # a window looks for its cut once, when max_window_s of audio is there, instead of every
        # vad_every_s from min_window_s on. The cut is the first pause after min_window_s either
        # way; polling only buys a live window that closes sooner. On turns with no pause of
        # min_pause_s (espeak's back-to-back turns) polling ran Silero VAD 8 times a window.
        self._finished = finished
        self._first_look = settings.max_window_s if finished else settings.min_window_s
        self._on_window_done = on_window_done or (lambda window: None)
        self._speakers = speakers
        self._clinician_voice = clinician_voice  # the clinician's voice profile, when there is one
        self._windows = sorted((w if isinstance(w, Window) else Window.from_dict(w) for w in done),
                               key=lambda w: w.start_sample)
        self._lock = threading.Lock()
        self._work_lock = threading.Lock()  # one Whisper run at a time, in window order
        self._received = 0  # samples fed so far (absolute position in the recording)
        self._open_start = self._windows[-1].end_sample if self._windows else 0
        self._open: list[np.ndarray] = []
        self._open_len = 0
        self._last_vad_at = 0
        self._ready: list[tuple[int, int, np.ndarray]] = []  # closed, not yet transcribed

    # -- cheap side: the recorder's thread -------------------------------------------------------
    def feed(self, block: np.ndarray) -> int:
        """Append 16 kHz float32 samples; returns how many closed windows await transcription."""
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        with self._lock:
            start = self._received
            self._received += block.size
            skip = max(0, self._open_start - start)  # audio a resumed job already transcribed
            if skip < block.size:
                self._open.append(block[skip:].copy())
                self._open_len += block.size - skip
            rate = SAMPLE_RATE
            if (self._open_len >= self._first_look * rate
                    and self._open_len - self._last_vad_at >= self._settings.vad_every_s * rate):
                self._last_vad_at = self._open_len
                cut = self._find_cut(np.concatenate(self._open))
                if cut is not None:
                    self._close(cut)
            return len(self._ready)

    def _find_cut(self, audio: np.ndarray) -> int | None:
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        rate, s = SAMPLE_RATE, self._settings
        speech = get_speech_timestamps(audio, VadOptions(min_silence_duration_ms=int(s.min_pause_s * 1000),
                                                         speech_pad_ms=0))
        if not speech:  # nothing but silence: close it (it costs nothing to transcribe) where live would have
            return min(audio.size, int(s.min_window_s * rate)) if self._finished else audio.size
        gaps = [(a["end"], b["start"]) for a, b in zip(speech, speech[1:])]
        if audio.size - speech[-1]["end"] >= s.min_pause_s * rate:
            gaps.append((speech[-1]["end"], audio.size))
        min_len = int(s.min_window_s * rate)
        for gap_start, gap_end in gaps:
            cut = (gap_start + gap_end) // 2
            if cut >= min_len:
                return cut
        if audio.size < s.max_window_s * rate:
            return None
        usable = [g for g in gaps if (g[0] + g[1]) // 2 >= 5 * rate]
        if usable:
            gap_start, gap_end = max(usable, key=lambda g: g[1] - g[0])
            return (gap_start + gap_end) // 2
        return audio.size  # continuous speech for max_window_s: cut here rather than grow unbounded

    def _close(self, cut: int) -> None:
        """Move the first ``cut`` samples of the open window to the ready queue (lock held)."""
        audio = np.concatenate(self._open)
        index = len(self._windows) + len(self._ready)
        self._ready.append((index, self._open_start, audio[:cut]))
        rest = audio[cut:]
        self._open, self._open_len = ([rest] if rest.size else []), rest.size
        self._open_start += cut
        self._last_vad_at = 0

    # -- heavy side: a worker thread ---------------------------------------------------------------
    def transcribe_ready(self, token: CancelToken | None = None) -> list[Window]:
        """Transcribe every closed window, oldest first; returns the windows finished now."""
        finished = []
        with self._work_lock:
            while True:
                with self._lock:
                    if not self._ready:
                        break
                    index, start, audio = self._ready[0]
                window = self._transcribe_window(index, start, audio, token)
                with self._lock:
                    self._ready.pop(0)
                    self._windows.append(window)
                self._on_window_done(window)
                finished.append(window)
        return finished

    def _transcribe_window(self, index: int, start: int, audio: np.ndarray, token) -> Window:
        from session_assistant.transcribe.speakers import attach_voice_features

        offset = start / SAMPLE_RATE
        result = self._engine.transcribe(audio, self._options, token=token, offset_s=offset)
        if self._speakers > 1:  # one voice (or a call's channel): no prints to tell voices apart
            attach_voice_features(result.segments, audio, offset, encoder=getattr(self._engine, "voice_encoder", None))
        return Window(index, start, start + audio.size, result.language, result.segments)

    def finish(self, token: CancelToken | None = None, on_progress: ProgressFn = no_progress) -> Transcript:
        """Stop: close the open window, transcribe what is left, return the whole transcript."""
        with self._lock:
            if self._open_len:
                self._close(self._open_len)
        on_progress(0.0, "transcribing the last window")
        self.transcribe_ready(token)
        on_progress(0.9, "attributing speakers")
        transcript = self.transcript()
        on_progress(1.0, "done")
        return transcript

    def transcript(self) -> Transcript:
        """Everything transcribed so far, speakers attributed across the whole session."""
        with self._lock:
            windows = list(self._windows)
            duration = max(self._received, windows[-1].end_sample if windows else 0) / SAMPLE_RATE
        segments = [copy.deepcopy(s) for w in windows for s in w.segments]
        for i, seg in enumerate(segments):
            seg.id = i
        naming = None
        if self._speakers > 1:
            from session_assistant.transcribe.speakers import diarize

            naming = diarize(segments, self._speakers, self._clinician_voice).public()
        votes = Counter()
        for w in windows:
            votes[w.language] += sum(s.end - s.start for s in w.segments)
        language = votes.most_common(1)[0][0] if votes else (self._options.language or "")
        return Transcript(language, duration, segments, naming)

    @property
    def windows(self) -> list[Window]:
        with self._lock:
            return list(self._windows)

    @property
    def pending_seconds(self) -> float:
        """Audio not yet transcribed (open window plus queued windows)."""
        with self._lock:
            return (self._open_len + sum(a.size for _, _, a in self._ready)) / SAMPLE_RATE


def transcribe_blocks(engine: WhisperEngine, blocks: Iterable[np.ndarray], total_samples: int,
                      options: DecodeOptions = DecodeOptions(), done: Iterable[Window | dict] = (),
                      on_window_done: Callable[[Window], None] | None = None, speakers: int = 2,
                      on_progress: ProgressFn = no_progress, token: CancelToken | None = None,
                      clinician_voice: np.ndarray | None = None,
                      settings: LiveSettings = LiveSettings(),
                      on_start: Callable[["LiveTranscriber"], None] | None = None) -> Transcript:
    """Transcribe a finished recording read block by block (e.g. sealed chunks decrypted in
    memory), window by window so memory stays bounded and a restart resumes after ``done``.
    ``on_start(transcriber)`` is called before the first block (a caller that drafts the windows
    already transcribed reads ``transcriber.windows`` and ``transcriber.transcript()``)."""
    live = LiveTranscriber(engine, options, settings, done=done, on_window_done=on_window_done, speakers=speakers,
                           clinician_voice=clinician_voice, finished=True)
    if on_start is not None:
        on_start(live)
    return feed_blocks(live, blocks, total_samples, on_progress, token or CancelToken())


def feed_blocks(transcriber, blocks: Iterable[np.ndarray], total: int, on_progress: ProgressFn,
                token: CancelToken) -> Transcript:
    """Feed a finished recording to a live or call transcriber: 95 % of the progress while windows
    close, the last 5 % for the final window and the speaker pass."""
    fed = 0
    for block in blocks:
        token.raise_if_cancelled()
        transcriber.feed(block)
        fed += len(block)
        if transcriber.transcribe_ready(token):
            on_progress(min(0.95, fed / max(1, total)), "transcribing")
    return transcriber.finish(token, lambda f, m: on_progress(0.95 + 0.05 * f, m))
