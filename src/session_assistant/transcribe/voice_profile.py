"""The clinician's voice print, made from about 30 s of them reading a passage.

Only the speech counts: 25 ms frames quieter than the recording's own speech level (more than
30 dB under its loudest frames, or near digital silence) are dropped before the encoder runs,
so pauses and room noise do not dilute the print. At least ``MIN_SPEECH_S`` of speech is
required; a shorter reading gives a print too unstable to name anyone by.

The print is biometric data: the caller keeps it in the vault only (``services.voice_profile``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from session_assistant.transcribe.errors import NoSpeech
from session_assistant.transcribe.segments import SAMPLE_RATE

MIN_SPEECH_S = 10.0
PASSAGE = (
    "Thank you for coming in today. Before we begin, I would like to go over how these sessions "
    "usually work. We will spend some time looking back at the past week, what went well and what "
    "was difficult, and then we will decide together what to focus on. If anything I say does not "
    "feel right, please tell me. It sounds like a lot has happened since we last met, so let's take "
    "it one step at a time. How would you feel about trying a short breathing exercise first? "
    "Afterwards, we can plan one small thing to practise this week."
)


@dataclass
class VoicePrint:
    embedding: np.ndarray  # unit length, float32
    speech_s: float  # seconds of speech it was made from


def speech_only(audio: np.ndarray, frame_s: float = 0.025) -> np.ndarray:
    """The frames of ``audio`` loud enough to be speech, joined."""
    size = int(frame_s * SAMPLE_RATE)
    count = audio.size // size
    if count == 0:
        return np.zeros(0, dtype=np.float32)
    frames = audio[: count * size].reshape(count, size).astype(np.float32)
    level = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)
    keep = (level > np.percentile(level, 95) - 30.0) & (level > -60.0)
    return frames[keep].reshape(-1)


def voice_print(audio: np.ndarray, encoder) -> VoicePrint:
    """The voice print of one person's reading (16 kHz mono float32).

    Raises:
        NoSpeech: less than ``MIN_SPEECH_S`` seconds of speech in the audio.
    """
    speech = speech_only(np.asarray(audio, dtype=np.float32))
    seconds = speech.size / SAMPLE_RATE
    if seconds < MIN_SPEECH_S:
        raise NoSpeech(f"Only {seconds:.0f} s of speech were heard; read the passage for about 30 s "
                       f"(at least {MIN_SPEECH_S:.0f} s of speech are needed).")
    mels, _ = encoder.partials(speech, hop_frames=80)
    prints = np.concatenate([encoder.embed_partials(mels[i:i + 128]) for i in range(0, len(mels), 128)])
    mean = prints.mean(axis=0)
    return VoicePrint((mean / np.linalg.norm(mean)).astype(np.float32), round(seconds, 1))
