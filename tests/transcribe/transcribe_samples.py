"""Real test audio made on the spot: espeak-ng speech, sox silence and noise, a two-voice dialogue."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

# Two voices, alternating: A opens (the clinician), B answers. Turn boundaries are known.
DIALOGUE = [
    "Good morning. Come in and take a seat. How has your week been since we last met?",
    "Honestly it has been a difficult week. I have not been sleeping well and work has been very stressful.",
    "I am sorry to hear that. Can you tell me more about what has been keeping you awake at night?",
    "I keep thinking about the meeting with my manager. I worry that I will lose my job if the project fails.",
    "That sounds like a lot of pressure. What do you notice in your body when those thoughts come up?",
    "My chest feels tight and my heart races. Sometimes I get up and walk around the kitchen for an hour.",
]
VOICES = ("en-us+m3", "en-gb+f2")
PAUSE_S = 0.8
RATE = 16_000


def need_tools() -> None:
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed (apt-get install espeak-ng sox)")


def speak(text: str, voice: str, out: Path) -> Path:
    """espeak-ng speech resampled to 16 kHz mono WAV."""
    need_tools()
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text], check=True)
    subprocess.run(["sox", "-R", str(raw), "-r", str(RATE), "-c", "1", str(out)], check=True)
    raw.unlink()
    return out


def read_wav(path: Path) -> np.ndarray:
    from session_assistant.transcribe.audio_input import load_audio

    return load_audio(path)


def dialogue(folder: Path, turns: list[str] = DIALOGUE) -> tuple[Path, list[tuple[float, float, int]]]:
    """Write the dialogue WAV; return it and the truth: (start_s, end_s, speaker index) per turn."""
    pieces, truth, t = [], [], 0.0
    for i, text in enumerate(turns):
        audio = read_wav(speak(text, VOICES[i % 2], folder / f"turn{i}.wav"))
        pieces += [audio, np.zeros(int(PAUSE_S * RATE), dtype=np.float32)]
        truth.append((t, t + audio.size / RATE, i % 2))
        t += audio.size / RATE + PAUSE_S
    joined = np.concatenate(pieces)
    path = folder / "dialogue.wav"
    write_wav(path, joined)
    return path, truth


def write_wav(path: Path, audio: np.ndarray) -> Path:
    import wave

    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return path


def speaker_at(truth: list[tuple[float, float, int]], t: float) -> int:
    for start, end, who in truth:
        if t < end + PAUSE_S / 2:
            return who
    return truth[-1][2]


@pytest.fixture(scope="session")
def engine():
    """whisper-base from models/, loaded once."""
    from sa_testing import MODELS_DIR
    from session_assistant.transcribe.engine import WhisperEngine

    return WhisperEngine.from_registry(MODELS_DIR)


@pytest.fixture(scope="session")
def two_voices(tmp_path_factory):
    """(audio, truth) of the six-turn two-voice dialogue (~40 s)."""
    folder = tmp_path_factory.mktemp("dialogue")
    path, truth = dialogue(folder)
    return read_wav(path), truth


def speaker_accuracy(segments, truth, names=("clinician", "client")) -> float:
    """Share of spoken time (word by word) attributed to the right voice."""
    right = total = 0.0
    for seg in segments:
        for w in seg.words:
            span = w.end - w.start
            total += span
            right += span * (seg.speaker == names[speaker_at(truth, (w.start + w.end) / 2)])
    return right / total
