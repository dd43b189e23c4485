"""Rule findings (no model): intervention approaches from the clinician's lines, stage-of-change
cues from the client's, and chart facts, each rendered into the note with its evidence."""

from __future__ import annotations

import pytest

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.stage_of_change import detect_stage_of_change
from session_assistant.drafting.transcript_input import parse_transcript


@pytest.mark.parametrize("line, approach, technique", [
    ("Let's fill in a thought record for that moment.", "cognitive restructuring (CBT)", "thought record"),
    ("What was the automatic thought when she didn't reply?", "cognitive restructuring (CBT)",
     "identifying automatic thoughts"),
    ("What's the evidence for and against that thought?", "cognitive restructuring (CBT)", "examining evidence"),
    ("Let's schedule some pleasant activities for the week.", "behavioural activation", "activity scheduling"),
    ("We'll build a fear hierarchy and start exposure at the bottom.", "exposure", "exposure hierarchy"),
    ("Touch the doorknob without washing afterwards: that's response prevention.", "exposure", "response prevention"),
    ("When the urge is at its peak, try TIPP: cold water on your face.", "DBT skills", "TIPP"),
    ("This is where opposite action comes in.", "DBT skills", "opposite action"),
    ("Check in with your wise mind before you answer.", "DBT skills", "wise mind"),
    ("These are distress tolerance skills.", "DBT skills", "distress tolerance"),
    ("Anxiety is the body's fight or flight response.", "psychoeducation", "psychoeducation"),
    ("Let's write a safety plan together, with the crisis line number.", "safety planning", "safety plan"),
    ("Try the 5-4-3-2-1 grounding exercise.", "mindfulness and grounding", "grounding"),
    ("Let's do some slow breathing: breathe in for four.", "relaxation and breathing", "breathing exercise"),
    ("How did the sleep diary go since we last met, did you manage to fill it in?", "homework review",
     "homework review"),
])
def test_an_intervention_is_named_by_approach_with_its_line(line, approach, technique):
    utterances = parse_transcript(f"Client: Hi.\nClinician: {line}\nClient: Okay.")
    found = {i.approach: i for i in detect_interventions(utterances)}
    assert approach in found and technique in found[approach].techniques and found[approach].evidence == [1]


def test_motivational_interviewing_needs_two_of_its_techniques_and_ignores_the_client():
    one = parse_transcript("Clinician: It sounds like work has been hard.\nClient: On a scale of 1 to 10, a nine.")
    assert detect_interventions(one) == []
    two = parse_transcript("Clinician: It sounds like work has been hard.\nClient: Yes.\n"
                           "Clinician: On a scale of 0 to 10, how important is it to cut down?\nClient: Seven.")
    found = detect_interventions(two)
    assert [(i.approach, i.techniques, i.evidence) for i in found] == [
        ("motivational interviewing", ["scaling ruler", "reflective listening"], [0, 2])]


@pytest.mark.parametrize("lines, stage", [
    (["I don't think it's a problem, I'm only here because my wife made me come."], "precontemplation"),
    (["I've been thinking about cutting down.", "Part of me wants to, but I like it."], "contemplation"),
    (["I'm going to stop buying wine on Monday.", "I plan to tell my friends."], "preparation"),
    (["I've stopped drinking on weeknights.", "I haven't had a drink since Friday."], "action"),
    (["I've been eight months sober and I want to stay sober through the holidays."], "maintenance"),
])
def test_stage_of_change_cues_come_from_the_client_with_their_lines(lines, stage):
    text = "\n".join(f"Client: {line}" for line in lines)
    found = detect_stage_of_change(parse_transcript("Clinician: Tell me more.\n" + text))
    assert found is not None and found.stage == stage
    assert found.evidence and set(found.evidence) <= set(range(1, len(lines) + 1))


def test_no_cue_no_stage():
    assert detect_stage_of_change(parse_transcript("Client: I slept badly.\nClinician: I'm sorry.")) is None


MI_SESSION = parse_transcript("""Clinician: How has the drinking been since we last met? Did you manage to fill in the drinking log?
Client: I've been cutting back on drinking, four nights a week now instead of every night. I filled the drinking log in.
Clinician: On a scale of 0 to 10, how important is it for you to cut down further?
Client: About a seven. Part of me knows I should stop, but wine helps me relax after work.
Clinician: What are the good things about drinking, and the not so good things?
Client: I wake up at three and feel awful at work.
Clinician: Any thoughts of hurting yourself or ending your life?
Client: No, nothing like that.""")

CHART = {
    "session_date": "2026-11-30",
    "goals": [{"id": "1", "goal": "Reduce drinking to no more than two nights a week", "status": "in progress",
               "objectives": ["Keep a daily drinking log"]},
              {"id": "2", "goal": "Improve assertiveness with coworkers", "status": "in progress"},
              {"id": "3", "goal": "Attend a support group", "status": "met"}],
    "diagnoses": [{"id": "4", "code": "F10.10", "description": "Alcohol use disorder, mild"}],
    "measures": [{"id": "12", "instrument": "AUDIT", "total": 14, "date": "2026-11-30"},
                 {"id": "9", "instrument": "AUDIT", "total": 18, "date": "2026-11-02"}],
    "last_plan": {"id": "7", "date": "2026-11-23", "text": "Keep a daily drinking log"},
}


def test_interventions_stage_and_chart_facts_are_rendered_with_their_evidence():
    fmt = get_format("soap")
    raw = {"subjective": [{"text": "The client reported drinking four nights a week.", "evidence": [1]}]}
    draft = assemble(fmt, raw, SourceIndex(MI_SESSION), scan_transcript(MI_SESSION), model="m", mode="direct",
                     warnings=[], subject="client", chart=ChartContext.from_json(CHART))
    rules = {s.text: s for s in draft.sentences if s.origin == "rule"}
    interventions = next(s for t, s in rules.items() if t.startswith("Interventions used in session:"))
    assert interventions.section == "objective" and "motivational interviewing" in interventions.text
    assert {2, 4} <= set(interventions.evidence)
    stage = next(s for t, s in rules.items() if "stage of change" in t)
    assert stage.section == "assessment" and stage.evidence and "clinician to confirm" in stage.text
    goal = next(s for t, s in rules.items() if t.startswith("Treatment goal"))
    assert goal.chart_evidence == ["chart:goal:1"] and goal.section == "assessment" and 1 in goal.evidence
    assert not any("assertiveness" in t or "support group" in t for t in rules)  # untouched and met goals
    measures = next(s for t, s in rules.items() if t.startswith("Measures"))
    assert measures.section == "objective" and measures.chart_evidence == ["chart:assessment:12", "chart:assessment:9"]
    assert "AUDIT total 14" in measures.text and measures.evidence == []
    diagnosis = next(s for t, s in rules.items() if t.startswith("Active diagnoses"))
    assert diagnosis.chart_evidence == ["chart:diagnosis:4"]
    last_plan = next(s for t, s in rules.items() if t.startswith("Plan from the last session"))
    assert last_plan.section == "subjective" and last_plan.chart_evidence == ["chart:note:7"]
    assert all(s.chart_evidence == [] for s in draft.sentences if s.origin == "model")
    data = draft.to_json()
    assert data["facts"]["interventions"][0]["approach"] == "motivational interviewing"
    assert data["facts"]["goals_addressed"][0]["ref"] == "chart:goal:1"
    assert data["risk"][0]["status"] == "screened: denied" and data["risk"][0]["evidence"] == [6, 7]
    risk_line = next(s for s in draft.sentences if "risk_documented" in s.flags and s.section == "assessment")
    assert risk_line.text.startswith("Risk: self-harm and suicidal ideation denied") and risk_line.evidence == [6, 7]


def test_the_vault_treatment_plan_shape_is_read_too():
    chart = ChartContext.from_json({"treatment_plan": {"problems": [{"problem": "Alcohol use", "goals": [
        {"goal": "Reduce drinking", "status": "in progress", "objectives": [{"objective": "Keep a log"}]},
        {"goal": "Old goal", "status": "discontinued"}]}]}})
    assert [(g.ref, g.text) for g in chart.goals] == [("chart:goal:plan.1.1", "Goal: Reduce drinking (objectives: Keep a log)")]


def test_a_chart_of_the_wrong_shape_is_a_clear_error():
    from session_assistant.drafting.transcript_input import TranscriptUnreadable

    with pytest.raises(TranscriptUnreadable):
        ChartContext.from_json(["not", "an", "object"])
    with pytest.raises(TranscriptUnreadable):
        ChartContext.from_json({"measures": ["AUDIT 14"]})


def test_a_saved_drafts_chart_is_rebuilt_for_refining():
    chart = ChartContext.from_json(CHART)
    again = ChartContext.from_dict(chart.to_dict())
    assert again.facts == chart.facts and again.session_date == "2026-11-30"
    assert not ChartContext.from_dict(None)


def test_the_eval_sets_chart_form_is_read():
    chart = ChartContext.from_json({
        "format": "session-assistant therapy chart context v1",
        "goals": [{"id": "G1", "text": "Explore alcohol use", "objectives": []}],
        "diagnoses": [{"code": "Z72.89", "name": "Alcohol use, hazardous", "description": "Alcohol use, hazardous"}],
        "last_plan": {"text": "Continue motivational interviewing.", "homework": ["drinking diary"]},
        "measures": [{"name": "AUDIT", "score": 17, "when": "last before session day", "date": "before the session day"}],
        "session": {"approach": "Motivational interviewing"}})
    assert [(f.ref, f.text) for f in chart.facts] == [
        ("chart:goal:G1", "Goal: Explore alcohol use"),
        ("chart:diagnosis:1", "Diagnosis: Z72.89 Alcohol use, hazardous"),
        ("chart:assessment:1", "AUDIT total 17 (last before session day)"),
        ("chart:note:last", "Continue motivational interviewing. Homework: drinking diary")]


SAFETY_TALK = parse_transcript("""Clinician: On a scale of zero to ten, how confident are you that you can use this plan?
Client: Seven.
Clinician: Will you tell your brother this week?
Client: I'll try. I'm going to call him on Saturday.""")


def test_stage_of_change_is_written_only_for_motivational_interviewing():
    # 09 and 10 (a safety plan, an exposure review) got "the preparation stage of change" from "I'll try".
    assert detect_stage_of_change(SAFETY_TALK) is not None  # the cue is there ...
    draft = assemble(get_format("soap"), {}, SourceIndex(SAFETY_TALK), [], model="m", mode="direct", warnings=[],
                     subject="client")
    assert not any("stage of change" in s.text for s in draft.sentences)  # ... but no MI, so no stage line
    mi = assemble(get_format("soap"), {}, SourceIndex(MI_SESSION), [], model="m", mode="direct", warnings=[],
                  subject="client")
    assert any("stage of change" in s.text and s.section == "assessment" for s in mi.sentences)


def test_ratings_the_client_gave_are_the_response_to_interventions_in_their_words():
    draft = assemble(get_format("soap"), {}, SourceIndex(SAFETY_TALK), [], model="m", mode="direct", warnings=[],
                     subject="client")
    line = next(s for s in draft.sentences if s.text.startswith("Response to interventions: ratings"))
    assert line.section == "assessment" and line.origin == "rule" and line.evidence == [0, 1]
    assert 'confidence "Seven."' in line.text
    mi = assemble(get_format("soap"), {}, SourceIndex(MI_SESSION), [], model="m", mode="direct", warnings=[],
                  subject="client")
    line = next(s for s in mi.sentences if s.text.startswith("Response to interventions: ratings"))
    assert line.text.endswith('importance "About a seven."')  # the answer up to its number, not the rest


def test_an_observation_the_clinician_voiced_is_quoted_in_the_objective_and_nothing_else_is():
    session = parse_transcript("Clinician: I noticed that on question nine you marked more than half the days.\n"
                               "Client: I noticed I was calmer after the walk.\n"
                               "Clinician: I noticed you were restless when you came in, tapping your foot. "
                               "Now you look more settled. Does that fit?\nClient: Yeah.")
    draft = assemble(get_format("soap"), {}, SourceIndex(session), [], model="m", mode="direct", warnings=[],
                     subject="client")
    observed = [s for s in draft.sentences if s.text.startswith("Clinician observed")]
    assert len(observed) == 1 and observed[0].section == "objective" and observed[0].evidence == [2]
    assert observed[0].text == ('Clinician observed, as said in session: "I noticed you were restless when you came in, '
                                'tapping your foot. Now you look more settled."')


def test_what_the_clinician_said_coming_sessions_will_do_is_the_plans_planned_line():
    talk = [f"Client: Line {n} of the week." for n in range(6)]
    session = parse_transcript("\n".join(["Clinician: We'll keep that in mind for the whole of today.", *talk,
                                          "Clinician: We'll also keep working on the grief about the marriage.",
                                          "Client: Okay."]))
    draft = assemble(get_format("soap"), {}, SourceIndex(session), [], model="m", mode="direct", warnings=[],
                     subject="client")
    planned = [s for s in draft.sentences if s.text.startswith("Planned")]
    assert [(s.section, s.evidence) for s in planned] == [("plan", [7])]  # not line 0: the plan is made late
    assert planned[0].text == 'Planned, as said in session: "We\'ll also keep working on the grief about the marriage."'


def test_safety_behaviours_explained_and_a_rehearsal_now_are_named_interventions():
    # 10: "Those are what we call safety behaviours ..." and "We could practise the stand-up update,
    # right now, with me as your team" were done in session but named nowhere in the note.
    session = parse_transcript("Clinician: Camera off, so nobody sees you blush. Those are what we call safety behaviours.\n"
                               "Client: I see.\n"
                               "Clinician: We could practise the stand-up update, right now, with me as your team.\n"
                               "Client: Okay.\nClinician: Did you practise at home?\nClient: No.")
    found = {i.approach: i.techniques for i in detect_interventions(session)}
    assert found == {"exposure": ["in-session rehearsal"], "psychoeducation": ["safety behaviours"]}


def test_a_risk_assessment_past_the_first_question_and_means_restriction_are_named():
    session = parse_transcript("Clinician: Any intention of acting on these thoughts?\nClient: No.\n"
                               "Clinician: Do you have any firearms at home, or stockpiled medications?\nClient: A rifle.\n"
                               "Clinician: And the last part is making your environment safer. What could you do?\n"
                               "Client: Mike could keep it.")
    found = {i.approach: i.techniques for i in detect_interventions(session)}
    assert found["suicide risk assessment"] == ["plan and intent", "access to means"]
    assert found["safety planning"] == ["means restriction"]
    screening = parse_transcript("Clinician: Any thoughts of suicide lately?\nClient: No, never.")
    assert "suicide risk assessment" not in {i.approach for i in detect_interventions(screening)}  # one question


def test_what_the_clinician_will_do_is_in_the_plan_once_and_a_permission_counts_when_given():
    talk = [f"Client: Line {n} of the week." for n in range(8)]
    session = parse_transcript("\n".join([*talk,
                                          "Clinician: Would you be okay with me writing to Dr. Lee about it?",
                                          "Client: Yes, that's fine.",
                                          "Clinician: Would it be okay if I call your sister?", "Client: No, please don't.",
                                          "Clinician: And I'll call you on Tuesday just to check in.", "Client: Okay.",
                                          "Clinician: So, to summarise. I'll call Tuesday, and I'll write to Dr. Lee.",
                                          "Client: Thanks."]))
    draft = assemble(get_format("soap"), {}, SourceIndex(session), [], model="m", mode="direct", warnings=[],
                     subject="client")
    tasks = [s for s in draft.sentences if s.text.startswith("Clinician to follow up")]
    assert [(s.section, s.evidence) for s in tasks] == [("plan", [8, 9, 12])]  # not the refused one, not the recap
    assert tasks[0].text == ('Clinician to follow up, as said in session: "writing to Dr. Lee about it, client agreed"; '
                             '"I\'ll call you on Tuesday just to check in".')


def test_rulers_recalled_by_name_are_a_scaling_ruler():
    # 47: "So last time, when we did the rulers, you said importance of cutting down was about a seven, and
    # confidence about a four. Where are they now?" named no ruler, so MI was not named at all.
    talk = parse_transcript(
        "Clinician: So last time, when we did the rulers, you said importance of cutting down was about a seven, and "
        "confidence about a four. Where are they now?\nClient: Importance, eight. Confidence, still four.\n"
        "Clinician: Importance went up. What worries you about the ketamine now?\nClient: The bladder thing.")
    [mi] = [i for i in detect_interventions(talk) if i.approach == "motivational interviewing"]
    assert "scaling ruler" in mi.techniques
    plain = parse_transcript("Clinician: Bring a ruler to measure the shelf. What worries you about the move?\nClient: Money.")
    assert not [i for i in detect_interventions(plain) if i.approach == "motivational interviewing"]
