"""Couple work is named only when a couple (two speakers besides the clinician) is in the room: unseen
69, an individual IPT session, got "couple work (reflective listening, enactment)" from a role-play in
which the clinician played the client's wife, and then a Plan "continuing this session's approach:
couple work". Invented lines, no model."""

from __future__ import annotations

from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.transcript_input import parse_transcript

ROLE_PLAY = (
    "Clinician: Let's practise it. I'll be Jean. Can you say that to her, as if I'm her, not to me?\n"
    "Client: Jean, I'm finding the days long since I stopped work.\n"
    "Clinician: Good. Now what did you hear her say back, when I said I was tired of you under my feet?\n"
    "Client: That she's tired too.\n"
    "Clinician: Can you reflect back what she said, in your own words?\n"
    "Client: You're fed up as well.\n")


def test_a_role_play_in_an_individual_session_is_not_couple_work():
    approaches = [i.approach for i in detect_interventions(parse_transcript(ROLE_PLAY))]
    assert "couple work" not in approaches


def test_the_same_work_with_the_partner_in_the_room_is():
    both = ROLE_PLAY.replace("I'll be Jean. ", "").replace("Client: That she's tired too.", "Partner: I am tired too.")
    approaches = [i.approach for i in detect_interventions(parse_transcript(both))]
    assert "couple work" in approaches
