"""Who said it, corrected: swap and reassign on a real vault, audited, mirrored by the CLI, refused
once the note is signed; the stored draft's risk speakers follow and the affected sections are named."""

from __future__ import annotations

import json

import pytest

from sa_testing import TEST_PASSPHRASE, run_cli
from session_assistant.drafting import Draft, DraftSentence, RiskItem, get_format
from session_assistant.errors import ImmutableRecord, NotFound, UserError
from session_assistant.transcribe.segments import Segment, Transcript

LINES = [("clinician", "How did the breathing practice go this week?"),
         ("client", "I tried it twice and it helped a little."),
         ("clinician", "Have you had any thoughts of suicide?"),
         ("client", "No, never."),
         ("clinician", "Let's practise it every evening before bed.")]


def seed(practice) -> int:
    """A stored transcript and a stored draft citing lines 1 (subjective) and 4 (plan)."""
    appointment = practice.appointment_id
    segments = [Segment(i, 5.0 * i, 5.0 * i + 4, text, speaker=who) for i, (who, text) in enumerate(LINES)]
    practice.sessions.store_transcript(appointment, Transcript("en", 25.0, segments))
    draft = Draft(get_format("soap"), [
        DraftSentence("subjective", "Client reported trying the breathing exercise twice.", [1]),
        DraftSentence("plan", "Client will practise breathing every evening.", [4])],
        risk=[RiskItem("suicidal_ideation", 2, "clinician", "suicide", LINES[2][1])])
    practice.sessions._store_draft(appointment, "soap", draft.to_json(), "test-model")
    return appointment


def speakers(practice) -> list[str]:
    return [s.speaker for s in practice.sessions.transcript(practice.appointment_id).segments]


def audit_rows(practice, action: str) -> list[dict]:
    with practice.vault.db.read() as conn:
        rows = conn.execute("SELECT action, entity_id, detail FROM audit_log WHERE action = ?", (action,)).fetchall()
    return [{"action": r[0], "entity_id": r[1], "detail": r[2]} for r in rows]


def test_swap_names_every_line_the_other_way_round_and_is_audited(practice):
    appointment = seed(practice)
    change = practice.speaker_labels.swap_speakers(appointment)
    assert speakers(practice) == ["client", "clinician", "client", "clinician", "client"]
    assert change.changed == (0, 1, 2, 3, 4)
    assert change.affected_sections == ("subjective", "plan")
    rows = audit_rows(practice, "transcript_speakers_swapped")
    assert len(rows) == 1 and rows[0]["entity_id"] == appointment and "5 line(s)" in rows[0]["detail"]
    assert practice.verify_audit().ok
    draft = practice.sessions.latest_draft(appointment)["draft"]
    assert [r["speaker"] for r in draft["risk"]] == ["client"]  # the risk line follows its new speaker
    practice.speaker_labels.swap_speakers(str(appointment))
    assert speakers(practice) == [who for who, _ in LINES]


def test_reassign_one_line_changes_only_that_line(practice):
    appointment = seed(practice)
    change = practice.speaker_labels.reassign_segment(appointment, 4, "client")
    assert speakers(practice) == ["clinician", "client", "clinician", "client", "client"]
    assert change.changed == (4,) and change.affected_sections == ("plan",)
    assert len(audit_rows(practice, "transcript_segment_reassigned")) == 1
    again = practice.speaker_labels.reassign_segment(appointment, 4, "Client")  # already so: nothing written
    assert again.changed == () and len(audit_rows(practice, "transcript_segment_reassigned")) == 1
    with pytest.raises(UserError, match="no line 9"):
        practice.speaker_labels.reassign_segment(appointment, 9, "client")
    with pytest.raises(UserError, match="'clinician' or 'client'"):
        practice.speaker_labels.reassign_segment(appointment, 1, "therapist")


def test_a_recording_id_names_the_session_too(practice):
    appointment = seed(practice)
    with practice.vault.db.transaction() as conn:  # as if transcribed from sealed recording "r3c0rd"
        conn.execute("UPDATE transcripts SET recording_id = 'r3c0rd' WHERE appointment_id = ?", (appointment,))
    assert practice.speaker_labels.swap_speakers("r3c0rd").appointment_id == appointment
    assert speakers(practice)[0] == "client"
    with pytest.raises(NotFound):
        practice.speaker_labels.swap_speakers("no-such-recording")
    with pytest.raises(NotFound):
        practice.speaker_labels.swap_speakers(appointment + 1000)


def test_changes_are_refused_once_the_note_is_signed(practice):
    appointment = seed(practice)
    note_id = practice.notes.create(appointment)
    practice.notes.sign(note_id, practice.profile.get())
    assert practice.speaker_labels.locked(appointment)
    with pytest.raises(ImmutableRecord, match="signed"):
        practice.speaker_labels.swap_speakers(appointment)
    with pytest.raises(ImmutableRecord, match="signed"):
        practice.speaker_labels.reassign_segment(appointment, 1, "clinician")
    assert speakers(practice) == [who for who, _ in LINES]
    assert audit_rows(practice, "transcript_speakers_swapped") == []


def test_the_cli_mirrors_swap_and_set(practice):
    appointment = seed(practice)
    vault_dir = practice.paths.vault_dir
    practice.close()

    def cli(*args):
        return run_cli("--vault", str(vault_dir), *args, passphrase=TEST_PASSPHRASE)

    done = cli("--json", "sessions", "speakers", "swap", str(appointment))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["changed_segments"] == [0, 1, 2, 3, 4]
    done = cli("sessions", "speakers", "set", str(appointment), "0", "clinician")
    assert done.returncode == 0, done.stderr
    assert "Line 0 is now the clinician's" in done.stdout
    shown = json.loads(cli("--json", "sessions", "transcript", str(appointment)).stdout)
    assert [s["speaker"] for s in shown["segments"]] == ["clinician", "clinician", "client", "clinician", "client"]
    done = cli("sessions", "speakers", "set", str(appointment), "0", "nobody")
    assert done.returncode != 0 and "'clinician' or 'client'" in done.stderr  # free text now: 'client 2' is a speaker too
