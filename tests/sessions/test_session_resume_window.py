"""kill -9 of the real window during recording and during drafting, then Resume in a new window.

Each run is a fresh interpreter (``window_session_child.py``) building the window through the
composition root over a real vault, with the real engines (whisper-base, smollm2-135m at
temperature 0). Only the microphone is a fake stream, playing espeak-ng speech.
Run under ``flock /tmp/sa-heavy.lock``: these tests run the models.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from sa_testing import MODELS_DIR, REPO, TEST_KDF, TEST_PASSPHRASE

CHILD = Path(__file__).resolve().parent / "window_session_child.py"
SPEED = 1.0  # the child's fake microphone plays in real time
SPEECH = ("Hello, how have you been this week? I have been sleeping badly and I feel anxious about work. "
          "My manager changed the schedule again and I worry about the deadlines every night. "
          "Let us look at what happens before you go to bed. I usually check my email and then I cannot stop "
          "thinking. We could try a breathing exercise every evening before bed, and keep the phone in another "
          "room. I think I can try that. I also want to call my sister more often, she helps me calm down. "
          "That sounds like a good plan. We will meet again next Tuesday and see how the sleep has been.")

pytestmark = pytest.mark.slow


def _speech_wav(folder: Path, text: str) -> Path:
    """``text`` spoken by espeak-ng as 16 kHz mono PCM (what the fake microphone plays)."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (apt-get install espeak-ng)")
    raw = folder / "raw.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), text], check=True)
    sys.path.insert(0, str(REPO / "tests" / "audio"))
    from virtual_device import load_16k

    samples = np.clip(load_16k(raw) * 32768.0, -32768, 32767).astype("<i2")
    out = folder / "session.wav"
    with wave.open(str(out), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(16000)
        file.writeframes(samples.tobytes())
    return out


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory) -> Path:
    """About 80 s of speech: a live window is transcribed (the child's 8 s or more of audio, then
    Whisper's start and run on a busy machine) while the rest still plays."""
    return _speech_wav(tmp_path_factory.mktemp("speech"), SPEECH + " " + SPEECH)


@pytest.fixture(scope="module")
def short_speech_wav(tmp_path_factory) -> Path:
    """About 40 s of speech: an imported session's draft is what the drafting kill is about; the
    speech is transcribed twice (reference and killed run), so it is no longer than a draft needs."""
    return _speech_wav(tmp_path_factory.mktemp("short_speech"), SPEECH)


@pytest.fixture(scope="module")
def sample_vault(tmp_path_factory) -> Path:
    """The sample practice in a new vault, made once (seconds of encrypted, fsynced writes) and
    copied whole into each test's folder by ``new_vault``: every run still gets its own real vault.
    Its key file pins the tests' cheap Argon2id, which every child process then unlocks with."""
    from session_assistant.app import create_practice
    from session_assistant.paths import AppPaths
    from session_assistant.services.sample_practice import load_sample_practice
    from session_assistant.vault import keys

    folder = tmp_path_factory.mktemp("sample")
    data = folder / "data"
    paths = AppPaths(data_dir=data, log_dir=folder / "log", config_dir=folder / "config", vault_dir=data / "vault",
                     models_dir=MODELS_DIR)
    paths.ensure()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_KDF", dict(TEST_KDF))
        practice, _ = create_practice(paths, TEST_PASSPHRASE)
    practice.profile.update(name="Dr Test Clinician", credentials="PhD", ai_usage_consent=True)
    load_sample_practice(practice)
    practice.close()
    return paths.vault_dir


def new_vault(folder: Path, sample_vault: Path):
    from session_assistant.paths import AppPaths

    data = folder / "data"
    paths = AppPaths(data_dir=data, log_dir=folder / "log", config_dir=folder / "config", vault_dir=data / "vault",
                     models_dir=MODELS_DIR)
    paths.ensure()
    shutil.copytree(sample_vault, paths.vault_dir, dirs_exist_ok=True)
    return paths


def open_vault(paths):
    from session_assistant.app import open_practice

    return open_practice(paths, TEST_PASSPHRASE)


def _events(stream):
    """Every JSON object the child printed, even where a native library's output shares its line."""
    decoder = json.JSONDecoder()
    for line in stream:
        start = line.find("{")
        while start != -1:
            try:
                event, end = decoder.raw_decode(line, start)
            except json.JSONDecodeError:
                end = start + 1
            else:
                if isinstance(event, dict) and "event" in event:
                    yield event
            start = line.find("{", end)


