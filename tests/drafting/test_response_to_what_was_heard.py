"""A partner's disclosure or a letter read back in the room, and "What's it like to hear that?": the answer is the
response to that work (the Assessment's), quoted up to the question the client turns to, and quoted once in the
note, never as the person's account too."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.response_said import response_answers
from session_assistant.drafting.transcript_input import parse_transcript

HEARD = parse_transcript(
    "Clinician: Welcome back, both. How have things been, Maya?\n"
    "Client: Tense. We've barely spoken since the weekend, apart from about the boys.\n"
    "Clinician: And Dan, how about you?\n"
    "Partner: Long shifts. I've been keeping out of the way, mostly, if I'm honest with you.\n"
    "Clinician: Dan, could you tell Maya what you told me on the phone?\n"
    "Partner: I sit in the car park after work for an hour before I come in. I don't know how to walk in the door.\n"
    "Clinician: What's it like to hear that, Maya?\n"
    "Client: (long pause) Sad. I thought he just didn't want to be home. Can I ask him something?\n"
    "Clinician: Of course. And how are things at work, Maya? You were worried about the new manager last time.\n"
    "Client: Better. She moved me onto the early rota, which suits me, and the new manager has been fair with me.")


def test_the_answer_to_what_its_like_to_hear_it_is_the_response_up_to_the_clients_question():
    assert response_answers(HEARD, mentions_risk) == [("Sad. I thought he just didn't want to be home.", [6, 7])]


def test_the_response_lands_in_the_assessment_and_is_not_quoted_as_an_account_too():
    lines, _ = fact_lines(get_format("soap"), SourceIndex(HEARD), None, "client")
    response = [s for s in lines if s.text.startswith("Response to interventions, in the client's words")]
    assert response and response[0].section == "assessment" and 7 in response[0].evidence
    assert not any(7 in s.evidence for s in lines if s.section == "subjective")  # not her account as well


def test_what_the_client_feels_now_after_telling_the_worst_moment_is_the_response():
    session = parse_transcript("Client: The ladder slipped and I watched him fall. I've not said that to anyone.\n"
                               "Clinician: Thank you for saying it. What are you feeling right now, as you tell it?\n"
                               "Client: (quiet) Guilt. I was the one holding it.")
    assert response_answers(session, mentions_risk) == [("Guilt. I was the one holding it.", [1, 2])]


def test_an_answer_to_the_question_asked_after_how_are_you_feeling_is_not_the_response():
    session = parse_transcript("Clinician: How are you feeling now, heading off? What are your plans for the evening?\n"
                               "Client: Tea at my sister's, then the quiz at the pub.")
    assert response_answers(session, mentions_risk) == []
