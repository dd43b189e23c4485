"""The draft goes where the template wants it (no model: a hand-built draft)."""

from __future__ import annotations

import pytest

from session_assistant.drafting import Draft, DraftSentence, get_format
from session_assistant.drafting.risk import RiskItem
from session_assistant.drafting.template_fill import accepted_risk_text, add_line, field_role, fill

DEFAULT = [{"name": "session_summary", "label": "Session Summary", "ai_summary": True},
           {"name": "risk_assessment", "label": "Risk Assessment"},
           {"name": "next_session", "label": "Plan for Next Session"}]
SOAP = [{"name": n, "label": n.title()} for n in ("subjective", "objective", "assessment", "plan")]
POINTER = "Risk was screened in session; the client denied suicidal ideation. Clinician to review and document."


def soap_draft() -> Draft:
    sentences = [DraftSentence("subjective", "S one.", [1]), DraftSentence("subjective", "S two.", [2]),
                 DraftSentence("objective", "O one.", [0]), DraftSentence("assessment", "A one.", [1]),
                 DraftSentence("assessment", POINTER, [3], ["clinician_review_required"], "system"),
                 DraftSentence("plan", "P one.", [4])]
    return Draft(get_format("soap"), sentences, model="m")


def test_each_soap_part_gets_its_own_field():
    values = fill(SOAP, soap_draft()).values
    assert values == {"subjective": "S one. S two.", "objective": "O one.", "assessment": f"A one. {POINTER}",
                      "plan": "P one."}  # no Risk field: the risk pointer stays in its section


def test_default_template_ai_field_gets_the_summary_plan_goes_to_plan_and_risk_waits_for_the_clinician():
    values = fill(DEFAULT, soap_draft()).values
    summary = values["session_summary"]
    assert summary.startswith("SUBJECTIVE\nS one. S two.") and "OBJECTIVE\nO one." in summary
    assert "ASSESSMENT\nA one." in summary and POINTER not in summary
    assert "PLAN" not in summary and values["next_session"] == "P one."  # written once, in its own field
    assert "risk_assessment" not in values  # the AI never writes the Risk field


def test_a_template_with_only_an_ai_field_gets_the_whole_summary():
    values = fill([{"name": "body", "label": "Note", "ai_summary": True}], soap_draft()).values
    assert values["body"] == soap_draft().as_text()


def test_a_soap_draft_in_a_dap_template_puts_subjective_and_objective_in_data():
    dap = [{"name": "data", "label": "Data"}, {"name": "assessment", "label": "Assessment"},
           {"name": "plan", "label": "Plan"}]
    values = fill(dap, soap_draft()).values
    assert values["data"] == "SUBJECTIVE\nS one. S two.\n\nOBJECTIVE\nO one."
    assert values["plan"] == "P one."


@pytest.mark.parametrize("fmt,keys", [("dap", ("data", "assessment", "plan")),
                                      ("birp", ("behavior", "intervention", "response", "plan")),
                                      ("girp", ("goals", "intervention", "response", "plan"))])
def test_other_formats_fill_their_own_fields(fmt, keys):
    draft = Draft(get_format(fmt), [DraftSentence(k, f"{k} text.", [0]) for k in keys])
    template = [{"name": k, "label": get_format(fmt).section(k).title} for k in keys]
    assert fill(template, draft).values == {k: f"{k} text." for k in keys}


def test_roles_read_names_and_labels():
    assert field_role({"name": "risk_assessment", "label": "Risk Assessment"}) == "risk"
    assert field_role({"name": "next", "label": "Plan for Next Session"}) == "plan"
    assert field_role({"name": "b", "label": "Behaviour"}) == "behavior"
    assert field_role({"name": "free", "label": "Anything else"}) is None


def test_an_accepted_risk_item_adds_its_statement_once():
    item = RiskItem("suicidal_ideation", 3, "client", "hurting yourself", "No, never.", status="screened: denied")
    line = accepted_risk_text(item)
    assert "denied" in line and "transcript line 3" in line and "Clinician to review" not in line
    assert add_line(add_line("", line), line) == line
