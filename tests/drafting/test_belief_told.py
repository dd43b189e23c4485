"""A belief's course that the client's own numbers complete (issue 16, iv29): rated when asked and
again unasked while the thought is weighed ("Fifty-five, I'd say."), or rated for a time before and for
now in one line ("eighty percent last month ... about forty now"); the Objective names the work as
cognitive restructuring and the Assessment gives the course. Transcripts written for these tests, in
other words than any session of the evaluation set; no model."""

from __future__ import annotations

from session_assistant.drafting.rating_course import course_text, rating_courses, rating_courses_sentence
from session_assistant.drafting.room_work import belief_ratings
from session_assistant.drafting.transcript_input import parse_transcript


def _talk(*pairs: tuple[str, str]) -> list:
    return parse_transcript("\n".join(f"Clinician: {c}\nClient: {a}" for c, a in pairs))


_WEIGHED = _talk(
    ("When the group chat went quiet, what did you tell yourself?", "That they all find me boring."),
    ("Out of a hundred, how much do you believe they find you boring?", "Eighty. Some nights ninety."),
    ("Who messaged you first on Saturday?", "Dana did. And Kofi asked me to the match."),
    ("How does that square with them finding you boring?", "It doesn't, really. Fifty-five, I'd say. They're busy people."),
    ("That's worth noticing.", "Yeah."),
)

_THEN_AND_NOW = _talk(
    ("You said you're the reason your brother left home. What else was going on for him back then?",
     "He'd lost his job. And he and Dad never got on."),
    ("So if a friend of yours had been in your shoes, the younger sibling, what would you tell her?",
     "That it wasn't on her. He was twenty-four."),
    ("And for you?",
     "It still feels true, a bit. I'd have put it at eighty percent last month. About forty now, honestly."),
    ("That's a real change.", "It is."),
)


def test_a_belief_rated_again_unasked_while_it_is_weighed_has_its_course():
    courses = [c for c in rating_courses(_WEIGHED) if c.label == "belief"]
    assert [[value for _, value, _ in c.ratings] for c in courses] == [[80.0, 55.0]]
    assert course_text(courses[0]) == "belief (out of 100) 80, then 55 when the client rated it again (lower)"
    assert courses[0].evidence == [2, 3, 6, 7]


def test_the_objective_names_it_cognitive_restructuring_with_both_numbers():
    work = belief_ratings(_WEIGHED)
    assert work is not None
    assert work.label == "cognitive restructuring (belief in the thought rated 80 when asked, then 55 as the client rated it again)"


def test_a_thought_rated_for_last_month_and_for_now_in_one_line_is_a_course():
    courses = [c for c in rating_courses(_THEN_AND_NOW) if c.label == "belief"]
    assert len(courses) == 1
    assert course_text(courses[0]) == "belief 80% last month, 40% now (lower)"
    # not asked for: the Assessment does not say "when asked"
    assert rating_courses_sentence(courses) == "Response to interventions, ratings the client gave in session: belief 80% last month, 40% now (lower)."
    work = belief_ratings(_THEN_AND_NOW)
    assert work is not None and work.label == "cognitive restructuring (belief in the thought rated 80% last month, 40% now)"


def test_a_then_and_now_answer_to_a_belief_question_is_read_as_both_numbers():
    session = _talk(("What did the exam board actually say?", "That most people resit one paper."),
                    ("How much do you believe you've ruined your future now, out of a hundred?",
                     "Before we talked I'd have said ninety. Now, maybe forty-five."),
                    ("Okay.", "Yeah."))
    courses = [c for c in rating_courses(session) if c.label == "belief"]
    assert [course_text(c) for c in courses] == ["belief (out of 100) 90 before, 45 now (lower)"]


def test_a_count_asked_after_the_rating_is_no_rerating():
    session = _talk(
        ("How much do you believe you'll be sacked, out of a hundred?", "Seventy."),
        ("How many warnings have you actually had?", "Two. Both about being late."),
        ("Okay.", "Yeah."),
    )
    assert [c for c in rating_courses(session) if c.label == "belief"] == []
    assert belief_ratings(session) is None


def test_a_number_after_a_breathing_exercise_is_no_rerating_of_the_belief():
    session = _talk(
        ("How much do you believe the plane will crash, out of a hundred?", "Sixty."),
        ("Let's slow things down. Breathe in for four, out for six. How is that?", "Thirty. It's easing."),
        ("Good.", "Yeah."),
    )
    assert [c for c in rating_courses(session) if c.label == "belief"] == []


def test_a_symptom_rated_then_and_now_is_not_a_belief_course():
    session = _talk(
        ("How has the pain been?", "Out of ten it was eight last week. Maybe six now."),
        ("That's something.", "It is."),
    )
    assert [c for c in rating_courses(session) if c.label == "belief"] == []
