"""Service operations the chart's editing tabs need: the active treatment plan (the one note
drafting reads) and a client's exports and shredded recordings without SQL in the UI."""

from __future__ import annotations

import copy

from session_assistant.services.draft_chart import chart_context
from session_assistant.services.sample_chart import PLAN


def test_active_plan_is_the_latest_signed_version_else_the_latest_draft(practice, client_id):
    plans = practice.plans
    assert plans.active(client_id) is None
    first = plans.create(client_id, copy.deepcopy(PLAN))
    assert plans.active(client_id)["id"] == first  # only a draft: drafting reads it
    plans.sign(first, "Dr Sam Example")
    second = plans.new_version(client_id)
    assert plans.latest(client_id)["id"] == second and plans.active(client_id)["id"] == first
    plans.sign(second, "Dr Sam Example")
    assert plans.active(client_id)["id"] == second
    # Drafting's chart context cites the active version's goals.
    appointment_id = practice.appointments.add(client_id, "2026-11-22T10:00", 50)
    refs = [fact.ref for fact in chart_context(practice.vault, appointment_id).goals]
    assert refs and all(ref.startswith(f"chart:goal:{second}.") for ref in refs)


def test_exports_and_shredded_recordings_are_listed_per_client(practice, client_id, tmp_path):
    from session_assistant.documents.service import DocumentService

    other = practice.clients.add("Kim", "Elsewhere")
    mine = practice.assessments.add(client_id, "phq9", [0] * 9)
    practice.assessments.sign(mine, "Dr Sam Example")
    DocumentService(practice).export_assessment(mine, tmp_path / "phq9.pdf")
    appointment = practice.appointments.add(client_id, "2026-11-21T10:00", 50)
    other_appointment = practice.appointments.add(other, "2026-11-21T11:00", 50)
    with practice.vault.db.transaction() as conn:  # the retention engine's rows, as it writes them
        for rec, appt in (("a" * 32, appointment), ("b" * 32, other_appointment)):
            conn.execute("INSERT INTO shred_log (recording_id, appointment_id, reason, shredded_at, key_deleted, "
                         "file_deleted) VALUES (?, ?, 'retention', '2026-11-22T09:00:00+00:00', 1, 1)", (rec, appt))
    exports = practice.clients.exports(client_id)
    assert [(e["kind"], e["file_name"]) for e in exports] == [("assessment", "phq9.pdf")]
    assert len(exports[0]["content_sha256"]) == 64
    assert practice.clients.exports(other) == []
    assert [s["recording_id"] for s in practice.clients.shredded_recordings(client_id)] == ["a" * 32]
    assert [s["recording_id"] for s in practice.clients.shredded_recordings(other)] == ["b" * 32]
