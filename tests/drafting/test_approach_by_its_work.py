"""Interventions named from what the clinician does in the room, not only from the approach's name
(issue 16, Objective, therapy16j): a graded exposure run with a ladder, anxiety ratings and staying
with the fear; sensations brought on on purpose; behavioural activation by the inactivity loop and the
small things dropped; a DBT chain and its solution analysis; an enactment in a couple session; a
maintaining circle drawn with two explanations side by side. Words that are ordinary one at a time
name nothing alone, and the client's words never do. Transcripts written for these tests, no model."""

from __future__ import annotations

import pytest

from session_assistant.drafting.session_facts import detect_interventions, interventions_sentence
from session_assistant.drafting.transcript_input import parse_transcript
from short_sessions import approaches as _approaches, clinician_turns as _session


@pytest.mark.parametrize("lines, approach, techniques", [
    (("So where are we on the ladder this week?", "How anxious are you now, zero to a hundred?",
      "Good. Stay with it until it comes down a bit."),
     "exposure", ["fear ladder", "distress ratings", "staying with the fear"]),
    (("Let's bring on those sensations on purpose: spin on the chair for thirty seconds.",),
     "exposure", ["interoceptive exposure"]),
    (("When you feel flat you do less, and then there's nothing in the day to lift you.",
      "What's one small thing you used to enjoy on a Sunday?"),
     "behavioural activation", ["inactivity cycle", "valued activities"]),
    (("Let's do a chain on Friday night. What was the prompting event?", "Where could we cut the chain?",
      "Want to cope ahead for the wedding?"),
     "DBT skills", ["chain analysis", "solution analysis", "cope ahead"]),
    (("Can I slow us down a moment?", "Could you tell her that? Not me."),
     "couple work", ["de-escalation", "enactment"]),
    (("Let me draw it for you: the twinge, the thought, the fear, the checking.",
      "And the checking keeps the circle going."),
     "CBT formulation", ["formulation drawn", "vicious circle"]),
])
def test_work_done_in_the_room_names_its_approach(lines, approach, techniques):
    session = _session(*lines)
    if approach == "couple work":  # a couple in the room: the partner speaks too
        session = parse_transcript("\n".join(f"Clinician: {line}\nClient: Okay.\nPartner: Fine." for line in lines))
    found = _approaches(session)
    assert found.get(approach) == techniques
    assert approach in interventions_sentence(detect_interventions(session))


def test_one_ordinary_word_of_an_approach_names_nothing():
    assert "exposure" not in _approaches(_session("How anxious were you, out of ten, at the party?"))
    assert "exposure" not in _approaches(_session("He fell off the ladder at work."))
    assert "behavioural activation" not in _approaches(_session("So you do less at weekends now?"))
    assert "CBT formulation" not in _approaches(_session("I'll draw up the letter for your GP."))
    # "idea a" in ordinary speech is no Theory A.
    assert "CBT formulation" not in _approaches(_session("I had an idea a while ago.", "It goes round and round, doesn't it?"))


def test_the_clients_words_name_nothing():
    said_by_client = parse_transcript("Clinician: What did you do?\nClient: I climbed the ladder, rated it out of a hundred, "
                                      "and stayed with it until it comes down.\nClinician: Okay.")
    assert "exposure" not in _approaches(said_by_client)


def test_the_risk_questions_in_other_words_are_a_risk_assessment():
    found = _approaches(_session("Since we last met, have you had thoughts about actually ending your life?",
                                 "Any plan, anything you've thought of doing?", "And the tablets at home, who keeps them?"))
    assert found.get("suicide risk assessment") == ["ideation", "plan and intent", "access to means"]


def test_a_model_sentence_naming_a_found_approach_must_cite_lines_near_it():
    from session_assistant.drafting.session_facts import unevidenced_approaches
    session = _session("Hello, come in.", "Sit wherever you like.", "How was the drive?", "Any news from the school?",
                       "So where are we on the ladder?", "How anxious, zero to a hundred?", "Stay with it until it comes down.")
    found = detect_interventions(session)
    text = "The clinician used exposure to help the client face the fear."
    assert unevidenced_approaches(text, found, "", evidence=[0]) == ["exposure"]  # cites the greeting only
    assert unevidenced_approaches(text, found, "", evidence=[10]) == []  # cites the ladder
    assert unevidenced_approaches(text, found, "") == []  # no cited lines given: as before
