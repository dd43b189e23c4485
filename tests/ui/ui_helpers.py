"""Helpers shared by the window tests (a uniquely named module: ``from conftest import`` is
ambiguous once several test folders have a conftest.py)."""

from __future__ import annotations

from sa_testing import TEST_PASSPHRASE


class FakeTime:
    """Wall and monotonic seconds that a test moves by hand (no real waiting)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.wall_now = start
        self.mono_now = 1000.0

    def wall(self) -> float:
        return self.wall_now

    def mono(self) -> float:
        return self.mono_now

    def idle(self, seconds: float) -> None:
        """Time passes with the computer awake."""
        self.wall_now += seconds
        self.mono_now += seconds

    def sleep(self, seconds: float) -> None:
        """The computer is suspended: only the wall clock moves."""
        self.wall_now += seconds


def unlock(qtbot, window, passphrase: str = TEST_PASSPHRASE) -> None:
    page = window.unlock_page
    page.passphrase.setText(passphrase)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15000)


def open_todays_session(window, client_name: str):
    """Pick the client's appointment under Today on the agenda and start its session screen."""
    agenda = window.workspace.agenda
    today = agenda.tree.topLevelItem(0)
    agenda.tree.setCurrentItem(next(today.child(j) for j in range(today.childCount())
                                    if client_name in today.child(j).text(1)))
    agenda.start_session.click()
    return window.workspace.session


def use_fake_microphone(monkeypatch, seconds: float = 600):
    """One fake input device playing a -10 dBFS tone in real time (the hardware neighbour; the
    recorder, the sealed file and the vault rows stay real). Returns the stream factory."""
    import importlib.util

    from sa_testing import REPO
    from session_assistant.audio import devices

    spec = importlib.util.spec_from_file_location("ui_audio_fakes", REPO / "tests" / "audio" / "audio_fakes.py")
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    device = devices.InputDevice(7, "Test microphone", "fake", 1, 16000.0, True)
    factory = fakes.fake_factory(fakes.sine(seconds, 16000, amplitude=0.3), speed=1.0)
    monkeypatch.setattr(devices, "list_input_devices", lambda sd=None: [device])
    monkeypatch.setattr(devices, "choose_settings", lambda d, sd=None: (16000, 1))
    monkeypatch.setattr(devices, "portaudio_stream_factory", lambda d, sd=None: factory)
    return factory


def hold_last_window_until_cancelled(monkeypatch) -> None:
    """The tone holds no speech, so the last window's transcription would end at once: hold it
    open until the clinician cancels, which is what the cancel tests are about."""
    import time

    def finish_until_cancelled(self, token=None, on_progress=None):
        while not token.cancelled:
            if on_progress:
                on_progress(0.1, "transcribing")
            time.sleep(0.05)
        token.raise_if_cancelled()

    monkeypatch.setattr("session_assistant.transcribe.live.LiveTranscriber.finish", finish_until_cancelled)


def save_and_wait(qtbot, editor, timeout_ms: int = 10_000) -> None:
    """The note editor's save, waited for until the writer has stored it. ``save()`` itself answers
    True only when the write landed within ``vault_op.GRACE_S`` (50 ms), which a loaded machine
    (the full suite on two workers) can exceed: asserting on it made tests flaky."""
    stored: list[bool] = []
    editor.save(then=lambda: stored.append(True))
    qtbot.waitUntil(lambda: bool(stored), timeout=timeout_ms)
