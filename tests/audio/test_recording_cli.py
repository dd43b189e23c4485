"""The headless interface, run as a user would: a real CLI process on a real vault."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import wave

import numpy as np
import pytest
from audio_vault import AUDIO_TEST_PASSPHRASE
from sa_testing import run_cli
from virtual_device import best_match, load_16k, play, speech_wav, virtual_audio_env



@pytest.fixture
def vault(practice):
    """The fixture practice's vault, closed so the CLI processes own it."""
    folder = practice.paths.vault_dir
    appointment = practice.test_appointment_id
    practice.close()
    return folder, appointment


def cli(vault_dir, *args, env=None, **kw):
    return run_cli("--vault", str(vault_dir), *args, passphrase=AUDIO_TEST_PASSPHRASE, env=env, **kw)


def recordings_files(vault_dir):
    folder = vault_dir / "recordings"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def write_wav(path, seconds=2.0, freq=440.0):
    t = np.arange(int(seconds * 22050)) / 22050
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes((0.3 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2").tobytes())
    return path


def test_import_list_play_and_shred_from_the_command_line(vault, tmp_path):
    vault_dir, appt = vault
    source = write_wav(tmp_path / "visit.wav")
    bad = tmp_path / "empty.m4a"
    bad.write_bytes(b"")

    done = cli(vault_dir, "recordings", "import", str(source), "--appointment", str(appt))
    assert done.returncode == 11 and "has not been asked" in done.stderr
    done = cli(vault_dir, "recordings", "import", str(bad), "--appointment", str(appt), "--consent", "given")
    assert done.returncode == 2 and "empty" in done.stderr
    assert recordings_files(vault_dir) == []

    done = cli(vault_dir, "recordings", "import", str(source), "--appointment", str(appt), "--consent", "given",
               "--json")
    assert done.returncode == 0, done.stderr
    rec_id = json.loads(done.stdout)["id"]
    done = cli(vault_dir, "recordings", "import", str(source), "--appointment", str(appt))  # consent stored now
    assert done.returncode == 0 and len(done.stdout.strip()) == 32
    second = done.stdout.strip()

    rows = json.loads(cli(vault_dir, "--json", "recordings", "list").stdout)
    assert [(r["id"], r["state"], r["appointment_id"]) for r in rows] == [
        (rec_id, "complete", appt), (second, "complete", appt)]
    assert rows[0]["shred_due_at"] and rows[0]["ended_at"]

    out = tmp_path / "out.wav"
    done = cli(vault_dir, "recordings", "play", rec_id, "--out", str(out))
    assert done.returncode == 0 and "NOT encrypted" in done.stderr
    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (16000, 1, 32000)
    piped = subprocess.run([sys.executable, "-m", "session_assistant", "--vault", str(vault_dir),
                            "recordings", "play", rec_id, "--out", "-"], capture_output=True,
                           env={**os.environ, "SESSION_ASSISTANT_PASSPHRASE": AUDIO_TEST_PASSPHRASE})
    assert piped.returncode == 0
    with wave.open(io.BytesIO(piped.stdout)) as wav:
        assert wav.getnframes() == 32000
    done = cli(vault_dir, "recordings", "play", rec_id, "--out", str(out))
    assert done.returncode == 2 and "already exists" in done.stderr

    done = cli(vault_dir, "shred", "--id", rec_id)
    assert done.returncode == 2 and "--force" in done.stderr
    done = cli(vault_dir, "shred", "--id", rec_id, "--force")
    assert done.returncode == 0, done.stderr
    assert recordings_files(vault_dir) == [f"{second}.sealed"]
    done = cli(vault_dir, "recordings", "play", rec_id, "--out", str(tmp_path / "again.wav"))
    assert done.returncode == 2 and "shredded" in done.stderr
    log = json.loads(cli(vault_dir, "recordings", "log", "--json").stdout)
    assert [(e["recording_id"], e["reason"]) for e in log] == [(rec_id, "forced")]
    done = cli(vault_dir, "shred", "--due")
    assert done.returncode == 0 and "none due" in done.stdout


def test_portaudio_missing_is_one_clear_line_and_changes_nothing(vault, tmp_path):
    vault_dir, appt = vault
    fake = tmp_path / "fake_site"
    fake.mkdir()
    # What the real sounddevice does when libportaudio is absent.
    (fake / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    env = {"PYTHONPATH": str(fake)}
    before = sorted(p.name for p in vault_dir.iterdir())
    for args in (("record", "--appointment", str(appt), "--consent", "given"), ("recordings", "devices")):
        done = cli(vault_dir, *args, env=env)
        assert done.returncode == 10, done.stderr
        assert done.stderr.strip().count("\n") == 0 and "PortAudio is not installed" in done.stderr
    assert sorted(p.name for p in vault_dir.iterdir()) == before


def recording_line(proc) -> str:
    """The CLI's "Recording <id> ..." line (ALSA may print its own chatter to stderr first)."""
    for _ in range(200):
        line = proc.stderr.readline()
        if line.startswith("Recording "):
            return line
        if not line:
            break
    raise AssertionError(f"record did not start: {proc.communicate(timeout=30)}")


@pytest.fixture
def pulse(monkeypatch):
    env = virtual_audio_env()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.mark.slow
@pytest.mark.audio_device  # one PulseAudio null sink: scripts/test runs these alone, in turn
def test_record_from_the_virtual_device_then_play_back(vault, pulse, tmp_path):
    vault_dir, appt = vault
    done = cli(vault_dir, "record", "--appointment", str(appt), "--device", "no such mic", "--consent", "given")
    assert done.returncode == 3 and "recordings devices" in done.stderr
    done = cli(vault_dir, "record", "--appointment", str(appt), "--device", "pulse", "--seconds", "3")
    assert done.returncode == 11 and "has not been asked" in done.stderr
    assert recordings_files(vault_dir) == []
    devices = json.loads(cli(vault_dir, "recordings", "devices", "--json").stdout)
    assert any(d["name"] == "pulse" for d in devices)

    speech = speech_wav(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "session_assistant", "--vault", str(vault_dir), "--json",
                             "record", "--appointment", str(appt), "--device", "pulse", "--seconds", "9",
                             "--consent", "given"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "SESSION_ASSISTANT_PASSPHRASE": AUDIO_TEST_PASSPHRASE})
    recording_line(proc)  # said once the device delivers audio (PulseAudio may take seconds to start)
    time.sleep(0.5)
    play(speech, pulse)  # 5.3 s of speech: the 9 s recording holds all of it
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    summary = json.loads(out)
    assert summary["state"] == "complete" and abs(summary["duration_s"] - 9.0) < 0.01
    assert isinstance(summary["overruns"], int)  # counted; a loaded CI machine may see a device overflow

    wav_out = tmp_path / "played_back.wav"
    assert cli(vault_dir, "recordings", "play", summary["id"], "--out", str(wav_out)).returncode == 0
    recorded = load_16k(wav_out)
    score, _ = best_match(recorded, load_16k(speech))
    assert score > 0.8, score


@pytest.mark.slow
@pytest.mark.audio_device  # one PulseAudio null sink: scripts/test runs these alone, in turn
def test_kill_minus_9_of_the_record_command(vault, pulse, tmp_path):
    vault_dir, appt = vault
    speech = speech_wav(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "session_assistant", "--vault", str(vault_dir),
                             "record", "--appointment", str(appt), "--device", "pulse", "--seconds", "120",
                             "--consent", "given"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "SESSION_ASSISTANT_PASSPHRASE": AUDIO_TEST_PASSPHRASE})
    try:
        rec_id = recording_line(proc).split()[1]
        path = vault_dir / "recordings" / f"{rec_id}.sealed"
        player = subprocess.Popen(["paplay", "--device=sa_test", str(speech)], env={**os.environ, **pulse})
        # When did audio start flowing? The first chunk reaches the disk one second after it did
        # (the device may take a moment to deliver its first block after the stream starts).
        header_size = path.stat().st_size
        while path.stat().st_size == header_size:
            time.sleep(0.01)
        flowing_since = time.time() - 1.0
        time.sleep(3.6)
        killed_at = time.time()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        player.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    gap = killed_at - path.stat().st_mtime
    rows = json.loads(cli(vault_dir, "--json", "recordings", "list").stdout)  # the sweep recovers it
    row = next(r for r in rows if r["id"] == rec_id)
    assert row["state"] == "interrupted"
    assert row["interrupted_at"] == f"00:{int(row['interrupted_at_s']):02d}"
    lost = killed_at - flowing_since - row["interrupted_at_s"]
    assert lost < 1.0 + 0.35, lost  # the chunk in flight, plus the block being copied and slack
    assert gap < 1.35, gap
    wav_out = tmp_path / "after_kill.wav"
    assert cli(vault_dir, "recordings", "play", rec_id, "--out", str(wav_out)).returncode == 0
    print(f"CLI kill -9: interrupted at {row['interrupted_at']}, lost {lost:.2f}s, kill-to-last-chunk {gap:.2f}s")
