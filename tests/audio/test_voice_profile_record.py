"""`profile voice record` through real PortAudio: espeak-ng reads the passage into the virtual device."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from sa_testing import TEST_PASSPHRASE, run_cli
from virtual_device import SINK, virtual_audio_env

from session_assistant.transcribe.voice_profile import PASSAGE

# One PulseAudio null sink serves every test that plays into it: scripts/test runs them alone, in turn.
pytestmark = pytest.mark.audio_device


@pytest.fixture(scope="module")
def pulse():
    env = virtual_audio_env()
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield env
    for k, v in saved.items():
        os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)


def test_a_voice_profile_is_recorded_from_the_input_device_and_kept_only_in_the_vault(pulse, tmp_path):
    vault = tmp_path / "vault"
    assert run_cli("--vault", str(vault), "init").returncode == 0
    reading = tmp_path / "reading.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(reading), PASSAGE], check=True, capture_output=True)
    error_file = tmp_path / "stderr.txt"
    errors = error_file.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "session_assistant", "--vault", str(vault), "--json",
                             "profile", "voice", "record", "--device", "pulse", "--seconds", "16"],
                            stdout=subprocess.PIPE, stderr=errors, text=True,
                            env={**os.environ, "SESSION_ASSISTANT_PASSPHRASE": TEST_PASSPHRASE})
    # The passage (35 s of speech) plays from the moment the command shows it: however late the
    # stream starts, its 16 s are all reading, and the test waits for the recording, not the reading.
    deadline = time.monotonic() + 60
    while "Read aloud" not in error_file.read_text() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    player = subprocess.Popen(["paplay", f"--device={SINK}", str(reading)], env={**os.environ, **pulse})
    try:
        out, _ = proc.communicate(timeout=120)
    finally:
        player.kill()
        player.wait(30)
        errors.close()
    err = error_file.read_text()
    assert proc.returncode == 0, err
    assert "Read aloud" in err and PASSAGE[:40] in err  # the passage is shown to read
    made = json.loads(out)["voice_profile"]
    print(f"voice profile: {made['speech_s']:.1f} s of speech in the 16 s recorded")
    assert made["source"] == "recorded" and made["speech_s"] >= 10
    shown = json.loads(run_cli("--vault", str(vault), "--json", "profile", "voice", "show").stdout)
    assert shown["voice_profile"]["created_at"] == made["created_at"]
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p not in (reading, error_file)]
    assert all(p.parent.name in ("vault", "backups") or "vault" in p.parts for p in written), written
