"""The chart context a session's draft is written with, read from the vault: the client's active
treatment-plan goals, active diagnoses, measures given on the session day (and the last of each
before it), the Plan of the last signed note before the session, and the client's pronouns.

Everything is read through the chart's own services; nothing here writes. References name the
vault rows (``chart:goal:<plan id>.<problem>.<goal>``, ``chart:diagnosis:<id>``,
``chart:assessment:<id>``, ``chart:note:<id>``) so a reviewer can open what a line cites.
"""

from __future__ import annotations

import json

from session_assistant.drafting.chart_context import ChartContext, ChartFact, plan_goal_facts
from session_assistant.services.assessments import AssessmentService
from session_assistant.services.base import fetch_all, fetch_one
from session_assistant.services.diagnoses import DiagnosisService
from session_assistant.services.treatment_plans import TreatmentPlanService

# Fields of a note template that hold its plan, in the order they are looked for.
PLAN_FIELDS = ("plan", "next_session", "plan_for_next_session", "homework")


def chart_context(vault, appointment_id: int) -> ChartContext:
    """The chart context of the appointment's client as of the appointment's day."""
    with vault.db.read() as conn:
        appointment = fetch_one(conn, "SELECT a.client_id, a.starts_at, c.pronouns FROM appointments a "
                                      "JOIN clients c ON c.id = a.client_id WHERE a.id = ?", (appointment_id,),
                                missing=f"No appointment with id {appointment_id}.")
        last_note = _last_note_plan(conn, appointment["client_id"], appointment_id, appointment["starts_at"])
    client_id, day = appointment["client_id"], appointment["starts_at"][:10]
    plan = TreatmentPlanService(vault).active(client_id)
    goals = plan_goal_facts(plan["plan"], str(plan["id"])) if plan else []
    diagnoses = [ChartFact(f"chart:diagnosis:{d['id']}", "diagnosis", f"Diagnosis: {d['code']} {d['description']}")
                 for d in DiagnosisService(vault).list(client_id, active_only=True)]
    return ChartContext(goals, diagnoses, _measures(AssessmentService(vault).list(client_id), day), last_note, day,
                        " ".join((appointment["pronouns"] or "").split()))


def _measures(assessments: list[dict], day: str) -> list[ChartFact]:
    """Each instrument given on ``day``, then the last one of it before ``day``."""
    facts: list[ChartFact] = []
    for instrument in dict.fromkeys(a["instrument"] for a in assessments if a["administered_on"] == day):
        series = [a for a in assessments if a["instrument"] == instrument]
        today = [a for a in series if a["administered_on"] == day][-1]
        before = [a for a in series if a["administered_on"] < day]
        for row in [today, *before[-1:]]:
            text = f"{row['title']} total {row['total_score']}" + (f" ({row['severity']})" if row["severity"] else "")
            if row.get("self_harm_flag"):
                text += f", item 9 answered {row['self_harm_response']}"
            facts.append(ChartFact(f"chart:assessment:{row['id']}", "measure", f"{text} on {row['administered_on']}",
                                   row["administered_on"]))
    return facts


def _last_note_plan(conn, client_id: int, appointment_id: int, starts_at: str) -> ChartFact | None:
    """The plan field of the last signed note of an earlier, not cancelled, appointment."""
    rows = fetch_all(conn, "SELECT n.id, n.fields_json, a.starts_at FROM progress_notes n "
                           "JOIN appointments a ON a.id = n.appointment_id WHERE n.client_id = ? AND n.status = 'signed' "
                           "AND a.id != ? AND a.starts_at < ? AND a.status != 'cancelled' ORDER BY a.starts_at DESC, n.id DESC",
                     (client_id, appointment_id, starts_at))
    for row in rows:
        fields = json.loads(row["fields_json"] or "{}")
        for name in (*PLAN_FIELDS, *(n for n in fields if "plan" in n.lower())):
            text = " ".join(str(fields.get(name) or "").split())
            if text:
                return ChartFact(f"chart:note:{row['id']}", "last_plan", text, row["starts_at"][:10])
    return None
