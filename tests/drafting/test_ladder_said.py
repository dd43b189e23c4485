"""Objective structure with numbers, found by the shape of the talk (issue 16). The exchanges were
written for these tests in other words than any stored session."""

from session_assistant.drafting.ladder_said import hierarchy_steps, rated_in_turn, ruler_answers
from session_assistant.drafting.transcript_input import Utterance


def _lines(*said):
    return [Utterance(i, who, text) for i, (who, text) in enumerate(said)]


def test_a_ladder_read_back_with_its_numbers():
    talk = _lines(("Clinician", "Let's put your fear ladder together, easiest at the bottom, with a SUDS for each rung."),
                  ("Client", "Okay. The lift to the second floor, maybe thirty."),
                  ("Clinician", "So reading it back: the lift to the second floor, thirty. Tenth floor, alone, sixty; "
                                "the glass lift at the mall, eighty-five. Flying to Lisbon, a hundred."),
                  ("Client", "That's it."))
    work = hierarchy_steps(talk)
    assert work is not None and work.evidence == [0, 2]
    assert work.label == ("exposure ladder built in session, its steps as read out (SUDS): the lift to the second floor, thirty; "
                          "Tenth floor, alone, sixty; the glass lift at the mall, eighty-five; Flying to Lisbon, a hundred")


def test_steps_the_client_lists_at_their_ratings():
    talk = _lines(("Clinician", "Shall we build the hierarchy for driving, nought to a hundred?"),
                  ("Client", "Driving to the end of the street at twenty. Motorway for one junction at sixty. Motorway at night, ninety."))
    work = hierarchy_steps(talk)
    assert work is not None and "(out of 100)" in work.label and "Motorway at night, ninety" in work.label


def test_a_diary_read_out_is_no_ladder():
    talk = _lines(("Clinician", "How many drinks, day by day?"), ("Client", "Monday, two. Tuesday, none. Wednesday, four."))
    assert hierarchy_steps(talk) is None


def test_situations_rated_in_turn():
    talk = _lines(("Clinician", "Picture yourself walking into the staff room. How anxious, out of ten?"), ("Client", "Seven, maybe."),
                  ("Clinician", "And the canteen at lunch?"), ("Client", "Hmm. Five."),
                  ("Clinician", "What about the Monday meeting?"), ("Client", "Nine. Easily."),
                  ("Clinician", "So the meeting's the top."))
    work = rated_in_turn(talk)
    assert work is not None and work.evidence == [0, 1, 2, 3, 4, 5]
    assert '"the canteen at lunch" - "Hmm. Five."' in work.label and '"the Monday meeting" - "Nine."' in work.label


def test_one_rating_is_not_a_series():
    talk = _lines(("Clinician", "How anxious, out of ten?"), ("Client", "Seven."), ("Clinician", "And what went through your mind?"),
                  ("Client", "That they'd laugh."))
    assert rated_in_turn(talk) is None


def test_rulers_asked_in_other_words():
    talk = _lines(("Clinician", "If ten means completely ready, how ready are you to stop smoking?"), ("Client", "Probably a six."),
                  ("Clinician", "And your confidence that you could?"), ("Client", "Three. I've tried before."),
                  ("Clinician", "And how important is it, same scale?"), ("Client", "Earlier a four. Now, eight? Eight."))
    work = ruler_answers(talk)
    assert work is not None and work.label == 'rulers asked, with the client\'s answers (readiness "Probably a six."; confidence "Three."; importance "Earlier a four. Now, eight? Eight.")'


def test_rulers_taken_up_from_last_time():
    talk = _lines(("Clinician", "Last time on the rulers you gave importance a seven and confidence a four. Where are they now?"),
                  ("Client", "Importance, nine I'd say. Confidence, still a five. Maybe."))
    work = ruler_answers(talk)
    assert work is not None and '"Importance, nine I\'d say. Confidence, still a five. Maybe."' in work.label


def test_confidence_without_a_scale_or_ruler_is_no_ruler():
    talk = _lines(("Clinician", "How confident do you feel about the interview?"), ("Client", "Not very. Maybe two people will be there."))
    assert ruler_answers(talk) is None
