"""The engine on real speech, real silence and real noise, with whisper-base."""

from __future__ import annotations

import json
import subprocess

import jiwer
import numpy as np
import pytest

from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken
from session_assistant.transcribe.engine import DecodeOptions
from session_assistant.transcribe.guard import collapse_repetition, rejection_reason
from session_assistant.transcribe.segments import Transcript
from transcribe_samples import engine, need_tools, read_wav, speak  # noqa: F401 (fixture)

from sa_testing import SHARED

CLIP = SHARED / "eval" / "speech" / "audio" / "librispeech" / "1089-134686-0000.flac"
CLIP_TEXT = ("he hoped there would be stew for dinner turnips and carrots and bruised potatoes and fat "
             "mutton pieces to be ladled out in thick peppered flour fattened sauce")


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def test_real_speech_is_transcribed_with_words_times_and_confidence(engine):
    audio = read_wav(CLIP)
    seen = []
    transcript = engine.transcribe(audio, on_progress=lambda f, m: seen.append(f))
    assert transcript.language == "en"
    assert jiwer.wer(CLIP_TEXT, _words(transcript.text)) < 0.15
    assert seen and seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen)
    for seg in transcript.segments:
        assert 0 <= seg.start < seg.end <= transcript.duration_s + 0.5
        assert seg.words and all(seg.start - 0.5 <= w.start <= w.end <= seg.end + 0.5 for w in seg.words)
        assert 0.5 < seg.confidence <= 1.0
    # JSON round trip: what a caller persists comes back the same
    again = Transcript.from_dict(json.loads(json.dumps(transcript.to_dict())))
    assert again == transcript


def test_offset_and_fixed_language(engine, tmp_path):
    audio = read_wav(speak("The appointment is on Tuesday afternoon.", "en-us", tmp_path / "s.wav"))
    transcript = engine.transcribe(audio, DecodeOptions(language="en"), offset_s=100.0, first_id=7)
    assert transcript.segments[0].id == 7
    assert transcript.segments[0].start >= 100.0
    words = _words(transcript.text)
    # Whisper base hears espeak's "on Tuesday" variously; these two words it always gets.
    assert "appointment" in words and "afternoon" in words, transcript.text


def test_cancel_between_segments(engine):
    token = CancelToken()
    seen = []

    def progress(fraction, message):
        seen.append(fraction)
        token.cancel()  # the user presses Cancel after the first segment

    with pytest.raises(Cancelled):
        engine.transcribe(read_wav(CLIP), on_progress=progress, token=token)
    assert len(seen) == 1


def _sox(tmp_path, name, *synth):
    need_tools()
    out = tmp_path / name
    subprocess.run(["sox", "-R", "-n", "-r", "16000", "-c", "1", str(out), *synth], check=True)
    return read_wav(out)


@pytest.mark.parametrize("vad", [True, False], ids=["vad", "guard-only"])
def test_silence_and_noise_give_no_text(engine, tmp_path, vad):
    rng = np.random.default_rng(4)
    inputs = {
        "silence": _sox(tmp_path, "silence.wav", "trim", "0", "8"),
        "pink noise": _sox(tmp_path, "pink.wav", "synth", "8", "pinknoise", "vol", "0.3"),
        "hum": _sox(tmp_path, "hum.wav", "synth", "8", "sine", "50", "vol", "0.2"),
        "white noise": (rng.standard_normal(8 * 16000) * 0.05).astype(np.float32),
    }
    if not vad:  # without VAD, noise costs ~40 s of temperature fallbacks on 2 cores; digital silence
        inputs = {"silence": inputs["silence"]}  # never reaches the model (it once wrote "Tai ni" there)
    for name, audio in inputs.items():
        transcript = engine.transcribe(audio, DecodeOptions(vad_filter=vad))
        assert transcript.segments == [], name


def test_guard_rejects_known_hallucinations_and_keeps_speech():
    assert rejection_reason("Thank you for watching!", 0.1, -0.3, 0.95, None) == "blocklist"
    assert rejection_reason("Subtitles by the Amara.org community", 0.2, -0.4, 0.9, None) == "blocklist"
    assert rejection_reason("Thank you.", 0.5, -0.6, 0.6, None) == "blocklist"
    assert rejection_reason("so so so", 0.8, -0.9, 0.4, None) == "no_speech"
    assert rejection_reason("I see what you mean.", 0.1, -1.6, 0.3, None) == "low_logprob"
    assert rejection_reason("I tried it again.", 0.1, -0.3, 0.9, "I tried it again.") == "repeat_of_previous"
    assert rejection_reason("I have not been sleeping well.", 0.05, -0.25, 0.92, None) is None
    assert collapse_repetition("I am I am I am I am I am fine") == "I am fine"
    assert collapse_repetition("no no, I mean it") == "no no, I mean it"


def test_digital_silence_never_reaches_the_model(engine, monkeypatch):
    """Whisper can write words over pure silence (its temperature fallback samples at random), so
    silence is answered before the model is asked, and a quiet voice still is."""
    calls = []
    real = engine._model.transcribe
    monkeypatch.setattr(engine._model, "transcribe", lambda *a, **k: (calls.append(1), real(*a, **k))[1])
    assert engine.transcribe(np.zeros(8 * 16000, dtype=np.float32)).segments == []
    assert engine.transcribe(np.full(16000, 0.0004, dtype=np.float32)).segments == []
    assert calls == []
    quiet = read_wav(CLIP) * 0.05  # about -30 dBFS speech: still transcribed
    assert engine.transcribe(quiet).segments and calls == [1]
