"""Correcting who said what in a stored transcript: swap the names, move one line; each audited."""

from __future__ import annotations

import json

import pytest

from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from session_assistant.app import create_practice, open_practice
from session_assistant.errors import NotFound, UserError
from session_assistant.paths import AppPaths
from session_assistant.transcribe.segments import Segment, Transcript

LINES = [("clinician", "How was your week?"), ("client", "Hard. I tried it twice."), ("client", "Mm-hmm."),
         ("clinician", "It sounds like a lot.")]


def _store(practice) -> int:
    segments = [Segment(i, 2.0 * i, 2.0 * i + 1.5, text, [], 0.9, who) for i, (who, text) in enumerate(LINES)]
    practice.sessions.store_transcript(practice.appointment_id, Transcript("en", 8.0, segments))
    return practice.appointment_id


def _audit(practice, action):
    with practice.vault.db.read() as conn:
        return [r[0] for r in conn.execute("SELECT detail FROM audit_log WHERE action = ? ORDER BY seq", (action,))]


def test_one_line_moves_and_the_whole_session_swaps_each_with_one_audit_row(practice):
    appointment = _store(practice)
    labels = practice.speaker_labels
    assert labels.reassign_segment(appointment, 2, "clinician") == [2]
    assert labels.reassign_segment(appointment, 2, "Clinician") == []  # already so: nothing written
    speakers = [s.speaker for s in practice.sessions.transcript(appointment).segments]
    assert speakers == ["clinician", "client", "clinician", "clinician"]
    details = _audit(practice, "transcript_segment_reassigned")
    assert len(details) == 1 and details[0].endswith("segment 2: client -> clinician")
    assert "Mm-hmm" not in details[0]  # roles and ids only, never words

    assert labels.swap_speakers(appointment) == [0, 1, 2, 3]
    assert [s.speaker for s in practice.sessions.transcript(appointment).segments] == \
        ["client", "clinician", "client", "client"]
    assert len(_audit(practice, "transcript_speakers_swapped")) == 1
    assert practice.verify_audit().ok

    with pytest.raises(UserError, match="clinician"):
        labels.reassign_segment(appointment, 1, "therapist")
    with pytest.raises(NotFound, match="segment 99"):
        labels.reassign_segment(appointment, 99, "client")
    other = practice.appointments.add(practice.clients.add("Bo", "Other"), "2026-11-21T10:00", 50)
    with pytest.raises(NotFound, match="no transcript"):
        labels.swap_speakers(other)


def test_sessions_speakers_swap_and_set_through_the_cli(cli, tmp_path):
    paths = AppPaths.default(vault_dir=tmp_path / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    client = practice.clients.add("Ann", "Example")
    practice.appointment_id = practice.appointments.add(client, "2026-11-20T10:00", 50)
    appointment = _store(practice)
    practice.close()
    vault = str(tmp_path / "vault")
    moved = cli("--vault", vault, "--json", "sessions", "speakers", "set", str(appointment), "1", "clinician")
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout) == {"changed_segments": [1]}
    swapped = cli("--vault", vault, "--json", "sessions", "speakers", "swap", str(appointment))
    assert json.loads(swapped.stdout) == {"changed_segments": [0, 1, 2, 3]}
    bad = cli("--vault", vault, "sessions", "speakers", "set", str(appointment), "1", "nobody")
    assert bad.returncode != 0 and "clinician" in bad.stderr
    reopened = open_practice(paths, TEST_PASSPHRASE)
    try:
        assert [s.speaker for s in reopened.sessions.transcript(appointment).segments] == \
            ["client", "client", "clinician", "client"]
    finally:
        reopened.close()
