"""The draft goes where the template wants it (no model: a hand-built draft)."""

from __future__ import annotations

import pytest

from session_assistant.drafting import Draft, DraftSentence, get_format
from session_assistant.drafting.risk import RiskItem
from session_assistant.drafting.template_fill import accepted_risk_text, add_line, field_role, fill, replace_parts

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


def test_a_soap_draft_in_a_dap_template_puts_subjective_and_objective_in_data_without_soap_headings():
    dap = [{"name": "data", "label": "Data"}, {"name": "assessment", "label": "Assessment"},
           {"name": "plan", "label": "Plan"}]
    values = fill(dap, soap_draft()).values
    assert values["data"] == "S one. S two.\n\nO one."  # the Data field is Data, not a SOAP note
    assert values["assessment"] == f"A one. {POINTER}" and values["plan"] == "P one."


BIRP = [{"name": "behavior", "label": "Behavior", "ai_summary": True}, {"name": "intervention", "label": "Intervention"},
        {"name": "response", "label": "Response"}, {"name": "plan", "label": "Plan"}, {"name": "risk", "label": "Risk"}]
DAP = [{"name": "data", "label": "Data", "ai_summary": True}, {"name": "assessment", "label": "Assessment"},
       {"name": "plan", "label": "Plan"}, {"name": "risk", "label": "Risk"}]
INTERVENTIONS = "Interventions used in session: cognitive behavioral therapy (thought record)."
ACTIVITY = "In session: Clinician and client practised paced breathing."


def soap_draft_with_interventions() -> Draft:
    draft = soap_draft()
    draft.sentences[3:3] = [DraftSentence("objective", ACTIVITY, [2], ["rule_fact"], "model"),
                            DraftSentence("objective", INTERVENTIONS, [0, 2], ["rule_fact"], "rule")]
    return draft


def _everything_once(values: dict[str, str], draft: Draft) -> None:
    text = "\n".join(values.values())
    for sentence in draft.sentences:
        if sentence.text != POINTER:  # the template has a Risk field: the clinician writes risk there
            assert text.count(sentence.text) == 1, sentence.text
    assert "SUBJECTIVE" not in text and "OBJECTIVE" not in text and "ASSESSMENT" not in text


def test_a_soap_draft_in_the_birp_template_gives_every_field_its_part():
    draft = soap_draft_with_interventions()
    values = fill(BIRP, draft).values
    assert values["behavior"] == "S one. S two.\n\nO one."
    assert values["intervention"] == f"{ACTIVITY} {INTERVENTIONS}"  # what the clinician did
    assert values["response"] == "A one." and values["plan"] == "P one." and "risk" not in values
    _everything_once(values, draft)


def test_a_soap_draft_in_the_dap_template_keeps_the_intervention_lines_in_data():
    draft = soap_draft_with_interventions()
    values = fill(DAP, draft).values
    assert values["data"] == f"S one. S two.\n\nO one. {ACTIVITY} {INTERVENTIONS}"
    assert values["assessment"] == "A one." and values["plan"] == "P one."
    _everything_once(values, draft)


def test_a_soap_template_keeps_the_intervention_lines_in_objective():
    assert fill(SOAP, soap_draft_with_interventions()).values["objective"] == f"O one. {ACTIVITY} {INTERVENTIONS}"


def test_an_empty_part_does_not_say_not_discussed_inside_a_merged_field():
    draft = Draft(get_format("soap"), [DraftSentence("subjective", "S one.", [1]),
                                       DraftSentence("objective", "Not discussed in session.", [], [], "system"),
                                       DraftSentence("assessment", "A one.", [1]), DraftSentence("plan", "P one.", [2])])
    assert fill(DAP, draft).values["data"] == "S one."


def test_a_redraft_of_one_part_replaces_only_that_paragraph_of_a_merged_field():
    old = soap_draft()
    new = soap_draft()
    new.sentences[2] = DraftSentence("objective", "O new.", [0])
    clinician_text = fill(DAP, old).values["data"].replace("S two.", "S two, reworded.")
    merged = replace_parts(clinician_text, fill(DAP, old), fill(DAP, new), "data", ["objective"])
    assert merged == "S one. S two, reworded.\n\nO new."
    assert replace_parts("All mine.", fill(DAP, old), fill(DAP, new), "data", ["objective"]) == "All mine."


def test_the_fill_says_where_each_sentence_went():
    draft = soap_draft_with_interventions()
    filled = fill(BIRP, draft)
    assert filled.home_of(draft.sentences[0]) == "behavior"
    assert filled.home_of(draft.sentences[4]) == "intervention" and filled.home_of(draft.sentences[2]) == "behavior"
    assert filled.fields_of("objective") == ["behavior", "intervention"]


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
    assert "denied" in line and "Clinician to review" not in line
    assert add_line(add_line("", line), line) == line


def test_an_accepted_risk_statement_quotes_the_answer_never_a_transcript_line_number():
    """The Risk field goes into the signed PDF; the transcript does not, so "(transcript line 3)"
    is a reference a payer cannot follow. The client's answer, quoted whole, is what it carries."""
    item = RiskItem("suicidal_ideation", 3, "client", "hurting yourself", "No, never.", status="screened: denied")
    line = accepted_risk_text(item)
    assert "transcript line" not in line and "3" not in line
    assert line == 'Risk was screened in session; the client denied suicidal ideation ("No, never.").'
    asked = RiskItem("suicidal_ideation", 4, "Therapist", "hurting yourself", "Any thoughts of hurting yourself?",
                     status="screened: answer unclear")
    assert '"' not in accepted_risk_text(asked) and "line" not in accepted_risk_text(asked)  # not the client's words
    long = RiskItem("suicidal_ideation", 5, "client", "kill myself", " ".join(["word"] * 60) + ".", status="endorsed")
    assert '"' not in accepted_risk_text(long) and accepted_risk_text(long).endswith(".")


FORMATS = {"soap": ("subjective", "objective", "assessment", "plan"), "dap": ("data", "assessment", "plan"),
           "birp": ("behavior", "intervention", "response", "plan"), "girp": ("goals", "intervention", "response", "plan")}


@pytest.mark.parametrize("draft_format", FORMATS)
@pytest.mark.parametrize("template_format", FORMATS)
def test_whatever_the_drafting_format_every_sentence_lands_in_the_template_once(draft_format, template_format):
    """A template laid out like the built-in ones (the first field AI, a Risk field) and a draft in any
    format: each drafted sentence is written exactly once, no field shows headings of another format."""
    fmt = get_format(draft_format)
    draft = Draft(fmt, [DraftSentence(key, f"The {key} part.", [0]) for key in FORMATS[draft_format]])
    template = [{"name": key, "label": get_format(template_format).section(key).title, "ai_summary": i == 0}
                for i, key in enumerate(FORMATS[template_format])] + [{"name": "risk", "label": "Risk"}]
    values = fill(template, draft).values
    text = "\n".join(values.values())
    for key in FORMATS[draft_format]:
        assert text.count(f"The {key} part.") == 1, (key, values)
    assert not any(section.title.upper() in text for section in fmt.sections), values
    assert "risk" not in values


def test_a_section_with_no_field_goes_to_a_writable_field_never_to_risk():
    template = [{"name": "risk", "label": "Risk"}, {"name": "notes", "label": "Notes"}, {"name": "plan", "label": "Plan"}]
    values = fill(template, soap_draft()).values
    assert "risk" not in values and values["plan"] == "P one."
    assert values["notes"].startswith("SUBJECTIVE\nS one. S two.")  # several sections in a free field: headings
