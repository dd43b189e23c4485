"""The client's words the clinician says back are quoted: said back as "you" for the client's "I", from a
long sentence only the words said back, a phrase about the client before a thing or an amount said
back; a feeling the client named still comes first. Inputs are written for this test."""

from __future__ import annotations

from session_assistant.drafting.echoed_quotes import echoed
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.transcript_input import parse_transcript


def _lines(*said: str):
    return [u for u in parse_transcript("\n".join(said)) if u.speaker]


def test_a_phrase_said_back_in_the_second_person_is_the_clients_own():
    lines = _lines("Client: Every time it gets hard I walk out. I've always walked out.",
                   "Clinician: You've always walked out. And today?")
    assert echoed(lines, mentions_risk) == [(0, "I've always walked out.", 0, True)]


def test_from_a_long_sentence_only_the_words_said_back_are_quoted():
    lines = _lines("Client: So I was standing at the back of the hall with my coat still on and thinking the whole time "
                   "that I don't belong anywhere anymore.",
                   "Clinician: I don't belong anywhere anymore. That's a heavy thing to carry.")
    assert echoed(lines, mentions_risk) == [(0, "I don't belong anywhere anymore.", 0, True)]


def test_a_count_or_a_thing_said_back_is_no_quote():
    lines = _lines("Client: I checked the oven four times.", "Clinician: Four times.",
                   "Client: Twenty-two years it would have been in June.", "Clinician: Twenty-two years it would have been.",
                   "Client: Mostly at the big supermarket.", "Clinician: At the big supermarket.")
    assert [quote for _, quote, _, _ in echoed(lines, mentions_risk)] == ["Mostly at the big supermarket."]
    assert not any(strong for *_, strong in echoed(lines, mentions_risk))  # no phrase about the client herself


def test_a_phrase_about_the_client_said_back_comes_before_a_thing_said_back():
    lines = parse_transcript("\n".join([
        "Client: We went to the coast on Saturday.",
        "Clinician: To the coast.",
        "Client: It was fine. Then on the way home I thought, I never get anything right.",
        "Clinician: I never get anything right. Say more?",
        "Client: My brother was there too, the one who's moved back.",
        "Clinician: The one who's moved back.",
    ]))
    assert client_quotes(lines, mentions_risk) == [("Then on the way home I thought, I never get anything right.", 2),
                                                   ("My brother was there too, the one who's moved back.", 4)]


def test_a_feeling_the_client_named_still_comes_first():
    lines = parse_transcript("\n".join([
        "Client: I got the bus into town on my own.",
        "Clinician: You got the bus into town on your own.",
        "Client: And honestly I felt proud, walking back.",
        "Clinician: Mm.",
        "Client: And I was so scared at the stop.",
        "Clinician: Okay.",
    ]))
    assert [quote for quote, _ in client_quotes(lines, mentions_risk)] == ["And honestly I felt proud, walking back.",
                                                                         "And I was so scared at the stop."]
