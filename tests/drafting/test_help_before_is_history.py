""""It helped." said of a counsellor or tablets from years before is the client's history, not the response to
this session's work; said of what was done today it is."""

from __future__ import annotations

from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.work_taken_up import reactions

_OPENING = "".join(f"Clinician: Question {n}?\nClient: Answer {n}.\n" for n in range(4))


def test_help_from_a_past_counsellor_is_not_this_sessions_response():
    session = parse_transcript(_OPENING + "Clinician: Have you had any help with your mood before?\n"
                               "Client: After my divorce I saw a counsellor at the practice for a few months. It helped a lot.")
    assert reactions(session, mentions_risk) == []


def test_what_todays_exercise_did_is_the_response():
    session = parse_transcript(_OPENING + "Clinician: We did the breathing together just now. How was it?\n"
                               "Client: It helped a lot. My chest isn't as tight.")
    assert reactions(session, mentions_risk) == [("It helped a lot. My chest isn't as tight.", [9])]
