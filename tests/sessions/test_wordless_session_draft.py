"""Issue 15 item 11 for stored transcripts: ``sessions draft`` refuses a transcript with no words."""

from __future__ import annotations

import json

from sa_testing import run_cli
from session_assistant.transcribe.segments import Segment, Transcript


def test_a_wordless_stored_transcript_is_refused_before_any_job(practice, tmp_path):
    appointment = practice.appointment_id
    practice.sessions.store_transcript(appointment, Transcript("en", 4.0, [
        Segment(0, 0.0, 2.0, "3", speaker="clinician"), Segment(1, 2.0, 4.0, "...", speaker="client")]))
    practice.close()
    vault = tmp_path / "vault"

    result = run_cli("--vault", str(vault), "sessions", "draft", str(appointment), "--model", "smollm2-135m-instruct")

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no words" in lines[0], result.stderr
    summary = run_cli("--vault", str(vault), "sessions", "summary", str(appointment))
    assert summary.returncode != 0 and "no AI session summary" in summary.stderr  # no note was drafted
    audit = json.loads(run_cli("--vault", str(vault), "--json", "audit", "list").stdout)
    assert not [r for r in audit if r["action"] == "session_summary_drafted"]
