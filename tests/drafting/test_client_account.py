"""The client's account by rule: amounts the clinician reflected back, quoted in the client's words,
and last time's homework reviewed, in the client's words, without the word "homework"."""

from __future__ import annotations

from session_assistant.drafting.client_account import homework_review, reflected_amounts
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("\n".join([
    "Clinician: Did you manage the mood chart? From last time?",
    "Client: I did five days. I forgot the weekend.",
    "Clinician: Five days. How were the mornings?",
    "Client: Rough. I was waking at four, maybe three nights out of seven.",
    "Clinician: Three nights out of seven.",
    "Client: Yeah.",
    "Clinician: Twice?",
    "Client: Twice.",
] + ["Clinician: Okay.", "Client: Okay."] * 3))


def test_an_amount_the_clinician_reflected_back_is_quoted_from_the_client():
    assert reflected_amounts(SESSION) == [("I did five days.", [1, 2]),
                                          ("I was waking at four, maybe three nights out of seven.", [3, 4])]


def test_last_times_task_reviewed_without_the_word_homework_is_in_the_subjective():
    assert homework_review(SESSION) == ("I did five days. I forgot the weekend.", [0, 1])
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(SESSION), None, "client")
    texts = {line.text: line.section for line in lines}
    assert texts['Homework from last time, in the client\'s words: "I did five days. I forgot the weekend."'] == "subjective"


def test_an_age_or_a_count_of_things_is_no_amount_of_the_problem():
    # Real consultations (PriMock57) reflected back "Twenty six." of "I'm twenty six" and "Two cats."
    lines = parse_transcript("Clinician: How old are you?\nClient: I'm twenty six.\nClinician: Twenty six.\n"
                             "Client: And I've got two cats at home.\nClinician: Two cats.\nClient: Yes.")
    assert reflected_amounts(lines) == []
