"""Two Plan lines of unseen 67 a therapist would strike: the model's "The client will be sent." (a person
sent nothing) and the homework quoted as "Given what came up today." (the reason for the task, not the
task, which followed as a question). Invented lines in other words, no model."""

from __future__ import annotations

import pytest

from session_assistant.drafting.plan_said import homework_given, homework_sentence
from session_assistant.drafting.repetition import is_unfinished
from session_assistant.drafting.transcript_input import parse_transcript


@pytest.mark.parametrize("sentence", ["The client will be sent.", "She will be given.", "The couple will be offered."])
def test_a_person_sent_or_given_nothing_is_unfinished(sentence):
    assert is_unfinished(sentence)


@pytest.mark.parametrize("sentence", ["The letter will be sent.", "The client will be given the group's leaflet.",
                                      "The referral will be offered.", "Homework was given."])
def test_a_thing_sent_or_a_person_given_something_is_whole(sentence):
    assert not is_unfinished(sentence)


def _closing(line: str) -> list:
    opening = "\n".join(f"Clinician: How was the week, part {n}?\nClient: Mixed, honestly." for n in range(6))
    return parse_transcript(f"{opening}\nClinician: {line}\nClient: Yes. Tuesday nights.\n"
                            "Clinician: Good. Same time in a fortnight?\nClient: Fine.\n")


def test_the_task_after_a_reason_is_the_homework_not_the_reason():
    found = homework_given(_closing(
        "I'd like to suggest one thing for the next two weeks, given how hard the evenings have been. "
        "Would you be willing to go for a twenty-minute walk together after dinner? Nothing more."))
    assert homework_sentence(found) == ('Homework given, as said in session: "Would you be willing to go for a '
                                        'twenty-minute walk together after dinner?" (client: "Yes. Tuesday nights.")')


def test_a_task_straight_after_the_cue_is_quoted_as_before():
    found = homework_given(_closing("For the next two weeks, keep the worry log every evening and bring it along."))
    assert homework_sentence(found).startswith('Homework given, as said in session: "Keep the worry log every evening')
