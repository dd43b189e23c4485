"""The interventions line names what the clinician did when the approach is never named: a nightmare
rewritten and rehearsed, sensations brought on on purpose, options for a bad case with a fallback,
a card to carry, a domestic abuse risk checklist asked, confidentiality's limits explained, crisis
numbers given, a ruler followed up. Never from the client's words; one ordinary phrase names nothing.
The lines are written here, in other words than any session's."""

from __future__ import annotations

import pytest

from session_assistant.drafting.session_facts import continued_sentence, detect_interventions, interventions_sentence
from session_assistant.drafting.transcript_input import parse_transcript
from short_sessions import approaches, clinician_turns


@pytest.mark.parametrize("lines, approach, technique", [
    (("How did the rewritten nightmare go, the one where the lorry stops in time?",
      "Keep rehearsing the new ending to the dream for ten minutes at bedtime."),
     "imagery rehearsal therapy (IRT)", "daily rehearsal"),
    (("We're going to bring on that breathless feeling on purpose, by running on the spot.",),
     "exposure", "interoceptive exposure"),
    (("If the train is cancelled and the platform is packed, what could you do?", "So the taxi rank is your fallback plan."),
     "problem solving", "contingency plans"),
    (("Let's put that on a card you can keep in your wallet.",), "coping card", "coping card"),
    (("Has he ever threatened to kill you?", "Has he ever had his hands round your neck?", "Are you afraid of him?"),
     "domestic abuse risk assessment", "strangulation"),
    (("Before we go on: what you tell me stays between us, except if I think a child could be harmed.",),
     "limits of confidentiality explained", "limits of confidentiality explained"),
    (("If the urges got stronger tonight, you could ring the Samaritans, any hour.",), "safety planning", "crisis contacts"),
    (("That's your brain trying to protect you, it's doing its job too well.",), "psychoeducation", "psychoeducation"),
    (("How important is it to you to cut down, nought to ten?", "What makes it a six and not a three?"),
     "motivational interviewing", "eliciting change talk"),
    (("How have your days been since we spoke?", "Just five minutes in the garden, then back in if you like."),
     "behavioural activation", "graded steps"),
    (("What's the evidence on the other side?", "How much do you believe it now?"),
     "cognitive restructuring (CBT)", "belief ratings"),
    # couple and trauma work done, not named (unseen 122, 123 showed these unnamed)
    (("Whoever holds the pen has the floor.", "Tom, just say back what you heard her say, don't reply yet."),
     "couple communication skills", "speaker-listener technique"),
    (("For now we take sex off the table entirely, so nobody is waiting for it.",), "sensate focus", "sensate focus"),
    (("You're at the roadside again. Now tell yourself what you know now about the brakes.",),
     "trauma memory updating", "hotspot updated with what is known now"),
])
def test_work_done_in_the_clinicians_words_names_its_approach(lines, approach, technique):
    assert technique in approaches(clinician_turns(*lines)).get(approach, [])


@pytest.mark.parametrize("alone, with_more, approach", [
    # a belief rated alone: compassion-focused work and exposure rate beliefs too
    (("How much do you believe it now?",), ("And the evidence from your sister?",), "cognitive restructuring (CBT)"),
    # "what could you do?" in danger is a safety plan's step, not options for a problem
    (("If you feel unsafe tonight, what could you do?", "What got in the way of the diary?"),
     ("If the shop is shut, what could you do?",), "problem solving"),
    # weapons and leaving are asked of many risks; the checklist asks about him
    (("Does he have access to any weapons?", "Are you thinking about leaving?"), ("Has he ever threatened to kill you?",),
     "domestic abuse risk assessment"),
    (("How have your days been since we spoke?",), ("Maybe one small step this week?",), "behavioural activation"),
])
def test_one_ordinary_phrase_or_a_safety_step_names_nothing(alone, with_more, approach):
    assert approach not in approaches(clinician_turns(*alone))
    assert approach in approaches(clinician_turns(*alone, *with_more))


def test_the_clients_own_words_name_no_intervention():
    words = "I rehearsed the new ending to the dream, and kept the nightmare log."
    assert approaches(parse_transcript(f"Clinician: What helped this week?\nClient: {words}")) == {}
    assert "imagery rehearsal therapy (IRT)" in approaches(parse_transcript(f"Client: What helped?\nClinician: {words}"))


def test_the_line_names_a_technique_once_and_crisis_numbers_alone_are_not_continued():
    found = detect_interventions(clinician_turns("Some of these feelings are really common for autistic adults.",
                                                 "There's a thing called a reasonable adjustment at work.",
                                                 "If the thoughts got worse, ring the Samaritans.", "And Samaritans is free."))
    assert "psychoeducation (reasonable adjustments)" in interventions_sentence(found)
    assert "safety planning (crisis contacts)" in interventions_sentence(found)
    assert continued_sentence(found) is None


def test_what_the_client_gives_for_a_card_is_the_work_done_and_a_plain_yes_gives_nothing():
    from session_assistant.drafting.room_work import room_work

    given = parse_transcript("Clinician: Shall we put that on a card for your bag?\n"
                             "Client: Yes please. First, breathe out slowly. Second, text Sam.")
    assert ('card written in session, as the client gave it ("First, breathe out slowly. Second, text Sam.")'
            in [w.label for w in room_work(given)])
    agreed = parse_transcript("Clinician: Shall we write it on a card?\nClient: Yeah, fine. My mum will laugh, but yeah.")
    assert not any(w.label.startswith("card written") for w in room_work(agreed))


def test_an_exercise_led_now_for_a_set_time_is_quoted_and_the_same_as_homework_is_not():
    from session_assistant.drafting.room_work import room_work

    led = parse_transcript("Clinician: Right, breathe through this thin straw for two minutes, and I'll time you.\nClient: Okay. Going.")
    assert ('exercise led in session, as the clinician set it ("Right, breathe through this thin straw for two minutes, '
            'and I\'ll time you.")' in [w.label for w in room_work(led)])
    set_for_home = parse_transcript("Clinician: At home, breathe through the straw for two minutes each evening.\nClient: Fine.")
    assert not any(w.label.startswith("exercise led") for w in room_work(set_for_home))


def test_a_risk_assessment_asked_in_a_passive_wishs_words_is_named_and_one_double_question_is_a_screen():
    followed_up = clinician_turns("Do you ever feel that life isn't worth living?", "Have you ever saved up any pills?")
    assert approaches(followed_up).get("suicide risk assessment") == ["ideation", "access to means"]
    one_line = clinician_turns("Have you thought about doing anything to end your life, or made any plans?")
    assert "suicide risk assessment" not in approaches(one_line)
