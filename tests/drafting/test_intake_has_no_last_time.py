"""A first session has no homework from last time: this session's homework, set with the word "homework",
is not a review the model may tell as last time's (lead, session 21: read in unseen 74, an intake, after
measuring it)."""

from __future__ import annotations

from session_assistant.drafting.claim_support import unsaid_homework_review
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript

_INTAKE = SourceIndex(parse_transcript("""Clinician: Welcome. This is our first meeting, so I'll ask a lot of questions.
Client: That's fine.
Clinician: Before next time I'd like to suggest a couple of things, nothing like big homework.
Client: Okay.
Clinician: Jot down a sleep time each night, and ring the pharmacy about the repeat prescription.
Client: I can do that."""))

_REVIEW = SourceIndex(parse_transcript("""Clinician: Good to see you again. And the homework?
Client: I jotted down a sleep time each night, all seven nights.
Clinician: Well done."""))


def test_an_intakes_homework_is_not_last_times():
    assert unsaid_homework_review("The homework from last time was to jot down a sleep time each night and ring the "
                                  "pharmacy.", _INTAKE)


def test_a_review_asked_as_a_question_still_supports():
    assert not unsaid_homework_review("The homework from last time was to jot down a sleep time each night.", _REVIEW)
