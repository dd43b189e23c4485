"""A backup never carries a recording key, so no key outlives its 24-hour crypto-shred."""

from __future__ import annotations

import wave
import zipfile

import numpy as np
import sqlcipher3

from sa_testing import TEST_PASSPHRASE
from vault_pages import decrypted_pages, looks_like_sqlite_page1
from session_assistant.app import create_practice
from session_assistant.paths import AppPaths
from session_assistant.vault.keys import KeyEnvelope
from session_assistant.vault.store import restore


def _tone(path, seconds=2.0):
    t = np.arange(int(16000 * seconds)) / 16000
    pcm = (0.3 * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(pcm.tobytes())
    return path


def test_backup_has_no_recording_keys_and_restore_shreds_the_orphans(tmp_path):
    paths = AppPaths.default(vault_dir=tmp_path / "vault")
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    practice.profile.update(name="Dr Test", ai_usage_consent=True)
    client = practice.clients.add("Ann", "Example")
    appointment = practice.appointments.add(client, "2026-11-20T10:00", 50)
    recording = practice.recordings.import_file(appointment, _tone(tmp_path / "tone.wav"), consent_now="given")
    recording_id = recording["id"] if isinstance(recording, dict) else recording
    key = practice.vault.db.conn.execute("SELECT chunk_key FROM recording_keys").fetchone()[0]
    backup = practice.vault.backup(tmp_path / "practice.backup")
    practice.close()

    with zipfile.ZipFile(backup) as archive:
        archive.extractall(tmp_path / "unpacked")
    vault_key = KeyEnvelope.load(tmp_path / "unpacked" / "vault.keys").unlock(TEST_PASSPHRASE)
    copy = sqlcipher3.connect(str(tmp_path / "unpacked" / "vault.db"))
    copy.set_key("x'" + vault_key.hex() + "'")
    assert copy.execute("SELECT count(*) FROM recording_keys").fetchone()[0] == 0
    assert copy.execute("SELECT count(*) FROM recordings").fetchone()[0] == 1
    copy.close()
    pages = decrypted_pages(vault_key, tmp_path / "unpacked" / "vault.db")
    assert looks_like_sqlite_page1(pages[0])  # positive control: the decryption works
    assert all(key not in page for page in pages)  # not even in freed space

    restore(backup, paths.vault_dir, TEST_PASSPHRASE)
    from session_assistant.app import open_practice

    practice = open_practice(paths, TEST_PASSPHRASE)  # the start-up sweep shreds the keyless recording
    assert practice.recordings.get(recording_id)["state"] == "shredded"
    practice.close()
