"""Treatment plans: validation, versions, signing (immutable) and new versions from the latest."""

from __future__ import annotations

import copy

import pytest

from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.services.sample_chart import PLAN
from session_assistant.vault.database import IntegrityError


@pytest.mark.parametrize("mutate,message", [
    (lambda p: p.update(problems=[]), "at least one problem"),
    (lambda p: p["problems"][0].update(goals=[]), "measurable goal"),
    (lambda p: p["problems"][0]["goals"][0].update(goal="  "), "goal needs text"),
    (lambda p: p["problems"][0]["goals"][0].update(status="done-ish"), "Progress status"),
    (lambda p: p["problems"][0]["goals"][0].update(target_date="next spring"), "YYYY-MM-DD"),
    (lambda p: p["problems"][0]["goals"][0]["objectives"][0].update(objective=""), "objective needs text"),
])
def test_invalid_plans_are_refused_and_nothing_is_stored(practice, client_id, mutate, message):
    plan = copy.deepcopy(PLAN)
    mutate(plan)
    with pytest.raises(UserError, match=message):
        practice.plans.create(client_id, plan)
    assert practice.plans.versions(client_id) == []


def test_plan_holds_problems_goals_objectives_interventions_dates_and_status(practice, client_id):
    plan = copy.deepcopy(PLAN)
    plan["problems"][0]["goals"][0]["target_date"] = "2026-06-30"
    plan_id = practice.plans.create(client_id, plan, review_date="2026-04-01")
    row = practice.plans.get(plan_id)
    goal = row["plan"]["problems"][0]["goals"][0]
    assert (row["version"], row["status"], row["review_date"]) == (1, "draft", "2026-04-01")
    assert goal["measure"].startswith("GAD-7 below 10") and goal["target_date"] == "2026-06-30"
    assert goal["status"] == "in progress" and goal["interventions"][1] == {"intervention": "Graded exposure to train travel",
                                                                       "target_date": None}
    assert goal["objectives"][0]["status"] == "in progress"
    assert "Goal 1.1: Reduce anxiety to the mild range" in row["text"] and "Review date: 2026-04-01" in row["text"]


def test_versions_signing_and_immutability(practice, client_id):
    first = practice.plans.create(client_id, PLAN, "2026-04-01")
    with pytest.raises(UserError, match="already has a draft plan"):
        practice.plans.create(client_id, PLAN)
    content_hash = practice.plans.sign(first, "Dr Sam Example")
    assert len(content_hash) == 64
    with pytest.raises(ImmutableRecord):
        practice.plans.update(first, PLAN)
    with pytest.raises(ImmutableRecord):
        practice.plans.delete_draft(first)
    conn = practice.vault.db.conn
    with pytest.raises(IntegrityError, match="immutable"):
        conn.execute("UPDATE treatment_plans SET plan_json = '{}' WHERE id = ?", (first,))
    with pytest.raises(IntegrityError, match="immutable"):
        conn.execute("DELETE FROM treatment_plans WHERE id = ?", (first,))

    second = practice.plans.new_version(client_id)  # starts from the latest signed version
    assert practice.plans.get(second)["plan"] == practice.plans.get(first)["plan"]
    assert practice.plans.new_version(client_id) == second  # the open draft, not a third version
    revised = copy.deepcopy(practice.plans.get(second)["plan"])
    revised["problems"][0]["goals"][0]["status"] = "met"
    practice.plans.update(second, revised, review_date="2026-07-01")
    practice.plans.sign(second, "Dr Sam Example")
    versions = practice.plans.versions(client_id, signed_only=True)
    assert [(v["version"], v["plan"]["problems"][0]["goals"][0]["status"]) for v in versions] == [
        (1, "in progress"), (2, "met")]
    assert practice.plans.latest(client_id)["review_date"] == "2026-07-01"
    assert practice.verify_audit().ok


def test_revising_without_any_plan_and_signing_without_a_name(practice, client_id):
    with pytest.raises(UserError, match="no treatment plan"):
        practice.plans.new_version(client_id)
    plan_id = practice.plans.create(client_id, PLAN)
    with pytest.raises(UserError, match="profile"):
        practice.plans.sign(plan_id, "")
    assert practice.plans.get(plan_id)["status"] == "draft"


def test_salvage_makes_a_refused_plan_storable_and_keeps_every_text(practice, client_id):
    """What a lock does with a plan the service refuses: blanks marked, bad dates cleared, the rest kept."""
    from session_assistant.services.treatment_plans import TO_COMPLETE, salvage_plan, validate_plan

    plan = {"problems": [{"problem": " ", "goals": [{"goal": "Walk twice a week", "target_date": "2026-13-01",
                                                      "objectives": [{"objective": "", "interventions": ["BA"]}]}]},
                         {"problem": "Worry", "goals": []}]}
    with pytest.raises(UserError):
        validate_plan(plan)
    clean, fixes = salvage_plan(plan)
    plan_id = practice.plans.create(client_id, clean)
    stored = practice.plans.get(plan_id)["plan"]["problems"]
    assert stored[0]["problem"] == TO_COMPLETE and stored[0]["goals"][0]["goal"] == "Walk twice a week"
    assert stored[0]["goals"][0]["target_date"] is None
    assert stored[0]["goals"][0]["objectives"][0]["objective"] == TO_COMPLETE
    assert stored[0]["goals"][0]["objectives"][0]["interventions"][0]["intervention"] == "BA"
    assert stored[1]["problem"] == "Worry" and stored[1]["goals"][0]["goal"] == TO_COMPLETE
    assert len(fixes) == 2 and all("Walk" not in fix and "Worry" not in fix for fix in fixes)
