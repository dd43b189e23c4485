"""The session screen tells the clinician to check the speaker names when their voice profile did
not decide them (read on another microphone: bench/README.md, 2026-12-01 morning), keeps telling
on a reload, and stops once a speaker was corrected.

Neighbours faked: Whisper (the fake transcriber) with a stand-in voice encoder that prints two
clear voices turn by turn, and the stored profile (a print between the two voices, near neither,
as a profile from another microphone lies). The speaker naming, the pipeline, the vault and the
window are real."""

from __future__ import annotations

import wave

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from engine_fakes import FakeWhisper, fake_engines
from ui_helpers import open_todays_session, unlock

VOICE_A, VOICE_B = np.eye(256)[0], np.eye(256)[1]


class TwoVoices:
    """``VoiceEncoder.embed_pieces``: the pieces of each call are the two voices in turn."""

    def embed_pieces(self, pieces, batch: int = 128):
        return np.array([VOICE_A if k % 2 == 0 else VOICE_B for k in range(len(pieces))], dtype=np.float32)


class WhisperWithPrints(FakeWhisper):
    voice_encoder = TwoVoices()


@pytest.fixture
def turns_wav(tmp_path):
    """20 s: in every 5 s, two 2 s bursts of tone with half a second of silence after each (pauses
    the speaker step cuts pieces at)."""
    rate = 16000
    t = np.arange(20 * rate) / rate
    on = (t % 2.5) < 2.0
    samples = (0.3 * np.sin(2 * np.pi * 220 * t) * on * 32767).astype("<i2")
    path = tmp_path / "visit.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def test_a_profile_that_did_not_decide_the_names_is_shown_until_a_speaker_is_corrected(
        qtbot, ready_vault, make_window, monkeypatch, turns_wav):
    from session_assistant.services.voice_profile import VoiceProfileService

    between = (VOICE_A + VOICE_B) / np.sqrt(2)  # 0.71 like either voice: near neither
    monkeypatch.setattr(VoiceProfileService, "clinician_voice", lambda self, *a, **k: between.astype(np.float32))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning shown: {a[2:]}"))
    window = make_window(ready_vault, engines=fake_engines(whisper=WhisperWithPrints()))
    unlock(qtbot, window)
    session = open_todays_session(window, "Jonah")
    panel = session.transcript
    assert not panel.naming_check.isVisible()

    session.import_recording(turns_wav)
    qtbot.waitUntil(lambda: session._worker is None and panel.lines.count() > 0, timeout=120000)
    assert panel.naming_check.isVisible()
    assert "voice profile did not match" in panel.naming_check.text()
    assert "check them" in panel.naming_check.text()

    appointment = session.appointment_id
    window.ctx.sessions.clear()  # reload: the view reads the vault again
    session.show_appointment(None)
    assert not panel.naming_check.isVisible()
    session.show_appointment(appointment)
    assert panel.naming_check.isVisible()

    panel.swap_button.click()
    qtbot.waitUntil(lambda: panel.notice.isVisible(), timeout=10000)
    assert not panel.naming_check.isVisible()
