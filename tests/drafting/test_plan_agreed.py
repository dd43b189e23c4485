"""The Plan when it is agreed in back-and-forth rather than announced (issue 16, therapy16e): homework
given item by item over several turns, said as a heading ("Homework. ...") or "for practice this
week", followed by a question, adjusted by the client; the next visit settled as "weekly on
Thursdays"; a letter the clinician offered to send. Fixed transcripts written for these tests, no
model; every line is the transcript's own."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.plan_said import homework_given, homework_sentence
from session_assistant.drafting.record_plan import next_session_rule
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_said import clinician_tasks
from session_assistant.drafting.transcript_input import parse_transcript

OPENING = "\n".join(["Clinician: How has the week been?", "Client: Up and down. Work was a lot."] * 4)


def _plan(transcript: str) -> list:
    utterances = parse_transcript(transcript)
    draft = assemble(get_format("soap"), {}, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    return draft.section_sentences("plan")


def test_homework_agreed_item_by_item_is_quoted_item_by_item_with_each_answer():
    plan = _plan(OPENING + """
Clinician: For this week, I'd like to ask two things. First, a mood log. Each evening, rate your mood from zero to ten.
Client: Okay. I can do that.
Clinician: Second, a short walk after lunch on workdays.
Client: That's harder. But okay.
Clinician: And third, call your sister once before we meet.
Client: Sure.
Clinician: Let me summarise what we covered today. You had a hard week at work.
Client: Yes.""")
    homework = [s for s in plan if s.text.startswith("Homework given")]
    assert len(homework) == 1
    assert homework[0].text == (
        'Homework given, as said in session: "I\'d like to ask two things. First, a mood log. Each evening, rate your '
        'mood from zero to ten." (client: "Okay. I can do that."); "Second, a short walk after lunch on workdays." '
        '(client: "That\'s harder. But okay."); "And third, call your sister once before we meet." (client: "Sure.")')
    assert homework[0].evidence == [8, 9, 10, 11, 12, 13]  # the summary (14) is not an item


def test_homework_said_as_a_heading_or_as_practice_this_week_is_found():
    heading = parse_transcript(OPENING + """
Clinician: Homework. Mom and Dad, use the calm statement every morning. Sam, practise the speech twice at home.
Mother: We can do that.""")
    practice = parse_transcript(OPENING + """
Clinician: So, for practice this week. I'd like you to fill in the worksheet on the stuck point once a day.
Client: Okay.
Clinician: And please read the handout on sleep, it's short.
Client: Will do.""")
    assert homework_given(heading) == [("Mom and Dad, use the calm statement every morning. Sam, practise the speech "
                                        "twice at home.", "We can do that.", [8, 9])]
    assert homework_sentence(homework_given(practice)) == (
        'Homework given, as said in session: "I\'d like you to fill in the worksheet on the stuck point once a day." '
        '(client: "Okay."); "And please read the handout on sleep, it\'s short." (client: "Will do.")')


def test_a_question_after_the_homework_or_an_adjusted_item_does_not_lose_it():
    found = homework_given(parse_transcript(OPENING + """
Clinician: So, for this week. Touch the door handles at work and wait an hour. And let's start on the shower. What's a reasonable goal?
Client: Twenty minutes instead of thirty?
Clinician: Let's do twenty-five, with a timer. And when the timer goes off, you get out.
Client: Twenty-five with a timer. Okay.
Clinician: How is your mom doing these days?
Client: She's fine."""))
    assert [text for text, _, _ in found] == [
        "Touch the door handles at work and wait an hour. And let's start on the shower.",
        "Let's do twenty-five, with a timer. And when the timer goes off, you get out."]
    assert found[1][2] == [10, 11]  # the question about the mother ended the assignment


def test_a_line_naming_a_doctor_after_the_homework_stays_a_referral_unless_it_is_a_numbered_item():
    referral = homework_given(parse_transcript(OPENING + """
Clinician: For this week, keep the sleep diary every morning when you wake up.
Client: Okay.
Clinician: And please talk to your doctor about the pills.
Client: I will."""))
    numbered = homework_given(parse_transcript(OPENING + """
Clinician: For this week, keep the sleep diary every morning when you wake up.
Client: Okay.
Clinician: And second, book the check-up with your doctor.
Client: I will."""))
    assert len(referral) == 1 and len(numbered) == 2


def test_the_next_visit_settled_as_weekly_on_a_weekday_is_the_next_session():
    utterances = parse_transcript(OPENING + """
Clinician: Let's set up our next appointment. Would weekly on Thursdays at eleven work?
Client: Thursdays at eleven works.
Clinician: Great. So next Thursday at eleven.
Client: Okay. See you next week.
Clinician: See you next week.""")
    assert next_session_rule(utterances).text == "weekly, on Thursdays at eleven."


def test_a_letter_the_clinician_offered_to_send_is_a_task_said_once():
    utterances = parse_transcript(OPENING + """
Clinician: Would you like me to send a short letter to your primary care doctor, so they know you're starting here?
Client: Yes, please. I'll sign the release.
Clinician: Would it be okay for me to call your school counsellor about the timetable?
Client: Yes, that's fine.
Clinician: Thank you. I'll send that this week.
Client: Bye.""")
    assert clinician_tasks(utterances) == [
        ("send a short letter to your primary care doctor, so they know you're starting here, client agreed", [8, 9]),
        ("call your school counsellor about the timetable, client agreed", [10, 11])]
