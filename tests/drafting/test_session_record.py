"""The session record and the note rendered from it: slots cite real lines of their window, each
fact lands once in its part (homework given in the Plan, homework reviewed in the Subjective), and
an empty slot writes nothing. Rendering tests build the record by hand: no assertion rests on
what a model writes. The extraction test uses the real small model and checks only structure."""

from __future__ import annotations

import pytest

from session_assistant.drafting import draft_note, get_format, parse_transcript, record_extract
from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.formats import NOT_DISCUSSED
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.record_extract import part_schema
from session_assistant.drafting.record_render import render_note
from session_assistant.drafting.session_record import PLAN_WINDOW, SLOTS, SessionRecord, SlotFact
from scripted_model import ScriptedModel

TALK = [
    ("Clinician", "Last time you agreed to fill in a thought record. How did that go?"),
    ("Client", "I did it on four days. Writing the thoughts down made the mornings easier."),
    ("Clinician", "What was going through your mind before the team meeting on Monday?"),
    ("Client", "That everyone would see me shaking and think I am useless. My heart was pounding."),
    ("Clinician", "Let's look at the evidence for and against that thought."),
    ("Client", "Nobody said anything about shaking. My manager thanked me afterwards."),
    ("Clinician", "For this week, please speak up once in each team meeting and note your anxiety from 0 to 10."),
    ("Client", "Okay, I will speak up once in each meeting and write down the number."),
    ("Clinician", "We will meet again next Thursday at the same time."),
]
UTTERANCES = parse_transcript({"segments": [{"id": i, "speaker": who, "text": text} for i, (who, text) in enumerate(TALK)]})
IDS = {u.id for u in UTTERANCES}

REVIEW = "Client completed the thought record on four days, which made the mornings easier."
HOMEWORK = "Client agreed to speak up once in each team meeting and rate anxiety from 0 to 10."


def _record(**slots: list[tuple[str, list[int]]]) -> SessionRecord:
    record = SessionRecord(windows=[sorted(IDS)])
    for key, facts in slots.items():
        for text, evidence in facts:
            assert record.add(key, SlotFact(text, evidence), IDS)
    return record


def _render(record: SessionRecord, fmt: str = "soap", chart: ChartContext | None = None):
    return render_note(get_format(fmt), record, SourceIndex(UTTERANCES), [], model="m", chart=chart)


def test_a_slot_keeps_only_evidence_of_real_lines_and_needs_one():
    record = SessionRecord()
    assert record.add("account", SlotFact("Client reported a pounding heart in the meeting.", [3, 77, -1]), IDS)
    assert record.facts("account")[0].evidence == [3]  # 77 and -1 are not transcript lines
    assert not record.add("symptoms", SlotFact("Client reported shaking.", [99]), IDS)  # no real line left
    assert record.facts("symptoms") == []
    assert not record.add("account", SlotFact("Client reported a pounding heart in the meeting.", [3]), IDS)  # once
    assert SessionRecord.from_dict(record.to_dict()).to_dict() == record.to_dict()


def test_homework_given_goes_to_plan_and_homework_review_to_subjective():
    draft = _render(_record(homework=[(HOMEWORK, [6, 7])], homework_review=[(REVIEW, [0, 1])]))
    plan, subjective = draft.section_text("plan"), draft.section_text("subjective")
    assert "speak up once in each team meeting" in plan and "speak up" not in subjective
    assert "thought record on" in subjective and "thought record" not in plan
    homework = next(s for s in draft.sentences if "speak up" in s.text)
    assert homework.section == "plan" and homework.evidence == [6, 7] and homework.origin == "model"


@pytest.mark.parametrize("fmt, homework_part, review_part", [("dap", "plan", "data"), ("birp", "plan", "behavior"),
                                                             ("girp", "plan", "response")])
def test_other_formats_map_the_same_slots_onto_their_parts(fmt, homework_part, review_part):
    draft = _render(_record(homework=[(HOMEWORK, [6, 7])], homework_review=[(REVIEW, [0, 1])],
                            activities=[("Clinician and client examined the evidence for the thought.", [4, 5])]), fmt)
    assert [s.section for s in draft.sentences if "speak up" in s.text] == [homework_part]
    assert [s.section for s in draft.sentences if "mornings easier" in s.text] == [review_part]
    examined = [s.section for s in draft.sentences if "examined the evidence" in s.text]
    assert examined == (["intervention"] if fmt in ("birp", "girp") else ["data"])


def test_a_fact_in_two_slots_is_stated_once_in_the_more_specific_part():
    # The model filed the homework both as homework and as the client's response (the draft read
    # for issue 16 had homework "misfiled as response").
    record = _record(homework=[(HOMEWORK, [6, 7])], response=[(HOMEWORK, [7])],
                     account=[("Client reported a pounding heart and shaking before the Monday meeting.", [3])],
                     symptoms=[("Client reported shaking and a pounding heart before the Monday meeting.", [3])])
    draft = _render(record)
    texts = [s.text for s in draft.sentences]
    assert sum("speak up once" in t for t in texts) == 1
    assert [s.section for s in draft.sentences if "speak up once" in s.text] == ["plan"]
    assert sum("pounding heart" in t for t in texts) == 1
    assert {"repeats:plan", "repeats:subjective"} <= {f for s in draft.dropped for f in s.flags}


def test_a_score_is_stated_once_even_in_other_words():
    chart = ChartContext.from_json({"measures": [{"id": "4", "instrument": "GAD7", "total": 4, "date": "2026-11-30"}]})
    record = _record(measures=[("Client's GAD7 total was 4 today.", [1])],
                     symptoms=[("Anxiety is mild with a GAD7 of 4 and a pounding heart in meetings.", [3])])
    draft = _render(record, chart=chart)
    assert sum("GAD7" in s.text for s in draft.sentences) == 1  # the chart's line, citing the chart
    assert any(s.text.startswith("Measures (per chart)") for s in draft.sentences)


