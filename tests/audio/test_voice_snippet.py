"""The voice-profile capture: a short reading kept in memory, resampled to 16 kHz mono, never on disk."""

from __future__ import annotations

import numpy as np

from audio_fakes import fake_factory
from session_assistant.audio.snippet import capture_to_memory


def test_a_stereo_48k_reading_comes_back_as_16k_mono_of_the_asked_length(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rate, seconds = 48_000, 2.0
    t = np.arange(int(rate * 3)) / rate
    tone = 0.3 * np.sin(2 * np.pi * 440 * t)
    stereo = np.stack([tone, tone], axis=1).astype(np.float32)  # both channels: the mix keeps it
    progress = []
    audio = capture_to_memory(fake_factory(stereo, speed=0), rate, 2, seconds, on_progress=lambda f, m: progress.append(f))
    assert audio.dtype == np.float32 and abs(audio.size - 16_000 * seconds) < 200
    spectrum = np.abs(np.fft.rfft(audio[2000:18000]))
    assert abs(np.argmax(spectrum) - 440) < 3  # 1 s at 16 kHz: bin = Hz; the tone survives resampling
    assert 0.25 < np.abs(audio).max() < 0.35
    assert progress and progress[-1] == 1.0
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere
