"""Typed slots (issue 16): the model fills homework, interventions and risk screens citing line ids;
each slot is checked against the lines it cites before the note uses it.

The checker tests give fixed JSON (as a model might write it) and assert which slots pass; the one
real-model test (SmolLM2-135M) asserts only structure (schema-valid, ids exist), never content.
"""

from __future__ import annotations

import json

from engine_fakes import FakeNoteModel

from session_assistant.drafting import draft_note
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.model_raw import assemble_again, lacks_typed, with_typed
from session_assistant.drafting.risk import DENIED, RiskItem, scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.typed_check import (HOMEWORK_OPENING, DONE_OPENING, check_homework, check_intervention,
                                                    check_screen, checked_slots, merged_risk)
from session_assistant.drafting.typed_slots import (ANSWERS, APPROACHES, TOPICS, TYPED_FORMAT, fill_typed, parsed,
                                                    typed_schema)

SESSION = """Clinician: How has the week been since we last met?
Client: Quiet. I sat in the garden most mornings.
Clinician: What's one small thing you used to do with the girls that you've dropped?
Client: School pickup. Carla's been doing all of it.
Clinician: So, do you want to try one pickup before we next meet? Carla could come with you.
Client: Thursday. I'll do Thursday. With Carla.
Clinician: Could you jot down a number for how you felt, nought to ten, after the pickup?
Client: I can do that on my phone.
Clinician: Since we last met, has anything got physical between you, any pushing or grabbing, or have you felt afraid at home?
Client: No. I've shouted. But no, nothing like that.
Clinician: Let's look at what went through your mind before the shouting, link by link.
Client: I thought nobody wanted me around.
Clinician: Suicidal thoughts on the card, zero all week. Is that right?
Client: All zeros. Honestly.
Clinician: See you next Thursday at eleven.
"""
LINES = parse_transcript(SESSION)
SOURCE = SourceIndex(LINES)


def _kept(data: dict) -> dict:
    return {"format_version": TYPED_FORMAT, "text": json.dumps(data)}


def test_homework_agreed_in_back_and_forth_passes():
    slot = check_homework({"evidence": [4, 5], "task": "one school pickup on Thursday with Carla"}, SOURCE)
    assert slot.refused == ""
    # "Could you jot down ...?" alone is no plan marker (30's in-session exposure step was asked so); "I can do that" is
    rating = check_homework({"evidence": [6, 7], "task": "rate how he felt nought to ten after the pickup"}, SOURCE)
    assert rating.refused == ""


def test_homework_in_words_nobody_said_is_refused():
    assert check_homework({"evidence": [4, 5], "task": "join a gym and swim twice"}, SOURCE).refused == "not_said"


def test_homework_with_a_number_nobody_said_is_refused():
    slot = check_homework({"evidence": [4, 5], "task": "three school pickups with Carla"}, SOURCE)
    assert slot.refused == "number_not_said"


def test_homework_from_lines_about_the_past_is_refused():
    # "sat in the garden most mornings" is last week's account, nothing agreed for later
    assert check_homework({"evidence": [1], "task": "sit in the garden most mornings"}, SOURCE).refused == "not_for_later"


def test_homework_citing_a_line_that_does_not_exist_is_refused():
    assert check_homework({"evidence": [99], "task": "school pickup"}, SOURCE).refused == "evidence"


def test_intervention_must_cite_a_clinician_line_and_its_words():
    ok = check_intervention({"evidence": [10], "done": "went through the mind before the shouting link by link",
                             "approach": "other"}, SOURCE)
    assert ok.refused == "no_approach_shown" and ok.approach == ""  # words said, but no approach shown: not kept
    client_only = check_intervention({"evidence": [11], "done": "nobody wanted me around", "approach": "other"}, SOURCE)
    assert client_only.refused == "no_clinician_line"
    unsaid = check_intervention({"evidence": [10], "done": "progressive muscle relaxation", "approach": "other"}, SOURCE)
    assert unsaid.refused == "not_said"


def test_approach_name_kept_only_when_the_clinicians_lines_show_a_technique():
    # No DBT technique in the clinician's lines: what was done stays, the name goes.
    named = check_intervention({"evidence": [10], "done": "looked at the shouting link by link",
                                "approach": "DBT skills"}, SOURCE)
    assert named.refused == "no_approach_shown" and named.approach == ""
    shown = SourceIndex(parse_transcript("Clinician: Let's do a chain analysis of Saturday.\nClient: Okay.\n"))
    kept = check_intervention({"evidence": [0], "done": "chain analysis of Saturday", "approach": "DBT skills"}, shown)
    assert kept.refused == "" and kept.approach == "DBT skills"


