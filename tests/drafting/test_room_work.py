"""What was done in the room, read from what the clinician's lines do (issue 16, Objective,
therapy16k): a memory revisited with ratings asked while it runs, a belief rated before and after,
a stretch of teaching with its topic, the steps of structured problem solving, a rehearsal set up
for now, a record gone through, ratings asked on a scale. Transcripts written for these tests in
manual terms (not copied from any session of the evaluation set), no model."""

from __future__ import annotations

from session_assistant.drafting.room_work import (behavioural_experiment, belief_ratings, dear_man, ruler_follow_up, imaginal_exposure, problem_solving,
                                                  progress_review, proposed_exercises, psychoeducation, record_review, rehearsal, room_work,
                                                  room_work_sentence, scale_ratings, thought_record)
from session_assistant.drafting.transcript_input import parse_transcript


def _talk(*pairs: tuple[str, str]) -> list:
    return parse_transcript("\n".join(f"Clinician: {c}\nClient: {a}" for c, a in pairs))


_IMAGINAL = _talk(
    ("Today we'll go back to the memory of the crash. Close your eyes and tell it in the present tense, as if it's happening now.",
     "Okay."),
    ("Where are you?", "I'm at the junction. The lorry is coming."),
    ("What's the number, nought to a hundred?", "Sixty."),
    ("Stay with it. What happens next?", "The glass breaks. I can't move."),
    ("Number now?", "Ninety."),
    ("Keep going, you're doing well.", "He's pulling me out."),
    ("And now?", "Seventy, maybe."),
    ("Let's go back to the moment the glass breaks. That's the hotspot. Number?", "Fifty."),
)


def test_a_memory_revisited_with_ratings_is_imaginal_exposure_with_the_numbers_said():
    work = imaginal_exposure(_IMAGINAL)
    assert work is not None
    assert work.label.startswith("imaginal exposure (the memory revisited, in the present tense, eyes closed, hotspots")
    assert "distress ratings asked: 60, 90, 70, 50)" in work.label
    assert {0, 4, 5, 8, 9, 12, 14, 15} <= set(work.evidence)


def test_eyes_closed_on_a_calm_place_is_not_imaginal_exposure():
    calm = _talk(("Close your eyes and picture your calm place, the beach.", "Okay."),
                 ("How calm, nought to ten?", "Six."), ("And now?", "Eight."))
    assert imaginal_exposure(calm) is None


def test_a_memory_named_without_ratings_is_not_an_exposure():
    assert imaginal_exposure(_talk(("Can you take me back to that night? What do you remember?", "Not much."))) is None


def test_a_belief_rated_twice_is_named_with_the_answers():
    talk = _talk(("How much do you believe that thought, nought to a hundred percent?", "Eighty percent."),
                 ("What's the evidence it was your fault?", "I should have seen it."),
                 ("And how strongly do you believe it now?", "About fifty percent."))
    work = belief_ratings(talk)
    assert work is not None and work.label == "cognitive restructuring (beliefs rated when asked: 80%, 50%)"
    assert belief_ratings(talk[:2]) is None  # rated once: no before and after


def test_a_belief_rated_around_other_work_is_not_called_restructuring():
    # Ratings before and after compassionate imagery: the numbers are said, the approach is not claimed.
    talk = _talk(("How much do you believe 'I'm useless' right now, out of a hundred?", "Ninety."),
                 ("Picture someone kind beside you. What would their voice sound like?", "Soft. Slow."),
                 ("And 'I'm useless', how much do you believe it right now?", "Seventy, maybe."))
    work = belief_ratings(talk)
    assert work is not None and work.label == "belief in the thought rated when asked: 90, 70"


def test_teaching_names_its_topic_and_a_long_turn_without_it_teaches_nothing():
    taught = _talk(("When the danger felt that close, your body did what it is designed to do. Freezing is part of the freeze "
                    "response, an old survival reflex. It's not a choice and it's not weakness: most people in that spot go "
                    "still, and the brain does it before you can think.", "I never knew that."))
    work = psychoeducation(taught)
    assert work is not None and work.label == "psychoeducation (on the freeze response)"
    chat = _talk(("So you went to your sister's on Saturday, and she had the kids, and you stayed for lunch and then you "
                  "walked home along the river, and you said you felt a bit better by the evening. Did I get that right?",
                  "Yes."))
    assert psychoeducation(chat) is None


