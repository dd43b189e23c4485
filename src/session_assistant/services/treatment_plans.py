"""Treatment plans: problems, measurable goals, objectives, interventions, target and review dates.

A plan is versioned. Each version is a draft until signed; signed versions are immutable
(trigger) and all of them are kept. A new version starts as a copy of the latest one.

``plan_json`` shape (validated by ``validate_plan``)::

    {"problems": [{"problem": str,
                   "goals": [{"goal": str, "measure": str, "target_date": "YYYY-MM-DD"|None,
                              "status": one of GOAL_STATUSES,
                              "objectives": [{"objective": str, "target_date": ..., "status": ...,
                                              "interventions": [INTERVENTION]}],
                              "interventions": [INTERVENTION]}]}]}

    INTERVENTION = {"intervention": str, "target_date": "YYYY-MM-DD"|None}

A version made at a plan review may also hold ``"review_narrative": str``: what the clinician
concluded (progress on each goal, what changes and why). It is part of the version's JSON, so
signing covers it and a signed version keeps it unchanged; a new version starts without one.

An intervention hangs under the objective it serves, or under the goal when it serves the goal as
a whole. Plans stored before interventions had dates hold bare strings under goals only;
``read_plan`` lifts them to the dated shape, so every reader sees one shape while the stored (and
perhaps signed) JSON is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import json

from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.plain_text import check_plain
from session_assistant.services.base import Service, canonical_json, fetch_all, fetch_one, parse_date
from session_assistant.services.digest_jobs import queue_digest
from session_assistant.services.limits import TEXT, check_length
from session_assistant.vault.writer import writes

GOAL_STATUSES = ("not started", "in progress", "met", "partially met", "revised", "discontinued")
REVIEW_NARRATIVE = "review_narrative"


def _text(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UserError(f"Each {what} needs text.")
    return value.strip()


def _status(value) -> str:
    value = (value or "not started").strip().lower()
    if value not in GOAL_STATUSES:
        raise UserError(f"Progress status must be one of: {', '.join(GOAL_STATUSES)}.")
    return value


def _intervention(value) -> dict:
    if isinstance(value, str):  # the shape before interventions had target dates
        value = {"intervention": value}
    if not isinstance(value, dict):
        raise UserError("Each intervention needs text.")
    return {"intervention": _text(value.get("intervention"), "intervention"),
            "target_date": parse_date(value.get("target_date"), "Intervention target date")}


def _interventions(values) -> list[dict]:
    return [_intervention(i) for i in values or []]


def _lift(interventions) -> list[dict]:
    return [{"intervention": i, "target_date": None} if isinstance(i, str)
            else {"intervention": i.get("intervention", ""), "target_date": i.get("target_date")}
            for i in interventions or []]


def read_plan(plan: dict) -> dict:
    """A stored plan in today's shape (bare-string interventions become undated ones)."""
    problems = []
    for problem in plan.get("problems") or []:
        goals = [{**goal, "objectives": [{**o, "interventions": _lift(o.get("interventions"))}
                                         for o in goal.get("objectives") or []],
                  "interventions": _lift(goal.get("interventions"))} for goal in problem.get("goals") or []]
        problems.append({**problem, "goals": goals})
    return {"problems": problems, **_narrative_of(plan)}


def _narrative_of(plan: dict) -> dict:
    """``{"review_narrative": text}`` when the plan holds one, else ``{}`` (plans before it had none)."""
    narrative = plan.get(REVIEW_NARRATIVE) if isinstance(plan, dict) else None
    return {REVIEW_NARRATIVE: narrative.strip()} if isinstance(narrative, str) and narrative.strip() else {}


def validate_plan(plan: dict) -> dict:
    """A clean copy of ``plan``, or UserError naming the first problem."""
    problems = plan.get("problems") if isinstance(plan, dict) else None
    if not problems:
        raise UserError("A treatment plan needs at least one problem.")
    clean = []
    for problem in problems:
        goals = problem.get("goals") or []
        if not goals:
            raise UserError("Each problem needs at least one measurable goal.")
        clean_goals = []
        for goal in goals:
            objectives = [{"objective": _text(o.get("objective"), "objective"),
                           "target_date": parse_date(o.get("target_date"), "Objective target date"),
                           "status": _status(o.get("status")),
                           "interventions": _interventions(o.get("interventions"))}
                          for o in goal.get("objectives") or []]
            clean_goals.append({
                "goal": _text(goal.get("goal"), "goal"),
                "measure": (goal.get("measure") or "").strip(),
                "target_date": parse_date(goal.get("target_date"), "Goal target date"),
                "status": _status(goal.get("status")),
                "objectives": objectives,
                "interventions": _interventions(goal.get("interventions")),
            })
        clean.append({"problem": _text(problem.get("problem"), "problem"), "goals": clean_goals})
    narrative = _narrative_of(plan)
    if narrative:
        check_length(REVIEW_NARRATIVE, narrative[REVIEW_NARRATIVE], TEXT)
        check_plain(narrative[REVIEW_NARRATIVE], "Review narrative", multiline=True)
    return {"problems": clean, **narrative}


