"""A graded step set out as a statement and taken up by the family is the Plan's (each answer with whose
it is); a clock time a note gives must be said as a time, not as a rating; "going to hospital" is a
place gone to, not a plan the Plan already holds."""

from __future__ import annotations

from session_assistant.drafting.clock_said import unsaid_times
from session_assistant.drafting.draft_result import DraftSentence
from session_assistant.drafting.step_agreed import step_agreed
from session_assistant.drafting.subjective_retold import tells_the_plan
from session_assistant.drafting.transcript_input import parse_transcript

_EARLIER = "".join(f"Clinician: Earlier point {n}.\nMother: Earlier answer {n}.\nClient: Mm {n}.\n" for n in range(4))
_STEP = ("Clinician: The first step is that Dad drops Ellie at the school gate and leaves straight away, no hugs at the "
         "door. Ellie, what would help you walk in?\n"
         "Client: If Priya waits for me by the bench.\n"
         "Father: I can text Priya's mum tonight.\n"
         "Clinician: And if she cries at the gate?\n"
         "Mother: We say goodbye once and go. Both of us.\n"
         "Clinician: See you all in a fortnight.\n")


def test_a_step_set_out_and_taken_up_by_the_family_is_in_the_plan_with_whose_each_answer_is():
    found = step_agreed(parse_transcript(_EARLIER + _STEP))
    assert found is not None
    text, ids = found
    assert '"The first step is that Dad drops Ellie at the school gate and leaves straight away, no hugs at the door."' in text
    assert 'father: "I can text Priya\'s mum tonight."' in text and 'mother: "We say goodbye once and go.' in text
    assert len(ids) == 5


def test_a_step_someone_refuses_is_not_agreed():
    refused = _STEP.replace("Father: I can text Priya's mum tonight.", "Father: No, I'm not doing that, she'll cling.")
    assert step_agreed(parse_transcript(_EARLIER + refused)) is None


def test_a_clock_time_needs_a_line_that_says_it_as_a_time():
    rated = "Clinician: How big is the worry, nought to ten?\nClient: Eight.\nClinician: What does it say, at eight?\n"
    assert unsaid_times("The worry was highest at eight o'clock.", rated) == ["eight o'clock"]
    assert unsaid_times("She takes the dog out at 7 am.", "Client: I take him out at seven in the morning.") == []
    assert unsaid_times("The call is at half past four.", "Clinician: I'll ring you at half four on Friday.") == []


def test_going_to_a_place_is_not_an_intent_the_plan_holds():
    plan = [DraftSentence("plan", 'Step agreed in session: "..." (mother: "We walk back with him and come home.")', [9, 10],
                          [], "rule")]
    told = DraftSentence("subjective", "The client said his mother was going to hospital and not coming back home.", [3], [],
                         "model")
    assert not tells_the_plan(told, plan)


def test_situations_rated_one_after_another_on_the_scale_just_set_are_an_objective_line():
    from session_assistant.drafting.situations_rated import situations_rated
    session = parse_transcript(
        "Clinician: Here's a fear ladder. Zero is calm, and ten is the most scared you've ever been. If you had to stroke "
        "the neighbour's dog on a lead, what would it be?\n"
        "Client: Eight, probably.\n"
        "Clinician: And watching it from across the road?\n"
        "Client: Three.\n"
        "Clinician: Okay. What makes the stroking an eight?\n"
        "Client: It might jump.\n")
    text, ids = situations_rated(session)
    assert text.startswith("Situations rated when asked in session, on a fear ladder (0-10):")
    assert '"And watching it from across the road?" - "Three."' in text and ids == [0, 1, 2, 3]


def test_one_rating_alone_is_left_to_the_other_rules():
    from session_assistant.drafting.situations_rated import situations_rated
    assert situations_rated(parse_transcript("Clinician: Nought to ten, how anxious would you be on the bus?\n"
                                             "Client: Seven.\nClinician: Okay.\n")) is None
