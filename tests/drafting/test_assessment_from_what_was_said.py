"""The Assessment's triggers and response to the work, and the Plan's week, from what was said (issue 16,
branch therapy20a). Short transcripts in other words than the evaluation sessions: what set it off in the
client's forms (since when it got worse, the start pointed back to, what sets it off, the worst of it, the
client's own "Trigger, ..."), the client recognising what the clinician explained (never the clinician's
own words given as the client's), a state predicted before the work and rated during it, and the Plan's
"agreed" list holding neither an answer about what might help nor an exercise done there and then."""

from __future__ import annotations

from session_assistant.drafting.assessment_said import onset_said, onsets_reported, onsets_sentence, triggers_reported
from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.homework_week import ideas_named, ideas_sentence, week_items
from session_assistant.drafting.rating_course import course_text, rating_courses
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.work_taken_up import recognitions, recognitions_sentence
from session_assistant.drafting.wording import SENTENCE_BREAK


def _onset(text: str) -> str:
    return onset_said(SENTENCE_BREAK.split(text))[1]


# --- what set it off ---------------------------------------------------------------------------------
def test_since_when_it_got_worse_is_the_onset_with_what_happened_not_a_trigger():
    session = parse_transcript("Clinician: How have things been since we last met?\n"
                               "Client: It's all gone downhill since the redundancy. The pension letter came on the Friday, "
                               "and that was it really. I can't face the post now.")
    found = onsets_reported(session, mentions_risk)
    assert found == [
        ("It's all gone downhill since the redundancy. The pension letter came on the Friday, and that was it really.", [1])]
    assert onsets_sentence(found).startswith("Onset or worsening, as the client described it: ")
    assert triggers_reported(session, mentions_risk) == []


def test_the_start_pointed_back_to_quotes_what_came_before_it():
    assert _onset("Mostly fine. Then on Sunday I felt a tightness in my throat. That's how it started with my aunt.") == (
        "Mostly fine. Then on Sunday I felt a tightness in my throat. That's how it started with my aunt.")


def test_what_sets_it_off_and_the_worst_of_it_and_the_clients_own_label():
    session = parse_transcript("Client: Loud voices set me off, like when the neighbours start shouting.")
    assert triggers_reported(session, mentions_risk) == [("Loud voices set me off, like when the neighbours start shouting.", [0])]
    assert onsets_reported(session, mentions_risk) == []
    assert _onset("Loud voices set me off, like when the neighbours start shouting.") == (
        "Loud voices set me off, like when the neighbours start shouting.")
    assert _onset("That's the worst of it. I lie there scrolling until two.") == (
        "That's the worst of it. I lie there scrolling until two.")
    assert _onset("Trigger, the manager copying everyone in.") == "Trigger, the manager copying everyone in."


def test_ordinary_sentences_are_no_trigger():
    # nothing said about what, a course that began, a good time since, a plan, a bare "after"
    for text in ("Then something sets it off.", "My new course started after Easter.", "I've been fine ever since the group.",
                 "It got worse after, you know that.", "It'll get worse since the clocks go back, I'm going to plan for it.",
                 "That's the worst of it?"):
        assert _onset(text) == "", text


# --- the client recognising the clinician's explanation -----------------------------------------------
EXPLAINED = parse_transcript(
    "Clinician: So when the email comes in, you tell yourself you've failed, and then you check it again and again.\n"
    "Client: Yeah. That's exactly what happens. And then the evening's gone. Anyway, the cat was sick.\n"
    "Clinician: The checking calms you for a minute and then the doubt comes back, so you check more.\n"
    "Client: Okay.")


def test_the_client_recognising_the_explanation_is_the_response_quoted_with_what_was_explained():
    found = recognitions(EXPLAINED, mentions_risk)
    assert found == [("Yeah. That's exactly what happens. And then the evening's gone.",
                      "So when the email comes in, you tell yourself you've failed, and then you check it again and again.", [0, 1])]
    assert recognitions_sentence(found).startswith(
        "Response to interventions, the client recognising what the clinician explained, in the client's words: "
        "\"Yeah. That's exactly what happens. And then the evening's gone.\" (after the clinician's")


