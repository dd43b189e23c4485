"""kill -9 of ``record`` (real PortAudio capture from the virtual audio device, live transcription)
mid-session, then ``sessions resume``: the audio sealed before the kill is transcribed, the
windows finished before it are kept, and the draft is made. Run under ``flock /tmp/sa-heavy.lock``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sa_testing import MODELS_DIR, TEST_PASSPHRASE, run_cli
from session_assistant.services.session_pipeline import TRANSCRIBE_JOB
from session_assistant.vault.store import Vault

AUDIO_TESTS = Path(__file__).resolve().parents[1] / "audio"
sys.path.insert(0, str(AUDIO_TESTS))
from virtual_device import SINK, virtual_audio_env  # noqa: E402

# One PulseAudio null sink serves every test that plays into it: scripts/test runs them alone, in turn.
pytestmark = [pytest.mark.slow, pytest.mark.audio_device]
SPEECH = ("Good morning. How has your week been since we last met? It has been a stressful week, "
          "I slept badly and felt anxious before every meeting at work. My manager changed the schedule again. "
          "Let us look at what happens in the evening. I check my email late and then I cannot stop thinking. ") * 3


def windows_kept_so_far(vault: Vault) -> int:
    """The live windows the recorder has transcribed and kept as checkpoints of its job."""
    with vault.db.read() as conn:
        return conn.execute("SELECT COUNT(*) FROM job_checkpoints c JOIN jobs j ON j.id = c.job_id "
                            "WHERE j.kind = ?", (TRANSCRIBE_JOB,)).fetchone()[0]


def test_kill_9_of_record_then_sessions_resume_finishes_the_session(tmp_path):
    env = virtual_audio_env()
    vault = str(tmp_path / "vault")
    for step in (("init",), ("profile", "set", "--name", "Dr Live", "--ai-consent", "on"),
                 ("clients", "add", "--first", "Lee", "--last", "Example"),
                 ("appointments", "add", "--client", "1", "--start", "2026-11-20T10:00", "--minutes", "50")):
        assert run_cli("--vault", vault, *step).returncode == 0
    speech = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-s", "140", "-w", str(speech), SPEECH], check=True)
    full_env = {**os.environ, **env, "SESSION_ASSISTANT_PASSPHRASE": TEST_PASSPHRASE}
    watcher = Vault.unlock(Path(vault), TEST_PASSPHRASE)  # reads beside the recorder, as a second window may
    recorder = subprocess.Popen(
        [sys.executable, "-m", "session_assistant", "--vault", vault, "--models-dir", str(MODELS_DIR), "--json",
         "record", "--appointment", "1", "--device", "pulse", "--seconds", "300", "--consent", "given",
         "--transcribe", "--window-seconds", "8", "--language", "en", "--draft", "soap",
         "--note-model", "smollm2-135m-instruct"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)
    line = recorder.stderr.readline()
    assert "Recording" in line, line
    started = time.monotonic()
    player = subprocess.Popen(["paplay", f"--device={SINK}", str(speech)], env={**os.environ, **env})
    try:
        # kill -9 as soon as a live window (8 s or more of audio: --window-seconds; the product's are
        # 25 s or more) is transcribed and kept: the audio sealed since then, while the speech (about
        # 70 s) still plays, is what the resume transcribes.
        while windows_kept_so_far(watcher) == 0:
            assert recorder.poll() is None, recorder.communicate(timeout=30)
            assert time.monotonic() - started < 180, "no live window was kept within 180 s"
            time.sleep(0.2)
        os.kill(recorder.pid, signal.SIGKILL)
        heard_s = time.monotonic() - started
        recorder.wait(30)
    finally:
        if recorder.poll() is None:
            recorder.kill()
        player.kill()
        player.wait(30)
        watcher.close()

    listing = run_cli("--vault", vault, "recordings", "list")
    assert "sessions resume 1" in listing.stdout  # the next start offers to finish the interrupted session
    resumed = run_cli("--vault", vault, "--models-dir", str(MODELS_DIR), "--json", "sessions", "resume", "1",
                      "--model", "smollm2-135m-instruct", timeout=1200)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    result = json.loads(resumed.stdout)
    assert result["resumed"] == "transcribe" and result["transcript_id"] >= 1 and result["draft_id"] >= 1
    assert result["windows_kept"] >= 1
    [recording] = json.loads(run_cli("--vault", vault, "--json", "recordings", "list").stdout)
    lost_s = heard_s - recording["duration_s"]
    print(f"\nrecord killed after {heard_s:.1f} s: {recording['duration_s']:.1f} s sealed "
          f"(lost {lost_s:.2f} s, including the device's start-up), {result['windows_kept']} window(s) kept")
    assert recording["transcript_stored"] is True
    assert lost_s <= 1.5  # 1 s chunks; plus PulseAudio's start-up and buffering
    shown = run_cli("--vault", vault, "sessions", "transcript", "1")
    assert "week" in shown.stdout.lower()
    again = run_cli("--vault", vault, "sessions", "resume", "1")
    assert again.returncode != 0 and "no interrupted session" in again.stderr
