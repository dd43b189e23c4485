"""faster-whisper on the CPU: load a model once, transcribe 16 kHz float32 arrays.

The engine knows nothing about files, vaults or threads: a caller hands it an array (decoded
from a file, or decrypted in memory from a sealed recording) and gets typed segments back.
Long work follows the project's contract: ``on_progress(fraction, message)`` and a
``CancelToken`` checked between Whisper segments.
"""

from __future__ import annotations

import logging
import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from session_assistant import model_registry
from session_assistant.errors import ModelUnavailable, UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.transcribe.audio_input import as_model_input
from session_assistant.transcribe.guard import GuardSettings, collapse_repetition, rejection_reason
from session_assistant.transcribe.segments import SAMPLE_RATE, Segment, Transcript, Word

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecodeOptions:
    """How Whisper decodes. Defaults favour accuracy and resistance to loops."""

    language: str | None = None  # None: detect per call
    # Greedy: on 7.5 min of the eval speech beam 5 ran 8.4x real time on 2 cores with WER 7.7 %,
    # greedy 13.2x with 6.7 % (VAD windows and the temperature fallback keep greedy out of loops).
    beam_size: int = 1
    word_timestamps: bool = True
    # Off: a hallucinated phrase can't seed the next window, and windows stay independent,
    # which is what lets live windows match an offline pass.
    condition_on_previous_text: bool = False
    vad_filter: bool = True  # off only to test the guard on its own
    vad_min_silence_ms: int = 500
    guard: GuardSettings = GuardSettings()
    # Whisper's own fallback: a window that fails its compression or log-probability check is
    # decoded again at rising temperatures, which sample at random. (0.0,) decodes greedily only:
    # the same audio then gives the same words every run (tests comparing two passes need that).
    temperature: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


SILENT_PEAK = 1e-3  # -60 dBFS: below a quiet room's noise floor through any microphone


def usable_cores() -> int:
    """The cores this process may run on (``taskset`` and CPU affinity count, not only the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class WhisperEngine:
    """One loaded Whisper model. Thread-safe: calls are serialised by a lock (CTranslate2 already
    uses every core for one call, so parallel calls would only compete)."""

    def __init__(self, model_dir: Path, name: str = "", cpu_threads: int | None = None) -> None:
        from faster_whisper import WhisperModel  # heavy import, only when a model is really loaded

        self.model_dir = Path(model_dir)
        self.name = name or self.model_dir.name
        try:
            self._model = WhisperModel(str(self.model_dir), device="cpu", compute_type="int8",
                                       cpu_threads=cpu_threads or usable_cores(),
                                       local_files_only=True)
        except Exception as error:  # CTranslate2 raises RuntimeError/ValueError on a bad folder
            log.warning("whisper model load failed: %s", type(error).__name__)
            raise ModelUnavailable(f"Whisper model '{self.name}' could not be loaded from {self.model_dir}; "
                                   f"{model_registry.SETUP_HINT}.") from None
        self._lock = threading.Lock()
        # The speaker encoder travels with the engine so every transcription path has it.
        self.voice_encoder = None

    @classmethod
    def from_registry(cls, models_dir: Path, name: str | None = None) -> "WhisperEngine":
        """Load by id or folder name from ``models/`` (default: whisper-base)."""
        from session_assistant.transcribe.voice_encoder import load_encoder

        model = model_registry.resolve(Path(models_dir), "whisper", name)
        engine = cls(model.path, model.id)
        engine.voice_encoder = load_encoder(Path(models_dir))
        if engine.voice_encoder is None:
            log.warning("speaker encoder not installed; speakers fall back to MFCC features")
        return engine

    def transcribe(self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(),
                   on_progress: ProgressFn = no_progress, token: CancelToken | None = None,
                   offset_s: float = 0.0, first_id: int = 0) -> Transcript:
        """Transcribe a 16 kHz mono float32 array.

        Args:
            audio: samples; silence and noise yield no segments.
            options: decoding settings (language None = detect).
            on_progress: called with (fraction 0..1, message) after each segment.
            token: checked between segments; raises ``Cancelled``.
            offset_s: added to every time (where this array sits in the recording).
            first_id: id of the first segment (ids run on across windows).
        """
        check_language(options.language)
        audio = as_model_input(audio)
        duration = audio.size / SAMPLE_RATE
        token = token or CancelToken()
        token.raise_if_cancelled()
        if audio.size == 0 or float(np.max(np.abs(audio))) < SILENT_PEAK:
            # Nothing above -60 dBFS: no one spoke. Whisper on such input can still write text (after
            # temperature fallbacks that sample at random), so it is not asked.
            on_progress(1.0, "transcribed")
            return Transcript(options.language or "en", duration, [])
        with self._lock:
            raw_segments, info = self._model.transcribe(
                audio, language=options.language, beam_size=options.beam_size,
                word_timestamps=options.word_timestamps,
                condition_on_previous_text=options.condition_on_previous_text,
                temperature=list(options.temperature), vad_filter=options.vad_filter, vad_parameters={"min_silence_duration_ms": options.vad_min_silence_ms},
            )
            segments: list[Segment] = []
            previous: str | None = None
            dropped = 0
            for raw in raw_segments:  # a generator: decoding happens as we iterate
                token.raise_if_cancelled()
                segment = _to_segment(raw, first_id + len(segments), offset_s, options.guard)
                reason = rejection_reason(segment.text, raw.no_speech_prob, raw.avg_logprob,
                                          segment.confidence, previous, options.guard) if segment else "empty"
                if reason:
                    dropped += 1
                    log.debug("dropped a segment: %s", reason)
                else:
                    segments.append(segment)
                    previous = segment.text
                on_progress(min(1.0, raw.end / duration) if duration else 1.0, "transcribing")
        if dropped:
            log.info("guard dropped %d segment(s)", dropped)
        on_progress(1.0, "transcribed")
        return Transcript(info.language, duration, segments)


def check_language(code: str | None) -> None:
    """Raise a clear UserError for a language code Whisper doesn't know."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    if code is not None and code not in _LANGUAGE_CODES:
        raise UserError(f"Unknown language code '{code}'; use a code such as en, de, fr or es.")


def _to_segment(raw, seg_id: int, offset_s: float, guard: GuardSettings) -> Segment | None:
    text = collapse_repetition(raw.text.strip(), guard.max_repeats)
    if not text:
        return None
    words = [Word(round(w.start + offset_s, 3), round(w.end + offset_s, 3), w.word, round(w.probability, 4))
             for w in (raw.words or [])]
    confidence = float(np.mean([w.prob for w in words])) if words else math.exp(raw.avg_logprob)
    return Segment(seg_id, round(raw.start + offset_s, 3), round(raw.end + offset_s, 3), text, words,
                   round(confidence, 4))
