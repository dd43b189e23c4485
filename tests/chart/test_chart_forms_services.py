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
    other = practice.clients.add("Kim", "Elsewhere")
    mine = practice.assessments.add(client_id, "phq9", [0] * 9)
    practice.assessments.sign(mine, "Dr Sam Example")
    practice.documents.export_assessment(mine, tmp_path / "phq9.pdf")
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


def test_interventions_carry_target_dates_under_goals_and_objectives(practice, client_id, tmp_path):
    from pypdf import PdfReader

    from session_assistant.errors import UserError

    plan = copy.deepcopy(PLAN)
    goal = plan["problems"][0]["goals"][0]
    goal["objectives"][0]["interventions"] = [{"intervention": "Worry postponement", "target_date": "2027-01-15"}]
    goal["interventions"] = [{"intervention": "Graded exposure to train travel", "target_date": "2027-02-01"},
                             "Diaphragmatic breathing"]  # a bare string is still accepted, without a date
    bad = copy.deepcopy(plan)
    bad["problems"][0]["goals"][0]["interventions"][0]["target_date"] = "after Easter"
    try:
        practice.plans.create(client_id, bad)
        raise AssertionError("an impossible intervention date was stored")
    except UserError as error:
        assert "Intervention target date" in str(error)
    plan_id = practice.plans.create(client_id, plan)
    row = practice.plans.get(plan_id)
    stored_goal = row["plan"]["problems"][0]["goals"][0]
    assert stored_goal["objectives"][0]["interventions"] == [{"intervention": "Worry postponement",
                                                              "target_date": "2027-01-15"}]
    assert stored_goal["interventions"] == [{"intervention": "Graded exposure to train travel",
                                             "target_date": "2027-02-01"},
                                            {"intervention": "Diaphragmatic breathing", "target_date": None}]
    assert "      Intervention: Worry postponement (target 2027-01-15)" in row["text"].splitlines()
    assert "    Intervention: Graded exposure to train travel (target 2027-02-01)" in row["text"].splitlines()
    practice.plans.sign(plan_id, "Dr Sam Example")
    out = tmp_path / "plan.pdf"
    practice.documents.export_plan(plan_id, out)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Intervention: Worry postponement (target 2027-01-15)" in text
    assert "Intervention: Graded exposure to train travel (target 2027-02-01)" in text


def test_a_plan_stored_before_interventions_had_dates_still_reads_and_keeps_its_json(practice, client_id):
    import hashlib
    import json

    from session_assistant.services.base import canonical_json
    from session_assistant.services.chart_sources import gather

    objective = {"objective": "Breathe", "target_date": None, "status": "not started"}
    goal = {"goal": "Fewer panic attacks", "measure": "", "target_date": None, "status": "in progress",
            "objectives": [objective], "interventions": ["Interoceptive exposure"]}
    old = {"problems": [{"problem": "Panic", "goals": [goal]}]}
    with practice.vault.db.transaction() as conn:  # written as the previous version stored it
        cursor = conn.execute("INSERT INTO treatment_plans (client_id, version, plan_json, created_at, updated_at) "
                              "VALUES (?, 1, ?, '2026-11-01T09:00:00+00:00', '2026-11-01T09:00:00+00:00')",
                              (client_id, json.dumps(old)))
        plan_id = cursor.lastrowid
    row = practice.plans.get(plan_id)
    goal = row["plan"]["problems"][0]["goals"][0]
    assert goal["interventions"] == [{"intervention": "Interoceptive exposure", "target_date": None}]
    assert goal["objectives"][0]["interventions"] == []
    assert "    Intervention: Interoceptive exposure" in row["text"].splitlines()
    content_hash = practice.plans.sign(plan_id, "Dr Sam Example")
    signed = practice.plans.get(plan_id)
    with practice.vault.db.read() as conn:
        assert json.loads(conn.execute("SELECT plan_json FROM treatment_plans WHERE id = ?",
                                       (plan_id,)).fetchone()[0]) == old  # not rewritten on read or sign
    with practice.vault.db.read() as conn:  # the summary sources read the stored JSON directly
        plan_source = next(s for s in gather(conn, client_id) if s.kind == "treatment_plan")
    assert "Intervention: Interoceptive exposure" in plan_source.text
    expected = {"plan_id": plan_id, "client_id": client_id, "version": 1, "plan": old, "review_date": None,
                "signer": "Dr Sam Example", "signed_at": signed["signed_at"]}
    assert content_hash == hashlib.sha256(canonical_json(expected).encode()).hexdigest()
    # A new version from it is stored in today's shape.
    new_id = practice.plans.new_version(client_id)
    with practice.vault.db.read() as conn:
        stored = json.loads(conn.execute("SELECT plan_json FROM treatment_plans WHERE id = ?", (new_id,)).fetchone()[0])
    assert stored["problems"][0]["goals"][0]["interventions"] == [{"intervention": "Interoceptive exposure",
                                                                   "target_date": None}]
