"""Exports over a real vault: signed, recorded, audited, all-or-nothing."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from session_assistant.documents.render import ai_statement
from session_assistant.documents.verify import verify, verify_bytes
from session_assistant.errors import NotFound, UserError

from doc_samples import add_signed_summary


def _text(path) -> str:
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _exports(practice) -> list[tuple]:
    with practice.vault.db.read() as conn:
        return conn.execute("SELECT kind, entity_id, client_id, shared, content_sha256, file_name FROM exports").fetchall()


def _audit(practice, action: str) -> list[tuple]:
    with practice.vault.db.read() as conn:
        return conn.execute("SELECT entity_id, client_id, detail FROM audit_log WHERE action = ?", (action,)).fetchall()


def test_signed_note_exports_verifies_and_is_recorded_and_audited(practice, chart, documents, tmp_path):
    out = tmp_path / "note.pdf"
    record = documents.export_note(chart.notes[0], out)
    result = verify(out)
    assert result.ok and result.signer == "Σοφία Papadopoulou-Müller (Harbourview Counselling)"
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert record.sha256 == digest
    assert _exports(practice) == [("note", chart.notes[0], chart.client_id, 0, digest, "note.pdf")]
    assert _audit(practice, "note_exported") == [(chart.notes[0], chart.client_id, f"sha256 {digest}")]
    assert practice.verify_audit().ok
    text = _text(out)
    for expected in ("Harbourview Counselling", "Progress Note", "Zoë Łukasiewicz", "1990-03-14",
                     "Session Summary", "Risk Assessment", "Σοφία Papadopoulou-Müller, LCSW",
                     "Licence no. LCSW-ME 20417", "Addenda", "Correction of session length"):
        assert expected in text, expected
    reader = PdfReader(out)
    assert reader.metadata.title == "Progress Note — 2026-01-05"
    assert reader.get_fields()["ClinicianSignature"]["/FT"] == "/Sig"


def test_ai_drafted_note_names_the_model(practice, chart, documents, tmp_path):
    appointment = practice.appointments.add(chart.client_id, "2026-03-02T10:00", 50)
    note = practice.notes.create(appointment, ai_summary="Client practised exposure.", ai_model="smollm2-135m")
    practice.notes.sign(note, practice.profile.get())
    documents.export_note(note, tmp_path / "ai.pdf")
    assert ai_statement("smollm2-135m") in _text(tmp_path / "ai.pdf")


def test_signing_identity_is_created_once_and_kept_in_the_vault(practice, chart, documents, tmp_path):
    documents.export_note(chart.notes[0], tmp_path / "a.pdf")
    documents.export_note(chart.notes[1], tmp_path / "b.pdf")
    with practice.vault.db.read() as conn:
        rows = conn.execute("SELECT fingerprint, private_key_der FROM signing_identity").fetchall()
    assert len(rows) == 1
    assert verify(tmp_path / "a.pdf").fingerprint == verify(tmp_path / "b.pdf").fingerprint == rows[0][0]
    from cryptography.hazmat.primitives.serialization import load_der_private_key

    scalar = load_der_private_key(bytes(rows[0][1]), None).private_numbers().private_value.to_bytes(32, "big")
    for path in practice.paths.vault_dir.rglob("*"):
        if path.is_file():
            assert scalar not in path.read_bytes(), path.name  # the private key is never on disk in plaintext
    assert len(_audit(practice, "signing_identity_created")) == 1


def test_unsigned_unknown_and_unwritable_write_nothing(practice, chart, documents, tmp_path):
    appointment = practice.appointments.add(chart.client_id, "2026-03-09T10:00", 50)
    draft = practice.notes.create(appointment)
    practice.notes.set_field(draft, "session_summary", "Draft text.")
    before = sorted(tmp_path.iterdir())
    with pytest.raises(UserError, match="not signed"):
        documents.export_note(draft, tmp_path / "draft.pdf")
    with pytest.raises(NotFound):
        documents.export_note(9999, tmp_path / "missing.pdf")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="folder does not exist"):
        documents.export_note(chart.notes[0], blocker / "note.pdf")
    with pytest.raises(UserError, match="is a folder"):
        documents.export_note(chart.notes[0], tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(before + [blocker])
    assert _exports(practice) == []
    assert _audit(practice, "note_exported") == []


def test_shared_summary_is_aes256_signed_and_passphrase_is_not_stored(practice, chart, documents, tmp_path):
    out = tmp_path / "summary-shared.pdf"
    record = documents.export_summary(chart.summary_id, out, share=True)
    assert len(record.passphrase.split()) >= 5
    reader = PdfReader(out)
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)
    assert reader.decrypt(record.passphrase)
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Treatment Summary" in text and "fewer panic episodes" in text and "[note 1, 2026-01-05]" in text
    assert verify(out, password=record.passphrase).ok
    assert _exports(practice)[0][3] == 1
    with practice.vault.db.read() as conn:
        dump = "\n".join(str(row) for row in conn.execute("SELECT * FROM audit_log"))
    assert record.passphrase not in dump and record.passphrase not in repr(record)


def test_plan_and_assessment_export(practice, chart, documents, tmp_path):
    documents.export_plan(chart.plan_id, tmp_path / "plan.pdf")
    documents.export_assessment(chart.assessments[0], tmp_path / "phq.pdf")
    assert verify(tmp_path / "plan.pdf").ok and verify(tmp_path / "phq.pdf").ok
    assert "Problem 1:" in _text(tmp_path / "plan.pdf")
    phq = _text(tmp_path / "phq.pdf")
    assert "PHQ-9" in phq and "Item 9" in phq


def test_consent_form_has_practice_and_promises(practice, documents, tmp_path):
    out = tmp_path / "consent.pdf"
    documents.export_consent_form(out)
    text = _text(out)
    for expected in ("Harbourview Counselling", "Consent to AI-Assisted Session Documentation", "24 hours",
                     "No recording, transcript or note is sent", "You may decline", "revoke",
                     "Σοφία Papadopoulou-Müller, LCSW", "form version 2026-11"):
        assert expected in text, expected
    assert _exports(practice)[0][0] == "consent_form"


def test_consent_form_text_is_editable(tmp_path):
    from session_assistant.documents.consent import render_consent_form
    from session_assistant.documents.model import PracticeHeader

    custom = tmp_path / "consent.md"
    custom.write_text("# Our Own Consent\n\n## Section\n\nEdited by {practice_name} for {clinician_name}.\n")
    pdf = render_consent_form(PracticeHeader("Tiny Practice"), "Dr Q", "v9", path=custom)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Our Own Consent" in text and "Edited by Tiny Practice for Dr Q." in text


def test_second_summary_export_without_share_verifies_unencrypted(practice, chart, documents, tmp_path):
    other = add_signed_summary(practice, chart.client_id, "Case formulation statement.", kind="case")
    out = tmp_path / "case.pdf"
    documents.export_summary(other, out)
    assert verify_bytes(out.read_bytes()).ok
    assert "Case Summary" in _text(out)


def test_a_new_identity_is_created_when_the_clinician_name_changes(practice, chart, documents, tmp_path):
    documents.export_note(chart.notes[0], tmp_path / "before.pdf")
    practice.profile.update(name="Sofia Papadopoulou")
    documents.export_note(chart.notes[0], tmp_path / "after.pdf")
    before, after = verify(tmp_path / "before.pdf"), verify(tmp_path / "after.pdf")
    assert before.ok and after.ok and before.fingerprint != after.fingerprint
    assert after.signer.startswith("Sofia Papadopoulou")
    with practice.vault.db.read() as conn:
        assert conn.execute("SELECT count(*) FROM signing_identity").fetchone()[0] == 2
        with pytest.raises(Exception, match="append-only"):
            conn.execute("DELETE FROM signing_identity")
