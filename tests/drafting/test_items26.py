"""items26: rubric items a draft had, but in the wrong part or not at all (issue 16).

- A rating asked before the work and again after it is the Assessment's response to the intervention
  even when the Objective lists the same answers among the work done: the Objective says what was
  asked, the Assessment says which way it went.

Transcripts written for these tests (no evaluation session's words), no model."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.rating_course import course_text, rating_courses
from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.transcript_input import parse_transcript

# A shop-counter role-play for a fear of being judged: the client predicts how shaky she will sound,
# does the role-play, and rates the recording afterwards.
COUNTER = parse_transcript("""Clinician: So we'll record you asking for the refund at the returns desk. Before we start, how nervous do you think you'll sound, zero to ten, to someone listening?
Client: Nine. Wobbly, squeaky.
Clinician: For this one, no notes in your hand. I'm the shop assistant. Go ahead.
Client: Hi, um, I bought this kettle and it leaks. Could I get my money back? I've got the receipt somewhere.
Clinician: That's it. Stop. How nervous did you feel, at the worst?
Client: Nine. At the start.
Clinician: Let's play it back. Out of ten, how nervous does the woman on the recording sound?
Client: Honestly? Two. Maybe two.
Clinician: You guessed nine. You hear two.
Client: I didn't expect that at all.""")


def _by_part(lines):
    parts: dict[str, list[str]] = {}
    for line in lines:
        parts.setdefault(line.section, []).append(line.text)
    return parts


def test_a_rating_before_and_after_the_work_is_the_assessments_response_even_when_the_objective_lists_it():
    lines, _ = fact_lines(get_format("soap"), SourceIndex(COUNTER), None, "client")
    parts = _by_part(lines)
    objective = " ".join(parts.get("objective", []))
    assert '"Nine.' in objective and '"Honestly? Two.' in objective  # the work done, as asked and answered
    response = [t for t in parts.get("assessment", []) if t.startswith("Response to interventions, ratings")]
    assert len(response) == 1
    assert "predicted at 9 beforehand" in response[0] and "2 at the last rating (lower than predicted)" in response[0]
    assert {1, 5, 7} <= set(lines[[l.text for l in lines].index(response[0])].evidence)


# A spider-picture exposure: the client reads her fear aloud twice in one answer, the last the one that stands.
SPIDER = parse_transcript("""Clinician: Here's the first picture. How scared are you, nought to ten?
Client: Four.
Clinician: Now the bigger one. Keep looking. What's the number now?
Client: Seven. (pause) Six. It's got hairy legs. Five.
Clinician: Stay with it. And now?
Client: Seven.""")

# A memory held in mind: how disturbing it is, asked on its own scale after a belief was rated.
MEMORY = parse_transcript("""Clinician: One to seven, how true does "I was only a child" feel right now?
Client: Three.
Clinician: Zero to ten, how disturbing is the memory now?
Client: Nine.
Clinician: Hold it there. Zero to ten, how disturbing is it now?
Client: Four.""")


def test_numbers_the_client_adds_after_answering_belong_to_the_course_and_the_last_is_where_it_ended():
    fear = [c for c in rating_courses(SPIDER) if c.label == "distress"][0]
    assert [v for _, v, _ in fear.ratings] == [4, 7, 6, 5, 7]
    text = course_text(fear)
    # the highest came again at the end: the course did not come down from it
    assert "down from the highest" not in text and "7 at the last (higher than at the start)" in text


def test_how_disturbing_a_memory_is_is_its_distress_not_the_belief_rated_before():
    courses = {c.label: [v for _, v, _ in c.ratings] for c in rating_courses(MEMORY)}
    assert courses.get("distress") == [9, 4] and "belief" not in courses


def test_a_belief_rated_one_to_seven_is_out_of_seven_whatever_scale_came_before():
    voc = parse_transcript("""Clinician: Zero to ten, how upsetting is the picture?
Client: Six.
Clinician: One to seven, how true does "I got out" feel right now?
Client: Three.
Clinician: Hold the picture and the words together. One to seven, how true does it feel now?
Client: Five. Maybe five.""")
    belief = [c for c in rating_courses(voc) if c.label == "belief"][0]
    assert belief.scale == "out of 7"
    assert "belief (out of 7) 3, then 5 when asked again (higher)" in course_text(belief)


# The clinician says the client's words back inside a sentence of their own ("That thought, ..."),
# not at its start, and across the client's two sentences.
WEDDING = parse_transcript("""Clinician: How was the wedding?
Client: Everyone was up dancing and I just sat there and thought, nobody wants me here. I'm the odd one out.
Clinician: That thought, nobody wants me here, I'm the odd one out. It sounds like the voice from the worksheet.
Client: Yeah. Same voice.""")

def test_the_clients_words_said_back_inside_the_clinicians_sentence_are_quoted():
    quotes = [q for q, _ in client_quotes(WEDDING)]
    assert any("nobody wants me here" in q.lower() and "odd one out" in q for q in quotes), quotes


def test_words_said_back_from_inside_a_clause_are_no_quote():
    cut = parse_transcript("""Client: Most of the time I didn't catch it until the plate was empty.
Clinician: So most of the time you caught it afterwards.
Client: Mm.""")
    assert client_quotes(cut) == []


