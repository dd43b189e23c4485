"""Whole-file transcription as the CLI and the app use it: decode, transcribe, attribute speakers."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.transcribe.audio_input import load_audio
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine, check_language
from session_assistant.transcribe.errors import NoSpeech
from session_assistant.transcribe.segments import Transcript


def transcribe_audio(engine: WhisperEngine, audio: np.ndarray, language: str | None = None,
                     speakers: int = 2, on_progress: ProgressFn = no_progress,
                     token: CancelToken | None = None, clinician_voice: np.ndarray | None = None) -> Transcript:
    """One offline pass over an in-memory recording, with speakers attributed (the clinician by
    ``clinician_voice``, a voice profile, when given; otherwise from what each voice says).

    Raises:
        NoSpeech: nothing but silence or noise.
    """
    transcript = engine.transcribe(audio, DecodeOptions(language=language),
                                   on_progress=lambda f, m: on_progress(0.95 * f, m), token=token)
    if not transcript.segments:
        raise NoSpeech("No speech found in the audio (silence or noise only); nothing to transcribe.")
    if speakers > 1:
        from session_assistant.transcribe.speakers import attach_voice_features, diarize

        attach_voice_features(transcript.segments, audio, encoder=getattr(engine, "voice_encoder", None))
        transcript.speaker_naming = diarize(transcript.segments, speakers, clinician_voice).public()
    on_progress(1.0, "done")
    return transcript


def transcribe_file(path: Path, models_dir: Path, model: str | None = None, language: str | None = None,
                    speakers: int = 2, on_progress: ProgressFn = no_progress,
                    token: CancelToken | None = None, clinician_voice: np.ndarray | None = None) -> Transcript:
    """Decode ``path`` (any FFmpeg format) and transcribe it. The input is checked before the
    model loads, so bad input fails fast."""
    check_language(language)
    audio = load_audio(path)
    engine = WhisperEngine.from_registry(models_dir, model)
    return transcribe_audio(engine, audio, language, speakers, on_progress, token, clinician_voice)
