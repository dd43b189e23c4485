"""Recording from the session screen: device list, level meter, elapsed time, pause/resume, stop,
then cancel the transcription that follows. The input stream is a fake (the hardware neighbour);
the recorder, the sealed file and the vault rows are real."""

from __future__ import annotations

import time

import importlib.util

import pytest
from PySide6.QtWidgets import QMessageBox

from ui_helpers import hold_last_window_until_cancelled, unlock, use_fake_microphone

pytestmark = pytest.mark.skipif(importlib.util.find_spec("session_assistant.services.recordings") is None,
                                reason="this build has no recording service")


def test_record_pause_resume_stop_then_cancel_transcription(qtbot, ready_vault, make_window, monkeypatch):
    use_fake_microphone(monkeypatch)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))

    def transcription_until_cancelled(engine, blocks, total, *args, on_progress=None, token=None, **kwargs):
        # The tone holds no speech, so real transcription ends at once: hold the stage open until
        # the user cancels, which is what this test is about.
        while not token.cancelled:
            on_progress(0.1, "transcribing")
            time.sleep(0.05)
        token.raise_if_cancelled()

    monkeypatch.setattr("session_assistant.transcribe.live.transcribe_blocks", transcription_until_cancelled)

    hold_last_window_until_cancelled(monkeypatch)

    window = make_window(ready_vault)
    unlock(qtbot, window)
    agenda = window.workspace.agenda
    today = agenda.tree.topLevelItem(0)
    agenda.tree.setCurrentItem(next(today.child(j) for j in range(today.childCount())
                                    if "Avery" in today.child(j).text(1)))
    agenda.start_session.click()
    session = window.workspace.session
    assert session.device.count() == 1 and "Test microphone" in session.device.currentText()
    assert session.record_button.isEnabled()
    session.record_button.click()
    assert session._live is not None, warnings
    qtbot.waitUntil(lambda: session.level.value() > 50, timeout=10000)  # a -10 dBFS tone moves the meter
    # "Starting the microphone" gave way to "Recording" once the device delivered audio
    qtbot.waitUntil(lambda: session.consent_state.text().startswith("Recording."), timeout=5000)
    qtbot.waitUntil(lambda: session.elapsed.text() >= "00:02", timeout=15000)
    assert agenda.tree.topLevelItem(0) is not None and window.ctx.sessions[session.appointment_id].stage == "recording"
    session.pause_button.click()
    assert "Resume" in session.pause_button.text()
    session.pause_button.click()
    recording_id = session._live.active.id
    session.stop_button.click()
    assert session._live is None
    qtbot.waitUntil(lambda: window.ctx.sessions[session.appointment_id].stage == "transcribing", timeout=30000)
    session.busy.cancel.click()  # long work can always be cancelled
    qtbot.waitUntil(lambda: session._worker is None, timeout=120000)
    assert not warnings
    assert "Cancelled" in session.consent_state.text()
    assert not session.resume_button.isHidden()  # the cancelled transcription can be resumed
    recording = window.ctx.practice.recordings.get(recording_id) if hasattr(window.ctx.practice, "recordings") \
        else None
    if recording is not None:
        assert recording["state"] == "complete" and recording["duration_s"] >= 2
