"""Turn an audio file into the 16 kHz mono float32 array the engine works on.

Decoding goes through PyAV (``faster_whisper.decode_audio``), so any format FFmpeg knows works.
Error messages name the problem, never the content nor the file's path or name (a file is often
named after the client: "Jane Doe 2026-11-20.m4a").
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from session_assistant.transcribe.errors import AudioUnreadable
from session_assistant.transcribe.segments import SAMPLE_RATE

log = logging.getLogger(__name__)


def load_audio(path: Path) -> np.ndarray:
    """Decode ``path`` to 16 kHz mono float32.

    Raises:
        AudioUnreadable: missing, unreadable, empty, not audio, or zero samples long.
    """
    from faster_whisper import decode_audio  # heavy import: only when audio is really read

    path = Path(path)
    if not path.exists():
        raise AudioUnreadable("Audio file not found.")
    if path.is_dir():
        raise AudioUnreadable("Expected an audio file, got a folder.")
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as error:
        raise AudioUnreadable(f"Cannot read the audio file: {error.strerror or 'unreadable'}.") from None
    if size == 0:
        raise AudioUnreadable("The audio file is empty (0 bytes).")
    try:
        audio = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as error:  # PyAV raises many kinds (InvalidDataError, ValueError, IndexError...)
        log.info("decode failed: %s", type(error).__name__)
        raise AudioUnreadable("Not a readable audio file (damaged, or not audio).") from None
    if audio.size == 0:
        raise AudioUnreadable("The audio file holds no audio samples.")
    return as_model_input(audio)


def as_model_input(audio: np.ndarray) -> np.ndarray:
    """Check and convert an in-memory array: 1-D float32, finite, 16 kHz assumed."""
    audio = np.asarray(audio)
    if audio.ndim != 1:
        raise AudioUnreadable("Audio must be mono (a 1-D array of 16 kHz samples).")
    if audio.dtype != np.float32:
        audio = audio.astype(np.float32)
    if not np.all(np.isfinite(audio)):
        audio = np.nan_to_num(audio, nan=0.0, posinf=0.0, neginf=0.0)
    return audio
