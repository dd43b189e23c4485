"""A belief rated out of a hundred, then a breathing exercise whose line ends "Where are you now?": the
answer ("Six.") rates how the client feels in the exercise, not the belief, and the belief's course must
not read "85, then 50, then 6" (107)."""

from __future__ import annotations

from session_assistant.drafting.rating_course import rating_courses
from session_assistant.drafting.transcript_input import parse_transcript

_SESSION = parse_transcript(
    "Clinician: And the thought, \"she never listens\". How much do you believe that, out of a hundred?\n"
    "Client: Eighty. Maybe.\n"
    "Clinician: What's the evidence against it?\n"
    "Client: She did ring me on my birthday. And she came to the hospital.\n"
    "Clinician: And now, how much do you believe it?\n"
    "Client: Fifty. Still fifty.\n"
    "Clinician: Fifty's fair. Let's practise the pause. Picture Friday, the kitchen, your jaw tight. "
    "Breathe in for four, and out for six. Again. Where are you now?\n"
    "Client: Five, maybe. It's daft, but five.\n"
    "Clinician: Good.\nClient: Yeah.\n")


def test_a_reask_after_a_new_exercise_does_not_continue_the_belief():
    courses = rating_courses(_SESSION)
    belief = [c for c in courses if c.label == "belief"]
    assert [[value for _, value, _ in c.ratings] for c in belief] == [[80.0, 50.0]]


def test_a_bare_reask_still_continues_the_belief():
    session = parse_transcript(
        "Clinician: How much do you believe \"she never listens\", out of a hundred?\nClient: Eighty.\n"
        "Clinician: What's the evidence against it?\nClient: She rang on my birthday.\n"
        "Clinician: And now?\nClient: Fifty.\n")
    assert [[value for _, value, _ in c.ratings] for c in rating_courses(session)] == [[80.0, 50.0]]
