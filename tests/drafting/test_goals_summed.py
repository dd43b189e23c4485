"""Goals gathered from each person and summed up by the clinician, then agreed: the note states the
agreed goals (121); a summary the family does not agree to states none."""

from __future__ import annotations

from session_assistant.drafting.goals_summed import goals_summed_up
from session_assistant.drafting.transcript_input import parse_transcript

_ASKED = ("Clinician: Before we finish, what would you each like to be different by the summer?\n"
          "Partner: Fewer rows about money.\n"
          "Client: Him home by seven on weekdays.\n"
          "Partner: A night out, just us, once a month.\n"
          "Clinician: So, fewer rows about money, Ben home by seven on weekdays, and a night out once a month. "
          "Have I got that right?\n")


def test_a_summary_of_goals_that_is_agreed_is_stated_with_the_agreement():
    found = goals_summed_up(parse_transcript(_ASKED + "Partner: Yeah, that's it.\nClient: Yes.\n"))
    assert found is not None
    text, ids = found
    assert text == ('Goals agreed in session, as the clinician summed them up: "Fewer rows about money, Ben home by seven '
                    'on weekdays, and a night out once a month." (partner: "Yeah, that\'s it.")')
    assert len(ids) == 3


def test_a_summary_that_is_not_agreed_states_no_goals():
    assert goals_summed_up(parse_transcript(_ASKED + "Partner: No, not really. It's more than money.\n")) is None
