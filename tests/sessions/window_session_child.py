"""Child process for the kill -9 tests: the real window (composition root, real vault, real models)
runs one session for the client Jonah and reports what happens, one JSON object a line, until it
is killed or the summary is ready.

    python window_session_child.py MODE DATA_DIR WAV

MODE ``record``: record WAV through the session screen (a fake input stream plays the file in real
time: the hardware neighbour; recorder, sealed file, vault and engines are real), Stop when
the file has played. ``import``: import WAV. ``resume``: report what the screen offers, then Resume.
``draft-again``: Draft again from the stored transcript. Events: {"event": "tick", "stage",
"elapsed_s", "windows", "transcribed", "foreign_writes"}, {"event": "offer", ...}, {"event": "ready", "draft": the stored draft's
sections and sentences, "summary": the note's text, ...}.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS / "audio"))

from sa_testing import MODELS_DIR, TEST_PASSPHRASE  # noqa: E402

SPEED = 1.0  # real time: the first live window is transcribed while the file still plays


def say(event: str, **data) -> None:
    # One write call per event: print() writes the text and its newline separately, and a CI run
    # once read two events on one line (another thread or a native library wrote in between).
    os.write(1, (json.dumps({"event": event, "t": time.time(), **data}) + "\n").encode())


def read_wav(wav: Path):
    """16 kHz mono 16-bit PCM -> float32 frames x 1."""
    import wave

    import numpy as np

    with wave.open(str(wav)) as file:
        assert file.getframerate() == 16000 and file.getnchannels() == 1 and file.getsampwidth() == 2
        data = np.frombuffer(file.readframes(file.getnframes()), dtype="<i2")
    return (data.astype(np.float32) / 32768.0)[:, None]


def fake_microphone(wav: Path) -> float:
    """Patch the device layer to a fake stream playing ``wav``; returns its length in seconds."""
    from audio_fakes import fake_factory
    from session_assistant.audio import devices

    samples = read_wav(wav)
    device = devices.InputDevice(7, "Test microphone", "fake", 1, 16000.0, True)
    factory = fake_factory(samples[:, :1], speed=SPEED)
    devices.list_input_devices = lambda sd=None: [device]
    devices.choose_settings = lambda d, sd=None: (16000, 1)
    devices.portaudio_stream_factory = lambda d, sd=None: factory
    return len(samples) / 16000


def main() -> int:
    mode, data_dir, wav = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from session_assistant.paths import AppPaths
    from session_assistant.ui.shell.app_main import build_window

    paths = AppPaths(data_dir=data_dir, log_dir=data_dir.parent / "log", config_dir=data_dir.parent / "config",
                     vault_dir=data_dir / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    duration = fake_microphone(wav)
    app = QApplication([sys.argv[0]])
    QMessageBox.warning = lambda parent, title, text, *a: say("warning", text=text)
    QMessageBox.information = lambda parent, title, text, *a: say("information", text=text)
    window = build_window(paths, model_overrides={"llm": "smollm2-135m-instruct"})
    window.ctx.settings.auto_lock_minutes = 120
    window.show()
    window.unlock_page.passphrase.setText(TEST_PASSPHRASE)
    window.unlock_page.unlock_button.click()
    while window.workspace is None:
        app.processEvents()
        time.sleep(0.02)
    workspace = window.workspace
    agenda, session = workspace.agenda, workspace.session
    today = agenda.tree.topLevelItem(0)
    row = next(today.child(j) for j in range(today.childCount()) if "Jonah" in today.child(j).text(1))
    badge = row.text(3)
    agenda.tree.setCurrentItem(row)
    agenda.start_session.click()
    practice = window.ctx.practice
    practice.sessions.max_sentences = 2  # the tiny test model rambles; short sections keep runs short
    if mode in ("record", "resume"):
        from session_assistant.transcribe.live import LiveSettings

        # What the kill is about is a window kept before it: 8-15 s windows (the product's are
        # 25-40 s) keep one within seconds instead of half a minute of real-time playing.
        practice.sessions.live_settings = LiveSettings(min_window_s=8.0, max_window_s=15.0)
    appointment_id = session.appointment_id
    from session_assistant.vault import writer

    writer.WRITE_CHECK = []  # from here on, every vault write must run on the writer thread

    def ready(_appointment_id) -> None:
        draft = practice.sessions.latest_draft(appointment_id)
        with practice.vault.db.read() as conn:
            note_id = conn.execute("SELECT max(id) FROM progress_notes WHERE appointment_id = ?",
                                   (appointment_id,)).fetchone()[0]
        note = practice.notes.get(note_id)
        # The draft itself, not only the note: Draft again never overwrites the note made from the
        # first draft, so a note's summary read after it is still the first draft's.
        written = {key: draft["draft"][key] for key in ("sections", "sentences", "withheld", "dropped", "risk")}
        say("ready", draft_id=draft["id"], draft=written, summary=note["fields"]["session_summary"],
            foreign_writes=writer.WRITE_CHECK,
            notification=workspace.last_notification,
            jobs=[{"id": j.id, "kind": j.kind, "state": j.state} for j in _jobs(practice, appointment_id)])
        QTimer.singleShot(0, app.quit)

    session.summary_ready.connect(ready)
    timer = QTimer()

    def tick() -> None:
        live = session._live
        job = practice.jobs.latest("transcribe", appointment_id)
        say("tick", stage=window.ctx.session(appointment_id).stage, busy=session.busy.message.text(),
            elapsed_s=live.recorder.elapsed_s if live is not None and live.recorder is not None else None,
            windows=len(practice.jobs.checkpoints(job.id)) if job else 0,
            transcribed=job.state == "done" if job else False, foreign_writes=writer.WRITE_CHECK)
        if live is not None and live.recorder is not None and live.recorder.elapsed_s >= duration - 0.2:
            session.stop_button.click()

    timer.timeout.connect(tick)
    timer.start(200)
    if mode == "record":
        session.record_button.click()
    elif mode == "import":
        session.import_recording(wav)
    elif mode in ("resume", "draft-again"):
        say("offer", badge=badge, resume=session.resume_button.isVisible(), status=session.consent_state.text(),
            draft_again=session.draft_again_button.isVisible(),
            jobs=[{"id": j.id, "kind": j.kind, "state": j.state, "checkpoints": practice.jobs.checkpoints(j.id)}
                  for j in _jobs(practice, appointment_id)])
        (session.resume_button if mode == "resume" else session.draft_again_button).click()
    app.exec()
    window.shutdown()
    return 0


def _jobs(practice, appointment_id):
    with practice.vault.db.read() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM jobs WHERE target_id = ? ORDER BY id", (appointment_id,))]
    return [practice.jobs.get(i) for i in ids]


if __name__ == "__main__":
    sys.exit(main())
