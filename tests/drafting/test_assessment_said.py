"""The Assessment from the structure of the talk (issue 16, therapy16l): a rating's course within the
session whatever is rated, progress on a chart goal quoted with the goal, triggers the client names
when asked when the problem comes, what the client took from the work, and the stage of change read
from change talk and sustain talk. Transcripts written for these tests (no dev session's words), no
model. Each line cites its lines; recalled, predicted or ambiguous ratings give none."""

from __future__ import annotations

from session_assistant.drafting.assessment_said import goal_progress, learning_answers, triggers_reported
from session_assistant.drafting.change_talk import stage_from_talk, talk_counts
from session_assistant.drafting.chart_context import ChartContext, terms_said, goal_terms
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.rating_course import rating_courses, rating_courses_sentence
from session_assistant.drafting.transcript_input import parse_transcript

# An exposure to heights on a balcony: the urge to step back rated on one scale, the fear on another.
BALCONY = parse_transcript("""Clinician: We're on the third floor balcony now. How frightened are you, zero to a hundred?
Client: Sixty.
Clinician: Step to the rail. Hands on it.
Client: Okay. That's like seventy-five.
Clinician: Stay there. Look at the car park. What number?
Client: Ninety. My knees are going.
Clinician: Stay with it. You don't have to do anything.
Client: (pause) Eighty.
Clinician: Keep breathing out slowly. And now?
Client: Sixty-five.
Clinician: A few more minutes. Where is it now?
Client: Forty. Huh.
Clinician: What does that tell you?
Client: That it drops if I don't go back inside. I always went back in.
Clinician: Last week you said the rail was a hundred. How much do you believe you'd fall, out of a hundred?
Client: Thirty.
Clinician: And now, after standing there?
Client: Ten.""")


def test_a_rating_asked_again_gives_its_course_first_highest_and_last_with_the_direction_from_the_numbers():
    courses = {c.label: c for c in rating_courses(BALCONY)}
    fear = courses["distress"]
    assert [v for _, v, _ in fear.ratings] == [60, 75, 90, 80, 65, 40]  # unasked numbers during it count
    assert fear.scale == "out of 100"
    belief = courses["belief"]
    assert [v for _, v, _ in belief.ratings] == [30, 10]
    text = rating_courses_sentence([fear, belief])
    assert "distress (out of 100) 60 at the first rating, 90 at the highest, 40 at the last (down from the highest, lower than at the start)" in text
    assert "belief (out of 100) 30, then 10 when asked again (lower)" in text
    assert 0 in fear.evidence and 11 in fear.evidence


def test_a_recalled_or_predicted_rating_and_an_answer_about_two_thoughts_start_no_course():
    recalled = parse_transcript("""Clinician: Last time you rated the craving, do you remember, out of ten?
Client: Eight.
Clinician: And now?
Client: Five.
Clinician: If you went to the match on Saturday, what would the craving be, out of ten, do you think?
Client: Seven.""")
    assert rating_courses(recalled) == []
    two = parse_transcript("""Clinician: How much do you believe the new thought, out of a hundred?
Client: Maybe fifty. And the other one, about sixty.
Clinician: And how much do you believe the new one now?
Client: Seventy.""")
    assert rating_courses(two) == []
    fresh = parse_transcript("""Clinician: How much do you believe you're a failure, out of a hundred?
Client: Eighty.
Clinician: What about the thought that nobody likes you? How much do you believe that one?
Client: Fifty.""")
    assert rating_courses(fresh) == []  # two thoughts, each rated once: no change to report


def test_what_the_client_took_from_the_work_is_quoted_with_the_question():
    assert learning_answers(BALCONY) == [("That it drops if I don't go back inside. I always went back in.", [12, 13])]


GYM = parse_transcript("""Clinician: How did the week go with the gym plan?
Client: I went to the gym four times, up from none the week before. I managed the early class too.
Clinician: Four this week, up from none.
Client: And the sugar, I'm mostly off it.
Clinician: When do the cravings for sweets tend to hit?
Client: Late afternoon, when I'm on the school run and starving.
Clinician: When is your next appointment with the dietitian?
Client: Thursday at ten.
Clinician: You look worn down today.
Client: I am. The baby's up twice a night.""")


def test_a_goal_gets_the_count_set_against_an_earlier_one_on_its_topic_never_a_direction_word():
    chart = ChartContext.from_json({"goals": [{"id": "G1", "text": "Exercise at the gym three times a week"},
                                              {"id": "G2", "text": "Feel less worn down"}]})
    gym, worn = chart.goals
    said = goal_progress(goal_terms(gym), terms_said, GYM)
    assert said == ("I went to the gym four times, up from none the week before.", 1)
    assert goal_progress(goal_terms(worn), terms_said, GYM) is None
    lines, facts = fact_lines(get_format("soap"), SourceIndex(GYM), chart, "client")
    goal_lines = [s for s in lines if s.chart_evidence == [gym.ref]]
    assert len(goal_lines) == 1 and goal_lines[0].section == "assessment"
    assert "progress as said in session" in goal_lines[0].text and said[1] in goal_lines[0].evidence


def test_triggers_are_the_answer_to_when_the_problem_comes_not_to_when_the_next_visit_is():
    assert triggers_reported(GYM) == [("Late afternoon, when I'm on the school run and starving.", [4, 5])]
    own = parse_transcript("Client: Payday's the worst. Money in the account. That's when I'd always end up betting.")
    assert triggers_reported(own) == [("Money in the account. That's when I'd always end up betting.", [0])]


def test_the_stage_of_change_is_read_from_change_talk_and_sustain_talk():
    steps = parse_transcript("""Client: I've been three weeks without a bet. I deleted the app on the first day.
Clinician: What keeps you going?
Client: I want to keep the house. I could tell my brother too.
Clinician: What next?
Client: I'm going to hand my card to my wife. I'll ring the helpline tomorrow.""")
    assert stage_from_talk(talk_counts(steps)) == "action"
    torn = parse_transcript("""Client: It helps me relax, honestly. Everyone at work drinks like this.
Client: But it scares me when I can't remember the night. I should probably cut down.
Client: I want to be there for my kids. I could have a dry weekend maybe.""")
    assert stage_from_talk(talk_counts(torn)) == "contemplation"
    no = parse_transcript("""Client: I don't want to stop. It's not a problem. I like it.
Client: It helps me sleep. I can't give it up anyway. Everybody I know does it.""")
    assert stage_from_talk(talk_counts(no)) == "precontemplation"
    thought = parse_transcript("Client: I was down sixty after ten minutes and I thought, I'll just win it back.")
    assert "commitment" not in talk_counts(thought).change


def test_a_dose_or_a_time_answered_after_a_now_question_is_no_rating():
    talk = parse_transcript("""Clinician: How much do you believe they are all staring, out of a hundred?
Client: Eighty.
Clinician: Okay. And the new tablets? You began them, what, a month ago now?
Client: Forty milligrams. A month on Friday.
Clinician: And the staring thought, how much do you believe it now?
Client: Sixty.""")
    [course] = rating_courses(talk)
    assert [value for _, value, _ in course.ratings] == [80, 60]
