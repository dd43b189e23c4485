"""Paraphrase stress test of the Plan rules (next session, homework agreed, referral offered).

Why: each rule was written on the sessions its writer read, so it fires on their phrases and leaves
new sessions unchanged. Here each trigger is said as other therapists and clients say it (British
and American, formal and casual), invented for this test, never taken from sessions 01-48; and near
misses (the past, a habit, something said in passing) that must stay silent."""

from __future__ import annotations

import pytest

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from short_sessions import after_an_opening

_MIDDLE = ("Clinician: What stood out this week?\nClient: The argument on Sunday, mostly.\n"
           "Clinician: That sounds hard.\nClient: It was.\n")
_END = "\nClinician: Good. Anything else before we stop?\nClient: No, that's everything."


def _plan(closing: str) -> str:
    """The Plan's rule lines, one text, for a session ending with ``closing``."""
    utterances = after_an_opening(_MIDDLE + closing + _END, opening_rounds=4)
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(utterances), None, "client")
    return " | ".join(line.text for line in lines if line.section == "plan")


# (closing lines, a phrase the Plan must then say)
NEXT_SESSION = [
    ("Clinician: Same time next week?\nClient: Yeah, go on then.", "next week"),
    ("Clinician: Let's pencil in the 14th, then.\nClient: The 14th is fine.", "the 14th"),
    ("Clinician: I'll see you after the holidays, then.\nClient: Yes, see you then.", "after the holidays"),
    ("Clinician: Shall we say Thursday week, half past two?\nClient: That works.", "Thursday"),
    ("Clinician: Let's book you in for a fortnight's time.\nClient: Okay.", "fortnight"),
    ("Clinician: Can I see you again on the 3rd of March?\nClient: Sure.", "the 3rd"),
    ("Clinician: Does the same slot on Tuesday work for you?\nClient: Yep, Tuesday's good.", "Tuesday"),
    ("Clinician: Let's regroup in two weeks.\nClient: Sounds good.", "in two weeks"),
    ("Clinician: I'll put you in the diary for the 21st.\nClient: Lovely.", "the 21st"),
    ("Clinician: Back here in a month?\nClient: Yeah, a month sounds right.", "in a month"),
    ("Clinician: Let's touch base again in three weeks.\nClient: Okay.", "in three weeks"),
    ("Clinician: I'll see you in the new year.\nClient: Happy Christmas.", "in the new year"),
]
NOT_NEXT_SESSION = [
    "Clinician: We did that last week, didn't we?\nClient: We did.",
    "Clinician: Did you see your mum after the holidays?\nClient: Briefly.",
    "Clinician: Your sister's visit is on the 14th?\nClient: Yeah, for a week.",
    "Clinician: You said it got worse in two weeks after the move.\nClient: About that.",
]

# (closing lines, a phrase of the homework the Plan must then quote)
HOMEWORK = [
    ("Clinician: Could you try noticing when the worry kicks in, before we next meet?\nClient: Yeah, I can do that.",
     "noticing when the worry"),
    ("Clinician: Your experiment for the week is to say no to one extra shift.\nClient: Go on then.", "say no to one"),
    ("Clinician: I'd like you to jot down three things that went okay each evening.\nClient: I suppose.",
     "jot down three things"),
    ("Clinician: Between now and next time, maybe keep a note of what you eat after nine.\nClient: Okay.",
     "keep a note of what you eat"),
    ("Clinician: How would you feel about texting Sam one evening this week?\nClient: Yeah, alright.", "texting Sam"),
    ("Clinician: Why don't you give the breathing a go on the train?\nClient: Yeah, I could.", "breathing a go"),
    ("Clinician: It might be worth trying the wind-down routine a couple of nights.\nClient: Mm, I'll give it a go.",
     "wind-down routine"),
    ("Clinician: See if you can get out for a short walk on two mornings.\nClient: Sure.", "short walk"),
    ("Clinician: I want you to try ordering at the counter yourself this week.\nClient: Scary, but okay.",
     "ordering at the counter"),
    ("Clinician: The task for this week is just to notice the urge and wait ten minutes.\nClient: Worth a shot.",
     "notice the urge"),
    ("Clinician: Would it be possible to fill in the sleep diary each morning?\nClient: Happy to.", "sleep diary"),
    ("Clinician: Maybe have a go at the thought record when you get home from work.\nClient: Can do.",
     "thought record"),
]
NOT_HOMEWORK = [
    "Clinician: You used to keep a diary, didn't you?\nClient: I used to keep a diary, yeah.",
    "Clinician: Could you tell me more about the shift?\nClient: Sure, it was nights.",
    "Clinician: Why don't you give it a go now, here with me?\nClient: Okay.",
    "Clinician: I'd like you to take a breath right now.\nClient: Okay.",
    "Clinician: How would you feel about texting Sam one evening this week?\nClient: Not really, no.",
    "Clinician: I want you to try ordering at the counter yourself this week.\nClient: I don't think I can.",
    "Clinician: How would you feel about that, this week of all weeks?\nClient: Sure, fine I suppose.",
    "Clinician: It might be worth thinking about why the evenings are hardest.\nClient: Yeah, I suppose.",
    "Clinician: I'd like you to close your eyes and picture the kitchen on Sunday.\nClient: Okay.",
    "Clinician: I want you to know that every week you come in counts.\nClient: Okay, thanks.",
]

