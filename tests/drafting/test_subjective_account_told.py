"""The Subjective carries the client's own account: the client's image for what it is like is quoted
before a plain act the clinician said back, and the past the client placed in a few words ("That's
when it all started.", "Since I was six.") is quoted with the telling that follows it, not alone, and
last time's task said back without a question is reviewed when the answer says how much was done.
Inputs are written for this test (subj28)."""

from __future__ import annotations

from session_assistant.drafting.history_told import history_told
from session_assistant.drafting.homework_reviewed import homework_reviews
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.transcript_input import parse_transcript


def _lines(*said: str):
    return [u for u in parse_transcript("\n".join(said)) if u.speaker]


def test_the_clients_image_comes_before_an_act_said_back():
    lines = _lines("Client: I left the letters on the hall table.",
                   "Clinician: You left the letters on the hall table. All week?",
                   "Client: All week. It's like I'm carrying a rock in my coat pocket.",
                   "Clinician: And when you walk past the table?",
                   "Client: I go the long way round, through the kitchen.",
                   "Clinician: Through the kitchen.",
                   "Client: Yeah. Like nobody else can see the table but me.",
                   "Clinician: Mm.")
    assert [quote for quote, _ in client_quotes(lines, mentions_risk)] == [
        "It's like I'm carrying a rock in my coat pocket.", "Like nobody else can see the table but me."]
    # talk ("like I said"), a fragment ("Like a waiting room."), a rating and a trailing-off are no image
    lines = _lines("Client: Like I said before, the mornings are the worst.",
                   "Clinician: Okay.",
                   "Client: It was grey. Like a waiting room.",
                   "Clinician: Mm.",
                   "Client: It felt like a seven most of the day.",
                   "Clinician: A seven.",
                   "Client: Like I'm, I don't know, not really there.",
                   "Clinician: Go on.")
    assert client_quotes(lines, mentions_risk) == []
    felt = _lines("Client: It's like a fog over everything. And I feel so ashamed of it.",
                  "Clinician: Tell me about the shame.")
    assert [quote for quote, _ in client_quotes(felt, mentions_risk)] == ["And I feel so ashamed of it."]


def test_a_past_placed_in_a_few_words_is_quoted_with_its_telling():
    lines = parse_transcript("""Clinician: You mentioned the car crash on the motorway, years back.
Client: Yeah. That's when it all started. A lorry clipped us at the roundabout. I couldn't drive for a year. Never been on a motorway since.
Clinician: And the eczema, how long have you had it?
Client: Since I was six. My nan put the cream on every night until I was twelve.
Clinician: And the job?
Client: Two years since the redundancy and I've not had a proper interview once.""")
    assert [said for said, _ in history_told(lines, mentions_risk)] == [
        "That's when it all started. A lorry clipped us at the roundabout. I couldn't drive for a year. "
        "Never been on a motorway since.",
        "Since I was six. My nan put the cream on every night until I was twelve.",
        "Two years since the redundancy and I've not had a proper interview once."]
    lines = parse_transcript("""Clinician: And the panic?
Client: Since I was ten.
Clinician: That's a long time.""")
    assert history_told(lines, mentions_risk) == []  # placed, with no telling after it


def test_last_times_task_said_back_without_a_question_is_reviewed_when_the_answer_says_how_much():
    lines = parse_transcript("""Clinician: And the walking. You were going to walk the dog round the park before work.
Client: Did it four mornings. Missed the wet ones, Tuesday and Friday.
Clinician: Four mornings. And the sleep?
Client: Bit better.
Clinician: You were going to tell me about your sister.
Client: Oh, she's moved back in with us.""")
    assert homework_reviews(lines) == [("Did it four mornings. Missed the wet ones, Tuesday and Friday.", [0, 1])]
