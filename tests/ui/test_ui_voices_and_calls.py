"""The session screen's choices for more than two people: "Number of voices" in the transcript view
counts the voices again from the stored voice prints (Client 2 appears, lines keep their numbers,
the reassign menu offers every voice), and "Telehealth call" chooses a second input and records
the call on two channels."""

from __future__ import annotations

import numpy as np
import pytest

from sa_testing import TEST_PASSPHRASE
from session_assistant.audio.devices import InputDevice
from ui_helpers import unlock

LINES = [  # (true voice, text): a couple session; the clinician asks and reflects
    (0, "Welcome, both of you. What would you like to focus on today?"),
    (1, "We keep arguing about money, and I found a bill I did not know about."),
    (2, "I was going to tell her, I was embarrassed about losing my bonus."),
    (0, "It sounds like the secret hurt more than the money. Is that right?"),
    (1, "Yes. I felt shut out and I wondered what else I did not know."),
    (2, "I felt ashamed. My father never talked about money either."),
    (0, "Could you both try a short money talk every Sunday this month?"),
]


def seed_three_voices(paths) -> int:
    """A stored transcript named for two voices, whose lines carry voice prints of three people."""
    from session_assistant.app import open_practice
    from session_assistant.transcribe.segments import Segment, Transcript

    rng = np.random.default_rng(3)
    centres = np.eye(256)[:3] * 0.9 + 0.1 / 16
    practice = open_practice(paths, TEST_PASSPHRASE)
    try:
        appointment = next(row["id"] for row in practice.appointments.list() if not row["note_id"])
        segments = []
        for i, (who, text) in enumerate(LINES):
            start = 6.0 * i
            prints = []
            for k in range(3):  # three 1.5 s pieces per line, each a noisy print of its speaker
                vector = centres[who] + rng.normal(0, 0.02, 256)
                prints.append([start + 1.5 * k, start + 1.5 * k + 1.4, *(vector / np.linalg.norm(vector)).tolist()])
            segments.append(Segment(i, start, start + 4.5, text, speaker="clinician" if who == 0 else "client",
                                    voice=prints))
        practice.sessions.store_transcript(appointment, Transcript("en", 45.0, segments))
        return appointment
    finally:
        practice.close()


def test_number_of_voices_recounts_from_stored_prints_and_offers_client_2(qtbot, ready_vault, make_window):
    appointment = seed_three_voices(ready_vault)
    window = make_window(ready_vault)
    unlock(qtbot, window)
    window.workspace.open_session(appointment)
    panel = window.workspace.session.transcript
    assert panel.voice_count.value() == 2 and panel.recount_button.isEnabled()

    panel.voice_count.setValue(3)
    panel.recount_button.click()
    expected = ["Clinician", "Client", "Client 2", "Clinician", "Client", "Client 2", "Clinician"]
    qtbot.waitUntil(lambda: [line.split("] ", 1)[1].split(":", 1)[0] for line in panel.line_texts()] == expected,
                    timeout=20000)
    stored = window.ctx.practice.sessions.transcript(appointment).segments
    assert [s.speaker for s in stored] == [n.lower() for n in expected]
    assert [s.id for s in stored] == list(range(len(LINES)))  # line numbers kept: the draft's evidence holds
    assert panel.voice_count.value() == 3
    panel.select_segment(1)
    menu = panel.reassign_button.menu()
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["Clinician said this", "Client said this", "Client 2 said this"]
    with window.ctx.practice.vault.db.read() as conn:
        detail = conn.execute("SELECT detail FROM audit_log WHERE action = 'transcript_voices_recounted'").fetchone()[0]
    assert "3 voice(s) from stored voice prints" in detail


def test_telehealth_call_option_chooses_a_second_input_and_records_two_channels(qtbot, ready_vault, make_window,
                                                                                 monkeypatch):
    import session_assistant.audio.devices as devices
    from session_assistant.errors import UserError

    window = make_window(ready_vault)
    unlock(qtbot, window)
    inputs = window.workspace.session.call_inputs
    mic = InputDevice(0, "USB Microphone", "ALSA", 1, 48000.0, True)
    loopback = InputDevice(1, "Monitor of Built-in Audio", "ALSA", 2, 48000.0, False)
    inputs.fill([mic, loopback])
    assert inputs.call_device.currentData() == loopback  # a monitor input is suggested for the call
    inputs.suggest_call(True)  # a telehealth appointment
    assert inputs.is_call and not inputs.voices.isEnabledTo(inputs)
    chosen = []
    monkeypatch.setattr(devices, "choose_settings", lambda device, sd=None: chosen.append(device.name) or (48000, 1))
    monkeypatch.setattr(devices, "portaudio_stream_factory", lambda device, sd=None: device.name)
    calls = []

    class Session:  # the live session and recorder are proven on real devices in tests/audio
        def start(self, *args, **kwargs):
            calls.append((args, kwargs))

    inputs.call_device.setCurrentIndex(0)  # the microphone twice: refused with what to do
    with pytest.raises(UserError, match="other than your microphone"):
        inputs.start(Session(), mic)
    inputs.call_device.setCurrentIndex(1)
    inputs.start(Session(), mic)
    inputs.suggest_call(False)  # in the room: one microphone, the voices counted
    inputs.start(Session(), mic)
    assert calls == [(("USB Microphone", 48000, 1), {"call": ("Monitor of Built-in Audio", (48000, 1))}),
                     (("USB Microphone", 48000, 1), {})]
    assert inputs.voices.isEnabledTo(inputs)
