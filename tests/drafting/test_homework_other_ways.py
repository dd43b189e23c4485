"""Homework given or agreed in other ways than the first rules knew: a bare "Okay, for the week."
followed by the items line by line, a summary "so you can write it down", a target asked for as
"What would be reasonable?", the item named before its imperative ("the Sunday review, try for both"),
the week settled in fragments after something else; and never a step of an exercise in the room."""

from __future__ import annotations

from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.plan_said import homework_given
from session_assistant.drafting.transcript_input import parse_transcript
from short_sessions import after_an_opening


def _session(closing: str):
    return after_an_opening(closing, opening_rounds=5)


def test_a_bare_cue_takes_the_clinicians_next_lines_as_the_items():
    found = homework_given(_session("Clinician: Not today. Okay, for the week.\nClient: Yeah.\n"
                                    "Clinician: The breathing, every morning. Twice if you can.\nClient: Twice. Okay.\n"
                                    "Clinician: And the log. Just the number, before and after.\nClient: Fine.\n"
                                    "Clinician: Friday at two?\nClient: Friday's good."))
    assert [text for text, _, _ in found] == ["The breathing, every morning. Twice if you can.",
                                              "And the log. Just the number, before and after."]


def test_a_summary_to_write_down_is_the_homework():
    found = homework_given(_session("Clinician: I'll summarize so you can write it down. Log every day. "
                                    "Lunch at one, snack at five.\nClient: Got it."))
    assert [(text, answer) for text, answer, _ in found] == [("Log every day. Lunch at one, snack at five.", "Got it.")]


def test_a_target_asked_for_is_the_clients_plan_and_a_counter_offer_is_not():
    found = homework_agreed(_session("Clinician: What's realistic?\nClient: Not ten. Ten is too early.\n"
                                     "Clinician: Okay. I'm not asking you to stop. What would be reasonable?\n"
                                     "Client: Off by midnight on weekends, and ten-thirty on weekdays.\nClinician: Good."))
    assert [(text, who) for text, who, *_ in found] == [("Off by midnight on weekends, and ten-thirty on weekdays.", "client")]


def test_an_item_named_before_its_imperative_and_a_recap_in_fragments_are_agreed():
    found = homework_agreed(_session(
        "Clinician: It helps some people. So Tuesday, library, ten, twenty minutes. Then Thursday, the same for the form.\n"
        "Client: Okay. Tuesday and Thursday.\n"
        "Clinician: And the weekly review, try for both Sundays.\nClient: I'll try.\nClinician: Good."))
    assert [text for text, *_ in found] == ["So Tuesday, library, ten, twenty minutes. Then Thursday, the same for the form.",
                                            "And the weekly review, try for both Sundays."]


def test_a_step_of_an_exercise_in_the_room_is_no_homework():
    found = homework_agreed(_session("Clinician: Close the lid.\nClient: Okay. It's closed.\n"
                                     "Clinician: Go to the beach for a second.\nClient: Yeah.\n"
                                     "Clinician: Put that on the card. And set a reminder for nine p.m. to read it.\n"
                                     "Client: Nine. Okay.\nClinician: Good."))
    assert [text for text, *_ in found] == ["Put that on the card. And set a reminder for nine p.m. to read it."]


def test_one_vocabulary_of_agreement_for_every_rule_reading_an_answer():
    from session_assistant.drafting import answers, homework_agreed, plan_said, session_said
    for module in (homework_agreed, plan_said, session_said):
        assert not any(name in vars(module) for name in ("_AGREES", "_REFUSES", "_YES"))
    assert answers.AGREES_FIRST.search("Got it.") and answers.AGREES.search("Watch. I'll put it on the watch.")
    assert not answers.AGREES.search("That sounds hard.") and answers.REFUSES.search("Um, I don't know.")


def test_a_read_back_after_safety_planning_that_asks_what_it_missed_keeps_the_week():
    # 47: "So, recap. ... Have I missed anything?" - "Don't think so." came right after the safety plan was
    # updated, so the whole read-back was taken for safety planning and the diary and the drinking limits
    # were missing from the Plan. A summary of the session read back is still no homework.
    from session_assistant.drafting.homework_agreed import agreed_sentence, homework_agreed
    lines = "\n".join(["Clinician: How was the week?", "Client: Fine, mostly."] * 10)
    text = lines + ("\nClinician: Let's go through your safety plan. Who is on it now?\nClient: My flatmate, Jess.\n"
                    "Clinician: That's honest. Okay. So, recap. Diary Fridays and Saturdays. Decide how much before you "
                    "go out, not alone. Tell Jess she's on the safety plan. Have I missed anything?\n"
                    "Client: Don't think so.\nClinician: Same time next week?\nClient: Yes.")
    found = homework_agreed(parse_transcript(text))
    said = agreed_sentence(found)
    assert "Diary Fridays and Saturdays" in said and "Decide how much before you go out" in said
    assert "safety plan" not in said and "Don't think so" not in said
    summary = lines + ("\nClinician: Let's go through your safety plan. Who is on it?\nClient: My brother.\n"
                       "Clinician: Let me sum up. The divorce became final on Monday and your mood has dropped. "
                       "You walk the dog each night. Did I get that right?\nClient: Yes, that's it.\n"
                       "Clinician: Same time next week?\nClient: Yes.")
    assert not any("divorce" in item[0] for item in homework_agreed(parse_transcript(summary)))


def test_a_referral_inside_a_read_back_is_the_referral_rules_and_takes_no_answer():
    # 47: the read-back's homework is quoted by the Plan's agreed line, and its referral ("I refer you to the
    # young adults team.") was lost with it, or shown as "GP, Monday." (client: "Don't think so.").
    from session_assistant.drafting.plan_said import referrals_offered
    lines = "\n".join(["Clinician: How was the week?", "Client: Fine, mostly."] * 10)
    text = lines + ("\nClinician: So, recap. GP, Monday. I refer you to the young adults team. Diary Fridays and "
                    "Saturdays. Have I missed anything?\nClient: Don't think so.\nClinician: Same time next week?\n"
                    "Client: Yes.")
    utterances = parse_transcript(text)
    recap = next(u for u in utterances if "recap" in u.text)
    found = referrals_offered(utterances, {recap.id}, (), ["Diary Fridays and Saturdays."])
    assert [(said, answer) for said, answer, _ in found] == [("I refer you to the young adults team.", None)]
