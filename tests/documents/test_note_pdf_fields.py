"""The signed progress-note PDF carries the session's start and end, the diagnosis and the service code."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader

from session_assistant.documents.verify import verify
from session_assistant.errors import ImmutableRecord, UserError


def _text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def test_signed_note_pdf_has_session_times_diagnosis_and_service_code(practice, chart, documents, tmp_path):
    appointment = practice.appointments.add(chart.client_id, "2026-03-02T14:10", 53)
    note = practice.notes.create(appointment, "SOAP Note (manual)")
    practice.notes.set_field(note, "subjective", "Client reported fewer panic episodes.")
    assert practice.notes.set_service_code(note, " 90834 ") == "90834"
    practice.notes.sign(note, practice.profile.get())
    assert practice.notes.verify_hash(note)

    documents.export_note(note, tmp_path / "note.pdf")
    assert verify(tmp_path / "note.pdf").ok
    text = _text(tmp_path / "note.pdf")
    for expected in ("SESSION START", "14:10", "SESSION END", "15:03", "DIAGNOSIS 1", "DIAGNOSIS 2",
                     "F41.1 Generalized anxiety disorder", "F32.1 Major depressive disorder, single episode, moderate",
                     "SERVICE CODE", "90834"):
        assert expected in text, expected


def test_the_diagnoses_are_kept_as_signed_and_the_code_is_signed_content(practice, chart, documents, tmp_path):
    appointment = practice.appointments.add(chart.client_id, "2026-03-09T10:00", 50)
    note = practice.notes.create(appointment, "SOAP Note (manual)")
    practice.notes.set_field(note, "plan", "Continue weekly sessions.")
    practice.notes.set_service_code(note, "90837-95")
    practice.notes.sign(note, practice.profile.get())
    for diagnosis in chart.diagnoses:  # resolved after signing: the signed note still shows them
        practice.diagnoses.resolve(diagnosis, "2026-03-10")
    stored = practice.notes.get(note)
    assert [d["code"] for d in stored["diagnoses"]] == ["F41.1", "F32.1"]
    assert stored["service_code"] == "90837-95"
    assert set(stored["fields"]) == {"subjective", "objective", "assessment", "plan"}  # no bookkeeping keys
    assert practice.notes.verify_hash(note)
    with pytest.raises(ImmutableRecord):
        practice.notes.set_service_code(note, "90834")
    # The service code is part of what was signed: changing it in the record breaks the hash.
    with practice.vault.db.transaction() as conn:
        conn.execute("DROP TRIGGER progress_notes_signed_no_update")
        conn.execute("UPDATE progress_notes SET fields_json = replace(fields_json, '90837-95', '90834') WHERE id = ?",
                     (note,))
    assert not practice.notes.verify_hash(note)


def test_a_diagnosis_resolved_before_the_session_is_not_printed(practice, chart, documents, tmp_path):
    practice.diagnoses.resolve(chart.diagnoses[1], "2026-02-01")
    appointment = practice.appointments.add(chart.client_id, "2026-03-16T10:00", 50)
    note = practice.notes.create(appointment, "SOAP Note (manual)")
    practice.notes.set_field(note, "plan", "Continue.")
    practice.notes.sign(note, practice.profile.get())
    documents.export_note(note, tmp_path / "n.pdf")
    text = _text(tmp_path / "n.pdf")
    assert "F41.1" in text and "F32.1" not in text
    assert "SERVICE CODE" in text  # shown even when empty, so a missing code is visible


@pytest.mark.parametrize("bad", ["9083", "908345", "abc", "90834-", "90834; DROP"])
def test_a_service_code_must_look_like_one(practice, chart, bad):
    appointment = practice.appointments.add(chart.client_id, "2026-03-23T10:00", 50)
    note = practice.notes.create(appointment, "SOAP Note (manual)")
    with pytest.raises(UserError, match="not a service code"):
        practice.notes.set_service_code(note, bad)
    assert practice.notes.get(note)["service_code"] == ""


def test_the_cli_sets_shows_and_prints_the_service_code_as_the_window_does(cli, practice, chart, tmp_path):
    """`notes service-code` mirrors the note editor's Service code field: stored, shown, refused
    when malformed (without echoing what was typed), immutable once signed, printed on the PDF."""
    appointment = practice.appointments.add(chart.client_id, "2026-03-16T09:00", 45)
    note = practice.notes.create(appointment, "SOAP Note (manual)")
    practice.notes.set_field(note, "plan", "Continue weekly sessions.")
    practice.close()
    result = cli("notes", "service-code", str(note), " 90834 ")
    assert result.returncode == 0 and f"Note {note}: service code 90834." in result.stdout, result.stderr
    shown = cli("notes", "show", str(note), "--json")
    assert shown.returncode == 0 and '"service_code": "90834"' in shown.stdout
    assert "Service code: 90834" in cli("notes", "show", str(note)).stdout
    refused = cli("notes", "service-code", str(note), "nine-oh-834")
    assert refused.returncode != 0 and "not a service code" in refused.stderr and "nine-oh" not in refused.stderr
    assert cli("notes", "sign", str(note)).returncode == 0
    assert cli("notes", "service-code", str(note), "90837").returncode != 0  # signed: immutable
    out = tmp_path / "note.pdf"
    assert cli("export", "note", str(note), "--out", str(out)).returncode == 0
    assert "SERVICE CODE 90834" in _text(out)


def test_the_signing_time_is_printed_in_local_time_like_the_session(office_in_new_york, practice, chart, documents,
                                                                    tmp_path):
    """Both dates are in winter: New York is UTC-05:00 on each."""
    appointment = practice.appointments.add(chart.client_id, "2026-03-02T14:10", 53)
    note = practice.notes.create(appointment, "SOAP Note (manual)")
    practice.notes.set_field(note, "subjective", "Client reported fewer panic episodes.")
    practice.notes.sign(note, practice.profile.get())
    documents.export_note(note, tmp_path / "note.pdf")
    text = _text(tmp_path / "note.pdf")
    signed_utc = datetime.fromisoformat(practice.notes.get(note)["signed_at"])
    local = (signed_utc - timedelta(hours=5)).strftime("%Y-%m-%d %H:%M")
    assert f"Signed {local} UTC-05:00" in text, text
    assert "SESSION START 14:10 UTC-05:00" in text and "SESSION END 15:03 UTC-05:00" in text, text