def test_holding_off_the_neutralising_during_exposure_is_response_prevention():
    room = parse_transcript("""Client: Hi.
Clinician: Today you hold the scissors while I sit next to you, and you don't neutralise it, no counting, no saying sorry in your head.
Client: Okay.""")
    found = {i.approach: i for i in detect_interventions(room)}
    assert "exposure" in found and "response prevention" in found["exposure"].techniques and found["exposure"].evidence == [1]
    told = parse_transcript("Client: Hi.\nClinician: Neutralising thoughts keep the fear going, lots of people have them.\nClient: Right.")
    assert "exposure" not in {i.approach for i in detect_interventions(told)}  # said about, not asked to hold off


def test_habit_reversal_is_named_with_the_parts_the_clinician_named():
    room = parse_transcript("""Client: Hi.
Clinician: Last time was the awareness part, spotting the moment your fingers go to your eyebrow.
Client: Yeah.
Clinician: Today it's the competing response: clench your fists for a minute instead.
Client: Okay.""")
    found = {i.approach: i for i in detect_interventions(room)}
    assert found["habit reversal"].techniques == ["awareness training", "competing response"]
    alone = parse_transcript("Client: Hi.\nClinician: That's the awareness part of mindfulness.\nClient: Okay.")
    assert "habit reversal" not in {i.approach for i in detect_interventions(alone)}


def test_a_rating_that_names_its_own_top_is_not_the_course_of_the_distress_rated_before():
    room = parse_transcript("""Clinician: Zero to ten, how disturbing is the memory now?
Client: Eight.
Clinician: How grounded do you feel now, out of ten, if ten is fully here?
Client: Three.
Clinician: Back to the memory. How disturbing is it now, zero to ten?
Client: Five.""")
    courses = {c.label: [v for _, v, _ in c.ratings] for c in rating_courses(room)}
    assert courses == {"distress": [8, 5]}


def test_a_state_rated_once_and_named_again_after_a_long_stretch_goes_on_from_its_first_rating():
    talk = ["Clinician: Zero to ten, how disturbing is the memory now?", "Client: Eight."]
    for k in range(15):  # sets of eye movements, and what came up
        talk += ["Clinician: Notice that. What comes up?", f"Client: The corridor. The door number {k}."]
    talk += ["Clinician: Back to the memory. How disturbing is it now, zero to ten?", "Client: Five.",
             "Clinician: And now?", "Client: Three."]
    courses = {c.label: [v for _, v, _ in c.ratings] for c in rating_courses(parse_transcript("\n".join(talk)))}
    assert courses == {"distress": [8, 5, 3]}


def test_a_rating_asked_as_a_request_and_a_bare_rating_question_go_on_with_the_fear_not_an_earlier_belief():
    room = parse_transcript("""Clinician: How much do you believe you'd lose control, out of a hundred?
Client: Seventy.
Clinician: Right. The lift. Rate your fear right now, before we go in, out of a hundred.
Client: Forty.
Clinician: Doors closing. Rating?
Client: Eighty-five. My chest is tight.
Clinician: Stay in. Rating?
Client: Sixty.""")
    courses = {c.label: [v for _, v, _ in c.ratings] for c in rating_courses(room)}
    assert courses.get("distress") == [40, 85, 60] and "belief" not in courses


def test_couple_work_is_named_from_the_couple_therapists_working_phrases():
    room = parse_transcript("""Clinician: Welcome back, both of you.
Partner: Thanks.
Client: Hi.
Clinician: Okay, let's all just slow down for a second. Both feet on the floor.
Client: Sorry.
Clinician: Nobody here is the villain. It's a cycle: Sam goes quiet, Ali pushes harder, and round it goes.
Partner: That's us.
Clinician: Can you say that to Ali? Not to me.
Partner: I go quiet because I'm scared of getting it wrong.
Clinician: That's the softer start we've been working towards.""")
    found = {i.approach: i for i in detect_interventions(room)}
    assert {"de-escalation", "unified detachment (the pattern named as shared)", "soft start-up"} <= set(found["couple work"].techniques)


def test_a_task_the_client_counters_with_a_smaller_one_is_the_one_the_clinician_then_settles():
    talk = ["Clinician: How was the week?", "Client: Busy. The shop was short-staffed."] * 6
    talk += ["Clinician: You said the break room is the hard bit.", "Client: Yeah. Everyone's in there at one.",
             "Clinician: So here's a thought. Could you eat lunch in the break room every day this week?",
             "Client: Could I try it once first? Like, Thursday, when Priya's on. She's nice.",
             "Clinician: Good. Lunch in the break room on Thursday, with Priya there, and notice what you predicted and what happened.",
             "Client: Thursday. Okay.",
             "Clinician: See you in a fortnight.", "Client: Bye."]
    agreed = homework_agreed(parse_transcript("\n".join(talk)))
    texts = [text for text, *_ in agreed]
    assert any(t.startswith("Lunch in the break room on Thursday, with Priya there") for t in texts), texts
    assert not any("every day this week" in t for t in texts), texts  # countered, never agreed
