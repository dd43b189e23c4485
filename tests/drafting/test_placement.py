"""A sentence the model wrote in the wrong part moves to the part that holds what it says (issue 16's
content standard): a commitment for the week to the Plan, what the clinician did in the session to
the Objective, the client's response to the Assessment. Hand-made drafts, no model: each move keeps
the sentence's words and cited lines, and a moved sentence that repeats one in its new part is
dropped, never said twice. Each assertion about a move fails on main before placement.py."""

from __future__ import annotations

import pytest

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.placement import MOVED_TO, better_part
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How was the week with the worry?
Client: The worry about my exams kept me up most nights, maybe five nights.
Clinician: Today I want to introduce worry postponement. You write the worry down and save it for a worry slot at six.
Client: Okay. So I write it down and wait until six.
Clinician: Let's practise it now with the exam worry. And the breathing exercise too, slow breathing.
Client: That was calming. I found the breathing helpful, I feel calmer.
Clinician: For the week, could you try the worry slot at six every day and text your sister on Sunday?
Client: Yes, I'll try the worry slot every day and text my sister on Sunday.
Clinician: Next session is Tuesday at four.""")
KEYS = {"subjective": "subjective", "objective": "objective", "assessment": "assessment", "plan": "plan"}


def _assemble(raw):
    return assemble(get_format("soap"), raw, SourceIndex(SESSION), scan_transcript(SESSION), model="m",
                    mode="direct", warnings=[], subject="client")


def _model(draft, key):
    return [s for s in draft.section_sentences(key) if s.origin == "model"]


@pytest.mark.parametrize("section, text, part", [
    ("subjective", "The client agreed to try the worry slot at six every day.", "plan"),
    ("assessment", "The client will text her sister on Sunday.", "plan"),
    ("subjective", "The client reported that she will try the worry slot every day.", "plan"),
    ("objective", "The next session is on Tuesday at four.", "plan"),
    ("assessment", "The clinician introduced worry postponement and a worry slot at six.", "objective"),
    ("subjective", "The clinician and the client practised slow breathing.", "objective"),
    ("subjective", "The client was guided through the breathing exercise.", "objective"),
    ("objective", "The client found the breathing exercise helpful and calming.", "assessment"),
    ("subjective", "By the end of the session, the client responded well to the breathing exercise.", "assessment"),
])
def test_a_sentence_moves_to_the_part_that_holds_what_it_says(section, text, part):
    assert better_part(text, section, KEYS)[0] == part


@pytest.mark.parametrize("section, text", [
    ("subjective", "The client is worried that she will fail the exams."),  # a fear, not a plan
    ("subjective", "The client plans to go back to college next year."),  # the client's goal stays in Subjective
    ("subjective", "The homework from last time was to practise the worry slot."),  # the review looks back
    ("subjective", "The client reported that she had agreed to text her sister but did not."),
    ("subjective", "The client reported that the breathing was helpful."),  # the client's own account of the week
    ("subjective", 'The client said "I will try" but felt unsure.'),  # words inside a quote are not the note's
    ("assessment", "The clinician noted that the worry was worst at night."),  # the clinician's analysis stays
    ("plan", "The client will try the worry slot every day."),  # already where it belongs
    ("assessment", "The client will not be able to sleep without the worry slot."),
])
def test_a_sentence_in_its_right_part_or_of_unclear_kind_stays(section, text):
    assert better_part(text, section, KEYS) is None


def test_a_reported_commitment_reads_as_a_plan_in_the_plan():
    assert better_part("The client reported that she will try the worry slot every day.", "subjective", KEYS) == (
        "plan", "The client will try the worry slot every day.")


def test_the_draft_moves_each_sentence_with_its_cited_lines_and_flags_the_move():
    draft = _assemble({
        "subjective": [{"text": "The client reported that the worry kept her up five nights.", "evidence": [1]},
                       {"text": "The client agreed to text their sister on Sunday.", "evidence": [6, 7]}],
        "assessment": [{"text": "The clinician introduced worry postponement with a worry slot at six.", "evidence": [2]}],
        "objective": [{"text": "The client found the breathing exercise helpful and calming.", "evidence": [5]}],
    })
    plan = _model(draft, "plan")
    assert [s.text for s in plan] == ["The client agreed to text their sister on Sunday."]
    assert plan[0].evidence == [6, 7] and f"{MOVED_TO}:plan" in plan[0].flags
    objective = _model(draft, "objective")
    assert [s.text for s in objective] == ["The clinician introduced worry postponement with a worry slot at six."]
    assert objective[0].evidence == [2]
    assessment = _model(draft, "assessment")
    assert [s.text for s in assessment] == ["The client found the breathing exercise helpful and calming."]
    assert [s.text for s in _model(draft, "subjective")] == ["The client reported that the worry kept them up 5 nights."]


def test_a_moved_sentence_that_repeats_one_in_its_new_part_is_dropped_not_said_twice():
    draft = _assemble({
        "subjective": [{"text": "The client will try the worry slot at six every day.", "evidence": [6, 7]}],
        "plan": [{"text": "The client will try the worry slot at six every day.", "evidence": [6, 7]}],
    })
    everywhere = [s.text for s in draft.sentences if "worry slot at six every day" in s.text and s.origin == "model"]
    assert everywhere == ["The client will try the worry slot at six every day."]
    assert draft.sections["subjective"].count("worry slot") == 0


def test_other_formats_and_the_medical_voice_keep_their_parts():
    raw = {"subjective": [{"text": "The patient will take the tablets at night.", "evidence": [1]}]}
    medical = assemble(get_format("soap", "patient"), raw, SourceIndex(SESSION), [], model="m", mode="direct",
                       warnings=[], subject="patient")
    assert "tablets at night" in medical.sections["subjective"]
    dap = assemble(get_format("dap"), {"data": [{"text": "The client agreed to text their sister on Sunday.", "evidence": [7]}]},
                   SourceIndex(SESSION), [], model="m", mode="direct", warnings=[], subject="client")
    assert "text their sister" in dap.sections["data"]