def test_the_steps_of_problem_solving_are_named_and_one_question_names_nothing():
    talk = _talk(("So if we put the problem in one sentence, what is it?", "I never get an evening to myself."),
                  ("Let's brainstorm. Don't judge them yet, even the silly ones.", "Ask my brother. Pay someone."),
                  ("Any other ideas?", "A day centre."),
                  ("What's good about the day centre, and what's the downside?", "She'd hate it at first."),
                  ("Which one would you pick to try first?", "My brother."),
                  ("And what if he says no? What's plan B?", "Then the sitter."))
    work = problem_solving(talk)
    assert work is not None
    assert work.label == ("problem solving (problem defined, options listed, pros and cons weighed, a solution chosen, "
                          "action plan)")
    assert problem_solving(_talk(("What else could you do?", "Not much."))) is None


def test_a_rehearsal_set_up_for_now_but_not_one_set_for_the_week():
    assert rehearsal(_talk(("Can we practise it right now? I'll be your manager.", "Okay."))) is not None
    assert rehearsal(_talk(("Could you practise it at home this week, three times?", "Yes."))) is None


def test_a_record_gone_through_and_not_one_for_next_time():
    work = record_review(_talk(("Let's look at your sleep diary first.", "Here it is.")))
    assert work is not None and work.label == "review of the client's sleep diary in session"
    assert record_review(_talk(("Keep the sleep diary this week and bring it next time.", "Okay."))) is None


def test_a_scale_anchored_in_words_is_a_scale():
    # 45 (solution-focused scaling): "on the scale where ten is your head is completely out of the ward and
    # nought is the worst it was ... where were you?" - "Three." was no rating, as no "zero to ten" was said.
    from session_assistant.drafting.rating_course import _scale_of
    question = ("On the scale where ten is your head is completely out of the ward and nought is the worst it was, "
                "where were you?")
    work = scale_ratings(_talk((question, "Three. I said three."), ("And today?", "Five.")))
    assert work is not None and work.label.endswith('answered "Three.")')
    assert _scale_of(question) == "out of 10"
    assert scale_ratings(_talk(("Where is the scale in the bathroom?", "Three steps from the door."))) is None


def test_ratings_asked_on_a_scale_are_quoted_with_the_answer_and_not_twice():
    talk = _talk(("How bad is the urge right now, zero to ten?", "Seven the first time. Then four."), ("Okay.", "Yeah."))
    work = scale_ratings(talk)
    assert work is not None
    assert work.label == 'ratings asked on a scale, with the answers ("How bad is the urge right now, zero to ten?", answered "Seven the first time.")'
    assert scale_ratings(talk, quoted=[0]) is None  # another rule line quotes it already


def test_the_clients_words_never_make_a_finding():
    client_only = parse_transcript("Clinician: Go on.\nClient: Let's brainstorm. Any other ideas? What's the downside? "
                                   "Which one would you pick? What's plan B?\nClinician: Mm.\nClient: How much do you "
                                   "believe it, out of a hundred? Eighty.")
    assert room_work(client_only) == []


def test_the_line_says_the_work_found_and_leaves_out_what_the_interventions_line_names():
    talk = _talk(("Can we practise it right now? I'll be your manager.", "Okay."))
    assert room_work_sentence(room_work(talk)) == "Work done in session, from the clinician's lines: behavioural rehearsal in session."
    assert room_work(talk, named=["role-play"]) == []


