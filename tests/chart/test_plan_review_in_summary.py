"""A signed plan version made at a review carries what the clinician concluded into the summaries that
quote the plan: its digest has the review narrative and the plan's statement says it. Pure: no vault."""

from __future__ import annotations

from session_assistant.chart.citations import SourceItem
from session_assistant.chart.compose import digest_statements
from session_assistant.chart.digest import digest_plan

PLAN = {"problems": [{"problem": "Night-time rumination", "goals": [
    {"goal": "Asleep within 30 minutes on most nights", "status": "partially met", "objectives": [],
     "interventions": [{"intervention": "Scheduled worry time", "target_date": None}]}]}],
        "review_narrative": "Sleep onset down to 40 minutes; worry time kept 4 of 7 days. Continue, add a wind-down."}


def test_the_review_narrative_reaches_the_plan_digest_and_the_summary_statement():
    item = SourceItem("treatment_plan", 7, "2026-12-02", "Treatment plan v2", "")
    digest = digest_plan(item, PLAN)
    assert [i.text for i in digest.of("review")] == [" ".join(PLAN["review_narrative"].split())]
    plan = next(s.text for s in digest_statements([digest], [item]) if s.text.startswith("Treatment plan"))
    assert "Review: Sleep onset down to 40 minutes; worry time kept 4 of 7 days" in plan
    assert "(partially met)" in plan


def test_a_plan_without_a_review_has_no_review_part():
    item = SourceItem("treatment_plan", 8, "2026-10-01", "Treatment plan v1", "")
    digest = digest_plan(item, {k: v for k, v in PLAN.items() if k != "review_narrative"})
    assert digest.of("review") == [] and "Review:" not in " ".join(s.text for s in digest_statements([digest], [item]))
