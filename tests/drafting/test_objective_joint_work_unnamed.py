"""The Objective of a couple or family session names what the clinician did with the people together,
read from the clinician's lines: the interaction cycle named, the feeling under a behaviour named (a
reframe), one person asked what another thinks (a circular question), an agreement written on the
board; and normalising ("A lot of people find ...") is psychoeducation. Inputs are invented."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript


def _objective(text: str) -> str:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(parse_transcript(text)), None, "client")
    return " ".join(line.text for line in lines if line.section == "objective")


_COUPLE = ("Clinician: What happened on Sunday?\nClient: He went to the garage again.\nPartner: Because she started on me.\n"
           "Clinician: So the pattern is: Ana raises the bills, Leo hears blame and goes to the garage, and Ana follows him out.\n"
           "Client: That's it.\nClinician: Leo, when you walk out, what's underneath it is shame, I think.\nPartner: Maybe. Yes.\n"
           "Clinician: Ana, what do you think Leo's feeling when he walks out?\nClient: Angry, I thought.\n"
           "Clinician: Shall I put this on the board, the two of you and the bills?\nPartner: Go on.")


def test_a_couples_cycle_reframe_and_circular_question_are_named_as_the_clinician_said_them():
    objective = _objective(_COUPLE)
    assert ('the interaction cycle named by the clinician ("So the pattern is: Ana raises the bills, Leo hears blame and goes '
            'to the garage, and Ana follows him out.")') in objective
    assert 'reframe, the feeling underneath named by the clinician ("Leo, when you walk out, what\'s underneath it is shame, I think.")' in objective
    assert 'circular question, another\'s perspective asked ("Ana, what do you think Leo\'s feeling when he walks out?")' in objective
    assert 'written up on the board in session ("Shall I put this on the board, the two of you and the bills?")' in objective


def test_one_client_alone_gets_no_couple_work():
    text = _COUPLE.replace("Partner:", "Client:")
    objective = _objective(text)
    assert "interaction cycle" not in objective and "circular question" not in objective


def test_normalising_what_a_lot_of_people_find_is_psychoeducation():
    text = ("Clinician: How has the first month of retirement been?\nClient: Strange. I thought I'd love it.\n"
            "Clinician: A lot of people find the first year after work harder than they expected.\nClient: That's a relief.")
    assert "Interventions used in session: psychoeducation" in _objective(text)
