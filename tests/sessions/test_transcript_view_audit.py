"""Issue 15 item 12(a): reading a whole transcript through ``sessions transcript`` is audited."""

from __future__ import annotations

import json

from sa_testing import run_cli
from session_assistant.transcribe.segments import Segment, Transcript


def _audit_actions(vault) -> list[dict]:
    result = run_cli("--vault", str(vault), "--json", "audit", "list", "--limit", "200")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_reading_a_transcript_writes_one_audit_row(practice, tmp_path):
    appointment = practice.appointment_id
    client = practice.appointments.get(appointment)["client_id"]
    practice.sessions.store_transcript(appointment, Transcript("en", 6.0, [
        Segment(0, 0.0, 3.0, "How have you been sleeping?", speaker="clinician"),
        Segment(1, 3.0, 6.0, "Badly, most nights.", speaker="client")]))
    practice.close()
    vault = tmp_path / "vault"
    before = [r for r in _audit_actions(vault) if r["action"] == "transcript_viewed"]

    shown = run_cli("--vault", str(vault), "sessions", "transcript", str(appointment))

    assert shown.returncode == 0, shown.stderr
    assert "Badly, most nights." in shown.stdout
    viewed = [r for r in _audit_actions(vault) if r["action"] == "transcript_viewed"]
    assert len(viewed) == len(before) + 1 == 1
    assert viewed[0]["entity"] == "appointment" and viewed[0]["entity_id"] == appointment
    assert viewed[0]["client_id"] == client
    assert run_cli("--vault", str(vault), "audit", "verify").returncode == 0


def test_a_missing_transcript_is_not_audited_as_viewed(practice, tmp_path):
    practice.close()
    vault = tmp_path / "vault"
    shown = run_cli("--vault", str(vault), "sessions", "transcript", "1")
    assert shown.returncode != 0 and "has no transcript" in shown.stderr
    assert not [r for r in _audit_actions(vault) if r["action"] == "transcript_viewed"]
