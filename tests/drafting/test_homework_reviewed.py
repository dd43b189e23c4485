"""Last time's tasks reviewed in the Subjective, each in the client's words: reviews asked in other
words than "did you do the homework", a second task taken up with "And ...?", and the client's own
report of a task the chart's last plan names. Inputs are written for this test, not taken from the
evaluation sessions."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.homework_reviewed import homework_reviews
from session_assistant.drafting.transcript_input import parse_transcript

# Padding after the review: the plan of a session comes in its last part.
_REST = ["Clinician: Let's turn to this week's plan.", "Client: Okay."] * 6


def _session(*lines: str):
    return parse_transcript("\n".join([*lines, *_REST]))


TWO_TASKS = _session(
    "Clinician: Good to see you, Priya. Last time we settled on two things: the swimming on Wednesday, and texting your cousin. How did those go?",
    "Client: I went to the pool. Only stayed in for ten minutes though.",
    "Clinician: What got in the way?",
    "Client: It was busy and I felt everyone was watching me.",
    "Clinician: That sounds hard.",
    "Client: It was.",
    "Clinician: And your cousin?",
    "Client: I didn't text her. I typed it out three times and deleted it.",
)


def test_two_tasks_reviewed_are_both_quoted_in_the_clients_words():
    assert homework_reviews(TWO_TASKS) == [
        ("I went to the pool. Only stayed in for ten minutes though.", [0, 1]),
        ("I didn't text her. I typed it out three times and deleted it.", [6, 7]),
    ]


def test_the_review_lands_in_the_subjective_as_one_line():
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(TWO_TASKS), None, "client")
    review = [line for line in lines if line.text.startswith("Homework from last time")]
    assert [(line.section, line.evidence) for line in review] == [("subjective", [0, 1, 6, 7])]
    assert review[0].text == ('Homework from last time, in the client\'s words: "I went to the pool. Only stayed in for ten '
                              'minutes though."; "I didn\'t text her. I typed it out three times and deleted it."')


def test_a_review_asked_as_tell_me_how_it_went_without_naming_last_time():
    session = _session(
        "Clinician: So tell me how it went. You were going to write the worries down and look at them after tea.",
        "Client: I did it most days. Five, I think. The list got shorter by Friday.",
    )
    assert homework_reviews(session) == [("I did it most days. Five, I think. The list got shorter by Friday.", [0, 1])]


def test_a_task_named_on_its_own_is_a_review():
    session = _session(
        "Clinician: Right, that's the scores done. And the sleep diary?",
        "Client: Filled it in on four nights. I kept forgetting at the weekend.",
    )
    assert homework_reviews(session) == [("Filled it in on four nights. I kept forgetting at the weekend.", [0, 1])]


def test_the_clients_own_report_of_a_planned_task_counts_with_the_chart():
    session = _session(
        "Clinician: Hello Tom, how are things?",
        "Client: Busy. But I did the evening walk, three times with the dog.",
    )
    chart = ChartContext.from_json({"last_plan": {"text": "Behavioural activation: evening walk three times a week."}})
    assert homework_reviews(session, chart.last_plan.text) == [("But I did the evening walk, three times with the dog.", [1])]
    assert homework_reviews(session) == []  # without the plan, nothing says the walk was a task


def test_questions_about_the_answer_or_the_measure_are_no_review():
    session = _session(
        "Clinician: Did you fill in the questionnaire in the waiting room?",
        "Client: Yes, here it is, all of it done.",
        "Clinician: Thanks. Last week you kept a note of the panics. What did you write for the main thought?",
        "Client: That I would pass out in the queue and nobody would help.",
        "Clinician: And did you pass out?",
        "Client: No. I never have, actually.",
        "Clinician: And the ones at work?",
        "Client: Those were worse than the ones at home, I think.",
    )
    assert homework_reviews(session) == []


def test_a_model_sentence_telling_the_review_again_is_dropped_and_another_fact_kept():
    from session_assistant.drafting.risk import scan_transcript
    from session_assistant.drafting.sections import assemble
    raw = {"subjective": [{"text": "The client went to the pool but only stayed in for ten minutes because it was busy.",
                           "evidence": [1, 3]},
                          {"text": "The client felt everyone at the pool was staring.", "evidence": [3]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(TWO_TASKS), scan_transcript(TWO_TASKS), model="m",
                     mode="direct", warnings=[], subject="client")
    subjective = [s.text for s in draft.sentences if s.section == "subjective"]
    assert not any(t.startswith("The client went to the pool") for t in subjective)
    assert "The client felt everyone at the pool was staring." in subjective
    assert any(d.text.startswith("The client went to the pool") and "repeats:rule_line" in d.flags for d in draft.dropped)


def test_what_came_of_a_task_is_quoted_after_whether_each_was_done():
    session = _session(
        "Clinician: Last time you were going to try the ten-minute tidy each evening. How did that go?",
        "Client: I did it four evenings out of seven.",
        "Clinician: Four. Good. And what did you notice?",
        "Client: The kitchen stayed clear, and I slept a bit better on those nights.",
    )
    assert homework_reviews(session) == [("I did it four evenings out of seven.", [0, 1]),
                                         ("The kitchen stayed clear, and I slept a bit better on those nights.", [2, 3])]
