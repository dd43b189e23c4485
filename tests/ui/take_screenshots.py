"""Screenshots of the real app for the README (not a test): run under Xvfb at 1366x768.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/take_screenshots.py [--llm ID]

Builds the window through the real composition root in a throw-away home with the fictional
sample practice, drives it like a user, and saves ``QWidget.grab()`` images (scaled down, PNG)
to docs/screenshots/. The session shot imports a short espeak-ng recording and drafts it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "screenshots"
PASSPHRASE = "screenshots passphrase 2026"
# Clinician and client in two voices (espeak-ng male and female): one voice for both, as this script
# once used, could never be named right, and the README's session picture showed it.
SPEECH = [
    ("en-us+m3", "How have you been since last week?"),
    ("en-us+f2", "Honestly, not great. I have been sleeping badly, maybe five hours a night, and I feel anxious "
                 "before work meetings."),
    ("en-us+m3", "That sounds hard. Last time we talked about a breathing exercise. Did you try it?"),
    ("en-us+f2", "I tried it twice, and it helped a little."),
    ("en-us+m3", "Good. Let us practise it together now, and this week try it every evening before bed. "
                 "We will meet again next Tuesday."),
    ("en-us+f2", "Okay. Tuesday works for me."),
]


def speak_dialogue(turns, wav: Path) -> None:
    """Each turn spoken in its voice, at 16 kHz, with 0.6 s of silence between turns."""
    parts = []
    for n, (voice, text) in enumerate(turns):
        raw = wav.with_name(f"turn{n}.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(raw), text], check=True)
        part = wav.with_name(f"turn{n}-16k.wav")
        subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", str(part), "pad", "0", "0.6"], check=True)
        parts.append(str(part))
    subprocess.run(["sox", *parts, str(wav)], check=True)


def wait(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_until(app, predicate, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the app")
        app.processEvents()
        time.sleep(0.05)


def shot(app, window, name: str, width: int = 1100) -> None:
    from PySide6.QtCore import Qt

    wait(app, 0.3)
    image = window.grab().toImage().scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    path = OUT / f"{name}.png"
    image.save(str(path), "PNG", 9)
    print(f"{path.relative_to(REPO)}: {path.stat().st_size // 1024} KB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--llm", default="", help="note model id (default: the app's default)")
    parser.add_argument("--max-sentences", type=int, default=0, help="shorter drafts (0: the format's own)")
    parser.add_argument("--quick", action="store_true", help="stop before the session (no models)")
    parser.add_argument("--until-drafting", action="store_true", help="stop after the drafting shot (cancels it)")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="sa-shots-")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                     ("XDG_CACHE_HOME", "cache")):
        os.environ[var] = f"{home}/{sub}"
    from PySide6.QtWidgets import QApplication, QMessageBox

    from session_assistant.paths import AppPaths
    from session_assistant.ui.shell.app_main import build_window

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    paths = AppPaths.default()
    paths.ensure()
    window = build_window(paths, model_overrides={"llm": args.llm} if args.llm else None)
    window.resize(1366, 740)
    window.ctx.settings.auto_lock_minutes = 120  # drafting on a busy machine can outlast 15 idle minutes
    window.show()
    wait(app, 0.5)

    page = window.first_run  # 1. first run
    page.name.setText("Dr Sam Rivera")
    page.credentials.setText("PsyD")
    page.licence.setText("PSY 12345")
    page.practice_name.setText("Riverside Counselling")
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    shot(app, window, "01-first-run")
    page.create_button.click()
    wait_until(app, lambda: page.currentIndex() == 1, 30)
    page.written_down.setChecked(True)
    shot(app, window, "02-recovery-key")
    page.key_continue.click()
    page.ai_consent.setChecked(True)
    page.load_sample.setChecked(True)
    shot(app, window, "03-ai-consent")
    page.finish_button.click()
    wait_until(app, lambda: window.workspace is not None, 60)

    window.lock()  # 2. unlock
    window.unlock_page.passphrase.setText(PASSPHRASE)
    shot(app, window, "04-unlock")
    window.unlock_page.unlock_button.click()
    wait_until(app, lambda: window.workspace is not None, 30)

    workspace = window.workspace  # 3. agenda
    agenda = workspace.agenda
    today = agenda.tree.topLevelItem(0)
    agenda.tree.setCurrentItem(today.child(1))
    shot(app, window, "05-agenda")
    workspace.go(4)  # Notes to write: past sessions without a signed note, from any week
    shot(app, window, "16-notes-to-write")
    workspace.go(0)

    avery = next(c["id"] for c in window.ctx.practice.clients.list() if c["last_name"] == "Lindqvist")
    workspace.open_chart(avery)  # 4. chart
    shot(app, window, "06-chart")
    from session_assistant.ui.settings.settings_dialog import SettingsDialog  # 7. settings

    dialog = SettingsDialog(window.ctx, workspace)
    dialog.tabs.setCurrentIndex(1)
    dialog.show()
    wait(app, 1.5)
    shot(app, dialog, "11-settings-privacy", width=760)
    dialog.close()
    # The signed note's picture (10-note-signed) is shot_note_editor.py's: a fully reviewed AI note.
    if args.quick:
        window.shutdown()
        return 0
    if args.max_sentences:
        import functools

        import session_assistant.drafting as drafting

        drafting.draft_note = functools.partial(drafting.draft_note, max_sentences=args.max_sentences)

    wav = Path(home) / "session.wav"  # 5. session: import, transcribe, draft
    speak_dialogue(SPEECH, wav)
    agenda.refresh()
    agenda.tree.setCurrentItem(agenda.tree.topLevelItem(0).child(1))
    agenda.start_session.click()
    session = workspace.session
    session.import_recording(wav)
    wait_until(app, lambda: window.ctx.sessions.get(session.appointment_id) is not None
               and window.ctx.sessions[session.appointment_id].stage == "drafting", 600)
    # Well into the draft (the bar counts to 1000), so the stage line shows its percentage and estimate.
    wait_until(app, lambda: session.busy.bar.value() >= 250 or window.ctx.sessions[session.appointment_id].stage
               != "drafting", 900)
    shot(app, window, "07-session-drafting")
    if args.until_drafting:  # the note editor's README shots come from shot_note_editor.py (no model)
        window.shutdown()
        return 0
    wait_until(app, lambda: window.ctx.sessions[session.appointment_id].stage in ("ready", "failed"), 1800)
    shot(app, window, "08-session-done")

    session.open_note_button.click()  # 6. note editor with the AI review
    editor = workspace.note
    draft = window.ctx.sessions[session.appointment_id].draft
    if draft is not None:
        row = next((i for i, s in enumerate(draft.sentences) if s.evidence), 0)
        editor.sentences.setCurrentRow(row)
    shot(app, window, "09-note-editor")

    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
