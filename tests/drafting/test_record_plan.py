"""The Plan of the session record: one pass over the lines where the plan is made (homework, next
session, referrals, safety steps), each fact citing one of those lines, and the next session by
rule when the model names none. The model here is a scripted neighbour (it answers the Plan request
with fixed JSON) or the real small model checked for structure only: no assertion rests on what a
model writes."""

from __future__ import annotations

import pytest

from session_assistant.drafting import get_format, parse_transcript
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.record_extract import extract_plan, extract_record
from session_assistant.drafting.record_plan import next_session_rule, plan_lines
from session_assistant.drafting.record_render import render_note
from session_assistant.drafting.session_record import PLAN_WINDOW, SessionRecord, SlotFact
from scripted_model import ScriptedModel

TALK = parse_transcript(
    "Clinician: How was the week?\n"                                                          # 0
    "Client: Long. I drank most nights after work, maybe six beers.\n"                       # 1
    "Clinician: What worries you about that?\n"                                              # 2
    "Client: My kids see me tired on Saturdays.\n"                                           # 3
    "Clinician: Would you be willing to keep a drinking log on your phone every day?\n"      # 4
    "Client: Yes, I can write it down each night.\n"                                         # 5
    "Clinician: And would you see your doctor to recheck your liver tests?\n"                # 6
    "Client: I'll make the appointment.\n"                                                   # 7
    "Clinician: Good. Let's meet in two weeks, on the twelfth, same time.\n"                 # 8
    "Client: Sounds good.")                                                                   # 9


def test_the_plan_pass_sees_only_the_lines_where_the_plan_is_made_with_their_answers():
    shown = [u.id for u in plan_lines(ScriptedModel({}), TALK)]
    assert shown == [4, 5, 6, 7, 8, 9]  # the two check-in lines at the start are not plan lines
    assert [u.id for u in plan_lines(ScriptedModel({}), TALK, budget=45)] == [6, 7, 8, 9]  # the latest kept


def test_the_next_session_rule_takes_the_said_words_and_cites_the_line():
    fact = next_session_rule(TALK)
    assert fact is not None and fact.evidence == [8] and fact.by_rule
    assert fact.text == "in two weeks, on the twelfth, same time."
    assert next_session_rule(TALK[:8]) is None  # no line names a time: no next session
    closing = parse_transcript(
        "Clinician: How was the week?\nClient: Hard.\nClinician: Can we meet again on Thursday, instead of in two weeks?\n"
        "Client: Yes.\nClinician: So the papers came on Monday and you will see your brother Saturday. "
        "I'll call Tuesday and see you Thursday.\nClient: Thank you.")
    # The arranging sentence, not the recap's days (Monday, Saturday) nor the recap's shorter repeat.
    assert next_session_rule(closing).text == "on Thursday, instead of in two weeks." and next_session_rule(closing).evidence == [2]


def test_plan_gets_the_extracted_homework_line_with_its_evidence_id():
    model = ScriptedModel({"Plan": {
        "homework": [{"evidence": [4, 5], "text": "Client agreed to keep a daily drinking log on his phone."},
                     {"evidence": [1], "text": "Client agreed to drink six beers."}],  # line 1 is not a plan line
        "referrals": [{"evidence": [6, 7], "text": "Client to book a visit with his doctor to recheck liver tests."}]}})
    record = SessionRecord()
    extract_plan(model, record, TALK, system="sys")
    assert record.plan_lines == [4, 5, 6, 7, 8, 9]
    assert [(f.text, f.evidence, f.window) for f in record.facts("homework")] == [
        ("Client agreed to keep a daily drinking log on his phone.", [4, 5], PLAN_WINDOW)]
    assert [f.evidence for f in record.facts("next_session")] == [[8]]  # the model gave none: the rule's
    draft = render_note(get_format("soap", "client"), record, SourceIndex(TALK), [], model="m")
    plan = [s for s in draft.sentences if s.section == "plan"]
    assert [(s.text, s.evidence) for s in plan if s.text.startswith("Homework: ")] == [
        ("Homework: Client agreed to keep a daily drinking log on their phone.", [4, 5])]  # no chart pronouns
    assert any(s.text.startswith("Referral: ") and s.evidence == [6, 7] for s in plan)
    rule = next(s for s in plan if s.text.startswith("Next session: "))
    assert rule.evidence == [8] and rule.origin == "rule" and "in 2 weeks, on the twelfth" in rule.text
    assert all("drinking log" not in s.text for s in draft.sentences if s.section != "plan")


