"""What was done in session and how the client's ratings moved, by rule, in the clinician's words
(issue 16, therapy16e): the closing summary's sentences about today go to Objective, a reflected
rating change to Assessment with its direction computed from the two numbers; the week's homework,
counts of days and the medical voice get none. Fixed transcripts written for these tests, no model."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_done import done_in_session, rating_changes
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How many days did you make it into the office this week?
Client: Three. Last week it was one.
Clinician: So from one day to three days. That's a real change.
Client: I guess.
Clinician: Before we start the exercise, how anxious are you, zero to a hundred?
Client: About seventy.
Clinician: Let's hold the spider picture for two minutes. Number now?
Client: Maybe forty.
Clinician: From seventy down to forty. What do you notice?
Client: It's less sharp.
Clinician: Let me sum up. This week you rode the bus twice and skipped the meeting. Today we did two rounds of exposure to the spider pictures, and your anxiety came down each time. You did a lot today. I'd like you to look at the pictures at home each evening, like we did here.
Client: Okay.
Clinician: Same time next week.""")


def test_the_summary_sentence_about_today_goes_to_objective_and_not_the_weeks_report():
    assert done_in_session(SESSION) == [("Today we did two rounds of exposure to the spider pictures, and your anxiety "
                                         "came down each time.", 10)]
    draft = assemble(get_format("soap"), {}, SourceIndex(SESSION), scan_transcript(SESSION), model="m", mode="direct",
                     warnings=[], subject="client")
    line = next(s for s in draft.sentences if s.text.startswith("In session, as the clinician summarised"))
    assert line.section == "objective" and line.evidence == [10] and line.origin == "rule"
    assert "rode the bus" not in line.text and "at home" not in line.text  # the week, the homework, "a lot" (too short)


def test_a_reflected_rating_change_is_the_response_with_its_direction_and_a_count_of_days_is_not():
    assert rating_changes(SESSION) == [("From seventy down to forty.", "lower", [7, 8])]
    draft = assemble(get_format("soap"), {}, SourceIndex(SESSION), scan_transcript(SESSION), model="m", mode="direct",
                     warnings=[], subject="client")
    response = [s.split(" Risk: not screened")[0] for s in draft.sections["assessment"].split("Response")[1:]]
    assert response == [' to interventions, ratings reflected in session: "From seventy down to forty." (decreased).']
    rising = parse_transcript("Clinician: Mood before the walk?\nClient: A two. After, a five.\n"
                              "Clinician: From a two to a five. What was different?")
    assert rating_changes(rising) == [("From a two to a five.", "higher", [1, 2])]


def test_a_medical_visit_gets_neither_line():
    visit = parse_transcript("""Doctor: Pain this morning, zero to ten?
Patient: About an eight.
Doctor: And after the injection?
Patient: A three.
Doctor: From an eight to a three. Good. Let me summarise. Today we did the injection and checked your knee brace carefully.""")
    draft = assemble(get_format("soap", "patient"), {}, SourceIndex(visit), [], model="m", mode="direct", warnings=[],
                     subject="patient")
    assert "summarised" not in draft.as_text() and "ratings reflected" not in draft.as_text()


