"""Plan and Assessment rules of issue 16 (therapy16n): the week's homework settled over several
lines after the clinician opens it, a request for the room ("once more") never taken for homework,
a crisis instruction never taken for the week's homework, the next visit's interval as agreed (a
fortnight, not the week the clinician is away), maintaining factors the clinician named, and how the
client took up the work proposed. Fictional exchanges written for these tests."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.plan_said import homework_given, next_session_sentence
from session_assistant.drafting.risk import mentions_risk
from short_sessions import after_an_opening

WEEK = after_an_opening(
    "Clinician: Let's try the exercise by the window. Are you up for it?\n"
    "Client: Alright. Go on.\n"
    "Clinician: How anxious, nought to a hundred?\n"
    "Client: Seventy.\n"
    "Clinician: Would you be willing to do it once more, with your glasses off?\n"
    "Client: (pause) Yeah. Go on.\n"
    "Clinician: And now?\n"
    "Client: Forty. It wasn't as bad as I thought.\n"
    "Clinician: So for this week, what feels doable?\n"
    "Client: The diary again. And the bus, two stops, on my own. Twice.\n"
    "Clinician: Twice, two stops. Write the prediction down first. And the window?\n"
    "Client: I could do it at home, once a day, in the kitchen.\n"
    "Clinician: Once a day, ten minutes, and rate it before and after.\n"
    "Client: Okay.\n"
    "Clinician: Same time next Monday?\n"
    "Client: Monday's fine.", opening_rounds=3)


def test_the_week_settled_over_several_lines_is_kept_and_the_request_for_the_room_is_not():
    said = " | ".join(text for text, *_ in homework_agreed(WEEK))
    assert "The diary again. And the bus, two stops, on my own." in said
    assert "Write the prediction down first." in said
    assert "I could do it at home, once a day, in the kitchen." in said
    assert "Once a day, ten minutes, and rate it before and after." in said
    assert "once more" not in said and "Same time" not in said


def test_the_plan_line_quotes_the_week_with_its_lines():
    lines, _ = fact_lines(get_format("soap"), SourceIndex(WEEK), None, "client")
    plan = [line for line in lines if line.section == "plan" and line.text.startswith("Agreed for the coming week")]
    assert len(plan) == 1 and "The diary again." in plan[0].text and "once more" not in plan[0].text
    said = {u.id: u.text for u in WEEK}
    assert all(i in said for i in plan[0].evidence)
    assert any("The diary again" in said[i] for i in plan[0].evidence)


def test_an_item_named_then_asked_with_its_imperative_is_homework():
    found = homework_agreed(after_an_opening(
        "Clinician: The letter, one paragraph. Bring it or don't.\n"
        "Client: Okay.\n"
        "Clinician: And the breathing, keep going in the car, and maybe add it once in the evening?\n"
        "Client: I can try that.\n"
        "Clinician: Same time next week?\n"
        "Client: Yes.", opening_rounds=4))
    assert any(text.startswith("And the breathing, keep going in the car") and answer == "I can try that."
               for text, _, answer, *_ in found)


def test_a_crisis_instruction_is_not_the_weeks_homework():
    session = after_an_opening(
        "Clinician: Could you jot down a number after the walk, nought to ten?\n"
        "Client: I can do that on my phone.\n"
        "Clinician: And remember, between now and then, if those thoughts get stronger, you use the sheet, you ring your sister or the crisis line.\n"
        "Client: I will.", opening_rounds=4)
    assert homework_given(session) is None
    assert any(text.startswith("Could you jot down a number") for text, *_ in homework_agreed(session))


def test_the_interval_agreed_is_kept_not_the_week_the_clinician_is_away():
    text, _ = next_session_sentence(after_an_opening(
        "Clinician: Brilliant. Same time in a fortnight? I'm away next week. Tuesday the fourteenth, quarter past eleven.\n"
        "Client: Quarter past eleven. I'll put it on the calendar.", opening_rounds=4))
    assert text == "Next session: in a fortnight, Tuesday, the fourteenth, at quarter past eleven."


def test_an_interval_asked_with_the_day_goes_with_the_day_and_hour():
    text, _ = next_session_sentence(after_an_opening(
        "Clinician: Same slot in two weeks? Friday at nine?\n"
        "Client: Friday at nine. That's fine.", opening_rounds=4))
    assert text == "Next session: in two weeks, Friday at nine."


def test_maintaining_factors_are_quoted_as_the_clinician_linked_them():
    from session_assistant.drafting.maintaining_said import maintaining_named  # new in this branch: fails on main
    session = after_an_opening(
        "Clinician: So the checking brings the worry down for a moment. It buys a few minutes of relief, and then the doubt comes back.\n"
        "Client: That's it exactly.\n"
        "Clinician: And the more you look up symptoms, the worse the worry gets.\n"
        "Client: Yeah.\n"
        "Clinician: And keep the diary going.\n"
        "Client: Okay.", opening_rounds=2)
    said = [text for text, _ in maintaining_named(session, mentions_risk)]
    assert said == ["It buys a few minutes of relief, and then the doubt comes back.",
                    "And the more you look up symptoms, the worse the worry gets."]
    lines, _ = fact_lines(get_format("soap"), SourceIndex(session), None, "client")
    assert any(line.section == "assessment" and line.text.startswith("Maintaining factors") for line in lines)


def test_how_the_client_took_up_the_work_is_quoted_with_the_proposal():
    from session_assistant.drafting.work_taken_up import reactions, work_taken_up  # new in this branch
    found = work_taken_up(WEEK, mentions_risk)
    assert [(how, proposal) for how, proposal, *_ in found] == [
        ("agreed", "Let's try the exercise by the window. Are you up for it?"),
        ("agreed", "Would you be willing to do it once more, with your glasses off?")]
    assert [text for text, _ in reactions(WEEK, mentions_risk)] == ["It wasn't as bad as I thought."]
    refused = work_taken_up(after_an_opening("Clinician: Would you be willing to try it in the room?\n"
                                             "Client: No, not today.", opening_rounds=2), mentions_risk)
    assert refused and refused[0][0] == "declined"


def test_a_rating_reflected_from_one_hundred_fell():
    from session_assistant.drafting.session_done import rating_changes
    from session_assistant.drafting.transcript_input import parse_transcript
    found = rating_changes(parse_transcript("Clinician: And how much do you believe it now?\nClient: Twenty, maybe.\n"
                                            "Clinician: From one hundred to twenty.\nClient: Yeah."))
    assert [(text, how) for text, how, _ in found] == [("From one hundred to twenty.", "lower")]


def test_a_closing_recap_that_ends_with_the_crisis_card_keeps_its_items():
    found = homework_agreed(after_an_opening(
        "Clinician: Okay. So, the bakery on Friday with your earphones, staying till you've paid. The mood diary. "
        "Phone in the hall at eleven. And the crisis card if things get worse. I'll speak to your nurse today.\n"
        "Client: Got it.\n"
        "Clinician: Same time next week?\n"
        "Client: Yes.", opening_rounds=4))
    assert [(text, answer) for text, _, answer, *_ in found] == [
        ("Okay. So, the bakery on Friday with your earphones, staying till you've paid. The mood diary. Phone in the hall at eleven.",
         "Got it.")]


def test_a_referral_offered_early_while_reviewing_the_tablets_is_kept():
    from session_assistant.drafting.plan_said import referrals_offered
    from session_assistant.drafting.transcript_input import parse_transcript
    session = parse_transcript(
        "Clinician: And the tablets, they started you on sertraline?\nClient: Yes, the mornings are foggy.\n"
        "Clinician: The foggy mornings are worth mentioning to Dr. Ames when you see her.\nClient: I see her on Friday.\n"
        "Clinician: Your doctor sent a letter.\nClient: Okay.\n"
        + "Clinician: How was the week?\nClient: Busy.\n" * 4)
    assert [(text, ids) for text, _, ids in referrals_offered(session)] == [
        ("The foggy mornings are worth mentioning to Dr. Ames when you see her.", [2, 3])]


def test_a_count_set_against_an_earlier_frequency_is_progress():
    from session_assistant.drafting.analysis_said import progress_compared
    from session_assistant.drafting.transcript_input import parse_transcript
    found = progress_compared(parse_transcript(
        "Client: So two days. Eighty quid.\n"
        "Clinician: Two days this week. And before we started, you were saying it was most days.\nClient: Yeah."))
    assert found == [("Two days this week. And before we started, you were saying it was most days.", [1])]


def test_a_line_about_the_next_visit_is_no_recap():
    found = homework_agreed(after_an_opening(
        "Clinician: No promises. Fair. So, normally we'd do two weeks. Given the party, do you want to do next week?\n"
        "Client: Yeah. Yeah, I think next week.", opening_rounds=4))
    assert found == []