def test_the_window_passes_never_ask_for_the_plan():
    model = ScriptedModel({})
    record = extract_record(model, TALK, window_tokens=40)
    asked = [r.split("Fill these lists for the ")[1].split(" of the note")[0] for r in model.requests]
    assert asked.count("Plan") == 1 and asked[-1] == "Plan"  # one Plan request, after every window
    assert set(asked[:-1]) == {"Subjective", "Objective", "Assessment"}
    assert len(record.windows) >= 2


def test_every_slot_is_rendered_somewhere():
    from session_assistant.drafting.record_render import CLAIM_ORDER
    from session_assistant.drafting.session_record import SLOT_BY_KEY
    assert sorted(CLAIM_ORDER) == sorted(SLOT_BY_KEY)  # a slot missing here would be extracted and never shown


def test_a_homework_review_citing_the_lines_where_the_plan_is_made_is_dropped():
    # Session 02, record v2: "Homework review: Client agreed to talk to Dr. Patel" cited the
    # referral's own lines; last session's homework is never made in this session's plan lines.
    record = SessionRecord(windows=[[u.id for u in TALK]], plan_lines=[4, 5, 6, 7, 8, 9])
    ids = [u.id for u in TALK]
    assert record.add("referrals", SlotFact("Client to see his doctor to recheck liver tests.", [6, 7], PLAN_WINDOW), ids)
    assert record.add("homework_review", SlotFact("Client agreed to make an appointment for the liver.", [7]), ids)
    assert record.add("homework_review", SlotFact("Client drank six beers most nights after work.", [1]), ids)
    draft = render_note(get_format("soap", "client"), record, SourceIndex(TALK), [], model="m")
    texts = [s.text for s in draft.sentences]
    assert not any("appointment for the liver" in t for t in texts)
    assert any(t.startswith("Homework review: Client drank six beers") for t in texts)  # its own lines: kept
    assert any("appointment for the liver" in s.text and "repeats:plan" in s.flags for s in draft.dropped)


def test_a_window_with_client_lines_must_name_a_problem():
    from session_assistant.drafting.record_extract import part_schema
    assert part_schema("assessment", [0, 1], [1])["properties"]["symptoms"]["minItems"] == 1
    assert part_schema("assessment", [0], [])["properties"]["symptoms"]["minItems"] == 0


def test_a_homework_review_resting_on_the_second_half_of_the_session_goes_to_the_plan():
    # 03, record after1: the client's new plan (lines 60-62 of 89) was filed as "homework review".
    record = SessionRecord(windows=[[u.id for u in TALK]])
    ids = [u.id for u in TALK]
    assert record.add("homework_review", SlotFact("Client reported six beers most nights after work.", [1]), ids)
    assert record.add("homework_review", SlotFact("Client agreed to make the doctor's appointment.", [7]), ids)
    draft = render_note(get_format("soap", "client"), record, SourceIndex(TALK), [], model="m")
    assert [(s.section, s.text, s.evidence) for s in draft.sentences if "beers" in s.text or "appointment" in s.text] == [
        ("subjective", "Homework review: Client reported six beers most nights after work.", [1]),
        ("plan", "Homework: Client agreed to make the doctor's appointment.", [7])]


def test_the_day_settled_last_is_the_next_session_not_a_day_named_on_the_way():
    # "Given Saturday" names the day of the lapse; the visit is settled as Monday six thirty.
    closing = parse_transcript(
        "Clinician: So, normally we'd do two weeks. Given Saturday, do you want to do next week?\n"  # 0
        "Client: Yeah. Yeah, I think next week.\n"                                                  # 1
        "Clinician: Monday? I've got six.\n"                                                        # 2
        "Client: I finish at six now. Can it be later?\n"                                           # 3
        "Clinician: Six thirty?\n"                                                                  # 4
        "Client: Six thirty works.\n"                                                               # 5
        "Clinician: Okay, Monday six thirty. Take care.\n"                                          # 6
        "Clinician: See you Monday.\n")                                                             # 7
    fact = next_session_rule(closing)
    assert "saturday" not in fact.text.lower()
    assert fact.text == "Monday six thirty." and fact.evidence == [6]


def test_a_day_followed_by_a_count_is_no_appointment_time():
    closing = parse_transcript("Clinician: And there was the group. The Thursday one at the library.\n"
                               "Client: I haven't gone.\n"
                               "Clinician: Okay. So, next time. Do you want next week, or two weeks?\n"
                               "Client: Next week.\n")
    assert next_session_rule(closing).text == "next week."  # not "Thursday one."