def test_the_clinicians_words_are_never_given_as_the_clients_recognition():
    # the clinician says "That makes sense" after a long client line; a partner says "That's exactly it"
    session = parse_transcript(
        "Client: I go over the argument in my head every single night before I sleep, round and round and round.\n"
        "Clinician: That makes sense. When you put it like that, it sounds exhausting.\n"
        "Clinician: So the arguing starts when one of you comes home tired and the other wants to talk straight away.\n"
        "Partner: That's exactly it. Every night.")
    assert recognitions(session, mentions_risk) == []


def test_an_ordinary_yes_or_an_answer_about_the_paperwork_is_no_response():
    session = parse_transcript(
        "Clinician: What you tell me stays between us, and I keep short notes on each session in your file, all right?\n"
        "Client: That makes sense.\n"
        "Clinician: The waiting list for the group is about six weeks at the moment, and it runs on Tuesday evenings.\n"
        "Client: Okay. Fine.")
    assert recognitions(session, mentions_risk) == []


# --- a state predicted before the work ---------------------------------------------------------------
def test_a_predicted_rating_starts_the_course_and_the_response_reads_against_it():
    session = parse_transcript(
        "Clinician: Before you pick up the spider jar, how scared do you think you'll be, nought to ten?\n"
        "Client: Nine. Easily.\n"
        "Clinician: Okay, lid off. How scared are you now, nought to ten?\n"
        "Client: Seven.\n"
        "Clinician: Keep holding it. And now?\n"
        "Client: Four.")
    courses = rating_courses(session)
    assert len(courses) == 1
    assert course_text(courses[0]) == "distress (out of 10) predicted at 9 beforehand, 4 at the last rating (lower than predicted)"
    assert courses[0].evidence == [0, 1, 2, 3, 4, 5]


# --- the Plan's week ---------------------------------------------------------------------------------
_OPENING = "".join(f"Clinician: Line {n} about the week.\nClient: Fine, line {n}.\n" for n in range(8))


def test_an_answer_about_what_might_help_is_an_idea_not_an_agreed_item():
    session = parse_transcript(
        _OPENING
        + "Clinician: So, between now and next time, if the craving comes, what might help instead?\n"
        "Client: I don't know. Swimming, sometimes. My brother's allotment.\n"
        "Clinician: Swimming and the allotment. Anything that gets you through the first ten minutes.\n"
        "Client: Yeah.\n"
        "Clinician: Could you ring your brother on Thursday and ask about the allotment?\n"
        "Client: Yeah, I'll ring him Thursday.\n")
    lines = [u for u in session if u.speaker]
    week = week_items(lines)
    quoted = " ".join(item[0] for item in week)
    assert "Swimming" not in quoted and "Anything that gets you" not in quoted
    assert "ring your brother on Thursday" in quoted or "I'll ring him Thursday" in quoted
    ideas = ideas_named(lines)
    assert ideas == [("Swimming, sometimes. My brother's allotment.", [16, 17])]
    assert "(not agreed as tasks)" in ideas_sentence(ideas)


def test_an_exercise_said_there_and_then_is_not_the_weeks_homework():
    session = parse_transcript(
        _OPENING
        + "Clinician: Can you say the thought as a thought? \"I'm having the thought that I'll be sacked.\"\n"
        "Client: I'm having the thought that I'll be sacked. Huh. That's different.\n"
        "Clinician: Could you write the thought on a card and read it on the bus each morning?\n"
        "Client: Yeah, I can do that.\n")
    agreed = homework_agreed(session)
    assert [item[0] for item in agreed] == ["Could you write the thought on a card and read it on the bus each morning?"]
