"""A record handed over ("Did you bring it?" - "My wife put it in my pocket. Here.") tells nothing of the week: the
review quotes the answer that says what was done, after the clinician says back what was planned."""

from __future__ import annotations

from session_assistant.drafting.homework_reviewed import homework_reviews
from session_assistant.drafting.transcript_input import parse_transcript

_OPENING = "".join(f"Clinician: Line {n} about the weather.\nClient: Fine, thanks, number {n}.\n" for n in range(3))
_REVIEW = ("Clinician: Right, your planner. Did you bring it?\n"
           "Client: My wife put it in my coat pocket for me. Here you go.\n"
           "Clinician: So we planned two things. Swimming on Monday, and calling your brother.\n"
           "Client: Swimming I did, twice. Didn't call him though.\n")
_CLOSING = "".join(f"Clinician: Later point {n}.\nClient: Later answer {n}, okay.\n" for n in range(6))


def test_the_review_quotes_what_was_done_not_the_handover():
    quoted = [said for said, _ in homework_reviews(parse_transcript(_OPENING + _REVIEW + _CLOSING))]
    assert any(said.startswith("Swimming I did, twice.") for said in quoted)
    assert not any("coat pocket" in said for said in quoted)


def test_a_bring_question_answered_with_what_was_done_is_still_a_review():
    review = ("Clinician: Did you bring the planner from last time?\n"
              "Client: I did, and I filled in every day but Sunday.\n")
    quoted = [said for said, _ in homework_reviews(parse_transcript(_OPENING + review + _CLOSING))]
    assert any("every day but Sunday" in said for said in quoted)
