"""Issue 15 items 2 and 7 (SECURITY items 11 and 12): no audio outlives 24 hours of real time, and
a file missing for a while is tracked, never lost. Driven by the vault's injected clock, whose
``advance`` is real time passing, ``jump`` a wall clock set wrong or corrected, ``reboot`` a restart.
"""

from __future__ import annotations

import wave
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from test_recording_shred import audit_actions, key_of, make_recording

from session_assistant.audio import file_locks, sealed
from session_assistant.audio.deadline import deadline
from session_assistant.clock import BootTime


def sealed_path(practice, rec_id):
    return practice.paths.recordings_dir / sealed.file_name_for(rec_id)


def assert_gone(practice, recordings, rec_id):
    assert key_of(practice, rec_id) is None
    assert not sealed_path(practice, rec_id).exists()
    assert recordings.get(rec_id)["state"] == "shredded"


# -- item 2: shredded at 24 hours, transcript or not ---------------------------------------------------
def test_untranscribed_audio_is_shredded_at_24_hours_audited_and_the_clinician_told(practice, recordings, clock):
    rec_id = make_recording(recordings, practice)
    clock.advance(hours=19)
    report = recordings.sweep()
    assert [(u["id"], u["transcribe_now"]) for u in report.untranscribed] == [(rec_id, False)]
    clock.advance(hours=1)  # 20 h: four hours left, transcribe now
    assert [u["transcribe_now"] for u in recordings.sweep().untranscribed] == [True]
    clock.advance(hours=3, minutes=59)
    assert recordings.sweep().shredded_untranscribed == []
    assert key_of(practice, rec_id) is not None

    clock.advance(minutes=1)
    report = recordings.sweep()
    assert report.shredded_untranscribed == [rec_id] and report.shredded == []
    assert_gone(practice, recordings, rec_id)
    assert recordings.shred_log()[-1]["reason"] == "untranscribed"
    assert "recording_shredded_untranscribed" in audit_actions(practice)
    notes = recordings.notices()
    assert [(n["kind"], n["recording_id"]) for n in notes] == [("shredded_untranscribed", rec_id)]
    assert "before its transcript was stored" in notes[0]["message"]
    recordings.dismiss_notice(notes[0]["id"])
    assert recordings.notices() == [] and len(recordings.notices(include_dismissed=True)) == 1
    assert practice.verify_audit().ok