def test_violence_screen_in_other_words_passes_and_joins_the_risk_list():
    item = {"question": 8, "answer_line": 9, "topic": "violence or safety at home", "answer": "denied"}
    assert check_screen(item, SOURCE).refused == ""
    risk = merged_risk(scan_transcript(LINES), checked_slots({"risk_screens": [item]}, SOURCE), SOURCE)
    assert any(r.status == DENIED and r.evidence == [8, 9] for r in risk)


def test_screen_whose_answer_reads_otherwise_is_refused():
    wrong = {"question": 8, "answer_line": 9, "topic": "violence or safety at home", "answer": "endorsed"}
    assert check_screen(wrong, SOURCE).refused == "answer_differs"
    off_topic = {"question": 4, "answer_line": 5, "topic": "suicidal ideation", "answer": "not clear"}
    assert check_screen(off_topic, SOURCE).refused == "topic_not_asked"
    asked_by_client = {"question": 9, "answer_line": 11, "topic": "violence or safety at home", "answer": "denied"}
    assert check_screen(asked_by_client, SOURCE).refused != ""


def test_diary_card_zeros_turn_a_mention_into_a_denied_screen():
    mention = RiskItem("suicidal_ideation", 12, "Clinician", "Suicidal thoughts", LINES[12].text, evidence=[12],
                       categories=["suicidal_ideation"])
    item = {"question": 12, "answer_line": 13, "topic": "suicidal ideation", "answer": "denied"}
    risk = merged_risk([mention], checked_slots({"risk_screens": [item]}, SOURCE), SOURCE)
    assert [(r.status, r.evidence) for r in risk] == [(DENIED, [12, 13])]


def test_checked_slots_reach_plan_and_objective_and_refused_ones_never_do():
    data = {"homework": [{"evidence": [4, 5], "task": "one school pickup on Thursday with Carla"},
                         {"evidence": [4, 5], "task": "join a gym and swim twice"}],
            "interventions": [{"evidence": [10], "done": "went through the shouting link by link",
                               "approach": "DBT skills"}],
            "risk_screens": []}
    raw = {"subjective": [], "objective": [], "assessment": [], "plan": []}
    kept = {"format_version": "session-assistant model raw v1", "mode": "direct", "format": "soap", "subject": "client",
            "max_sentences": None, "fitted_words": None, "model": "m", "pronouns": None, "warnings": [], "chart": None,
            "sections": raw, "typed": _kept(data)}
    note = assemble_again(kept, LINES)
    plan = [s.text for s in note.sentences if s.section == "plan"]
    objective = [s.text for s in note.sentences if s.section == "objective"]
    assert any(t.startswith(HOMEWORK_OPENING) and "pickup" in t and "gym" not in t for t in plan)
    assert not any(t.startswith(DONE_OPENING) for t in objective)  # no DBT technique in the clinician's lines
    untyped = assemble_again({k: v for k, v in kept.items() if k != "typed"}, LINES)
    assert not any(s.text.startswith((HOMEWORK_OPENING, DONE_OPENING)) for s in untyped.sentences)
    patient = assemble_again({**kept, "subject": "patient"}, LINES)  # the medical voice ignores typed slots
    assert patient.to_json() == assemble_again({**untyped.model_raw, "subject": "patient"}, LINES).to_json()


def test_a_cut_off_generation_keeps_its_complete_items():
    text = '{"homework": [{"evidence": [4, 5], "task": "one pickup"}, {"evidence": [6'
    assert parsed({"format_version": TYPED_FORMAT, "text": text}) == {"homework": [{"evidence": [4, 5], "task": "one pickup"}]}


class TypedScriptedModel(FakeNoteModel):
    """The fake's smallest answers for the sections; a fixed, checkable answer for the typed request."""

    ANSWER = {"homework": [{"evidence": [4, 5], "task": "one school pickup on Thursday with Carla"}],
              "interventions": [], "risk_screens": [{"question": 8, "answer_line": 9,
                                                     "topic": "violence or safety at home", "answer": "denied"}]}

    def __init__(self) -> None:
        super().__init__(seconds_per_token=0)
        self.typed_calls = 0

    def generate_json(self, messages, schema, max_tokens, **kwargs):
        if "homework" in schema.get("properties", {}):
            self.typed_calls += 1
            gen = super().generate_json(messages, schema, max_tokens, **kwargs)
            return type(gen)(json.dumps(self.ANSWER), "stop", gen.tokens, gen.seconds)
        return super().generate_json(messages, schema, max_tokens, **kwargs)


def test_a_stored_draft_given_its_typed_slots_is_the_draft_this_tree_makes():
    drafted = draft_note(TypedScriptedModel(), SESSION, "soap", subject="client", typed_slots=True)
    assert drafted.model_raw["typed"]["format_version"] == TYPED_FORMAT
    stored = {k: v for k, v in drafted.model_raw.items() if k != "typed"}  # as main kept it: no typed request
    assert lacks_typed(stored, LINES)
    model = TypedScriptedModel()
    filled = with_typed(stored, LINES, model)
    assert model.typed_calls == 1 and not lacks_typed(filled, LINES)
    again = assemble_again(filled, LINES)
    assert {**again.to_json(), "elapsed_s": None} == {**drafted.to_json(), "elapsed_s": None}
    assert filled["typed"]["text"] == drafted.model_raw["typed"]["text"]
    # the prompt is the drafter's: same system prompt and transcript block as its section requests
    assert any(s.text.startswith(HOMEWORK_OPENING) for s in drafted.sentences)


def test_the_typed_request_is_opt_in():
    # Off by default: on unseen sessions 31-36 three of the four lines it added were false.
    model = TypedScriptedModel()
    drafted = draft_note(model, SESSION, "soap", subject="client")
    assert model.typed_calls == 0 and "typed" not in drafted.model_raw


def test_patient_notes_make_no_typed_request():
    model = TypedScriptedModel()
    drafted = draft_note(model, SESSION, "soap", subject="patient", typed_slots=True)
    assert model.typed_calls == 0 and "typed" not in drafted.model_raw


def test_real_small_model_fills_schema_valid_slots(tiny_model):
    system = "You are a careful clinical documentation assistant."
    kept = fill_typed(tiny_model, LINES, system)
    schema = typed_schema(LINES)
    data = parsed(kept)
    assert kept["format_version"] == TYPED_FORMAT and set(data) <= {"homework", "interventions", "risk_screens"}
    ids = {u.id for u in LINES}
    clinician = set(schema["properties"]["interventions"]["items"]["properties"]["evidence"]["items"]["enum"])
    for item in data.get("homework") or []:
        assert set(item["evidence"]) <= ids and isinstance(item["task"], str)
    for item in data.get("interventions") or []:
        assert set(item["evidence"]) <= clinician and item["approach"] in APPROACHES
    for item in data.get("risk_screens") or []:
        assert {item["question"], item["answer_line"]} <= ids
        assert item["topic"] in TOPICS and item["answer"] in ANSWERS


def test_answers_read_as_a_clinician_would():
    from session_assistant.drafting.typed_check import answer_reads

    assert answer_reads("One. Several days.") == "endorsed"  # a questionnaire's item answered with a frequency
    assert answer_reads("All zeros. Honestly.") == "denied"
    assert answer_reads("Oh, that should be a zero. I forgot to fill it in.") == "denied"
    assert answer_reads("Oh God. Okay.") == "not clear"


def test_a_slot_cited_at_the_wrong_lines_is_checked_where_it_was_said():
    # the 1.5B model cites consecutive ids (03: a task said at 81, cited at 10-12)
    slots = checked_slots({"homework": [{"evidence": [0, 1], "task": "try one pickup before we next meet"}]}, SOURCE)
    assert slots[0].refused == "" and slots[0].evidence == [4] and slots[0].cited == [0, 1]
    nowhere = checked_slots({"homework": [{"evidence": [0, 1], "task": "swim twice at the gym"}]}, SOURCE)
    assert nowhere[0].refused == "not_said"


def test_a_task_in_the_clients_words_is_written_in_the_notes_voice():
    data = {"homework": [{"evidence": [4, 5], "task": "I'll do one pickup on Thursday with Carla"}]}
    kept = {"format_version": "session-assistant model raw v1", "mode": "direct", "format": "soap", "subject": "client",
            "max_sentences": None, "fitted_words": None, "model": "m", "pronouns": None, "warnings": [], "chart": None,
            "sections": {"subjective": [], "objective": [], "assessment": [], "plan": []}, "typed": _kept(data)}
    plan = [s.text for s in assemble_again(kept, LINES).sentences if s.text.startswith(HOMEWORK_OPENING)]
    assert plan and " I'll " not in f" {plan[0]} " and "Thursday with Carla" in plan[0]


def test_what_is_done_in_the_room_is_not_homework_and_a_task_set_is_not_done():
    room = SourceIndex(parse_transcript(
        "Clinician: Can I show you something? I'm going to draw how panic feeds itself.\nClient: Yeah.\n"
        "Clinician: For the week, one check-the-facts sheet a day, on anything that winds you up.\nClient: Okay.\n"))
    drawn = check_homework({"evidence": [0, 1], "task": "draw how panic feeds itself"}, room)
    assert drawn.refused == "not_for_later"
    sheet = check_intervention({"evidence": [2], "done": "one check-the-facts sheet a day", "approach": "other"}, room)
    assert sheet.refused == "for_later"