def test_a_thought_record_is_its_columns_asked_in_turn():
    talk = _talk(("What was the situation?", "The meeting."), ("And what went through your mind?", "They think I'm useless."),
                 ("What did you feel, and how strong?", "Shame, eighty."), ("What's the evidence for that?", "He frowned."))
    work = thought_record(talk)
    assert work is not None
    assert work.label == "thought record worked through in session (situation, automatic thought, emotion, evidence)"
    # A thought looked at, with no situation asked, is not a record worked through.
    assert thought_record(_talk(("Can we look at the they-hate-me thought?", "Okay."), ("Anything that doesn't fit?", "No."),
                                ("What's the feeling?", "Sad."))) is None


def test_a_prediction_then_what_happened_is_a_behavioural_experiment_but_not_one_set_for_the_week():
    talk = _talk(("Before you try it, what do you predict will happen?", "I'll freeze."), ("Go on, try it now.", "Okay."),
                 ("So what actually happened?", "I didn't freeze."))
    work = behavioural_experiment(talk)
    assert work is not None and work.evidence == [0, 4]
    homework = _talk(("What do you predict will happen?", "I'll freeze."),
                     ("This week, write down what actually happened?", "Okay."))
    assert behavioural_experiment(homework) is None


def test_progress_looked_back_on_needs_two_cues():
    assert progress_review(_talk(("Looking back over our sessions, what's helped most?", "The breathing."),
                                 ("And since we started, what have you learned?", "That it passes."))) is not None
    assert progress_review(_talk(("It's down ten points since we started.", "Good."))) is None


def test_an_exercise_set_up_for_now_is_quoted_but_not_one_planned_for_later():
    work = proposed_exercises(_talk(("Since Tuesday was the worst, let's do a chain analysis on it, if that's okay.", "Okay.")))
    assert work is not None and work.label == 'exercises set up by the clinician: "do a chain analysis on it"'
    assert proposed_exercises(_talk(("Let's do the exposure next week, at the shop.", "Okay."))) is None
    assert proposed_exercises(_talk(("Let's do that, then.", "Okay."))) is None  # no exercise named


def test_a_ruler_followed_up_and_dear_man_steps():
    assert ruler_follow_up(_talk(("How ready are you, nought to ten?", "Six."), ("Why a six and not a three?", "Because I want it."))) is not None
    assert ruler_follow_up(_talk(("How ready are you, nought to ten?", "Six."))) is None
    work = dear_man(_talk(("First describe what happened, just the facts.", "He was late."),
                          ("Then express how you felt, and assert what you want.", "Okay."), ("What's in it for him?", "Hm.")))
    assert work is not None and work.label == "DEAR MAN interpersonal effectiveness steps (describe, express, assert)"
    assert dear_man(_talk(("Can you describe the feeling in your hands?", "Tingly."))) is None


def test_problem_solving_in_other_plain_words():
    talk = _talk(("Right, the problem is finding one free evening a week.", "Yes."),
                 ("Let's brainstorm, anything at all.", "A neighbour. A sitter."),
                 ("Now for each one, what's good and what's not?", "The sitter costs."),
                 ("If you had to pick, which?", "The neighbour."),
                 ("So the action plan: what exactly, and when?", "Ask her Sunday."),
                 ("And if she says no?", "The sitter."))
    work = problem_solving(talk)
    assert work is not None
    assert work.label == ("problem solving (problem defined, options listed, pros and cons weighed, a solution chosen, "
                          "action plan)")


def test_a_rating_asked_as_your_number_counts_during_a_revisited_memory():
    talk = _talk(("Eyes closed, present tense, start just before the crash. What's your number before we start?", "Forty."),
                 ("Go on. What do you see?", "The lights."), ("What's your number now?", "Seventy-five."))
    work = imaginal_exposure(talk)
    assert work is not None and "distress ratings asked: 40, 75)" in work.label


def test_the_line_says_no_number_the_session_did_not():
    # Ratings side by side in words ("fifty, eighty") read as one number (130) to a number check;
    # written as digits each is its own, and each was said.
    from session_assistant.drafting.grounding import numbers_in
    line = room_work_sentence(room_work(_IMAGINAL))
    said = set().union(*(numbers_in(u.text) for u in _IMAGINAL))
    assert "60, 90, 70, 50" in line and numbers_in(line) <= said