def test_empty_slots_write_no_text():
    empty_talk = parse_transcript({"segments": [{"id": 0, "speaker": "Client", "text": "Fine, thanks."},
                                                {"id": 1, "speaker": "Clinician", "text": "See you soon."}]})
    for fmt in ("soap", "dap", "birp", "girp"):
        draft = render_note(get_format(fmt), SessionRecord(), SourceIndex(empty_talk), [], model="m")
        assert [(s.section, s.text, s.origin) for s in draft.sentences] == [
            (key, NOT_DISCUSSED, "system") for key in get_format(fmt).keys]
    # A record with only a plan slot fills the plan and nothing else.
    draft = _render(_record(next_session=[("Next session is next Thursday at the same time.", [8])]))
    assert [s.section for s in draft.sentences if s.origin == "model"] == ["plan"]
    assert draft.section_text("assessment").endswith(NOT_DISCUSSED) or draft.section_text("assessment").startswith(
        "The client's statements")  # only a rule line, never text of an empty slot


def test_unsaid_numbers_and_first_person_are_withheld_not_rendered():
    record = _record(next_session=[("Next session in 3 weeks.", [8])],
                     account=[("I am useless and everyone sees me shaking.", [3])])
    draft = _render(record)
    assert all("3 weeks" not in s.text and "I am useless and everyone" not in s.text for s in draft.sentences)
    # the client's own words may be quoted by rule, in quotation marks: "... and think I am useless."
    assert {s.text.split(":")[0] for s in draft.withheld} >= {"Next session"}


def test_the_schema_only_lets_the_model_cite_lines_of_the_window():
    schema = part_schema("plan", [6, 7, 8], [7])
    item = schema["properties"]["homework"]["items"]
    assert item["properties"]["evidence"]["items"] == {"enum": [6, 7, 8]}
    assert set(schema["required"]) == {s.key for s in SLOTS if s.part == "plan"}
    subjective = part_schema("subjective", [0, 1], [1])["properties"]
    assert subjective["quote"]["items"] == {"enum": [1]}  # a quote is a client line, copied verbatim
    assert subjective["account"]["minItems"] == 1  # a window with client lines holds some of their account
    assert part_schema("subjective", [0], [])["properties"]["account"]["minItems"] == 0  # no client line, no account


@pytest.mark.slow
def test_the_small_model_fills_the_record_window_by_window_citing_only_lines_it_was_shown(tiny_model, monkeypatch):
    """One real record-path draft (extraction window by window, the Plan pass, rendering); structure
    only. It stands for the three model runs these checks once took (a third of a minute each).
    The tiny model writes every fact's text out to its 160 characters, so the Objective and Assessment
    parts' budgets are cut to 150 tokens (30 a slot, not 55): greedy decoding under the same grammar
    writes the same tokens up to the cut, and a cut part goes through the salvage of complete items, as
    parts ending on their budget always did. The Subjective parts (239 and 224 tokens, quotes last) and
    the Plan (57) end by themselves within their budgets, as before. ~1,000 generated tokens, not 1,235."""
    monkeypatch.setattr(record_extract, "TOKENS_PER_FACT", 30)
    draft = draft_note(tiny_model, UTTERANCES, "soap", method="record", window_tokens=120)
    assert draft.mode == "record" and "record" in draft.facts
    record = SessionRecord.from_dict(draft.facts["record"])
    assert len(record.windows) >= 2  # filled window by window
    assert {f.window for key in record.slots for f in record.facts(key)} >= {0, 1}  # facts from each window
    assert sorted(i for w in record.windows for i in w) == sorted(IDS)  # every line in one window
    assert record.plan_lines and set(record.plan_lines) <= IDS
    for key in record.slots:
        for fact in record.facts(key):  # each fact cites the lines it was shown
            shown = record.plan_lines if fact.window == PLAN_WINDOW else record.windows[fact.window]
            assert fact.evidence and set(fact.evidence) <= set(shown), key
    for key in ("homework", "safety_plan", "next_session", "referrals", "plan_changes", "planned_interventions"):
        assert all(f.window == PLAN_WINDOW for f in record.facts(key)), key  # made only by the Plan pass
    assert record.facts("next_session")  # the model's or, failing it, the rule's (line 8 names a day)
    # The quote slot may be left empty (maxItems 1, no minimum); the tiny model at temperature 0 quotes a
    # client line in both windows. Should a new model or llama.cpp stop quoting, the check below would
    # pass on none, so this says so.
    assert record.facts("quote")
    for fact in record.facts("quote"):  # a quote is the client's own words, never the model's
        assert any(fact.text.rstrip(" .") in u.text for u in UTTERANCES if u.speaker == "Client")
    assert all(set(s.evidence) <= IDS for s in draft.sentences)
    assert [s.section for s in draft.sentences if s.origin == "system" and s.text == NOT_DISCUSSED] == [
        k for k in draft.format.keys if not any(x.section == k and x.text != NOT_DISCUSSED for x in draft.sentences)]


def test_the_record_path_is_opt_in_and_the_default_paths_are_unchanged(short_session):
    model = ScriptedModel({})  # what it writes does not matter: which path runs does
    for subject in ("patient", None):
        options = {"subject": subject} if subject else {}
        draft = draft_note(model, short_session, "soap", max_sentences=1, **options)
        assert draft.mode == "direct" and "record" not in draft.facts
