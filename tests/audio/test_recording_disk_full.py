"""A really full disk (a tiny tmpfs): recording stops with a clear error and keeps what was
sealed; an import stops and keeps nothing. Skipped where tmpfs cannot be mounted (not root)."""

from __future__ import annotations

import subprocess
import uuid
import wave

import pytest
from audio_fakes import fake_factory, sine
from audio_vault import AUDIO_TEST_PASSPHRASE
from sa_testing import run_cli

from session_assistant.audio import sealed
from session_assistant.audio.capture import Recorder
from session_assistant.errors import DiskFull


@pytest.fixture
def tiny_fs(tmp_path):
    mounted = []

    def mount(size: str):
        folder = tmp_path / f"tmpfs-{uuid.uuid4().hex[:6]}"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs to fill: {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_recording_onto_a_full_disk_keeps_the_sealed_chunks(tiny_fs):
    folder = tiny_fs("64k")
    key, rec_id = sealed.new_key(), sealed.new_recording_id()
    path = folder / sealed.file_name_for(rec_id)
    factory = fake_factory(sine(5.0, 16000))
    recorder = Recorder(sealed.SealedWriter(path, key, rec_id), factory, 16000, queue_blocks=1000)
    recorder.start()
    assert recorder.wait(10)
    with pytest.raises(DiskFull, match="disk is full"):
        recorder.stop()
    info = sealed.SealedReader(path, key).info()
    assert (info.complete, info.chunks) == (False, 2)


def test_import_onto_a_full_disk_changes_nothing(practice, tiny_fs, tmp_path):
    source = tmp_path / "long.wav"
    with wave.open(str(source), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes((sine(10.0, 16000)[:, 0] * 20000).astype("<i2").tobytes())
    vault_src = practice.paths.vault_dir
    appointment = practice.test_appointment_id
    practice.clients.record_consent(practice.test_client_id, "given")
    practice.close()
    disk = tiny_fs("4m")
    vault_dir = disk / "vault"
    subprocess.run(["cp", "-a", str(vault_src), str(vault_dir)], check=True)
    (vault_dir / "recordings").mkdir(mode=0o700)
    free = _free_bytes(disk)
    (disk / "filler").write_bytes(b"\0" * (free - 120 * 1024))  # leave room for the vault, not the audio
    done = run_cli("--vault", str(vault_dir), "recordings", "import", str(source), "--appointment", str(appointment),
                   passphrase=AUDIO_TEST_PASSPHRASE)
    assert done.returncode == 8, done.stderr
    assert "disk is full" in done.stderr and done.stderr.strip().count("\n") == 0
    assert list((vault_dir / "recordings").iterdir()) == []
    (disk / "filler").unlink()
    listed = run_cli("--vault", str(vault_dir), "--json", "recordings", "list", passphrase=AUDIO_TEST_PASSPHRASE)
    assert listed.returncode == 0 and listed.stdout.strip() == "[]"


def _free_bytes(folder) -> int:
    import os

    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize
