"""What a therapy note must never assert (issue 16, bench/therapy_eval/RESULTS.md): an approach the
clinician did not use, a feeling nobody reported, a risk category both "denied" and endorsed, a
new plan filed as last week's homework review. Sentences are written by hand (standing in for the
model's), so no assertion rests on what a model writes."""

from __future__ import annotations

from session_assistant.drafting import get_format, parse_transcript
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.record_extract import part_schema
from session_assistant.drafting.record_render import render_note
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.risk_findings import risk_summary
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.session_record import SessionRecord, SlotFact

SAFETY_SESSION = parse_transcript(
    "Clinician: It sounds like the divorce papers hit you hard this week.\n"
    "Client: I feel numb. Some nights I think they'd be better off without me.\n"
    "Clinician: Let's make a safety plan together. Who could you call when it gets bad?\n"
    "Client: My brother Mike.\n"
    "Clinician: On a scale of zero to ten, how confident are you that you can use this plan?\n"
    "Client: Seven.\n"
    "Clinician: Can we meet again on Thursday, instead of in two weeks?\n"
    "Client: Thursday is fine.")
IDS = [u.id for u in SAFETY_SESSION]


def _record(**slots: list[tuple[str, list[int]]]) -> SessionRecord:
    record = SessionRecord(windows=[IDS])
    for key, facts in slots.items():
        for text, evidence in facts:
            assert record.add(key, SlotFact(text, evidence), IDS)
    return record


def _render(record: SessionRecord):
    return render_note(get_format("soap", "client"), record, SourceIndex(SAFETY_SESSION), [], model="m")


def test_a_confidence_ruler_and_a_reflection_are_not_motivational_interviewing():
    found = {i.approach for i in detect_interventions(SAFETY_SESSION)}
    assert "motivational interviewing" not in found
    assert "safety planning" in found


def test_a_model_fact_naming_an_approach_not_used_is_withheld_from_the_record_note():
    record = _record(activities=[("Clinician used motivational interviewing to explore the divorce.", [0, 1]),
                                 ("Clinician and client wrote a safety plan with people to call.", [2, 3])])
    draft = _render(record)
    note = " ".join(s.text for s in draft.sentences)
    assert "motivational interviewing" not in note.lower()
    assert "safety plan with people to call" in note  # an evidenced approach stays
    held = [s for s in draft.withheld if "motivational" in s.text]
    assert held and "unevidenced_intervention:motivational interviewing" in held[0].flags


def test_a_section_sentence_naming_an_approach_not_used_is_withheld_from_the_sections_note():
    raw = {"objective": [{"text": "The clinician used motivational interviewing and a safety plan.", "evidence": [2]},
                         {"text": "The client named his brother Mike as a person to call.", "evidence": [3]}]}
    fmt = get_format("soap", "client")
    draft = assemble(fmt, raw, SourceIndex(SAFETY_SESSION), [], model="m", mode="direct", warnings=[], subject="client")
    assert all("motivational" not in s.text.lower() for s in draft.sentences)
    assert any("brother Mike" in s.text for s in draft.sentences)
    assert any("unevidenced_intervention:motivational interviewing" in s.flags for s in draft.withheld)


def test_a_feeling_nobody_reported_is_withheld_and_a_reported_one_kept():
    record = _record(account=[("Client reported feeling anxious and depressed about the papers.", [1]),
                              ("Client reported feeling numb since the divorce papers.", [0, 1])])
    draft = _render(record)
    note = " ".join(s.text for s in draft.sentences)
    assert "anxious" not in note and "feeling numb" in note
    assert {"unsupported_feeling:anxious", "unsupported_feeling:depressed"} <= {f for s in draft.withheld for f in s.flags}
    raw = {"subjective": [{"text": "The client reported difficulty concentrating at work.", "evidence": [1]}]}
    fmt = get_format("soap", "client")
    sections = assemble(fmt, raw, SourceIndex(SAFETY_SESSION), [], model="m", mode="direct", warnings=[], subject="client")
    assert all("concentrat" not in s.text for s in sections.sentences)


def test_risk_endorsed_is_never_also_summarised_as_denied():
    session = parse_transcript(
        "Client: Some nights I think everyone would be better off without me.\n"
        "Clinician: Have you had any thoughts of hurting yourself or ending your life?\n"
        "Client: No, I would never do that.")
    summary = risk_summary(scan_transcript(session))
    assert "denied suicidal ideation" not in summary and "denied self-harm, suicidal ideation" not in summary
    assert "denied self-harm" in summary  # the category only denied is still documented as denied
    assert "suicidal ideation" in summary and "endorsed" in summary


def test_a_new_plan_filed_twice_is_stated_once_in_the_plan():
    # Record v2 on session 03: the window pass filed the client's new plan as homework review, the
    # Plan pass as homework; the note said it in the Subjective and left the Plan empty.
    plan = "Client agreed to call his brother Mike when the thoughts get worse."
    draft = _render(_record(homework_review=[(plan, [2, 3])], homework=[(plan, [2, 3])]))
    assert [s.section for s in draft.sentences if "brother Mike" in s.text] == ["plan"]
    homework = next(s for s in draft.sentences if "brother Mike" in s.text)
    assert homework.evidence == [2, 3] and homework.text.startswith("Homework: ")


def test_a_quote_is_only_offered_from_client_lines_that_carry_words():
    schema = part_schema("subjective", IDS, [1, 3, 5, 7], [1])
    assert schema["properties"]["quote"]["items"] == {"enum": [1]}  # never "Seven." or "My brother Mike."
    from session_assistant.drafting.record_extract import quotable_ids
    assert quotable_ids(SAFETY_SESSION) == [1]  # "Seven.", "Thursday is fine." carry no tone


def test_an_unsaid_feeling_listed_among_said_ones_is_taken_out_and_the_rest_kept():
    # Session 03 (sections): "feeling tired, anxious, and stressed at work"; only tired and stressed were said.
    talk = parse_transcript("Client: I'm tired all the time and stressed at work.\nClinician: Tell me more.")
    raw = {"subjective": [{"text": "The client reported feeling tired, anxious, and stressed at work.", "evidence": [0]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(talk), [], model="m", mode="direct", warnings=[],
                     subject="client")
    kept = next(s for s in draft.sentences if s.origin == "model")
    assert kept.text == "The client reported feeling tired and stressed at work." and "feeling_removed:anxious" in kept.flags


def test_a_score_change_is_stated_once_across_the_sections_note():
    # Session 09 (sections) said "PHQ-9 up from 13 to 19" in Subjective, Objective and twice in the Assessment.
    talk = parse_transcript("Clinician: Your PHQ-9 is 19 today, up from 13.\nClient: The divorce papers came Monday.")
    raw = {"subjective": [{"text": "The client's PHQ-9 rose from 13 to 19 after the divorce papers came on Monday.", "evidence": [0, 1]}],
           "objective": [{"text": "The clinician noted the PHQ-9 went up from 13 to 19.", "evidence": [0]}],
           "assessment": [{"text": "The client's mood has dropped, with a PHQ-9 total of 19 and 13 before.", "evidence": [0]},
                          {"text": "The PHQ-9 total of 19 came after the divorce papers.", "evidence": [0]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(talk), [], model="m", mode="direct", warnings=[],
                     subject="client")
    said = [s for s in draft.sentences if "PHQ-9" in s.text]
    # Scored aloud and in no chart, the score is quoted once by rule in Objective, where measures
    # belong (measures_said); every model sentence restating it is dropped.
    assert [(s.section, s.origin) for s in said] == [("objective", "rule")]
    assert sum(any(f.startswith("repeats:") for f in s.flags) for s in draft.dropped) == 4
    assert any("repeats:score" in s.flags for s in draft.dropped)  # not worded alike: dropped for its score


def test_a_model_fact_about_killing_oneself_is_withheld_as_a_risk_statement():
    # 09, record after1: "Triggers: Client reported thoughts of killing oneself." reached the Assessment.
    record = _record(triggers=[("Client reported thoughts of killing oneself.", [1])])
    draft = _render(record)
    assert all("killing oneself" not in s.text for s in draft.sentences)
    assert any("risk_statement:withheld" in s.flags for s in draft.withheld)


def test_a_fact_that_copies_its_slot_name_is_not_labelled_twice():
    # 04, record draft: "Homework: homework: please skills", "Next session: next session: next Monday at four".
    draft = _render(_record(homework=[("homework: call my brother Mike when it gets bad.", [2, 3])],
                            next_session=[("next session: Thursday is fine.", [6, 7])]))
    plan = [s.text for s in draft.sentences if s.section == "plan"]
    assert plan[:2] == ["Next session: Thursday is fine.", "Homework: Call the client's brother Mike when it gets bad."]
    assert not any(t.lower().startswith(("homework: homework", "next session: next session")) for t in plan)
