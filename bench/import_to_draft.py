"""An imported recording, from audio file to a finished draft, as the window's Import does it.

    flock /tmp/sa-core0.lock flock /tmp/sa-core1.lock \
        .venv/bin/python bench/import_to_draft.py AUDIO [--format soap] [--speakers 2]

Calls ``services.live_session.import_and_draft`` (the function the session screen's Import runs)
on a throw-away vault with the sample practice: seal the file, transcribe it (Whisper base, the
app's settings), draft the note (the app's default note model and settings, the chart of the
sample client). Prints each stage's wall time (from the stages' own progress messages) and the
total. Both cores: the app's default threads; hold both core locks so nothing else runs.

    ... bench/import_to_draft.py FOLDER --again [--cores 1] [--log LOG] [--save DRAFT.json]

drafts again, alone, the transcript an earlier run stored in its throw-away vault (FOLDER, printed
at its start): the same transcript drafted one window at a time (``--cores 1``) and two at once
(the default on two cores). ``--log`` keeps the messages under each stage (each window's prompt
reading and writing, by thread); peak RSS is printed at the end.

Audio for a 50-minute session (espeak-ng, two voices, therapy sessions 01, 05 and 08 of
bench/therapy_eval, 9,207 words, 51 min): see bench/README.md, "Imported recording to draft".
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "import timing passphrase 2026"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("audio", type=Path, help="the recording; with --again, the folder an earlier run printed")
    parser.add_argument("--again", action="store_true",
                        help="draft again the transcript an earlier run stored (its folder is AUDIO): times drafting alone")
    parser.add_argument("--format", default="soap")
    parser.add_argument("--speakers", type=int, default=2)
    parser.add_argument("--save", type=Path, help="write the draft's JSON here (outside the repository)")
    parser.add_argument("--log", type=Path, help="write each stage's own messages here with their times (the "
                                                  "windows' reading and writing, composition), outside the repository")
    parser.add_argument("--cores", type=int, help="cores for drafting after transcription (1: one window at a time)")
    args = parser.parse_args()

    from session_assistant.app import create_practice, open_practice
    from session_assistant.paths import AppPaths
    from session_assistant.services import live_session
    from session_assistant.services.sample_practice import load_sample_practice

    home = args.audio if args.again else Path(tempfile.mkdtemp(prefix="sa-import-timing-"))
    print(f"vault folder: {home}")
    paths = AppPaths(data_dir=home / "data", log_dir=home / "log", config_dir=home / "config",
                     vault_dir=home / "data" / "vault", models_dir=REPO / "models")
    if args.again:
        practice = open_practice(paths, PASSPHRASE)
        appointment = next(a["id"] for a in practice.appointments.list() if practice.sessions.transcript(a["id"]))
    else:
        paths.ensure()
        practice, _recovery = create_practice(paths, PASSPHRASE)
        practice.profile.update(name="Dr Sample Clinician", credentials="PhD", ai_usage_consent=True)
        load_sample_practice(practice)
        appointment = next(a["id"] for a in practice.appointments.list() if not a["note_id"])

    marks: list[tuple[float, str]] = []
    started = time.monotonic()
    if args.log:
        _log_inner_messages(live_session, args.log, started)
    if args.cores:
        practice.sessions.drafting_cores = args.cores

    def progress(fraction: float, message: str) -> None:
        stage = message.split(":")[0].split(" ")[0]
        if not marks or marks[-1][1] != stage:
            marks.append((time.monotonic() - started, stage))
            print(f"{marks[-1][0]:8.1f} s  {message}", flush=True)

    if args.again:
        live_session.draft_again(practice.sessions, appointment, args.format, progress)
    else:
        live_session.import_and_draft(practice.sessions, appointment, args.audio, args.format, progress,
                                      consent_now="given", speakers=args.speakers)
    total = time.monotonic() - started
    draft = practice.sessions.latest_draft(appointment)
    sentences = draft["draft"]["sentences"] if draft else []
    words = sum(len(s["text"].split()) for s in sentences)
    if args.save:
        import json

        args.save.write_text(json.dumps(draft["draft"], indent=1), encoding="utf-8")
    print(f"machine: {os.cpu_count()} cpus, load avg {os.getloadavg()[0]:.1f}, {datetime.datetime.now():%Y-%m-%d %H:%M}")
    print(f"{'draft again' if args.again else 'audio to finished draft'}: {total:.1f} s ({total / 60:.1f} min); draft of {len(sentences)} sentences, {words} words")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    practice.close()
    return 0


def _log_inner_messages(live_session, path: Path, started: float) -> None:
    """The stages show only 'Drafting (3 of 3) · 42 %'; this keeps the messages under them ('Drafting
    part 2 Plan: reading', '... 37 tokens'), one line each time the message changes other than in its
    number, with the thread that sent it: enough to tell prompt reading from writing per window."""
    import re
    import threading

    handle = path.open("w", encoding="utf-8")
    last: dict[str, tuple[str, str]] = {}
    original = live_session.StagedProgress.stage

    def stage(self, name):
        report = original(self, name)

        def logged(fraction: float, message: str = "") -> None:
            thread = threading.current_thread().name
            shape = re.sub(r"\d+ tokens", "N tokens", message)
            before = last.get(thread)
            if before is None or before[0] != shape:
                if before is not None and before[1] != before[0]:
                    handle.write(f"{time.monotonic() - started:9.2f} {thread} (last) {before[1]}\n")
                handle.write(f"{time.monotonic() - started:9.2f} {thread} {message}\n")
                handle.flush()
            last[thread] = (shape, message)
            report(fraction, message)

        return logged

    live_session.StagedProgress.stage = stage


if __name__ == "__main__":
    sys.exit(main())