def test_the_clients_goals_restated_by_the_clinician_or_given_at_intake_go_to_subjective_once():
    from session_assistant.drafting.session_said import goals_said
    review = parse_transcript("""Clinician: Let's come back to your goals. When we started, you said you wanted to sleep through the night and drive to work again.
Client: Yes. Driving is still hard.
Clinician: The goal is that you do it in your head over time.""")
    intake = parse_transcript("""Clinician: What would you like to be different, if therapy goes well?
Client: I want to stop checking the stove. And go back to the gym.
Clinician: Let me summarise. Your goals are the stove and the gym.""")
    assert goals_said(review) == [("When we started, you said you wanted to sleep through the night and drive to work "
                                   "again.", 0)]
    assert goals_said(intake) == [("I want to stop checking the stove. And go back to the gym.", 1)]  # not the recap
    raw = {"subjective": [{"text": "The client said they wanted to sleep through the night and drive to work again.",
                           "evidence": [0]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(review), scan_transcript(review), model="m", mode="direct",
                     warnings=[], subject="client")
    assert draft.sections["subjective"].count("drive to work") == 1  # the model's retelling is dropped
    assert draft.sections["subjective"].startswith("Client's goals, as said in session:")


def test_an_observation_voiced_as_im_noticing_or_i_can_see_that_is_quoted_and_a_pattern_is_not():
    from session_assistant.drafting.session_said import spoken_observations
    utterances = parse_transcript("""Clinician: What I'm noticing is the pattern we talked about, one of you pursues and the other withdraws.
Partner: Yes.
Clinician: I can see that. You both turned toward each other just now, and your voices got softer.
Client: It feels better.
Clinician: I'm noticing as you talk about this your shoulders have dropped a little.
Client: Maybe.
Clinician: I can see that this has been a hard year.""")
    assert [i for _, i in spoken_observations(utterances)] == [2, 4]


def test_couple_work_is_named_on_two_of_its_techniques_and_one_alone_is_not():
    from session_assistant.drafting.session_facts import detect_interventions
    couple = parse_transcript("""Clinician: Let me pause here. I want to slow down. Can you both take a breath?
Client: Okay.
Clinician: Try the soft start-up we practised. Start with I, and say what you need.
Partner: I felt overwhelmed when I came home.
Clinician: Can you reflect back what you heard?
Client: You were overwhelmed.""")
    family = parse_transcript("""Clinician: Let me slow us down. It sounds like Sam hears the frustration as blame.
Father: I suppose.""")
    found = {i.approach: i.techniques for i in detect_interventions(couple)}
    assert found["couple work"] == ["soft start-up", "reflective listening", "de-escalation"]
    assert "couple work" not in {i.approach for i in detect_interventions(family)}


def test_the_homework_retold_as_done_is_dropped_but_last_weeks_review_in_the_same_words_stays():
    utterances = parse_transcript("\n".join(["Clinician: How did the practice go?", "Client: I did two of three talks."] * 3)
                                  + "\nClinician: For this week, keep doing the appreciations every day and the "
                                    "stress-reducing conversation three times, twenty minutes.\nClient: Okay.")
    raw = {"subjective": [
        {"text": "The client reported doing two of three stress-reducing conversations and most of the appreciations.",
         "evidence": [1]},
        {"text": "The client reported doing the homework for the next week, the appreciations every day and the "
                 "stress-reducing conversation three times, twenty minutes.", "evidence": [6]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    assert "doing two of three stress-reducing conversations" in draft.sections["subjective"]  # the review
    assert "for the next week" not in draft.sections["subjective"]  # the new homework, said in the Plan
    # out of the note and listed: dropped as the Plan's line retold, or withheld as the clinician's words told as
    # the client's report (subj24: only the clinician said it, the client answered "Okay.")
    assert any(("repeats:rule_line" in s.flags or "clinicians_words_as_report" in s.flags) and "next week" in s.text
               for s in draft.dropped + draft.withheld)


def test_a_step_still_ahead_in_the_closing_summary_is_not_quoted_as_done():
    # Written for this test (therapy16j): the summary mixes what was done with what the clinician will do.
    summary = parse_transcript("""Clinician: How was the week?
Client: Long. I barely slept.
Clinician: And the urges?
Client: Twice, both at night.
Clinician: Let me pull together where we got to. Today we mapped out the two nights the urges came, step by step. I'm also going to let your GP know today what we planned for the nights. We'll try the card again next week.
Client: Okay.""")
    assert done_in_session(summary) == [("Today we mapped out the two nights the urges came, step by step.", 4)]
    ahead_only = parse_transcript("""Clinician: Anything else on your mind?
Client: No, that's it.
Clinician: To sum up, we'll read the housing letter together in session once it comes.
Client: Thanks.""")
    assert done_in_session(ahead_only) == []
    # Words the client said and the clinician quotes back do not make the sentence a plan.
    quoted = parse_transcript("""Clinician: What did you notice?
Client: I kept thinking I'll never manage it.
Clinician: To recap, today we wrote down "I'll never manage it" and looked at what you did manage this month.
Client: Yes.""")
    assert done_in_session(quoted) == [("To recap, today we wrote down \"I'll never manage it\" and looked at what you did manage this month.", 2)]


def test_a_rating_said_back_then_where_it_started_and_a_recap_of_the_exercise_are_the_response():
    # Written for this test (therapy16j).
    session = parse_transcript("""Clinician: Before we start, how sure are you that you'll faint, out of a hundred?
Client: Eighty.
Clinician: Let's stand up fast, three times. And now, how sure?
Client: Thirty.
Clinician: Thirty. From eighty. What do you make of that?
Client: I didn't faint.
Clinician: So you started at eighty, the dizziness came, and now you're at thirty, standing on your own.
Client: Yeah.""")
    assert rating_changes(session) == [
        ("Thirty. From eighty.", "lower", [3, 4]),
        ("So you started at eighty, the dizziness came, and now you're at thirty, standing on your own.", "lower", [6])]
    draft = assemble(get_format("soap"), {}, SourceIndex(session), scan_transcript(session), model="m", mode="direct",
                     warnings=[], subject="client")
    line = next(s for s in draft.sentences if s.text.startswith("Response to interventions, ratings reflected"))
    assert line.section == "assessment" and line.evidence == [3, 4, 6]


def test_a_start_time_or_a_bare_count_is_no_rating_change():
    times = parse_transcript("""Clinician: When did the shift start?
Client: Six.
Clinician: Six. From eight o'clock last month.
Client: Yes.
Clinician: You started at nine years old, and now you're at forty years of riding.
Client: Right.""")
    assert rating_changes(times) == []