# (closing lines, a phrase of the referral the Plan must then quote)
REFERRAL = [
    ("Clinician: I'm going to put you in touch with a colleague who runs a sleep clinic.\nClient: Okay.", "sleep clinic"),
    ("Clinician: I think it'd be good to loop in your GP about the tablets.\nClient: Fair enough.", "loop in your GP"),
    ("Clinician: I can pass your details on to the eating disorders service.\nClient: Yes, please.",
     "eating disorders service"),
    ("Clinician: It might help to have a chat with your doctor about the dose.\nClient: I suppose.", "your doctor"),
    ("Clinician: Would you consider seeing a psychiatrist for an assessment?\nClient: Maybe.", "psychiatrist"),
    ("Clinician: I'd encourage you to look into Al-Anon meetings near you.\nClient: I'll look.", "Al-Anon"),
    ("Clinician: I'm gonna connect you with our intake team for the IOP.\nClient: Okay, cool.", "intake team"),
    # said as the clinician's own act (therapy16t; 50 and 54 lost theirs): invented wordings
    ("Clinician: I'd like to put you in touch with the perinatal team, they're lovely.\nClient: Okay, yeah.",
     "perinatal team"),
    ("Clinician: I'll make a referral to the community drug and alcohol service today.\nClient: Right.",
     "drug and alcohol service"),
    ("Clinician: I'm going to let your GP know about the nightmares.\nClient: That's fine.", "let your GP know"),
    ("Clinician: With your permission, I'll share this with your care coordinator.\nClient: Yes, that's okay.",
     "care coordinator"),
    ("Clinician: Can I refer you on to the women's aid advocate?\nClient: Yes. Please.", "advocate"),
    ("Clinician: I'm referring you to the memory clinic today.\nClient: Okay.", "memory clinic"),
    ("Clinician: Would you agree to me making the referral to the advocacy worker this afternoon?\n"
     "Client: Yes, I agree.", "advocacy worker"),
    ("Clinician: I can ask the psychiatrist to see you sooner than June.\nClient: Yeah, okay.", "psychiatrist"),
    ("Clinician: I'll let the school nurse know, if that's alright with you.\nClient: Yeah, fine.", "school nurse"),
    # a long explanation: the referral is kept, cut to its clause
    ("Clinician: Because of how serious this is, I want to refer you to a service with a specialist caseworker, who "
     "can help with the housing, with the legal side, with the money, and with the kids as well.\nClient: Okay.",
     "specialist caseworker"),
    ("Clinician: With your okay, I'm going to tell the health visitor what you've told me.\nClient: That's fine.",
     "health visitor"),
]
# An appointment elsewhere the clinician books is the clinician's follow-up: (closing, phrase)
BOOKED = [
    ("Clinician: I'll rebook your blood test at the surgery, an afternoon one.\nClient: Afternoon's better.",
     "rebook your blood test"),
    ("Clinician: I'll arrange a home visit from the occupational therapist.\nClient: Okay.", "home visit"),
]
# Consent asked and given: the Plan says the client agreed (the referral line or the clinician's task).
CONSENTED = [
    "Clinician: Would you be okay with me writing to the housing officer about the damp?\nClient: Yeah, go for it.",
    "Clinician: Are you happy for me to refer you to the pain clinic?\nClient: Yes, please do.",
]
# A referral declined stays declined: the client's answer is quoted with it, never "agreed".
DECLINED = [
    ("Clinician: Would you like me to refer you to the alcohol team?\nClient: No. Not right now, thanks.",
     "Not right now"),
    ("Clinician: I could put you in touch with a carers' group.\nClient: I'd rather not, to be honest.",
     "rather not"),
]
NOT_REFERRAL = [
    "Clinician: Your GP said the bloods were fine?\nClient: Yeah, all normal.",
    "Clinician: You went to a support group once, you said.\nClient: I used to, years ago.",
    "Clinician: We talked about the clinic last week.\nClient: We did.",
    "Clinician: The GP referred you to us in March, didn't she?\nClient: Yeah, after the second time.",
    "Clinician: I'll let you know if I'm running late next week.\nClient: No worries.",
    "Clinician: Did your sister share it with your dad in the end?\nClient: She did, yeah.",
    "Clinician: Did anyone ever put you in touch with a service before?\nClient: Not really.",
]


