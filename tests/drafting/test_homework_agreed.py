"""Homework agreed in back-and-forth, with no line announcing it: the clinician proposes and the
client agrees, the client proposes and the clinician takes it up, a closing recap the client agrees
to, and a referral said in passing. Nothing proposed for the room itself, nor a safety plan's steps."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.plan_said import referrals_offered
from session_assistant.drafting.transcript_input import parse_transcript
from short_sessions import after_an_opening


def _session(closing: str):
    return after_an_opening(closing, opening_rounds=3)


AGREED = _session(
    "Clinician: Can we practise what you'd say to her? I'll be your sister.\n"
    "Client: Okay.\n"
    "Clinician: Could you keep a note of the evenings when you argue? Just the time and what set it off.\n"
    "Client: On my phone, sure.\n"
    "Clinician: What could you do on Sunday instead of staying in?\n"
    "Client: Walk to the market with my neighbour.\n"
    "Clinician: I like that.\n"
    "Client: And I'll text my sister on Wednesday about the visit.\n"
    "Clinician: So. The note of the evenings. The market on Sunday. And the text to your sister.\n"
    "Client: That's a lot, but yes.")


def test_items_agreed_line_by_line_are_quoted_with_each_answer():
    found = homework_agreed(AGREED)
    said = [(text, who, answer) for text, who, answer, _, _ in found]
    assert ("Could you keep a note of the evenings when you argue? Just the time and what set it off.", "clinician",
            "On my phone, sure.") in said
    assert ("Walk to the market with my neighbour.", "client", None) in said
    assert ("I'll text my sister on Wednesday about the visit", "client", None) in said
    assert said[-1][0].startswith("So. The note of the evenings.") and said[-1][2] == "That's a lot, but yes."
    assert not any("practise" in text for text, _, _ in said)  # the role-play was for the room


def test_the_agreed_items_are_the_plans_line_when_no_homework_was_announced():
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(AGREED), None, "client")
    plan = [line.text for line in lines if line.section == "plan"]
    assert any(t.startswith("Agreed for the coming week, as said in session: ") and 'client: "Walk to the market' in t
               for t in plan)


def test_a_refusal_or_a_safety_plan_step_is_not_agreed_homework():
    refused = _session("Clinician: Could you go to the gym twice this week?\nClient: No, not this week.")
    assert homework_agreed(refused) == []
    safety = _session("Clinician: Let's go through your safety plan. Warning signs first.\nClient: Not sleeping.\n"
                      "Clinician: Walk the dog, call your brother. What else?\nClient: Okay, music too.")
    assert homework_agreed(safety) == []


def test_a_referral_said_in_passing_is_offered():
    found = referrals_offered(_session("Clinician: That's a good question for your doctor.\n"
                                       "Client: I see her next month.\n"
                                       "Clinician: And there's a recovery meeting on Thursdays, online.\n"
                                       "Client: Maybe."))
    assert [text for text, _, _ in found] == ["That's a good question for your doctor.",
                                              "There's a recovery meeting on Thursdays, online."]


def test_a_phrase_the_clinician_said_back_word_for_word_is_the_clients_quote():
    from session_assistant.drafting.session_said import client_quotes

    lines = parse_transcript("Clinician: How was the weekend?\n"
                             "Client: Long. It's like I'm running on an empty tank all the time.\n"
                             "Clinician: Running on an empty tank. Tell me more.\n"
                             "Client: Work, the kids, nothing left over.\n"
                             "Clinician: Mm. And the kids?")
    assert client_quotes(lines) == [("It's like I'm running on an empty tank all the time.", 1)]


def test_a_question_about_history_or_a_habit_is_no_proposal():
    # Real consultations (PriMock57) had "And do you drink much?" - "Uh, no ..." and "What about
    # alcohol?" read as agreed homework, and "maybe I'll once or twice a month ... I'll go out and
    # drink a lot" as a plan.
    session = _session("Clinician: And do you drink much in the way of alcohol?\nClient: Uh, no, I don't drink.\n"
                       "Clinician: What about alcohol at weekends?\nClient: Yeah, a bit.\n"
                       "Clinician: Okay.\nClient: Maybe once or twice a month I'll go out with friends and drink a lot.\n"
                       "Clinician: Okay. What about noon for the last coffee?\nClient: Noon I could do.")
    assert [(text, who) for text, who, *_ in homework_agreed(session)] == [
        ("What about noon for the last coffee?", "clinician")]


def test_courtesy_said_back_is_no_quote():
    from session_assistant.drafting.session_said import client_quotes

    lines = parse_transcript("Client: Thank you very much for seeing me.\nClinician: Thank you very much. Sit down.\n"
                             "Client: I'm doing well today, honestly.\nClinician: Doing well today. Good.")
    assert client_quotes(lines) == []


def test_a_read_back_announced_by_the_clinician_keeps_every_item_however_worded():
    # A recap too long and too varied for the fragment rule (a question first, items with a "to" of
    # someone else's task, an item naming its day): the announcement marks it.
    found = homework_agreed(after_an_opening(
        "Clinician: Let me just read that back to you, okay? Walk after lunch on three days, ten minutes is plenty. "
        "Your partner to put the car keys by the door. Ring your brother on Sunday evening. And the worry log when it "
        "spikes. See you next week.\n"
        "Client: That's loads. Yeah, no, I'll do it.", opening_rounds=6))
    [(said, who, answer, _, ids)] = found
    assert who == "clinician" and answer.endswith("I'll do it.")
    for item in ("Walk after lunch on three days", "Your partner to put the car keys", "Ring your brother on Sunday",
                 "And the worry log when it spikes."):
        assert item in said
    assert "See you" not in said and "read that back" not in said  # the next visit is the next-session rule's


def test_a_clients_promise_about_the_next_visit_is_not_homework():
    found = homework_agreed(after_an_opening("Clinician: Same time in two weeks, then?\n"
                                             "Client: If my sister can sit with Mum. I'll ring you if not.", opening_rounds=6))
    assert found == []


def test_imagery_led_in_the_room_is_not_homework():
    found = homework_agreed(after_an_opening(
        "Clinician: Can you bring your grandad to mind? Just as he was, his voice, his hands.\n"
        "Client: Yeah. He's in the shed, with the radio on.\n"
        "Clinician: Picture him turning to you. What does he say?\n"
        "Client: Okay. He says, you'll be alright, kiddo.", opening_rounds=6))
    assert found == []


def test_a_proposal_stops_before_the_next_visit_said_in_the_same_breath():
    found = homework_agreed(after_an_opening(
        "Clinician: Go to the class, and leave the phone in the locker. Okay, so same time next week, Monday at four?\n"
        "Client: Monday at four. I'll go. Thanks.", opening_rounds=6))
    assert [text for text, *_ in found] == ["Go to the class, and leave the phone in the locker."]


def test_a_summary_of_what_happened_agreed_with_a_yes_is_no_plan():
    # The clinician sums up the story told (past tense, nothing ahead) and the client says it is right:
    # a read-back of the session, not the week's homework. A read-back that looks ahead still is.
    found = homework_agreed(after_an_opening(
        "Clinician: Let me sum up and tell me if I've got it wrong. The landlord came round on Friday, he shouted at "
        "you in the hallway, you locked yourself in the bathroom and you didn't want to go out. There was trouble with him "
        "last winter too, when he changed the locks. And the letter came on Saturday.\n"
        "Client: Yeah. That's what happened.\n"
        "Clinician: Let me sum up the week then. Ring the housing officer on Monday, and keep the noise diary each night.\n"
        "Client: Yes, I'll do that.", opening_rounds=6))
    said = [text for text, *_ in found]
    assert not any("landlord" in text for text in said)
    assert any("housing officer" in text for text in said)


# A short recorded session (15 lines, the length of a check-in or of a clinician trying the app): the
# homework asked "for this week" and agreed is still the Plan's, though "okay" elsewhere agrees to nothing.
SHORT_SESSION = parse_transcript(
    "Clinician: Hi, come on in. How has the week been since we last met?\n"
    "Client: Honestly, a bit up and down. The panic came back twice, both times on the train to work.\n"
    "Clinician: Twice this week. How strong were they, from 0 to 10?\n"
    "Client: The first one was about an 8. The second was more like a 5, because I used the breathing.\n"
    "Clinician: That's a real change. Did you manage the thought record we agreed on last time?\n"
    "Client: I did 3 of them. I wrote down, I'm going to faint, and the evidence against it.\n"
    "Clinician: Let's look at one together. How much did you believe it at the time?\n"
    "Client: 90%. Afterwards, maybe 30%.\n"
    "Clinician: So the belief dropped from 90 to 30 once you looked at the evidence.\n"
    "Client: Yeah.\n"
    "Clinician: Have you had any thoughts of hurting yourself or ending your life?\n"
    "Client: No, nothing like that. I just want the panic to stop.\n"
    "Clinician: Thank you. For this week, could you ride the train two stops without your water bottle, "
    "and rate your anxiety before and after?\n"
    "Client: Okay. Two stops, no water bottle. I can try that.\n"
    "Clinician: Great. Let's meet again next Thursday at the same time.")


def test_in_a_short_session_the_homework_asked_for_the_week_is_agreed():
    found = homework_agreed(SHORT_SESSION)
    assert [(text.startswith("For this week, could you ride the train two stops"), answer) for text, _, answer, _, _ in found] == [
        (True, "Okay. Two stops, no water bottle. I can try that.")]


def test_in_a_short_session_an_okay_to_a_request_for_the_room_is_no_homework():
    short = parse_transcript("Clinician: How was the week?\nClient: Fine.\n"
                             "Clinician: Could you tell me more about the train?\nClient: Okay.\n"
                             "Clinician: Could you keep a diary?\nClient: Okay.\n")
    assert homework_agreed(short) == []