def run_child(mode: str, paths, wav: Path, kill_when=None, timeout_s: float = 1500) -> list[dict]:
    """The child's events; with ``kill_when(event)`` the child gets SIGKILL at the first match."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO / "src")}
    errors = open(paths.data_dir.parent / f"child-{mode}.err", "w+")  # a file: a full pipe would stall the child
    child = subprocess.Popen([sys.executable, str(CHILD), mode, str(paths.data_dir), str(wav)], env=env,
                             stdout=subprocess.PIPE, stderr=errors, text=True)
    events, deadline = [], time.monotonic() + timeout_s
    try:
        for event in _events(child.stdout):
            events.append(event)
            if kill_when is not None and kill_when(event):
                os.kill(child.pid, signal.SIGKILL)
                event["killed_at"] = time.time()
                break
            assert time.monotonic() < deadline, "the child ran too long"
        code = child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        errors.seek(0)
        stderr = errors.read()[-3000:]
        errors.close()
    if kill_when is None:
        assert code == 0, stderr
    else:
        assert code == -signal.SIGKILL, f"the child ended before it was killed: {stderr}"
    return events


def session_jobs(practice, appointment_id: int) -> dict[str, list]:
    with practice.vault.db.read() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM jobs WHERE target_id = ? ORDER BY id", (appointment_id,))]
    found: dict[str, list] = {}
    for job_id in ids:
        job = practice.jobs.get(job_id)
        found.setdefault(job.kind, []).append(job)
    return found


def checkpoint_rows(practice, job_id: int) -> list[tuple]:
    with practice.vault.db.read() as conn:
        return conn.execute("SELECT seq, created_at, data_json FROM job_checkpoints WHERE job_id = ? ORDER BY seq",
                            (job_id,)).fetchall()


def test_kill_during_recording_then_resume_keeps_windows_and_audio(tmp_path, speech_wav, sample_vault):
    paths = new_vault(tmp_path, sample_vault)
    events = run_child("record", paths, speech_wav,
                       kill_when=lambda e: e["event"] == "tick" and e["windows"] >= 1 and e["elapsed_s"])
    last = events[-1]
    heard_s = last["elapsed_s"] + (last["killed_at"] - last["t"]) * SPEED  # audio fed until the kill
    with wave.open(str(speech_wav)) as file:
        assert heard_s < file.getnframes() / 16000 - 0.5, "the recording should still have been running"

    practice = open_vault(paths)  # start-up: the job becomes 'interrupted', the recording is recovered
    appointment_id = next(iter(practice.recordings.list()))["appointment_id"]
    [recording] = practice.recordings.list(appointment_id)
    jobs = session_jobs(practice, appointment_id)
    [transcribing] = jobs["transcribe"]
    assert transcribing.state == "interrupted"
    assert practice.sessions.status(appointment_id)["interrupted"]
    kept = checkpoint_rows(practice, transcribing.id)
    assert len(kept) >= 1
    lost_s = heard_s - recording["duration_s"]
    print(f"\nkill during recording: heard {heard_s:.2f} s, sealed {recording['duration_s']:.2f} s, "
          f"lost {lost_s:.2f} s; {len(kept)} window(s) checkpointed before the kill")
    assert lost_s <= 1.0 + 0.25, f"lost {lost_s:.2f} s of audio"  # 1 s chunks; 0.25 s for the tick's timing
    practice.close()

    # Resume until the transcription is done and stored: what the kill is about. The draft that
    # follows is the drafting kill's test below (its resume drafts, reaches the summary and notifies);
    # drafting this 80 s transcript too cost ~20 s of CPU here and checked nothing more.
    resumed = run_child("resume", paths, speech_wav, kill_when=lambda e: e["event"] == "tick" and e["transcribed"])
    offer = next(e for e in resumed if e["event"] == "offer")
    assert offer["resume"] and "Interrupted" in offer["status"] and "nterrupted" in offer["badge"]
    assert resumed[-1]["foreign_writes"] == []  # every vault write of the resumed transcription on the writer thread

    practice = open_vault(paths)
    after = checkpoint_rows(practice, transcribing.id)
    assert after[:len(kept)] == kept, "the windows finished before the kill were kept as they were"
    indices = [json.loads(row[2])["index"] for row in after]
    assert indices == list(range(len(indices))), f"a window was redone: {indices}"
    assert practice.jobs.get(transcribing.id).state == "done"
    transcript = practice.sessions.transcript(appointment_id)
    assert transcript.segments[-1].end > recording["duration_s"] - 10
    print(f"resume: {len(kept)} window(s) kept, {len(after) - len(kept)} transcribed after the restart")
    practice.close()


def test_kill_during_drafting_then_resume_gives_the_uninterrupted_note(tmp_path, short_speech_wav, sample_vault):
    speech_wav = short_speech_wav
    paths = new_vault(tmp_path / "killed", sample_vault)
    events = run_child("import", paths, speech_wav, kill_when=lambda e: e["event"] == "tick"
                       and e["stage"] == "drafting" and e["busy"].startswith("Drafting"))
    assert events[-1]["stage"] == "drafting"
    practice = open_vault(paths)
    appointment_id = practice.recordings.list()[0]["appointment_id"]
    jobs = session_jobs(practice, appointment_id)
    assert [j.state for j in jobs["transcribe"]] == ["done"]
    assert [j.state for j in jobs["draft"]] == ["interrupted"]
    assert practice.sessions.latest_draft(appointment_id) is None
    practice.close()

    resumed = run_child("resume", paths, speech_wav)
    offer = next(e for e in resumed if e["event"] == "offer")
    assert offer["resume"]
    ready = next(e for e in resumed if e["event"] == "ready")
    assert ready["foreign_writes"] == []
    assert ready["summary"].strip()
    assert ready["notification"] == "An AI session summary is ready for review."
    assert [j["state"] for j in ready["jobs"] if j["kind"] == "transcribe"] == ["done"]  # not transcribed again
    # The uninterrupted note: the transcription finished before the kill (above), so an uninterrupted
    # run differs only in its draft, which Draft again makes from the same stored transcript (an
    # import into a second vault, transcribed again, made the same comparison 20 s slower).
    again = next(e for e in run_child("draft-again", paths, speech_wav) if e["event"] == "ready")
    assert again["foreign_writes"] == [] and again["draft_id"] != ready["draft_id"]
    # The drafts compared, not the notes: Draft again never overwrites the note the resumed draft
    # made, so its summary was the resumed one's whatever Draft again wrote (a resume that lost the
    # client's pronouns passed that comparison).
    assert again["draft"]["sentences"] and again["draft"] == ready["draft"]
