"""One vocabulary each for the scale a rating is asked on, the transcriber's stage directions and the
work "now, in the room": every rule module reads the same words, so a therapist who words a
rating differently reaches all of them or none. The paraphrases below were written for these
tests, not copied from a session."""

import re

import pytest

from session_assistant.drafting import vocabulary as v


@pytest.mark.parametrize("asked", [
    "How anxious do you feel, zero to ten?",
    "On a scale of 1-10, how bad was the urge?",
    "Between one and ten, where would you put the worry?",
    "Out of ten, how much did it bother you?",
    "Roughly what percentage do you believe it?",
    "Using the scale where a hundred means the worst panic you've known, where are you?",
    "With ten being unbearable, what number is the fear at?",
    "What are your SUDS sitting at?",
    "What's your subjective units of distress now?",
    "How strong is the pull to check, right now?",
    "From zero through a hundred, how uncomfortable?",
])
def test_rating_asks_in_other_words(asked):
    assert v.RATING_ASK.search(asked)


@pytest.mark.parametrize("said", [
    "We met one to five times a week last year.",
    "Did you step on the scale this morning?",
    "I could do that in ten minutes.",
])
def test_not_a_rating_ask(said):
    assert not re.search(v.SCALE, said, re.I)


@pytest.mark.parametrize("asked,top", [
    ("Zero to a hundred, how scared?", "out of 100"),
    ("On a scale of one to ten?", "out of 10"),
    ("Out of five, how was sleep?", "out of 5"),
    ("What percent do you believe it?", "%"),
    ("Where's your SUDS?", "out of 100"),
    ("With ten being the worst?", "out of 10"),
    ("On the scale where a hundred means frozen, where are you?", "out of 100"),
    ("How sure are you?", ""),
])
def test_scale_top(asked, top):
    assert v.scale_top(asked) == top


@pytest.mark.parametrize("line,rest", [
    ("(pause) Yeah, about sixty.", "Yeah, about sixty."),
    ("[sighs] No. Not really.", "No. Not really."),
    ("(long pause) [crying] It was my dad.", "It was my dad."),
    ("Okay. (laughs) That's fair.", "Okay. (laughs) That's fair."),
])
def test_leading_stage_direction(line, rest):
    assert v.without_leading_stage(line) == rest


def test_stage_direction_anywhere():
    assert v.without_stage("Okay. [laughs] That's (pause) fair.") == "Okay. That's fair."


@pytest.mark.parametrize("said", [
    "Let's try that once more with the cap off.",
    "We'll do that in a minute.",
    "Can you read it to me right now?",
    "Stay with the picture for a moment.",
    "Have another go at it with me.",
    "We can sort that in here, this session.",
])
def test_in_room_now(said):
    assert v.IN_ROOM_NOW.search(said)


@pytest.mark.parametrize("said", [
    "From now on, try the breathing each morning.",
    "Today's list is on the fridge, keep it going every day.",
    "Write it down every night this week.",
    "Before you go to bed, write down three good things.",
    "Write the prediction down before you go, then what happened.",
    "Try it once more before next week, with the timer.",
])
def test_not_in_room(said):
    assert not v.IN_ROOM_NOW.search(said)


def test_imaginal_distress_ratings_leave_out_belief_ratings():
    from session_assistant.drafting.room_work import imaginal_exposure
    from session_assistant.drafting.transcript_input import Utterance
    said = [("Clinician", "Close your eyes and go back to the memory, in the present tense. Where are you, out of a hundred?"),
            ("Client", "Sixty."), ("Clinician", "Stay with it. And now?"), ("Client", "Eighty-five."),
            ("Clinician", "Open your eyes. How far do you still believe it was your fault?"), ("Client", "About thirty.")]
    work = imaginal_exposure([Utterance(i, who, text) for i, (who, text) in enumerate(said)])
    assert work is not None and "60, 85" in work.label and "30" not in work.label


def _lines(said):
    from session_assistant.drafting.transcript_input import Utterance
    return [Utterance(i, who, text) for i, (who, text) in enumerate(said)]


def test_ruler_on_a_ten_point_scale_however_named():
    from session_assistant.drafting.session_said import rating_answers
    said = [("Clinician", "If ten means you're completely sure, how confident are you that you'll ring the landlord?"),
            ("Client", "Earlier maybe two. Now four? Four."),
            ("Clinician", "And how important is it, out of a hundred?"), ("Client", "Ninety.")]
    found = rating_answers(_lines(said))
    # the hundred-point one is not written as "a scale of zero to ten"
    assert [(d, a) for d, a, _ in found] == [("confidence", "Earlier maybe two. Now four? Four.")]


def test_ruler_sentence_names_only_the_top_said():
    from session_assistant.drafting.session_said import rating_answers, ratings_sentence
    said = [("Clinician", "Nought to ten, how ready are you to cut down?"), ("Client", "Six, probably.")]
    sentence = ratings_sentence(rating_answers(_lines(said)))
    assert "zero" not in sentence and "out of 10" in sentence and 'readiness "Six, probably."' in sentence


@pytest.mark.parametrize("said", [
    "Could you tell me what went through your mind?",
    "Close your eyes and bring the kitchen to mind.",
    "Picture the moment just before you walked in.",
    "What did you do with the log last week?",
    "Have you kept the diary going?",
    "Let's try it once more, right now.",
])
def test_asked_in_room(said):
    assert v.ASKED_IN_ROOM.search(said)


@pytest.mark.parametrize("said", [
    "Write the prediction down before you go in, like last time.",
    "Keep the worry slot each evening, as last week.",
    "From now on, text your sister before the party.",
])
def test_a_task_for_the_week_is_not_asked_in_room(said):
    assert not v.ASKED_IN_ROOM.search(said)


def test_answers_that_agree_without_a_yes():
    from session_assistant.drafting.answers import AGREES_TOO, AGREES_TOO_FIRST, DECLINES_TOO

    assert AGREES_TOO.search("Hm. Fair enough, I'll give it a go.") and AGREES_TOO_FIRST.search("Um, fine by me.")
    assert AGREES_TOO_FIRST.search("Ready.") and not AGREES_TOO.search("I'm not ready for that.")
    assert DECLINES_TOO.search("Mm, not yet.") and not AGREES_TOO_FIRST.search("Not yet.")
