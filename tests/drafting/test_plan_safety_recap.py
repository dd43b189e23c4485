"""The Plan lines of plan22: the clinician's read-back of the agreements, the crisis steps taken in the
session (a crisis team rung from the room, how the client gets home, the crisis contacts given), the
course of treatment recommended at an assessment, numbered homework put as questions, and two wrong
lines fixed at their cause (a phone call to a relative quoted as the client's task; the next visit
quoted as a referral). Transcripts written for these tests; no model."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

OPENING = "\n".join(["Clinician: How have things been since we last met?", "Client: Busy. The kids have been hard work."] * 5)


def _plan(transcript: str) -> list[str]:
    utterances = parse_transcript(transcript)
    draft = assemble(get_format("soap"), {}, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    return [s.text for s in draft.section_sentences("plan")]


def _line(plan: list[str], opening: str) -> str:
    found = [text for text in plan if text.startswith(opening)]
    assert len(found) == 1, plan
    return found[0]


READ_BACK = OPENING + """
Clinician: Bedtimes have been the battle, then.
Client: Every night. She gets out of bed about ten times.
Clinician: Right, let's pull it all together. One: a wind-down routine from half seven, bath, book, lights out. Two: when she gets up, walk her back without talking, every time. Three: a sticker in the morning for staying in bed. And keep the bedtime log on the fridge.
Client: And the note for her nan.
Clinician: And the note for her nan, so she does the same on Saturdays. Next time is Wednesday the fourth at two.
Client: Wednesday the fourth. Fine."""


def test_a_numbered_read_back_is_quoted_item_by_item_with_the_item_the_client_added():
    line = _line(_plan(READ_BACK), "Agreed in session, as the clinician summed it up: ")
    for item in ('"A wind-down routine from half seven, bath, book, lights out"',
                 '"When she gets up, walk her back without talking, every time"',
                 '"A sticker in the morning for staying in bed"', '"Keep the bedtime log on the fridge"',
                 '"The note for her nan"'):
        assert item in line
    assert "Wednesday" not in line  # the next visit has its own line


def test_a_summary_of_the_session_is_no_read_back_of_agreements():
    plan = _plan(OPENING + """
Clinician: Let me summarise today. Your mood is lower, sleep is about five hours, and work has been hard.
Client: That's about right.
Clinician: We talked about your dad and the move. Same time next week?
Client: Yes.""")
    assert not any(text.startswith("Agreed in session, as the clinician summed it up") for text in plan)


CRISIS = OPENING + """
Clinician: You've told me you have the tablets saved and you've picked a date. I'm worried about your safety today.
Client: I know. I didn't mean to say it.
Clinician: I'd like to call the crisis team now, with you here, so they can see you today. Is that all right?
Client: Okay. Do it.
Clinician: (on the phone) Hello, I'm the counsellor at the Riverside practice. I have a woman with me with a plan to overdose this weekend. Could someone see her today? ... Four o'clock at home. Thank you.
Clinician: They'll visit you at home at four o'clock this afternoon. A nurse and a social worker.
Client: Four. Right.
Clinician: Could your brother come and pick you up from here? I'd rather you didn't drive today.
Client: He's off work. I'll text him.
Clinician: And tonight, if it gets too much, you can ring the Samaritans on 116 123, or go to A and E.
Client: Okay.
Clinician: I'm going to ask Dr Shah to see you before you leave, and I'll phone you tomorrow at nine. Then I'll see you here on Friday, alongside whatever the crisis team are doing.
Client: Thank you."""


def test_a_crisis_team_rung_from_the_room_is_in_the_plan_with_what_it_will_do():
    # that the call was made is the Objective's (room_acts); the Plan says what the team will do
    line = _line(_plan(CRISIS), "Crisis team follow-up, as the clinician reported after the call: ")
    assert "four o'clock this afternoon" in line


def test_who_takes_the_client_home_and_the_crisis_contacts_are_in_the_plan():
    plan = _plan(CRISIS)
    assert "pick you up" in _line(plan, "Getting home safely, as said in session: ")
    contacts = _line(plan, "Crisis contacts given, as said in session: ")
    assert "Samaritans on 116 123" in contacts and "A and E" in contacts


def test_the_next_visit_beside_the_crisis_team_is_no_referral():
    assert not any("I'll see you here on Friday" in text for text in _plan(CRISIS) if text.startswith("Referral offered"))


def test_a_call_to_a_relative_from_the_room_is_not_the_clients_agreed_task():
    plan = _plan(OPENING + "\n" + OPENING + """
Clinician: You're too shaken to drive home today.
Client: I know. I'm sorry.
Clinician: (phones) Hi, is that Mark? I'm with your wife at the clinic. Could you come and collect her after work? ... Half five. Thanks so much.
Client: (on the phone) Mark. I know. Yeah. Half five. Love you.
Clinician: Could you bring the mood diary on Monday and fill it in from tomorrow?
Client: Yes. I'll do it from tomorrow.""")
    assert not any("Could you come and collect her" in text for text in plan if text.startswith("Agreed for the coming week"))


