"""The session screen shows the stored transcript as soon as transcription has finished and keeps it
while the draft is written, for an imported recording, a resumed session and Draft again, as it
does for a live recording (issue 18). Fake engines: the note model is slowed so drafting lasts."""

from __future__ import annotations

import wave

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from engine_fakes import HEARD, FakeNoteModel, fake_engines
from ui_helpers import open_todays_session, unlock


@pytest.fixture
def sound_wav(tmp_path):
    """20 s of a loud tone: the fake transcriber hears one line per 5 s of sound."""
    rate = 16000
    t = np.arange(20 * rate) / rate
    samples = (0.3 * np.sin(2 * np.pi * 220 * t) * 32767).astype("<i2")
    path = tmp_path / "visit.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path



def _window(qtbot, ready_vault, make_window, monkeypatch, whisper=None):
    # 0.05 s a token: drafting lasts a few seconds, long enough to look at the screen meanwhile.
    window = make_window(ready_vault, engines=fake_engines(whisper=whisper, llm=FakeNoteModel(seconds_per_token=0.05)))
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    return window, open_todays_session(window, "Jonah"), warnings


def _transcript_shown_while_drafting(qtbot, session) -> None:
    qtbot.waitUntil(lambda: session.busy.message.text().startswith("Drafting"), timeout=30000)
    qtbot.wait(100)
    assert session._worker is not None, "drafting already finished: the check proves nothing"
    shown = session.transcript.toPlainText()
    assert HEARD[0] in shown and HEARD[1] in shown, shown
    qtbot.waitUntil(lambda: session._worker is None, timeout=120000)


def test_an_imported_recording_shows_its_transcript_while_drafting(qtbot, ready_vault, make_window, monkeypatch,
                                                                   sound_wav):
    window, session, warnings = _window(qtbot, ready_vault, make_window, monkeypatch)
    assert session.transcript.toPlainText().strip() == ""
    session.import_recording(sound_wav)
    _transcript_shown_while_drafting(qtbot, session)
    assert not warnings
    assert window.ctx.sessions[session.appointment_id].stage == "ready"
    assert HEARD[0] in session.transcript.toPlainText()  # and it stays once the draft is done


def test_draft_again_shows_the_stored_transcript_while_drafting(qtbot, ready_vault, make_window, monkeypatch,
                                                               sound_wav):
    window, session, warnings = _window(qtbot, ready_vault, make_window, monkeypatch)
    session.import_recording(sound_wav)
    qtbot.waitUntil(lambda: session._worker is None, timeout=120000)
    assert session.draft_again_button.isVisible()
    session.transcript.clear()  # whatever was on screen before, Draft again shows the stored transcript
    session.draft_again_button.click()
    _transcript_shown_while_drafting(qtbot, session)
    assert not warnings and window.ctx.sessions[session.appointment_id].stage == "ready"
