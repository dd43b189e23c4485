"""Interventions clinicians do without naming them (chair work with a critic mode, a calm place and a
container, early warning signs and an action plan, a task broken down and body doubling): named, the
lexicon's way, from two techniques in the clinician's lines; one alone, or the client's words, name none."""

from __future__ import annotations

import pytest

from session_assistant.drafting.session_facts import detect_interventions, interventions_sentence
from session_assistant.drafting.transcript_input import parse_transcript
from short_sessions import approaches as _approaches, clinician_turns as _session


@pytest.mark.parametrize("lines, approach, techniques", [
    (("Let's give the punitive critic the empty chair and hear what it says.",
      "Now answer it from the healthy adult side."),
     "schema therapy", ["schemas and modes", "chair work"]),
    (("How often did you read the flashcard this week?", "Come back to this chair and tell the critic what is true."),
     "schema therapy", ["schemas and modes", "chair work", "schema flashcard"]),
    (("Bring up your safe place, the garden. I'm going to tap, slowly.", "Now the container: lock the memory in it."),
     "EMDR", ["calm place resourcing", "container exercise", "bilateral stimulation"]),
    (("Let's fill in your early warning signs for a low.", "Now the action plan: who do you call first?"),
     "relapse prevention planning", ["early warning signs", "action plan"]),
    (("Let's break it down: what's the first step?", "Some people find body doubling helps, working beside someone."),
     "ADHD coaching", ["task breakdown", "body doubling"]),
])
def test_work_done_without_its_name_is_named_from_two_techniques(lines, approach, techniques):
    found = _approaches(_session(*lines))
    assert found.get(approach) == techniques
    assert approach in interventions_sentence(detect_interventions(_session(*lines)))


def test_one_technique_or_the_clients_words_name_none():
    assert "schema therapy" not in _approaches(_session("Take a seat in whichever chair you like."))
    assert "EMDR" not in _approaches(_session("Where is your calm place?"))
    said_by_client = parse_transcript("Clinician: What helped?\nClient: The calm place, and the container, and tapping.")
    assert "EMDR" not in _approaches(said_by_client)


def test_early_warning_signs_of_a_mood_episode_are_no_safety_plan():
    found = _approaches(_session("What are your early warning signs of a high?", "And the action part, what's the step?"))
    assert "safety planning" not in found and "relapse prevention planning" in found
    assert "safety planning" in _approaches(_session("What are the warning signs that a crisis is coming?"))


def test_cbt_e_is_named_as_the_clinician_writes_it():
    found = _approaches(_session("Regular eating is the main thing at this stage.", "Let's do the weighing first."))
    assert "CBT-E for eating disorders" in found
