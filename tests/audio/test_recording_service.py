"""RecordingService on a real vault: consent gate, record, import, recovery (no shredding here)."""

from __future__ import annotations

import stat

import numpy as np
import pytest
from audio_fakes import fake_factory, manual_factory, sine

from session_assistant.audio import sealed
from session_assistant.audio.importer import AudioFileError
from session_assistant.services.recordings import ConsentRequired
from session_assistant.errors import NotFound, UserError


def audit_actions(practice) -> list[str]:
    with practice.vault.db.read() as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def count_rows(practice, table: str) -> int:
    with practice.vault.db.read() as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def record(recordings, practice, seconds=2.5, **consent) -> dict:
    factory = fake_factory(sine(seconds, 16000))
    active = recordings.start(practice.test_appointment_id, factory, 16000, **consent)
    assert factory.streams[0].exhausted.wait(10)
    return recordings.finish(active)


def nothing_stored(practice) -> bool:
    folder = practice.paths.recordings_dir
    files = list(folder.iterdir()) if folder.exists() else []
    return count_rows(practice, "recordings") == 0 and count_rows(practice, "recording_keys") == 0 and not files


def test_ai_usage_consent_off_blocks_recording(practice, recordings):
    practice.profile.update(ai_usage_consent=False)
    with pytest.raises(ConsentRequired, match="AI Usage Consent is off"):
        recordings.start(practice.test_appointment_id, fake_factory(sine(1, 16000)), 16000, consent_now="given")
    assert nothing_stored(practice)
    assert practice.clients.consent(practice.test_client_id).decision is None


def test_client_never_asked_blocks_recording(practice, recordings):
    with pytest.raises(ConsentRequired, match="has not been asked"):
        recordings.start(practice.test_appointment_id, fake_factory(sine(1, 16000)), 16000)
    assert nothing_stored(practice)


def test_declining_is_recorded_and_nothing_is_captured(practice, recordings):
    with pytest.raises(ConsentRequired, match="declined"):
        recordings.start(practice.test_appointment_id, fake_factory(sine(1, 16000)), 16000, consent_now="declined")
    assert practice.clients.consent(practice.test_client_id).decision == "declined"
    assert "consent_recording_declined" in audit_actions(practice)
    assert nothing_stored(practice)


def test_consent_given_now_and_stored_is_not_asked_again(practice, recordings):
    first = record(recordings, practice, consent_now="given")
    assert practice.clients.consent(practice.test_client_id).decision == "given"
    second = record(recordings, practice)  # no answer needed: it is stored
    assert first["state"] == second["state"] == "complete"
    assert audit_actions(practice).count("consent_recording_given") == 1


def test_consent_for_this_session_only_is_audited_not_stored(practice, recordings):
    summary = record(recordings, practice, consent_now="given", store_consent=False)
    assert summary["state"] == "complete"
    assert practice.clients.consent(practice.test_client_id).decision is None
    assert "consent_recording_given_for_session" in audit_actions(practice)
    with pytest.raises(ConsentRequired):
        recordings.start(practice.test_appointment_id, fake_factory(sine(1, 16000)), 16000)


def test_revoked_consent_stops_future_recordings(practice, recordings):
    record(recordings, practice, consent_now="given")
    practice.clients.record_consent(practice.test_client_id, "revoked")
    with pytest.raises(ConsentRequired, match="revoked"):
        recordings.start(practice.test_appointment_id, fake_factory(sine(1, 16000)), 16000)
    assert count_rows(practice, "recordings") == 1
    actions = audit_actions(practice)
    assert "consent_recording_given" in actions and "consent_recording_revoked" in actions


def test_bad_appointments(practice, recordings):
    with pytest.raises(NotFound):
        recordings.start(999, fake_factory(sine(1, 16000)), 16000, consent_now="given")
    practice.appointments.set_status(practice.test_appointment_id, "cancelled")
    with pytest.raises(UserError, match="cancelled"):
        recordings.start(practice.test_appointment_id, fake_factory(sine(1, 16000)), 16000, consent_now="given")
    assert nothing_stored(practice)


