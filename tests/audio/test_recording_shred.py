"""SECURITY items 11 and 12: the 24-hour crypto-shred and orphan clean-up, driven by the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from audio_fakes import fake_factory, sine
from vault_pages import decrypted_pages, looks_like_sqlite_page1

from session_assistant.audio import sealed
from session_assistant.services.recordings import RecordingService
from session_assistant.audio.retention import TranscriptNotStored
from session_assistant.errors import UserError


def make_recording(recordings, practice, seconds=2.0) -> str:
    factory = fake_factory(sine(seconds, 16000))
    active = recordings.start(practice.test_appointment_id, factory, 16000, consent_now="given")
    assert factory.streams[0].exhausted.wait(10)
    return recordings.finish(active)["id"]


def key_of(practice, rec_id) -> bytes | None:
    with practice.vault.db.read() as conn:
        row = conn.execute("SELECT chunk_key FROM recording_keys WHERE recording_id = ?", (rec_id,)).fetchone()
    return row[0] if row else None


def vault_files(practice):
    return [p for p in practice.paths.vault_dir.rglob("*") if p.is_file()]


def audit_actions(practice) -> list[str]:
    with practice.vault.db.read() as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_shredded_24h_after_the_end_once_the_transcript_is_stored(practice, recordings, clock):
    rec_id = make_recording(recordings, practice)
    key = key_of(practice, rec_id)
    path = practice.paths.recordings_dir / sealed.file_name_for(rec_id)
    recordings.mark_transcript_stored(rec_id)

    clock.advance(hours=23, minutes=59)
    assert recordings.sweep().shredded == []
    assert path.exists() and key_of(practice, rec_id) == key

    # Positive control: before the shred the key IS visible in the decrypted vault pages.
    vault_key = practice.vault._key
    pages = decrypted_pages(vault_key, practice.paths.vault_db)
    assert looks_like_sqlite_page1(pages[0]), "the page decryptor must really decrypt SQLCipher pages"
    assert any(key in page for page in pages)

    clock.advance(minutes=1)
    report = recordings.sweep()
    assert report.shredded == [rec_id]
    assert not path.exists()
    assert key_of(practice, rec_id) is None
    row = recordings.get(rec_id)
    assert row["state"] == "shredded" and row["shredded_at"] == "2026-11-23T09:00:00+00:00"
    with pytest.raises(UserError, match="shredded"):
        recordings.load_audio(rec_id)

    # The key is nowhere: not in any file's raw bytes, not in any decrypted page (freed space
    # included: secure_delete zeroed it), not in the WAL (checkpointed and truncated).
    for file in vault_files(practice):
        assert key not in file.read_bytes(), file.name
    assert not any(key in page for page in decrypted_pages(vault_key, practice.paths.vault_db))
    wal = practice.paths.vault_dir / "vault.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0

    log = recordings.shred_log()
    assert [(e["recording_id"], e["reason"], e["key_deleted"], e["file_deleted"]) for e in log] == [
        (rec_id, "retention", 1, 1)]
    assert "recording_shredded" in audit_actions(practice)
    assert practice.verify_audit().ok


def test_before_its_deadline_untranscribed_audio_is_shredded_only_when_confirmed(practice, recordings, clock):
    rec_id = make_recording(recordings, practice)
    clock.advance(hours=12)
    report = recordings.sweep()
    assert [u["id"] for u in report.untranscribed] == [rec_id] and report.shredded_untranscribed == []
    with pytest.raises(TranscriptNotStored, match="--force"):
        recordings.shred(rec_id)
    assert key_of(practice, rec_id) is not None
    recordings.shred(rec_id, force=True)  # the clinician confirms
    assert key_of(practice, rec_id) is None
    assert recordings.shred_log()[-1]["reason"] == "forced"


def test_shred_on_request_at_once(practice, recordings):
    rec_id = make_recording(recordings, practice)
    recordings.mark_transcript_stored(rec_id)
    recordings.shred(rec_id)
    assert recordings.get(rec_id)["state"] == "shredded"
    assert recordings.shred_log()[-1]["reason"] == "requested"
    with pytest.raises(UserError, match="already shredded"):
        recordings.shred(rec_id)


def test_a_copy_of_the_file_is_useless_after_the_shred(practice, recordings, tmp_path):
    rec_id = make_recording(recordings, practice)
    path = practice.paths.recordings_dir / sealed.file_name_for(rec_id)
    stolen = tmp_path / "copy.sealed"
    stolen.write_bytes(path.read_bytes())  # e.g. blocks an SSD kept after the unlink
    key = key_of(practice, rec_id)
    recordings.shred(rec_id, force=True)
    with pytest.raises(sealed.RecordingDamaged, match="wrong key"):
        sealed.SealedReader(stolen, sealed.new_key())
    assert key_of(practice, rec_id) is None
    assert sealed.SealedReader(stolen, key).info().complete  # only the erased key could open it


def test_shorter_retention_is_allowed_longer_is_not(practice, clock):
    service = RecordingService(practice.vault, practice.paths.recordings_dir, practice.clients, practice.profile,
                               retention=timedelta(hours=2))
    rec_id = make_recording(service, practice)
    service.mark_transcript_stored(rec_id)
    assert service.get(rec_id)["shred_due_at"] == "2026-11-22T11:00:00+00:00"
    clock.advance(hours=2)
    assert service.sweep().shredded == [rec_id]
    with pytest.raises(UserError, match="at most 24 hours"):
        RecordingService(practice.vault, practice.paths.recordings_dir, practice.clients, practice.profile,
                         retention=timedelta(hours=25))


def test_orphan_file_without_a_key_is_removed_and_audited(practice, recordings):
    folder = practice.paths.recordings_dir
    folder.mkdir(parents=True, exist_ok=True)
    rec_id = sealed.new_recording_id()
    writer = sealed.SealedWriter(folder / sealed.file_name_for(rec_id), sealed.new_key(), rec_id)
    writer.append((sine(1.0, 16000)[:, 0] * 10000).astype("int16"))
    assert recordings.sweep().orphans == []  # its writer is alive: not an orphan yet
    writer.close()  # the importer died before committing the key
    unrelated = folder / "notes.txt"
    unrelated.write_text("not ours to delete")
    report = recordings.sweep()
    assert report.orphans == [rec_id]
    assert not (folder / sealed.file_name_for(rec_id)).exists() and unrelated.exists()
    assert recordings.shred_log()[-1]["reason"] == "orphan_file"
    assert "recording_orphan_removed" in audit_actions(practice)


def test_a_key_without_a_file_is_kept_until_its_deadline(practice, recordings, clock):
    """Issue 15 item 7: a missing file is not an orphan at once (it may come back); see
    test_retention_deadlines for the file returning."""
    rec_id = make_recording(recordings, practice)
    (practice.paths.recordings_dir / sealed.file_name_for(rec_id)).unlink()
    report = recordings.sweep()
    assert report.orphans == [] and report.missing == [rec_id]
    assert key_of(practice, rec_id) is not None
    clock.advance(hours=24)
    assert recordings.sweep().shredded_untranscribed == [rec_id]
    assert key_of(practice, rec_id) is None
    assert recordings.get(rec_id)["state"] == "shredded"
    entry = recordings.shred_log()[-1]
    assert (entry["reason"], entry["key_deleted"], entry["file_deleted"]) == ("untranscribed", 1, 0)


def test_a_running_recording_cannot_be_shredded(practice, recordings):
    factory = fake_factory(sine(5.0, 16000), speed=1.0)
    active = recordings.start(practice.test_appointment_id, factory, 16000, consent_now="given")
    try:
        with pytest.raises(UserError, match="still running"):
            recordings.shred(active.id, force=True)
        assert recordings.sweep().orphans == []
    finally:
        recordings.finish(active)


def test_transcript_flag_can_commit_with_the_transcript_or_not_at_all(practice, recordings):
    rec_id = make_recording(recordings, practice)
    with pytest.raises(RuntimeError):
        with practice.vault.db.transaction() as conn:
            recordings.mark_transcript_stored(rec_id, conn=conn)
            raise RuntimeError("storing the transcript failed")
    assert not recordings.get(rec_id)["transcript_stored"]  # rolled back with it
    with practice.vault.db.transaction() as conn:
        recordings.mark_transcript_stored(rec_id, conn=conn)
    assert recordings.get(rec_id)["transcript_stored"]
    with pytest.raises(UserError):
        recordings.mark_transcript_stored("0" * 32)
