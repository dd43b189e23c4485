"""The client's answer to "How was that?" after something done in the room is the response to the
intervention; the answer to "What made it high risk?" or "What happened, leading up?" names triggers."""

from __future__ import annotations

from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.response_said import response_answers
from session_assistant.drafting.triggers_said import trigger_answers
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("Clinician: What happened, leading up to it?\n"
                           "Client: A long day at work, then my cousin came round with a bottle.\n"
                           "Clinician: Let's practise saying no. I'll be your cousin. Go on, one glass.\n"
                           "Client: No thanks, I've got an early start.\n"
                           "Clinician: How was that?\n"
                           "Client: Awkward. But easier than I expected.\n"
                           "Clinician: How was that to hear, what she said last week?\n"
                           "Client: Hard. It stung.")


def test_the_answer_to_how_was_that_is_the_response_in_the_clients_words():
    assert response_answers(SESSION, mentions_risk) == [("Awkward. But easier than I expected.", [4, 5])]


def test_a_question_about_what_led_up_to_it_names_the_triggers():
    assert trigger_answers(SESSION) == [("A long day at work, then my cousin came round with a bottle.", [0, 1])]
