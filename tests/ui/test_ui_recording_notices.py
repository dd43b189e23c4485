"""Issue 15 item 2 in the window: a recording left untranscribed is transcribed in the background
well before its deadline; audio shredded at 24 hours before its transcript was stored is shown to
the clinician, and stays an unread notice in the vault until they press OK."""

from __future__ import annotations

import wave
from datetime import datetime, timezone

import numpy as np
from PySide6.QtWidgets import QMessageBox

from session_assistant.clock import FixedClock
from ui_helpers import unlock


def import_tone(window, tmp_path) -> str:
    tone = tmp_path / "tone.wav"
    with wave.open(str(tone), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.sin(np.arange(32000) / 5) * 8000).astype("<i2").tobytes())
    appointment = window.ctx.practice.appointments.list()[0]["id"]
    return window.ctx.practice.recordings.import_file(appointment, tone, consent_now="given")


def test_a_recording_left_untranscribed_is_transcribed_in_the_background(qtbot, ready_vault, make_window, tmp_path,
                                                                          monkeypatch):
    from session_assistant.services.session_pipeline import SessionPipeline

    asked = []
    monkeypatch.setattr(SessionPipeline, "transcribe_recording",
                        lambda self, rec_id, **kw: asked.append(rec_id) or {"transcript_id": 1})
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc))
    window = make_window(ready_vault, clock=clock)
    unlock(qtbot, window)
    rec_id = import_tone(window, tmp_path)  # e.g. the app was closed right after the import
    window._on_sweep_timer_timeout()
    assert not window.ctx.pools.busy and asked == []  # just ended: the session screen is on it
    clock.advance(hours=1)
    window._on_sweep_timer_timeout()
    qtbot.waitUntil(lambda: asked == [rec_id], timeout=5000)
    qtbot.waitUntil(lambda: not window.ctx.pools.busy, timeout=5000)
    window._on_sweep_timer_timeout()
    assert asked == [rec_id], "tried once per unlock, not at every tick"


def test_the_window_tells_which_session_lost_its_audio_untranscribed(qtbot, ready_vault, make_window, tmp_path):
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc))
    window = make_window(ready_vault, clock=clock)
    unlock(qtbot, window)
    recordings = window.ctx.practice.recordings
    rec_id = import_tone(window, tmp_path)

    window._on_sweep_timer_timeout()
    assert window._notice_box is None  # nothing to say yet
    clock.advance(hours=24)
    window._on_sweep_timer_timeout()  # the timer's sweep
    box = window._notice_box
    assert box is not None and box.isVisible()
    assert "before its transcript was stored" in box.text() and rec_id in box.text()
    assert [n["recording_id"] for n in recordings.notices()] == [rec_id]  # unread until OK
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window._notice_box is None, timeout=5000)
    assert recordings.notices() == []


def test_the_window_sweeps_at_a_deadline_not_up_to_ten_minutes_after_it(qtbot, ready_vault, make_window, tmp_path):
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc))
    window = make_window(ready_vault, clock=clock)
    unlock(qtbot, window)
    rec_id = import_tone(window, tmp_path)
    window.ctx.practice.recordings.mark_transcript_stored(rec_id)
    clock.advance(hours=23, minutes=57)
    window._on_sweep_timer_timeout()
    assert window._deadline_timer.isActive()
    assert 170_000 <= window._deadline_timer.remainingTime() <= 181_000  # 3 minutes (+1 s), not 10
