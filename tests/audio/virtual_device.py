"""The test set-up's virtual audio device (scripts/virtual-audio.sh) and espeak-ng speech."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "virtual-audio.sh"
SINK = "sa_test"
SENTENCE = "the quick brown fox jumps over the lazy dog while the session is being recorded"


def virtual_audio_env() -> dict[str, str]:
    """Make (or reuse) the null sink; return the environment its clients need, or skip with why."""
    if os.name != "posix" or not shutil.which("bash"):
        pytest.skip("virtual audio device: needs Linux with bash (scripts/virtual-audio.sh)")
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.skip(f"no virtual audio device could be made: {done.stderr.strip()[-300:]}")
    env = {}
    for line in done.stdout.splitlines():
        if line.startswith("export ") and "=" in line:
            name, value = line[len("export "):].split("=", 1)
            env[name] = value
    return env


def speech_wav(folder: Path, text: str = SENTENCE) -> Path:
    out = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(out), text], check=True, capture_output=True)
    return out


def play(path: Path, env: dict[str, str]) -> None:
    subprocess.run(["paplay", f"--device={SINK}", str(path)], check=True, env={**os.environ, **env}, timeout=60)


def load_16k(path: Path) -> np.ndarray:
    """A reference signal decoded the same way an import is: 16 kHz mono float."""
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=16000)
    parts = []
    with av.open(str(path)) as container:
        for frame in container.decode(audio=0):
            parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(parts).astype(np.float32) / 32768.0


def best_match(recorded: np.ndarray, reference: np.ndarray) -> tuple[float, int]:
    """(normalised correlation, lag in samples) of ``reference`` inside ``recorded``."""
    n = len(recorded) + len(reference)
    size = 1 << (n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(recorded, size) * np.conj(np.fft.rfft(reference, size)), size)
    lags = corr[: len(recorded) - len(reference) + 1]
    lag = int(np.argmax(lags))
    segment = recorded[lag : lag + len(reference)]
    denom = float(np.linalg.norm(segment) * np.linalg.norm(reference)) or 1.0
    return float(np.dot(segment, reference) / denom), lag
