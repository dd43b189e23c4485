"""A day the clinician names in a closing wish ("Good luck on Friday") after the next session is settled
is no part of the appointment: the next-session line keeps the day and hour arranged (75's phone session
said "Next session: Saturday" where Wednesday was arranged and Saturday was the practice day)."""

from __future__ import annotations

from session_assistant.drafting.plan_said import next_session_sentence
from session_assistant.drafting.transcript_input import parse_transcript

OPENING = "\n".join(["Clinician: How did the swimming go?", "Client: I went twice.", "Clinician: Good.",
                     "Client: The second time was easier.", "Clinician: Okay.", "Client: Yeah."] * 3)


def test_a_day_in_a_closing_wish_does_not_replace_the_day_arranged():
    found = next_session_sentence(parse_transcript(
        OPENING + "\nClinician: So this week, the pool on Friday, then the lake if it feels right.\n"
        "Client: Fine.\n"
        "Clinician: Next time, same time, I'll call you on Tuesday the ninth at half past two.\n"
        "Client: Perfect.\n"
        "Clinician: Good luck on Friday.\n"
        "Client: Thanks."))
    assert found is not None
    assert "Tuesday" in found[0] and "Friday" not in found[0]
    assert "half past two" in found[0]
