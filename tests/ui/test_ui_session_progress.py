"""The session screen's progress a person understands, with the real note model (smollm2-135m):
Draft again from the stored transcript shows its stage, percentage and estimate; Cancel says
"Cancelling…" and the work has stopped within 2 s; every vault write ran on the writer thread.
Run under ``flock /tmp/sa-heavy.lock`` (the model runs)."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from engine_fakes import FakeWhisper, fake_engines
from ui_helpers import open_todays_session, unlock

LINES = [("clinician", "How have you been sleeping since we last met?"),
         ("client", "Badly. I wake up at three and I keep thinking about work and the deadlines."),
         ("clinician", "What do you do when you wake up like that?"),
         ("client", "I check my phone, and then I cannot fall asleep again until it is morning."),
         ("clinician", "Let us try keeping the phone in another room and a breathing exercise before bed."),
         ("client", "I can try that this week. I also want to call my sister more, she calms me down.")] * 4



def _store_transcript(practice, appointment_id: int) -> None:
    from session_assistant.transcribe.segments import Segment, Transcript

    segments = [Segment(i, 6.0 * i, 6.0 * i + 5.5, text, confidence=0.9, speaker=speaker)
                for i, (speaker, text) in enumerate(LINES)]
    practice.sessions.store_transcript(appointment_id, Transcript("en", 6.0 * len(LINES), segments))


@pytest.mark.slow
def test_cancel_during_draft_again_ends_within_two_seconds(qtbot, ready_vault, make_window, monkeypatch):
    from session_assistant.vault import writer

    # Real: how fast Cancel reaches llama.cpp mid-generation is the point.
    window = make_window(ready_vault, real_engines=True, model_overrides={"llm": "smollm2-135m-instruct"})
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    practice = window.ctx.practice
    session = open_todays_session(window, "Jonah")
    assert not session.draft_again_button.isVisible()  # nothing to draft from yet
    _store_transcript(practice, session.appointment_id)
    session.show_appointment(session.appointment_id)
    assert session.draft_again_button.isVisible()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    found: list[str] = []
    monkeypatch.setattr(writer, "WRITE_CHECK", found)

    session.draft_again_button.click()
    assert session.busy.isVisible() and not session.draft_again_button.isVisible()
    # Generating: the model is loaded and the bar has moved (the stage line shows a percentage).
    qtbot.waitUntil(lambda: practice.sessions._llm is not None and practice.sessions._llm.loaded, timeout=120000)
    qtbot.waitUntil(lambda: " %" in session.busy.message.text(), timeout=60000)
    time.sleep(1.0)  # well inside token generation
    qtbot.wait(200)
    shown = session.busy.message.text()
    assert shown.startswith("Drafting (1 of 1)"), shown
    agenda = window.workspace.agenda  # the agenda's badge shows the same work's percentage
    today = agenda.tree.topLevelItem(0)
    badge = next(today.child(j).text(3) for j in range(today.childCount()) if "Jonah" in today.child(j).text(1))
    assert re.fullmatch(r"Drafting… \d{1,3} %", badge), badge
    started = time.monotonic()
    session.busy.cancel.click()
    assert session.busy.message.text() == "Cancelling…" and not session.busy.cancel.isEnabled()
    qtbot.waitUntil(lambda: session._worker is None, timeout=10000)
    latency = time.monotonic() - started
    print(f"\nCancel -> work stopped and the screen told: {latency:.2f} s")
    assert latency < 2.0
    assert not warnings
    assert "Cancelled" in session.consent_state.text()
    assert session.draft_again_button.isVisible()  # Draft again from the stored transcript
    assert practice.jobs.latest("draft", session.appointment_id).state == "cancelled"
    assert practice.sessions.latest_draft(session.appointment_id) is None
    assert found == []


def test_recording_stop_and_failure_write_only_on_the_writer_thread(qtbot, ready_vault, make_window, monkeypatch):
    """Record a tone (no speech) from a fake stream: start, pause, resume, Stop; the speech model
    (a fake that hears nothing, as Whisper's voice filter does with a tone) finds nothing and the
    job is left resumable. Every write ran on the writer."""
    import importlib.util

    from sa_testing import REPO
    from session_assistant.audio import devices
    from session_assistant.vault import writer

    spec = importlib.util.spec_from_file_location("ui_audio_fakes", REPO / "tests" / "audio" / "audio_fakes.py")
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    device = devices.InputDevice(7, "Test microphone", "fake", 1, 16000.0, True)
    factory = fakes.fake_factory(fakes.sine(4, 16000, amplitude=0.3), speed=1.0)
    monkeypatch.setattr(devices, "list_input_devices", lambda sd=None: [device])
    monkeypatch.setattr(devices, "choose_settings", lambda d, sd=None: (16000, 1))
    monkeypatch.setattr(devices, "portaudio_stream_factory", lambda d, sd=None: factory)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))

    window = make_window(ready_vault, engines=fake_engines(whisper=FakeWhisper(lines=())))
    unlock(qtbot, window)
    session = open_todays_session(window, "Jonah")
    found: list[str] = []
    monkeypatch.setattr(writer, "WRITE_CHECK", found)
    session.record_button.click()
    assert session._live is not None, warnings
    job_id = session._live.job_id
    assert window.ctx.practice.jobs.get(job_id).state == "running"
    qtbot.waitUntil(lambda: session.elapsed.text() >= "00:02", timeout=15000)
    session.pause_button.click()
    session.pause_button.click()
    session.stop_button.click()
    qtbot.waitUntil(lambda: session._worker is None, timeout=180000)
    assert warnings and "speech" in warnings[0].lower()  # a tone: nothing to transcribe, said plainly
    assert found == [], found
