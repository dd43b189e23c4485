"""The status word of an appointment, from a real vault through SessionPipeline.status() (no Qt)."""

from __future__ import annotations

from datetime import datetime, timedelta

from session_assistant.ui.agenda import session_status as words
from session_assistant.ui.agenda.session_status import needs_note, status_label
from sa_testing import TEST_PASSPHRASE


def _row(practice, appointment_id: int) -> dict:
    return next(r for r in practice.appointments.list() if r["id"] == appointment_id)


def test_every_state_has_its_word_and_only_past_unsigned_sessions_need_a_note(ready_vault):
    from session_assistant.app import open_practice
    from session_assistant.transcribe.segments import Segment, Transcript

    from session_seed import draft_for_lines

    practice = open_practice(ready_vault, TEST_PASSPHRASE)
    try:
        pipeline, client = practice.sessions, practice.clients.list()[0]["id"]
        now = datetime.now().replace(second=0, microsecond=0)

        def appointment(days: float) -> int:
            start = now + timedelta(days=days)
            return practice.appointments.add(client, start.isoformat(timespec="minutes"), 50)

        def word(appointment_id: int, stage: str = "") -> str:
            return status_label(_row(practice, appointment_id), now, stage, pipeline, practice.recordings)

        future, past = appointment(2), appointment(-3)
        assert word(future) == words.SCHEDULED and not needs_note(_row(practice, future), now)
        assert word(past) == words.NOTE_TO_WRITE and needs_note(_row(practice, past), now)
        assert word(appointment(-10 / (24 * 60))) == words.IN_PROGRESS  # began ten minutes ago

        pipeline.jobs.submit("transcribe", past, {"recording_id": "r1"})  # a job nothing in this window runs
        assert word(past) == words.INTERRUPTED
        assert word(past, "transcribing") == words.RUNNING["transcribing"]  # running here: not interrupted

        transcribed = appointment(-2)
        segments = [Segment(0, 0.0, 4.0, "How was the week?", speaker="clinician")]
        pipeline.store_transcript(transcribed, Transcript("en", 4.0, segments))
        assert word(transcribed) == words.TRANSCRIBED
        pipeline._store_draft(transcribed, "soap", draft_for_lines().to_json(), "test-model")
        assert word(transcribed) == words.SUMMARY_READY

        hand_written = appointment(-1)
        note_id = practice.notes.create(hand_written, "SOAP Note (manual)")
        assert word(hand_written) == words.NOTE_DRAFT and needs_note(_row(practice, hand_written), now)
        practice.notes.set_field(note_id, "subjective", "Seen.")
        practice.notes.sign(note_id, practice.profile.get())
        assert word(hand_written) == words.SIGNED and not needs_note(_row(practice, hand_written), now)

        cancelled, missed = appointment(-4), appointment(-5)
        practice.appointments.set_status(cancelled, "cancelled", "client unwell")
        practice.appointments.set_status(missed, "no_show")
        assert (word(cancelled), word(missed)) == ("Cancelled", "No-show")
        assert not needs_note(_row(practice, cancelled), now) and not needs_note(_row(practice, missed), now)
    finally:
        practice.close()


def test_running_work_shows_its_percentage():
    from session_assistant.ui.agenda.session_status import running_label

    assert running_label("drafting", 0.424) == "Drafting… 42 %"
    assert running_label("transcribing", 1.3) == "Transcribing… 100 %"
    assert running_label("drafting") == "Drafting…"  # before the first progress report
    assert running_label("recording", 0.5) == "● Recording"  # recording has no end to measure against