@pytest.mark.parametrize(("closing", "phrase"), NEXT_SESSION)
def test_a_next_session_said_in_other_words_is_the_plans(closing, phrase):
    plan = _plan(closing)
    assert "Next session:" in plan and phrase.lower() in plan.lower(), plan


@pytest.mark.parametrize("closing", NOT_NEXT_SESSION)
def test_a_time_said_about_something_else_is_no_next_session(closing):
    assert "Next session:" not in _plan(closing)


@pytest.mark.parametrize(("closing", "phrase"), HOMEWORK)
def test_homework_proposed_in_other_words_and_agreed_is_the_plans(closing, phrase):
    plan = _plan(closing)
    assert phrase.lower() in plan.lower(), plan


@pytest.mark.parametrize("closing", NOT_HOMEWORK)
def test_the_past_the_room_or_a_refusal_is_no_homework(closing):
    plan = _plan(closing)
    assert "Agreed for the coming week" not in plan and "Homework given" not in plan, plan


@pytest.mark.parametrize(("closing", "phrase"), REFERRAL)
def test_a_referral_offered_in_other_words_is_the_plans(closing, phrase):
    plan = _plan(closing)
    assert "Referral offered" in plan and phrase.lower() in plan.lower(), plan


@pytest.mark.parametrize(("closing", "phrase"), BOOKED)
def test_an_appointment_the_clinician_books_is_the_plans(closing, phrase):
    plan = _plan(closing)
    assert phrase in plan, plan


@pytest.mark.parametrize("closing", CONSENTED)
def test_a_referral_consented_to_carries_the_consent(closing):
    plan = _plan(closing)
    assert "client agreed" in plan or '(client: "Y' in plan, plan


@pytest.mark.parametrize(("closing", "answer"), DECLINED)
def test_a_referral_declined_is_quoted_with_the_refusal(closing, answer):
    plan = _plan(closing)
    assert "Referral offered" in plan and answer in plan and "client agreed" not in plan, plan


def test_a_recap_that_asks_something_else_gives_the_referral_no_answer():
    plan = _plan("Clinician: So, to go over it. I'm referring you to the memory clinic. The diary stays by the bed. "
                 "A walk after lunch. Does your son know you come here?\nClient: No, he thinks I'm at bingo.")
    assert "memory clinic" in plan and "bingo" not in plan, plan


@pytest.mark.parametrize("closing", NOT_REFERRAL)
def test_a_doctor_or_group_mentioned_without_an_offer_is_no_referral(closing):
    assert "Referral offered" not in _plan(closing)


# Work proposed in the room (the Assessment's response to interventions): (closing lines, how taken up)
WORK = [
    ("Clinician: Fancy giving it a try now, while I'm here?\nClient: Go on then.", "agreed"),
    ("Clinician: Do you feel ready to start the first step today?\nClient: I suppose so.", "agreed"),
    ("Clinician: How would you feel about trying the breathing with me for a minute?\nClient: Yeah, okay.", "agreed"),
    ("Clinician: Is it okay if we run through the memory once more?\nClient: I'd rather not, not today.", "declined"),
    ("Clinician: Let's give the chair work a go, yeah?\nClient: Alright, let's do it.", "agreed"),
    ("Clinician: Shall we have a crack at the first rung of the ladder?\nClient: Mm, not yet.", "declined"),
]
NOT_WORK = [
    "Clinician: How would you feel about that?\nClient: Sad, honestly.",
    "Clinician: Do you feel ready for the holidays?\nClient: Not really.",
    "Clinician: Is it okay if I ask about your dad?\nClient: Sure.",
    "Clinician: Let's give it a go next week, yeah?\nClient: Okay.",
]