def test_a_device_that_cannot_open_changes_nothing(practice, recordings):
    from session_assistant.audio.devices import AudioUnavailable

    def broken(**kwargs):
        raise AudioUnavailable("The input device 'x' could not be opened.")

    practice.clients.record_consent(practice.test_client_id, "given")
    with pytest.raises(AudioUnavailable):
        recordings.start(practice.test_appointment_id, broken, 16000)
    assert nothing_stored(practice)


def test_recording_is_stored_with_key_in_vault_and_due_in_24h(practice, recordings, clock):
    summary = record(recordings, practice, seconds=3.0, consent_now="given")
    assert summary["state"] == "complete" and summary["duration_s"] == 3.0
    assert summary["ended_at"] == "2026-11-22T09:00:00+00:00"
    assert summary["shred_due_at"] == "2026-11-23T09:00:00+00:00"
    assert not summary["transcript_stored"]
    path = practice.paths.recordings_dir / sealed.file_name_for(summary["id"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    audio = recordings.load_audio(summary["id"])
    assert audio.dtype == np.float32 and audio.size == 48000
    assert np.max(np.abs(audio - sine(3.0, 16000)[:, 0])) < 1e-4
    assert "recording_decrypted" in audit_actions(practice)
    assert practice.verify_audit().ok


def test_pause_resume_and_live_readings_through_the_service(practice, recordings):
    practice.clients.record_consent(practice.test_client_id, "given")
    factory = manual_factory()
    active = recordings.start(practice.test_appointment_id, factory, 16000)
    factory.stream.push_signal(sine(1.0, 16000))
    active.recorder.pause()
    factory.stream.push_signal(sine(1.0, 16000))
    active.recorder.resume()
    factory.stream.push_signal(sine(1.0, 16000))
    summary = recordings.finish(active)
    assert summary["duration_s"] == 2.0


def test_file_truncated_after_completion_is_detected(practice, recordings):
    summary = record(recordings, practice, seconds=3.0, consent_now="given")
    path = practice.paths.recordings_dir / sealed.file_name_for(summary["id"])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # a torn last frame: reads as interrupted...
    with pytest.raises(sealed.RecordingDamaged, match="shorter than when it was stored"):
        recordings.load_audio(summary["id"])  # ...but the vault knows it was complete


def test_crashed_recording_is_recovered_as_interrupted(practice, recordings, clock):
    practice.clients.record_consent(practice.test_client_id, "given")
    factory = manual_factory()
    active = recordings.start(practice.test_appointment_id, factory, 16000)
    factory.stream.push_signal(sine(3.5, 16000))
    _wait(lambda: active.recorder._writer.chunks == 3)
    assert recordings.sweep().recovered == []  # still being written: left alone
    # The process dies: no end marker, no finish(). Closing the fd is what the kernel does on kill.
    active.recorder._accepting = False
    active.recorder._writer.close()
    clock.advance(minutes=5)
    report = recordings.sweep()
    assert report.recovered == [active.id]
    row = recordings.get(active.id)
    assert row["state"] == "interrupted" and row["interrupted_at"] == "00:03"
    assert row["shred_due_at"] == "2026-11-23T09:00:03+00:00"
    assert recordings.load_audio(active.id).size == 48000
    assert "recording_recovered" in audit_actions(practice)


def test_import_goes_through_the_gate_and_seals(practice, recordings, tmp_path):
    import wave

    source = tmp_path / "visit.wav"
    with wave.open(str(source), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes((sine(2.0, 16000)[:, 0] * 32767).astype("<i2").tobytes())
    with pytest.raises(ConsentRequired):
        recordings.import_file(practice.test_appointment_id, source)
    assert nothing_stored(practice)
    rec_id = recordings.import_file(practice.test_appointment_id, source, consent_now="given")
    row = recordings.get(rec_id)
    assert (row["source"], row["state"], row["duration_s"]) == ("import", "complete", 2.0)
    assert recordings.load_audio(rec_id).size == 32000


def test_import_of_a_bad_file_changes_nothing(practice, recordings, tmp_path):
    source = tmp_path / "notes.mp3"
    source.write_text("not audio at all\n" * 20)
    with pytest.raises(AudioFileError):
        recordings.import_file(practice.test_appointment_id, source, consent_now="given")
    assert nothing_stored(practice)
    assert practice.clients.consent(practice.test_client_id).decision is None


def _wait(predicate, timeout=10.0):
    import time

    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end
        time.sleep(0.01)
