"""Screenshots of the session screen's states and two dialogs (not a test): run under Xvfb.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/shot_session_screens.py [--size 1024x600] [--out DIR]

On the fictional sample practice in a throw-away folder, with no model run: a telehealth session
with its call option and a three-voice transcript (17-session-call-and-voices-WxH.png), a session
whose drafting was interrupted, offering Resume (19-session-interrupted-resume.png), Settings →
Backups (19-settings-backups.png) and Help → Keyboard shortcuts (16b-keyboard-shortcuts.png); at
another --size also Notes to write (16-notes-to-write-WxH.png), and the others named -WxH.
The shot machine has no sound card: the input list is the one a laptop with a headset shows
(a microphone and the speakers' monitor), given to the app's own device listing.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests"))


def _seed(paths) -> tuple[int, int, int]:
    """(telehealth appointment with a three-voice transcript, appointment with an interrupted draft,
    an appointment with consent and nothing recorded yet)."""
    from sa_testing import TEST_PASSPHRASE
    from session_assistant.app import open_practice
    from session_assistant.services.session_pipeline import DRAFT_JOB
    from session_assistant.transcribe.segments import Segment, Transcript
    from test_ui_note_review import LINES as TWO_VOICES
    from test_ui_voices_and_calls import LINES as THREE_VOICES

    practice = open_practice(paths, TEST_PASSPHRASE)
    try:
        today = practice.clock.now().date().isoformat()
        rows = [r for r in practice.appointments.list() if r["starts_at"].startswith(today) and not r["note_id"]]
        call = next(r for r in rows if r["modality"] == "telehealth")
        stopped = next(r for r in rows if r["id"] != call["id"])
        fresh = next(r for r in rows if r["id"] not in (call["id"], stopped["id"]))
        for row in (call, stopped, fresh):
            practice.clients.record_consent(row["client_id"], "given", note="sample practice")
        speakers = ("clinician", "client", "client 2")
        practice.sessions.store_transcript(call["id"], Transcript("en", 45.0, [
            Segment(i, 6.0 * i, 6.0 * i + 4.5, text, speaker=speakers[who]) for i, (who, text) in enumerate(THREE_VOICES)]))
        practice.sessions.store_transcript(stopped["id"], Transcript("en", 30.0, [
            Segment(i, 6.0 * i, 6.0 * i + 5, text, speaker=who) for i, (who, text) in enumerate(TWO_VOICES)]))
        job = practice.jobs.submit(DRAFT_JOB, stopped["id"], {"format": "soap"})
        practice.jobs.mark_running(job)
        practice.jobs.mark_interrupted(job)  # as a quit or a lock mid-draft leaves it
        return call["id"], stopped["id"], fresh["id"]
    finally:
        practice.close()


from shots_common import sample_practice, shot_options  # noqa: E402


def main() -> int:
    args = shot_options()
    width, height = args.width, args.height
    out = args.out

    from PySide6.QtWidgets import QApplication

    import session_assistant.audio.devices as devices
    from sa_testing import TEST_PASSPHRASE
    from session_assistant.audio.devices import InputDevice
    from session_assistant.ui.shell.app_main import build_window
    from session_assistant.ui.settings.settings_dialog import SettingsDialog
    from session_assistant.ui.shell.shortcuts_help import ShortcutsDialog
    from take_screenshots import wait, wait_until

    devices.list_input_devices = lambda *a, **k: [InputDevice(0, "Headset Microphone", "ALSA", 1, 48000.0, True),
                                                  InputDevice(1, "Monitor of Built-in Audio", "ALSA", 2, 48000.0, False)]
    app = QApplication(sys.argv)
    paths = sample_practice("sa-session-shots-", TEST_PASSPHRASE)
    call, stopped, fresh = _seed(paths)

    from engine_fakes import FakeWhisper, fake_engines  # only the cancelled transcription runs an engine

    whisper = FakeWhisper(seconds_per_call=4.0)  # slow enough to be cancelled half-way
    window = build_window(paths, engines=fake_engines(whisper=whisper))
    window.resize(width, height - 28)  # the window manager's title bar
    window.show()
    window.unlock_page.passphrase.setText(TEST_PASSPHRASE)
    window.unlock_page.unlock_button.click()
    wait_until(app, lambda: window.workspace is not None, 30)
    workspace = window.workspace
    size = f"{width}x{height}"

    def shot(widget, name: str) -> None:
        wait(app, 0.4)
        widget.grab().save(str(out / f"{name}.png"), "PNG", 9)
        print(out / f"{name}.png")

    workspace.open_session(call)
    shot(window, f"17-session-call-and-voices-{size}")
    workspace.open_session(stopped)
    shot(window, "19-session-interrupted-resume" + ("" if width == 1366 else f"-{size}"))
    if width != 1366:  # the README's own shot of this screen is take_screenshots.py's, at 1366x768
        workspace.go(4)
        shot(window, f"16-notes-to-write-{size}")
    workspace.go(0)
    dialog = SettingsDialog(window.ctx, window)
    dialog.tabs.setCurrentWidget(dialog.backups_tab)
    dialog.show()
    shot(dialog, "19-settings-backups" + ("" if width == 1366 else f"-{size}"))
    dialog.close()
    help_dialog = ShortcutsDialog(window)
    help_dialog.show()
    shot(help_dialog, "16b-keyboard-shortcuts" + ("" if width == 1366 else f"-{size}"))
    help_dialog.close()
    wait_until(app, lambda: not window.ctx.pools.busy, 60)  # Settings lists the models in the background

    # A transcription cancelled half-way: Resume from the sealed recording, and until when it is kept.
    from test_ui_session_cancel_resume import _noise_wav

    wav = out / ".cancelled-session.wav"
    _noise_wav(wav)
    workspace.open_session(fresh)
    session = workspace.session
    session.import_recording(wav)
    jobs = window.ctx.practice.jobs
    wait_until(app, lambda: (job := jobs.latest("transcribe", fresh)) is not None and jobs.checkpoints(job.id), 60)
    session.busy.cancel.click()
    wait_until(app, lambda: session._worker is None, 30)
    wav.unlink()
    shot(window, "19-session-cancelled-transcription" + ("" if width == 1366 else f"-{size}"))
    window.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
