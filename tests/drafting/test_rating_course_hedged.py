"""A rating given with a hedge ("Seven. Maybe eight.") is one rating, a range, not a first reading
and a second; and "What would you give it now?" after an exercise asks for the rating now (its
"would" is the idiom of asking, not a prediction): the course reads 7-8, then 4 (120)."""

from __future__ import annotations

from session_assistant.drafting.rating_course import course_text, rating_courses
from session_assistant.drafting.transcript_input import parse_transcript

_SESSION = parse_transcript(
    "Clinician: Before we try it, how anxious are you right now, out of ten, talking about the interview?\n"
    "Client: Seven. Maybe eight.\n"
    "Clinician: Right. Feet flat on the floor. Name five things you can see in this room.\n"
    "Client: The lamp, the plant, your mug, the clock, the window.\n"
    "Clinician: Four things you can hear.\n"
    "Client: Traffic. The heating. You. My own breathing, I suppose.\n"
    "Clinician: What would you give it now?\n"
    "Client: Four. About four.\n"
    "Clinician: Seven or eight down to four.\n"
    "Client: Yeah.\n")


def test_a_hedged_rating_is_one_range_and_the_rating_asked_with_would_is_the_last():
    courses = [c for c in rating_courses(_SESSION) if c.label == "distress"]
    assert len(courses) == 1
    assert [value for _, value, _ in courses[0].ratings] == [7.5, 4.0]
    assert course_text(courses[0]) == "distress (out of 10) 7-8 at the first rating, 4 at the last (lower than at the start)"


def test_a_prediction_asked_with_would_is_still_a_prediction():
    session = parse_transcript(
        "Clinician: If you picture the lift doors closing, how anxious would you get, out of ten?\nClient: Nine.\n"
        "Clinician: Let's go in. The doors are closing. And now?\nClient: Eight.\n"
        "Clinician: Stay with it. Now?\nClient: Five.\n")
    course = next(c for c in rating_courses(session) if c.label == "distress")
    assert course.predicted is not None and course.predicted[1] == 9.0
    assert 9.0 not in [value for _, value, _ in course.ratings]


def test_readings_said_one_after_another_in_an_exposure_stay_readings():
    session = parse_transcript(
        "Clinician: Hold the spider jar. How scared are you, out of ten?\n"
        "Client: Eight. Seven. It's just sitting there. Six.\n"
        "Clinician: Keep holding it. And now?\nClient: Four.\n")
    course = next(c for c in rating_courses(session) if c.label == "distress")
    assert [value for _, value, _ in course.ratings] == [8.0, 7.0, 6.0, 4.0]