TO_COMPLETE = "(to complete)"


def salvage_plan(plan: dict) -> tuple[dict, list[str]]:
    """``plan`` made storable as a draft when the window must keep it now (a lock) and cannot ask:
    an item without text gets ``TO_COMPLETE``, a problem without a goal gets one, a target date
    that is no date is dropped. Returns the plan and what was changed, in words that hold no
    clinical text. Anything else ``validate_plan`` refuses still raises."""
    fixes: set[str] = set()

    def text(value) -> str:
        if isinstance(value, str) and value.strip():
            return value
        fixes.add(f"empty items are marked {TO_COMPLETE}")
        return TO_COMPLETE

    def when(value):
        try:
            return parse_date(value, "Target date")
        except UserError:
            fixes.add("target dates that were not dates are cleared")
            return None

    def interventions(values) -> list[dict]:
        return [{"intervention": text(i.get("intervention") if isinstance(i, dict) else i),
                 "target_date": when(i.get("target_date")) if isinstance(i, dict) else None} for i in values or []]

    problems = []
    for problem in plan.get("problems") or []:
        goals = [{**goal, "goal": text(goal.get("goal")), "target_date": when(goal.get("target_date")),
                  "objectives": [{**o, "objective": text(o.get("objective")), "target_date": when(o.get("target_date")),
                                  "interventions": interventions(o.get("interventions"))}
                                 for o in goal.get("objectives") or []],
                  "interventions": interventions(goal.get("interventions"))}
                 for goal in problem.get("goals") or []] or [{"goal": text(None)}]
        problems.append({"problem": text(problem.get("problem")), "goals": goals})
    return validate_plan({"problems": problems, **_narrative_of(plan)}), sorted(fixes)


def intervention_text(intervention: dict) -> str:
    target = f" (target {intervention['target_date']})" if intervention.get("target_date") else ""
    return f"Intervention: {intervention['intervention']}{target}"


def plan_text(plan: dict, review_date: str | None = None) -> str:
    """The plan as plain lines (for display and as a summary source); old stored shapes too."""
    plan = read_plan(plan)
    lines = []
    for p_no, problem in enumerate(plan["problems"], 1):
        lines.append(f"Problem {p_no}: {problem['problem']}")
        for g_no, goal in enumerate(problem["goals"], 1):
            extra = "; ".join(x for x in (f"measured by {goal['measure']}" if goal["measure"] else "",
                                          f"target {goal['target_date']}" if goal["target_date"] else "",
                                          f"status {goal['status']}") if x)
            lines.append(f"  Goal {p_no}.{g_no}: {goal['goal']} ({extra})")
            for objective in goal["objectives"]:
                target = f", target {objective['target_date']}" if objective["target_date"] else ""
                lines.append(f"    Objective: {objective['objective']} ({objective['status']}{target})")
                lines.extend(f"      {intervention_text(i)}" for i in objective["interventions"])
            lines.extend(f"    {intervention_text(i)}" for i in goal["interventions"])
    if plan.get(REVIEW_NARRATIVE):
        lines.append(f"Review narrative: {plan[REVIEW_NARRATIVE]}")
    if review_date:
        lines.append(f"Review date: {review_date}")
    return "\n".join(lines)