def _work(closing: str) -> list:
    from session_assistant.drafting.risk import mentions_risk
    from session_assistant.drafting.work_taken_up import work_taken_up

    return work_taken_up(after_an_opening(_MIDDLE + closing + _END, opening_rounds=4), mentions_risk)


@pytest.mark.parametrize(("closing", "how"), WORK)
def test_work_proposed_in_other_words_is_taken_up_or_declined(closing, how):
    found = _work(closing)
    assert [item[0] for item in found] == [how], found


@pytest.mark.parametrize("closing", NOT_WORK)
def test_a_feeling_asked_a_permission_or_the_week_is_no_work_taken_up(closing):
    assert _work(closing) == []


# Change talk and sustain talk in other words (the Assessment's stage of change): (client line, side, category)
TALK = [
    ("I'd love to be off it by the summer.", "change", "desire"),
    ("I'm sick of feeling like this every Monday.", "change", "desire"),
    ("I think I'm able to do a week, honestly.", "change", "ability"),
    ("It's doing my head in, the money side.", "change", "reasons"),
    ("My kids deserve better than this.", "change", "reasons"),
    ("Something's got to give.", "change", "need"),
    ("I've made my mind up.", "change", "commitment"),
    ("I'm up for giving it a go.", "change", "activation"),
    ("I haven't had a drink since Friday.", "change", "taking steps"),
    ("I poured the lot down the sink on Sunday.", "change", "taking steps"),
    ("It's the only thing that takes the edge off.", "sustain", "reasons"),
    ("Honestly, I don't see the problem.", "sustain", "reasons"),
    ("I'm not ready to give it up.", "sustain", "activation"),
]
NOT_TALK = [
    "She said she's sick of it.",
    "I haven't had a chance to think about it.",
    "I threw a party on Friday.",
    "I'd love a cup of tea after this.",
    "The kids deserve a holiday.",
]


def _talk(line: str):
    from session_assistant.drafting.change_talk import talk_counts
    from session_assistant.drafting.transcript_input import parse_transcript

    return talk_counts(parse_transcript(f"Clinician: How are things?\nClient: {line}"))


@pytest.mark.parametrize(("line", "side", "category"), TALK)
def test_change_and_sustain_talk_in_other_words_is_counted(line, side, category):
    count = _talk(line)
    assert category in getattr(count, side), (count.change, count.sustain)


@pytest.mark.parametrize("line", NOT_TALK)
def test_someone_elses_words_or_a_different_sense_is_no_talk(line):
    count = _talk(line)
    assert not count.change and not count.sustain, (count.change, count.sustain)


@pytest.mark.parametrize("closing", [
    "Clinician: I want to see you earlier than in two weeks, with everything going on. Could you manage Friday at ten?\n"
    "Client: Friday's fine.",
    "Clinician: Rather than two weeks, I'd like you back on Wednesday at three. Does that suit?\n"
    "Client: Yes, Wednesday works.",
])
def test_an_interval_the_next_visit_is_not_stays_out_of_the_plan(closing):
    # 52: "I'd like to see you sooner than two weeks ... Can you do Monday, at two?" gave "two weeks, Monday at two".
    plan = _plan(closing)
    assert "Next session:" in plan and "month" not in plan and "two weeks" not in plan, plan


def test_a_check_in_call_named_with_the_visit_is_not_the_visit():
    # 52's recap "ring you Thursday after four, see you Monday at two" gave "Next session: Thursday, Monday at two."
    plan = _plan("Clinician: So: I'll phone you Wednesday morning, and see you Friday at nine.\nClient: Great, thanks.")
    assert "Next session: Friday at nine" in plan and "Wednesday" not in plan.split("Next session:")[1].split("|")[0], plan


def test_a_call_that_is_the_next_phone_session_stays_the_next_session():
    plan = _plan("Clinician: I'll phone you again next Tuesday, same time, ten?\nClient: Ten's fine.")
    assert "Next session:" in plan and "Tuesday" in plan.split("Next session:")[1].split("|")[0], plan