def test_a_recording_with_no_speech_is_shredded_at_24_hours(practice, recordings, clock, tmp_path):
    silence = tmp_path / "silence.wav"
    with wave.open(str(silence), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(np.zeros(16000 * 3, dtype="<i2").tobytes())
    rec_id = recordings.import_file(practice.test_appointment_id, silence, consent_now="given")
    clock.advance(days=365)
    assert recordings.sweep().shredded_untranscribed == [rec_id]
    assert_gone(practice, recordings, rec_id)


def test_a_recording_made_while_the_clock_ran_30_days_fast_lives_24_real_hours(practice, recordings, clock):
    clock.jump(days=30)
    rec_id = make_recording(recordings, practice)
    recordings.mark_transcript_stored(rec_id)
    clock.jump(days=-30)  # the clock is corrected (same boot)
    assert recordings.get(rec_id)["shred_due_at"] == "2026-11-23T09:00:00+00:00"
    clock.advance(hours=23, minutes=59)
    assert recordings.sweep().shredded == []
    clock.advance(minutes=1)
    assert recordings.sweep().shredded == [rec_id]
    assert_gone(practice, recordings, rec_id)


def test_a_clock_set_back_after_the_recording_does_not_keep_it(practice, recordings, clock):
    rec_id = make_recording(recordings, practice)
    clock.jump(days=-30)
    clock.advance(hours=24)
    assert recordings.sweep().shredded_untranscribed == [rec_id]


def test_a_clock_set_forward_shreds_early_never_late(practice, recordings, clock):
    rec_id = make_recording(recordings, practice)
    clock.jump(days=2)
    assert recordings.sweep().shredded_untranscribed == [rec_id]


def test_an_end_in_the_future_that_no_boot_clock_can_measure_is_shredded_at_once(practice, recordings, clock):
    clock.jump(days=30)
    rec_id = make_recording(recordings, practice)
    recordings.mark_transcript_stored(rec_id)
    clock.jump(days=-30)
    clock.reboot()  # its real age cannot be known any more
    assert recordings.sweep().shredded == [rec_id]
    assert_gone(practice, recordings, rec_id)


def test_after_a_reboot_the_wall_clock_decides(practice, recordings, clock):
    rec_id = make_recording(recordings, practice)
    clock.advance(hours=2)
    clock.reboot()
    clock.advance(hours=21, minutes=59)
    assert recordings.sweep().shredded_untranscribed == []
    clock.advance(minutes=1)
    assert recordings.sweep().shredded_untranscribed == [rec_id]


def test_a_crashed_recording_is_due_24_hours_after_its_last_sealed_second(practice, recordings, clock):
    from audio_fakes import fake_factory, sine

    factory = fake_factory(sine(3.0, 16000))
    active = recordings.start(practice.test_appointment_id, factory, 16000, consent_now="given")
    assert factory.streams[0].exhausted.wait(10)
    active.recorder.stop(raise_errors=False)  # the process "died": the row still says recording
    clock.jump(days=-10)  # and the clock was set back when the app came back
    clock.advance(hours=1)
    report = recordings.sweep()
    assert report.recovered == [active.id]
    assert report.shredded_untranscribed == []  # same boot: only an hour of real time has passed
    clock.advance(hours=23)  # 24 h after the start, 3 s short of 24 h after its last sealed second
    assert recordings.sweep().shredded_untranscribed == []
    clock.advance(seconds=3)
    assert recordings.sweep().shredded_untranscribed == [active.id]


T0 = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
DAY = timedelta(hours=24)


@pytest.mark.parametrize("ended, end_boot, now, boot_now, due_at, basis", [
    # wall clock only (an old recording, or no boot clock)
    (T0, None, T0 + timedelta(hours=1), None, T0 + DAY, "wall"),
    # same boot: the boot clock measures the real age, whatever the wall clock says
    (T0 + timedelta(days=30), BootTime("a", 100), T0, BootTime("a", 100 + 3600), T0 + DAY - timedelta(hours=1), "boot"),
    (T0, BootTime("a", 100), T0 + timedelta(days=2), BootTime("a", 200), T0 + DAY, "wall"),
    # a later boot: at least the current uptime has passed since the end
    (T0, BootTime("a", 100), T0 + timedelta(hours=1), BootTime("b", 23.5 * 3600),
     T0 + timedelta(hours=1, minutes=30), "uptime"),
    # impossible readings: due at once
    (T0 + timedelta(hours=1), BootTime("a", 100), T0, BootTime("b", 60), T0, "clock_unreliable"),
    (T0 + timedelta(hours=1), None, T0, None, T0, "clock_unreliable"),
    (T0, BootTime("a", 5000), T0, BootTime("a", 100), T0, "clock_unreliable"),
    # a few minutes of clock error are tolerated
    (T0 + timedelta(minutes=4), None, T0, None, T0 + timedelta(minutes=4) + DAY, "wall"),
])
def test_the_deadline_rule(ended, end_boot, now, boot_now, due_at, basis):
    found = deadline(ended, DAY, end_boot, now, boot_now)
    assert (found.at, found.basis) == (due_at, basis)


# -- item 7: a missing file is tracked, not lost ---------------------------------------------------------
def test_a_missing_file_is_tracked_and_plays_again_when_it_comes_back(practice, recordings, tmp_path):
    rec_id = make_recording(recordings, practice)
    path = sealed_path(practice, rec_id)
    away = tmp_path / "elsewhere.sealed"
    path.rename(away)  # a sync tool has it for a moment
    report = recordings.sweep()
    assert report.missing == [rec_id] and report.orphans == []
    assert key_of(practice, rec_id) is not None
    row = recordings.get(rec_id)
    assert row["state"] == "complete" and row["missing_since"] == "2026-11-22T09:00:00+00:00"
    assert [n["kind"] for n in recordings.notices()] == ["audio_missing"]
    assert recordings.sweep().missing == [rec_id]
    assert len(recordings.notices()) == 1, "one notice while it stays missing"
    assert "recording_file_missing" in audit_actions(practice)

    away.rename(path)
    report = recordings.sweep()
    assert report.missing == [] and report.orphans == []
    assert recordings.get(rec_id)["missing_since"] is None and recordings.notices() == []
    assert recordings.load_audio(rec_id, "test").size == 32000


def test_a_missing_file_loses_its_key_at_its_deadline_and_is_removed_when_it_returns(practice, recordings, clock,
                                                                                    tmp_path):
    rec_id = make_recording(recordings, practice)
    recordings.mark_transcript_stored(rec_id)
    path = sealed_path(practice, rec_id)
    away = tmp_path / "elsewhere.sealed"
    path.rename(away)
    assert recordings.sweep().missing == [rec_id]
    clock.advance(hours=24)
    assert recordings.sweep().shredded == [rec_id]
    assert key_of(practice, rec_id) is None
    entry = recordings.shred_log()[-1]
    assert (entry["reason"], entry["key_deleted"], entry["file_deleted"]) == ("retention", 1, 0)
    assert recordings.notices() == []  # the missing-file notice is settled by the shred

    away.rename(path)  # noise now, without its key
    assert recordings.sweep().orphans == [rec_id]
    assert not path.exists()


def test_the_whole_recordings_folder_missing_sweeps_nothing(practice, recordings, tmp_path):
    rec_id = make_recording(recordings, practice)
    folder = practice.paths.recordings_dir
    away = tmp_path / "detached-drive"
    folder.rename(away)
    report = recordings.sweep()
    assert report.folder_unavailable and report.missing == [] and report.orphans == []
    assert key_of(practice, rec_id) is not None
    assert recordings.get(rec_id)["missing_since"] is None
    away.rename(folder)
    assert recordings.load_audio(rec_id, "test").size == 32000


def test_nothing_is_swept_while_the_vault_is_in_doubt(practice, recordings, clock):
    rec_id = make_recording(recordings, practice)
    sealed_path(practice, rec_id).unlink()
    stray = practice.paths.recordings_dir / sealed.file_name_for(sealed.new_recording_id())
    stray.write_bytes(b"x")
    practice.vault.in_doubt = True  # set by the vault's own open checks
    clock.advance(days=3)
    report = recordings.sweep()
    assert report.in_doubt and report.shredded_untranscribed == [] and report.orphans == []
    assert stray.exists() and key_of(practice, rec_id) is not None
    practice.vault.in_doubt = False
    assert recordings.sweep().shredded_untranscribed == [rec_id]


def test_a_live_recording_whose_writer_and_file_are_gone_is_due_after_its_longest_possible_end(
        practice, recordings, clock):
    from audio_fakes import fake_factory, sine

    factory = fake_factory(sine(2.0, 16000))
    active = recordings.start(practice.test_appointment_id, factory, 16000, consent_now="given")
    assert factory.streams[0].exhausted.wait(10)
    active.recorder.stop(raise_errors=False)  # the process died ...
    sealed_path(practice, active.id).unlink()  # ... and the file is gone too
    report = recordings.sweep()
    assert report.recovered == [] and report.missing == [active.id]
    assert key_of(practice, active.id) is not None
    clock.advance(hours=26, minutes=59)  # it may have run up to its 3-hour cap
    assert recordings.sweep().shredded_untranscribed == []
    clock.advance(minutes=1)
    assert recordings.sweep().shredded_untranscribed == [active.id]
    assert key_of(practice, active.id) is None


def test_a_writer_whose_new_file_a_sweep_removed_makes_it_again(tmp_path, monkeypatch):
    """The gap between creating a sealed file and locking it: a sweep that took the empty file for
    an orphan must not leave the writer sealing audio into a file that no longer has a name."""
    real_flock = file_locks.fcntl.flock
    taken = []

    def sweep_first(fd, operation):
        if operation & file_locks.fcntl.LOCK_EX and not taken:
            taken.append(True)
            path.unlink()  # what the sweep's orphan pass did, holding the lock for a moment
        return real_flock(fd, operation)

    rec_id = sealed.new_recording_id()
    path = tmp_path / sealed.file_name_for(rec_id)
    key = sealed.new_key()
    monkeypatch.setattr(file_locks.fcntl, "flock", sweep_first)
    writer = sealed.SealedWriter(path, key, rec_id)
    monkeypatch.setattr(file_locks.fcntl, "flock", real_flock)
    assert taken and file_locks.is_being_written(path)
    writer.append(np.full(16000, 1000, dtype=np.int16))
    writer.finish()
    assert sealed.SealedReader(path, key).info().complete
