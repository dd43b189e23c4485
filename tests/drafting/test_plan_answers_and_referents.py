"""Two Plan lines a therapist could not sign as written: the client's "Thursday at two. Yeah." shown as
the answer to the week's homework when it answered the question about the next visit that ended the
clinician's line; and "Planned: 'We could do that next time.'" with nothing to say what "that" is."""

from __future__ import annotations

from session_assistant.drafting.plan_said import homework_given
from session_assistant.drafting.planned_said import planned_work
from short_sessions import after_an_opening


def test_an_answer_to_the_next_visit_question_is_not_the_homeworks_answer():
    lines = after_an_opening(
        "Clinician: So for this week: a line a night in the diary, and the receipts in the box. Same time next Friday, ten?\n"
        "Client: Friday at ten. Yeah.\n"
        "Clinician: Take care.\n", opening_rounds=5)
    found = homework_given(lines)
    assert found and "line a night in the diary" in found[0][0], found
    assert all(answer is None for _, answer, _ in found), found


def test_the_homework_keeps_its_answer_when_the_line_asks_nothing_else():
    lines = after_an_opening(
        "Clinician: So for this week: a line a night in the diary, and the receipts in the box.\n"
        "Client: Okay. I can do that.\n"
        "Clinician: Same time next Friday?\nClient: Yes.\n", opening_rounds=5)
    found = homework_given(lines)
    assert found and found[0][1] == "Okay. I can do that.", found


def test_planned_work_named_by_a_pronoun_keeps_the_question_that_names_it():
    lines = after_an_opening(
        "Clinician: Would it help to plan what you'd say to your brother? We could do that next time.\n"
        "Client: Maybe.\nClinician: Okay.\nClient: Yeah.\n", opening_rounds=2)
    said = [text for text, _ in planned_work(lines)]
    assert said == ["Would it help to plan what you'd say to your brother? We could do that next time."], said
