"""An imported recording, from audio file to a finished draft, as the window's Import does it.

    flock /tmp/sa-core0.lock flock /tmp/sa-core1.lock \
        .venv/bin/python bench/import_to_draft.py AUDIO [--format soap] [--speakers 2]

Calls ``services.live_session.import_and_draft`` (the function the session screen's Import runs)
on a throw-away vault with the sample practice: seal the file, transcribe it (Whisper base, the
app's settings), draft the note (the app's default note model and settings, the chart of the
sample client). Prints each stage's wall time (from the stages' own progress messages) and the
total. Both cores: the app's default threads; hold both core locks so nothing else runs.

Audio for a 50-minute session (espeak-ng, two voices, therapy sessions 01, 05 and 08 of
bench/therapy_eval, 9,207 words, 51 min): see bench/README.md, "Imported recording to draft".
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "import timing passphrase 2026"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("audio", type=Path)
    parser.add_argument("--format", default="soap")
    parser.add_argument("--speakers", type=int, default=2)
    parser.add_argument("--save", type=Path, help="write the draft's JSON here (outside the repository)")
    args = parser.parse_args()

    from session_assistant.app import create_practice
    from session_assistant.paths import AppPaths
    from session_assistant.services import live_session
    from session_assistant.services.sample_practice import load_sample_practice

    home = Path(tempfile.mkdtemp(prefix="sa-import-timing-"))
    paths = AppPaths(data_dir=home / "data", log_dir=home / "log", config_dir=home / "config",
                     vault_dir=home / "data" / "vault", models_dir=REPO / "models")
    paths.ensure()
    practice, _recovery = create_practice(paths, PASSPHRASE)
    practice.profile.update(name="Dr Sample Clinician", credentials="PhD", ai_usage_consent=True)
    load_sample_practice(practice)
    appointment = next(a["id"] for a in practice.appointments.list() if not a["note_id"])

    marks: list[tuple[float, str]] = []
    started = time.monotonic()

    def progress(fraction: float, message: str) -> None:
        stage = message.split(":")[0].split(" ")[0]
        if not marks or marks[-1][1] != stage:
            marks.append((time.monotonic() - started, stage))
            print(f"{marks[-1][0]:8.1f} s  {message}", flush=True)

    result = live_session.import_and_draft(practice.sessions, appointment, args.audio, args.format, progress,
                                           consent_now="given", speakers=args.speakers)
    total = time.monotonic() - started
    draft = practice.sessions.latest_draft(appointment)
    sentences = draft["draft"]["sentences"] if draft else []
    words = sum(len(s["text"].split()) for s in sentences)
    if args.save:
        import json

        args.save.write_text(json.dumps(draft["draft"], indent=1), encoding="utf-8")
    print(f"machine: {os.cpu_count()} cpus, load avg {os.getloadavg()[0]:.1f}, {datetime.datetime.now():%Y-%m-%d %H:%M}")
    print(f"audio to finished draft: {total:.1f} s ({total / 60:.1f} min); draft of {len(sentences)} sentences, {words} words")
    practice.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