def test_the_treatment_recommended_at_an_assessment_is_in_the_plan_with_the_answer():
    plan = _plan(OPENING + """
Clinician: From what you've told me, this sounds like an anxiety problem that has grown over the last year.
Client: That makes sense.
Clinician: What I'd recommend is a course of CBT for panic, probably six to ten sessions. We can do it by phone if that suits you. How does that sound?
Client: Phone is better for me. Mornings.
Clinician: Good. See you next Monday at nine.""")
    line = _line(plan, "Treatment offered, as said in session: ")
    assert "six to ten sessions" in line and 'client: "Phone is better for me. Mornings."' in line


def test_numbered_homework_put_as_questions_keeps_each_item_with_the_clients_answer():
    plan = _plan(OPENING + """
Clinician: Before next time, I'd like to suggest a few small things. First, note down each evening one thing that went okay.
Client: One thing a day. Fine.
Clinician: Second, is there something you used to enjoy that you could do once this week?
Client: Swimming. The pool opens early on Saturdays.
Clinician: That sounds good. And third, the late-night scrolling. How would you feel about phone off at eleven?
Client: I could try. Off at eleven.
Clinician: I'd also like you to see your GP about the headaches, since you haven't been in a while.
Client: I'll book it this week.
Clinician: That's fine, and you can tell the GP what you told me.
Client: Okay.""")
    homework = _line(plan, "Homework given, as said in session: ")
    assert 'client: "Swimming. The pool opens early on Saturdays."' in homework
    assert "phone off at eleven" in homework
    referral = _line(plan, "Referral offered, as said in session: ")
    assert "GP about the headaches" in referral and "you can tell the GP" not in referral


def test_the_day_an_item_is_set_for_after_the_homework_is_kept_and_a_topic_left_for_later_is_planned():
    plan = _plan(OPENING + """
Clinician: So for this coming week. Take the bus to the library on Monday and stay twenty minutes. Text Priya.
Client: Texting Priya is the hard part.
Clinician: What would make it easier?
Client: Her birthday's soon. I could text about that.
Clinician: Good reason. When?
Client: Thursday evening, after dinner.
Clinician: And we'll talk about the exams closer to the time. See you next Tuesday at ten.
Client: Tuesday at ten.""")
    homework = _line(plan, "Homework given, as said in session: ")
    assert '"Good reason. When?" (client: "Thursday evening, after dinner.")' in homework
    assert "We'll talk about the exams closer to the time." in _line(plan, "Planned, as said in session: ")


def test_a_half_hour_said_after_at_is_kept_whole_in_the_next_session():
    plan = _plan(OPENING + """
Clinician: Same time next week? Thursday the ninth at six thirty, same link?
Client: Thursday the ninth works.""")
    assert "at six thirty" in _line(plan, "Next session: ")


def test_what_the_next_visit_is_set_after_is_kept_with_it():
    plan = _plan(OPENING + """
Clinician: So, next time. Your scan is on the ninth, so shall we meet after that? Thursday the eleventh, four o'clock?
Client: Thursday the eleventh. Yes.""")
    assert 'set for after this: "Your scan is on the ninth."' in _line(plan, "Next session: ")


def test_numbered_target_problems_worded_in_the_room_are_in_the_plan():
    plan = _plan(OPENING + """
Clinician: From the letter, shall we agree what we focus on?
Client: I think so.
Clinician: Target problem one: I keep the peace at any cost, then resent everyone. And the second?
Client: The thing where I hide when people are kind.
Clinician: Target problem two, something like: when people are kind to me, I hide because I feel a fraud. Anything else?
Client: No, that's it.""")
    line = _line(plan, "Target problems agreed in session: ")
    assert '"I keep the peace at any cost, then resent everyone"' in line and "I feel a fraud" in line


def test_an_answer_to_a_later_question_of_the_line_is_not_shown_as_agreeing_to_the_task():
    plan = _plan(OPENING + "\n" + OPENING + """
Clinician: Good. And keep the worry log on the fridge each evening. Mum, the other thing I wanted to ask: would you both be happy for me to email the school nurse, explaining the plan?
Mother: Mrs Okafor. Yes, that would help.
Clinician: Lovely. We can talk about that too.
Client: Okay.""")
    agreed = [text for text in plan if text.startswith("Agreed for the coming week")]
    assert agreed and "keep the worry log" in agreed[0] and "Mrs Okafor" not in agreed[0]
    assert not any("We can talk about that too" in text for text in plan)


def test_a_visit_asked_for_as_a_favour_is_the_next_session_not_an_agreed_task():
    plan = _plan(OPENING + "\n" + OPENING + """
Clinician: Could you come on Friday at ten? An early slot, before the day gets away from you.
Client: Friday at ten. Yes. I'll be there.
Clinician: And keep the sleep diary going, even just the times.
Client: Okay, I can do that.""")
    assert not any("Could you come on Friday" in text for text in plan if text.startswith("Agreed for the coming week"))
    assert any(text.startswith("Next session: ") and "Friday" in text for text in plan)
