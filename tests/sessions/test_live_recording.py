"""A live session through real PortAudio capture: speech played into the virtual device is recorded,
transcribed while recording, and the transcript is in the vault at Stop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sa_testing import MODELS_DIR, TEST_PASSPHRASE, run_cli

AUDIO_TESTS = Path(__file__).resolve().parents[1] / "audio"
sys.path.insert(0, str(AUDIO_TESTS))
from virtual_device import SINK, virtual_audio_env  # noqa: E402

# One PulseAudio null sink serves every test that plays into it: scripts/test runs them alone, in turn.
pytestmark = [pytest.mark.slow, pytest.mark.audio_device]
SPEECH = ("Good morning. How has your week been since we last met? It has been a stressful week, "
          "I slept badly and felt anxious before every meeting at work.")


def test_record_with_live_transcription_stores_the_transcript_and_drafts(tmp_path):
    env = virtual_audio_env()
    vault = str(tmp_path / "vault")
    for step in (("init",), ("profile", "set", "--name", "Dr Live", "--ai-consent", "on"),
                 ("clients", "add", "--first", "Lee", "--last", "Example"),
                 ("appointments", "add", "--client", "1", "--start", "2026-11-20T10:00", "--minutes", "50")):
        assert run_cli("--vault", vault, *step).returncode == 0
    speech = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-s", "140", "-w", str(speech), SPEECH], check=True)
    full_env = {**os.environ, **env, "SESSION_ASSISTANT_PASSPHRASE": TEST_PASSPHRASE}
    recorder = subprocess.Popen(
        [sys.executable, "-m", "session_assistant", "--vault", vault, "--models-dir", str(MODELS_DIR), "--json",
         "record", "--appointment", "1", "--device", "pulse", "--seconds", "13", "--consent", "given",
         "--transcribe", "--language", "en", "--draft", "soap", "--note-model", "smollm2-135m-instruct"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)
    # Start speaking once the recorder says it is recording (the model loads first).
    started = time.monotonic()
    line = recorder.stderr.readline()
    assert "Recording" in line, line  # said once the device delivers audio
    threading.Event().wait(0.3)  # then 11 s of speech: the 13 s recording holds it all
    subprocess.run(["paplay", f"--device={SINK}", str(speech)], check=True, env={**os.environ, **env}, timeout=60)
    out, err = recorder.communicate(timeout=600)
    assert recorder.returncode == 0, err[-2000:]
    result = json.loads(out)
    assert result["state"] == "complete" and result["transcript_id"] >= 1
    text = " ".join(s["text"] for s in result["transcript"]["segments"]).lower()
    assert "week" in text and ("anxious" in text or "stressful" in text), text
    assert result["draft_id"] >= 1 and result["stop_to_draft_s"] > 0  # drafted right after Stop
    summary = json.loads(run_cli("--vault", vault, "--json", "sessions", "summary", "1").stdout)
    assert summary["format"] == "soap" and set(summary["sections"]) == {"subjective", "objective", "assessment", "plan"}
    listing = json.loads(run_cli("--vault", vault, "--json", "recordings", "list").stdout)
    assert listing[0]["transcript_stored"] is True
    shown = run_cli("--vault", vault, "sessions", "transcript", "1")
    assert shown.returncode == 0 and "week" in shown.stdout.lower()
    assert time.monotonic() - started < 600