class TreatmentPlanService(Service):
    @writes
    def create(self, client_id: int, plan: dict, review_date: str | None = None) -> int:
        """The next version as a draft (version 1 for a client's first plan)."""
        clean = validate_plan(plan)
        review = parse_date(review_date, "Review date")
        with self.db.transaction() as conn:
            fetch_one(conn, "SELECT id FROM clients WHERE id = ?", (client_id,), missing=f"No client with id {client_id}.")
            draft = conn.execute("SELECT id FROM treatment_plans WHERE client_id = ? AND status = 'draft'",
                                 (client_id,)).fetchone()
            if draft:
                raise UserError(f"Client {client_id} already has a draft plan ({draft[0]}); edit or sign it first.")
            version = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM treatment_plans WHERE client_id = ?",
                                   (client_id,)).fetchone()[0]
            now = self.clock.iso()
            cursor = conn.execute(
                "INSERT INTO treatment_plans (client_id, version, plan_json, review_date, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", (client_id, version, json.dumps(clean), review, now, now))
            self.audit.append(conn, "plan_created", entity="treatment_plan", entity_id=cursor.lastrowid,
                              client_id=client_id, detail=f"version {version}")
            return cursor.lastrowid

    @writes
    def new_version(self, client_id: int) -> int:
        """A draft copied from the latest version (signed or not), ready to revise."""
        latest = self.latest(client_id)
        if latest is None:
            raise UserError(f"Client {client_id} has no treatment plan yet; add one first.")
        if latest["status"] == "draft":
            return latest["id"]
        # the last review's narrative stays with its version: this one's review is still to be written
        revised = {key: value for key, value in latest["plan"].items() if key != REVIEW_NARRATIVE}
        return self.create(client_id, revised, latest["review_date"])

    @writes
    def update(self, plan_id: int, plan: dict, review_date: str | None = None) -> None:
        current = self.get(plan_id)
        if current["status"] == "signed":
            raise ImmutableRecord(f"Plan {plan_id} is signed and cannot change; start a new version.")
        clean = validate_plan(plan)
        review = parse_date(review_date, "Review date") if review_date is not None else current["review_date"]
        with self.db.transaction() as conn:
            conn.execute("UPDATE treatment_plans SET plan_json = ?, review_date = ?, updated_at = ? WHERE id = ?",
                         (json.dumps(clean), review, self.clock.iso(), plan_id))
            self.audit.append(conn, "plan_edited", entity="treatment_plan", entity_id=plan_id,
                              client_id=current["client_id"])

    @writes
    def sign(self, plan_id: int, signer_name: str) -> str:
        """Sign the version; returns its content hash. Signed versions never change."""
        current = self.get(plan_id)
        if current["status"] == "signed":
            raise ImmutableRecord(f"Plan {plan_id} is already signed.")
        if not (signer_name or "").strip():
            raise UserError("Set your name in the profile before signing (profile set --name ...).")
        signed_at = self.clock.iso()
        with self.db.read() as conn:  # the hash covers the JSON as stored, not the shape readers get
            stored = json.loads(conn.execute("SELECT plan_json FROM treatment_plans WHERE id = ?",
                                             (plan_id,)).fetchone()[0])
        content = {"plan_id": plan_id, "client_id": current["client_id"], "version": current["version"],
                   "plan": stored, "review_date": current["review_date"], "signer": signer_name.strip(),
                   "signed_at": signed_at}
        content_hash = hashlib.sha256(canonical_json(content).encode()).hexdigest()
        with self.db.transaction() as conn:
            conn.execute("UPDATE treatment_plans SET status = 'signed', signer_name = ?, signed_at = ?, "
                         "content_hash = ?, updated_at = ? WHERE id = ?",
                         (signer_name.strip(), signed_at, content_hash, signed_at, plan_id))
            self.audit.append(conn, "plan_signed", entity="treatment_plan", entity_id=plan_id,
                              client_id=current["client_id"], detail=f"sha256 {content_hash}")
            queue_digest(conn, self.clock, "treatment_plan", plan_id)
        return content_hash

    @staticmethod
    def _shape(row: dict) -> dict:
        row["plan"] = read_plan(json.loads(row.pop("plan_json")))
        row["text"] = plan_text(row["plan"], row["review_date"])
        return row

    def get(self, plan_id: int) -> dict:
        with self.db.read() as conn:
            return self._shape(fetch_one(conn, "SELECT * FROM treatment_plans WHERE id = ?", (plan_id,),
                                         missing=f"No treatment plan with id {plan_id}."))

    def versions(self, client_id: int, *, signed_only: bool = False) -> list[dict]:
        where = " AND status = 'signed'" if signed_only else ""
        with self.db.read() as conn:
            rows = fetch_all(conn, f"SELECT * FROM treatment_plans WHERE client_id = ?{where} ORDER BY version",
                             (client_id,))
        return [self._shape(r) for r in rows]

    def latest(self, client_id: int, *, signed_only: bool = False) -> dict | None:
        found = self.versions(client_id, signed_only=signed_only)
        return found[-1] if found else None

    def active(self, client_id: int) -> dict | None:
        """The plan note drafting reads: the latest signed version, else the latest draft."""
        return self.latest(client_id, signed_only=True) or self.latest(client_id)

    @writes
    def delete_draft(self, plan_id: int) -> None:
        current = self.get(plan_id)
        if current["status"] == "signed":
            raise ImmutableRecord(f"Plan {plan_id} is signed and cannot be deleted.")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM treatment_plans WHERE id = ?", (plan_id,))
            self.audit.append(conn, "plan_deleted", entity="treatment_plan", entity_id=plan_id,
                              client_id=current["client_id"])
