"""The mental status checklist as data: the clinician's lines, where they go, and that a change
replaces them (never duplicates them, never touches the AI's sentences). No Qt, no model."""

from __future__ import annotations

from session_assistant.drafting import Draft, DraftSentence, get_format
from session_assistant.drafting.mental_status import (BLOCK_HEADING, ITEMS, MentalStatus, carry_block, parse_block,
                                                      target_field, write_block)
from session_assistant.drafting.note_text import replace_sections

WNL_LINES = [
    BLOCK_HEADING,
    "Appearance: well groomed, appropriately dressed.",
    "Behaviour: calm and cooperative, good eye contact.",
    "Speech: normal rate, volume and tone.",
    "Mood: euthymic.",
    "Affect: congruent, full range.",
    "Thought process: linear and goal-directed.",
    "Thought content: appropriate to the conversation.",
    "Orientation: oriented to person, place, time and situation.",
    "Insight: good.",
    "Judgment: good.",
]
AI_NOTE = ("SUBJECTIVE\nClient reported poor sleep.\n\nOBJECTIVE\nClient practised paced breathing in session.\n\n"
           "ASSESSMENT\nAnxiety is improving.\n\nPLAN\nPractise breathing nightly.")


def test_within_normal_limits_names_every_item_with_its_normal_finding():
    assert MentalStatus.within_normal_limits().lines() == WNL_LINES
    assert [item.label for item in ITEMS] == ["Appearance", "Behaviour", "Speech", "Mood", "Affect",
                                              "Thought process", "Thought content", "Orientation", "Insight",
                                              "Judgment"]


def test_the_block_goes_at_the_end_of_objective_and_leaves_the_ai_sentences_alone():
    text = write_block(AI_NOTE, MentalStatus.within_normal_limits())
    assert text == AI_NOTE.replace("in session.\n\n", "in session.\n\n" + "\n".join(WNL_LINES) + "\n\n")
    for ai_line in AI_NOTE.splitlines():
        assert ai_line in text.splitlines()


def test_a_change_replaces_the_block_instead_of_adding_a_second():
    first = write_block(AI_NOTE, MentalStatus.within_normal_limits())
    changed = MentalStatus.within_normal_limits().with_finding("affect", "tearful", "when speaking of her father")
    second = write_block(first, changed)
    assert second.count(BLOCK_HEADING) == 1
    assert "Affect: tearful; when speaking of her father." in second.splitlines()
    assert "Affect: congruent, full range." not in second
    assert parse_block(second) == changed
    assert write_block(second, MentalStatus()) == AI_NOTE  # cleared: the note is as the AI wrote it


def test_hand_edited_lines_are_read_back_as_the_clinicians_own_words():
    text = write_block("", MentalStatus().with_finding("mood", "anxious"))
    edited = text.replace("Mood: anxious.", "Mood: 'on edge all week'")
    assert parse_block(edited).finding("mood").note == "'on edge all week'"


def test_each_format_has_a_field_for_observations():
    def fields(*names):
        return [{"name": n, "label": n.capitalize()} for n in names]

    assert target_field(fields("subjective", "objective", "assessment", "plan"), {}) == "objective"
    assert target_field(fields("data", "assessment", "plan"), {}) == "data"
    assert target_field(fields("behavior", "intervention", "response", "plan"), {}) == "behavior"
    assert target_field(fields("goals", "intervention", "response", "plan"), {}) == "response"
    summary = [{"name": "session_summary", "ai_summary": True}, {"name": "risk_assessment"}]
    assert target_field(summary, {"session_summary": AI_NOTE}) == "session_summary"
    birp = AI_NOTE.replace("OBJECTIVE", "BEHAVIOR")
    assert "BEHAVIOR\nClient practised paced breathing in session.\n\n" + BLOCK_HEADING in \
        write_block(birp, MentalStatus.within_normal_limits())


def test_a_redraft_keeps_the_clinicians_block_and_the_other_sections():
    with_block = write_block(AI_NOTE.replace("Anxiety is improving.", "Anxiety is improving (my edit)."),
                             MentalStatus.within_normal_limits())
    redrafted = Draft(get_format("soap"), [
        DraftSentence("subjective", "Client reported sleeping five hours.", [1]),
        DraftSentence("objective", "Clinician guided paced breathing.", [2]),
        DraftSentence("assessment", "New assessment.", [3]),
        DraftSentence("plan", "New plan.", [4])])
    text = replace_sections(with_block, redrafted, ["subjective", "objective"])
    assert "Client reported sleeping five hours." in text and "Client reported poor sleep." not in text
    assert "OBJECTIVE\nClinician guided paced breathing.\n\n" + "\n".join(WNL_LINES) + "\n\nASSESSMENT" in text
    assert "Anxiety is improving (my edit)." in text and "New assessment." not in text  # not redrafted
    assert carry_block(with_block, redrafted.as_text()).count(BLOCK_HEADING) == 1
