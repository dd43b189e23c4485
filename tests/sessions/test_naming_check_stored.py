"""The warning to check the speaker names (a voice profile that did not decide them) is stored with
the transcript: it survives closing and reopening the vault, a correction of a speaker clears it,
a recount of the voices sets its own, and vaults from before schema 7 keep the warnings their
transcribe jobs held. Real vault, real speaker naming; no model."""

from __future__ import annotations

import json

import numpy as np

from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from session_assistant.paths import AppPaths
from session_assistant.transcribe.segments import Segment, Transcript, Word
from session_assistant.transcribe.speakers import CHECK_NAMES, PROFILE_MISMATCH
from session_assistant.vault import migrations

WARNING = CHECK_NAMES[PROFILE_MISMATCH]
LINES = [("clinician", "How did the breathing practice go this week?"),
         ("client", "I tried it twice and it helped a little."),
         ("clinician", "Let's practise it every evening before bed.")]


def _transcript(check: str = WARNING) -> Transcript:
    segments = [Segment(i, 5.0 * i, 5.0 * i + 4, text, speaker=who) for i, (who, text) in enumerate(LINES)]
    naming = {"method": PROFILE_MISMATCH, "confidence": 0.6, "scores": {}, "check": check}
    return Transcript("en", 15.0, segments, speaker_naming=naming)


def test_the_warning_is_stored_with_the_transcript_and_survives_reopening(tmp_path):
    from session_assistant.app import create_practice, open_practice

    paths = AppPaths.default(vault_dir=tmp_path / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    client = practice.clients.add("Ann", "Example")
    appointment = practice.appointments.add(client, "2026-11-20T10:00", 50)
    practice.sessions.store_transcript(appointment, _transcript())  # no transcribe job at all
    assert practice.speaker_labels.speaker_check(appointment) == WARNING
    practice.close()  # a restart

    reopened = open_practice(paths, TEST_PASSPHRASE)
    try:
        assert reopened.speaker_labels.speaker_check(appointment) == WARNING
    finally:
        reopened.close()


def test_a_transcript_without_a_warning_shows_none(practice):
    practice.sessions.store_transcript(practice.appointment_id, _transcript(check=""))
    assert practice.speaker_labels.speaker_check(practice.appointment_id) == ""


def test_swapping_or_naming_one_line_clears_the_warning(practice):
    appointment = practice.appointment_id
    practice.sessions.store_transcript(appointment, _transcript())
    practice.speaker_labels.reassign_segment(appointment, 1, "clinician")
    assert practice.speaker_labels.speaker_check(appointment) == ""

    practice.sessions.store_transcript(appointment, _transcript())  # a newer transcript warns again
    assert practice.speaker_labels.speaker_check(appointment) == WARNING
    practice.speaker_labels.swap_speakers(appointment)
    assert practice.speaker_labels.speaker_check(appointment) == ""


def test_a_recount_of_the_voices_stores_its_own_naming_warning(practice, monkeypatch):
    """Two clear voices in the stored prints; a profile between them (near neither, as one read on
    another microphone) cannot decide, so the recount's names come with the warning."""
    appointment = practice.appointment_id
    voice_a, voice_b = np.eye(256)[0], np.eye(256)[1]
    segments = []
    for i in range(8):
        start = 3.0 * i
        words = [Word(start, start + 1.2, " Tell", 0.9), Word(start + 1.2, start + 2.4, " me.", 0.9)]
        voice = voice_a if i % 2 == 0 else voice_b
        segments.append(Segment(i, start, start + 2.4, "Tell me.", words, 0.9, "clinician",
                                [[start, start + 2.4, *voice.tolist()]]))
    practice.sessions.store_transcript(appointment, Transcript("en", 24.0, segments))
    assert practice.speaker_labels.speaker_check(appointment) == ""

    between = ((voice_a + voice_b) / np.sqrt(2)).astype(np.float32)
    practice.voice_count.voice_profile = type("Profile", (), {"clinician_voice": lambda self, _a: between})()
    practice.voice_count.set_voice_count(appointment, 2)
    assert practice.speaker_labels.speaker_check(appointment) == WARNING


def test_an_older_vault_keeps_the_warning_its_transcribe_job_held(practice):
    """Schema 6 kept the warning in the transcribe job's result (for the newest uncorrected transcript)."""
    conn = practice.vault.db.conn
    newest = migrations.available()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("ALTER TABLE transcripts DROP COLUMN naming_check")  # back to schema 6's table
    conn.execute("PRAGMA user_version = 6")
    conn.execute("COMMIT")
    now = "2026-11-20T11:00:00+00:00"
    rows = [(1, now, now, WARNING), (2, now, "2026-11-20T12:00:00+00:00", WARNING), (3, now, now, "")]
    for transcript_id, created, updated, check in rows:  # 2 was corrected after its job
        conn.execute("INSERT INTO transcripts (id, appointment_id, segments_json, created_at, updated_at) "
                     "VALUES (?, ?, '[]', ?, ?)", (transcript_id, practice.appointment_id, created, updated))
        conn.execute("INSERT INTO jobs (kind, target_id, state, result_json, created_at, updated_at) "
                     "VALUES ('transcribe', ?, 'done', ?, ?, ?)",
                     (practice.appointment_id, json.dumps({"transcript_id": transcript_id, "speaker_check": check}),
                      now, now))
    migrations.upgrade(conn, 6, newest)
    stored = dict(conn.execute("SELECT id, naming_check FROM transcripts").fetchall())
    assert stored == {1: WARNING, 2: "", 3: ""}
