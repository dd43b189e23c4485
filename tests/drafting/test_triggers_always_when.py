"""The client saying outright when the problem comes ("It's always when ..."), with a second time named after
"Or when ...", is the triggers the Assessment quotes; a plan for when it comes is not."""

from __future__ import annotations

from session_assistant.drafting.assessment_said import triggers_reported
from session_assistant.drafting.transcript_input import parse_transcript


def test_its_always_when_names_the_triggers_with_the_or_when_after_it():
    session = parse_transcript("Clinician: And the evenings you smoked, what do you make of them?\n"
                               "Client: It's usually when the flat's empty. Or when my brother rings about money. Like Sunday.")
    assert triggers_reported(session) == [("It's usually when the flat's empty. Or when my brother rings about money.", [1])]


def test_a_plan_for_when_it_comes_is_no_trigger():
    session = parse_transcript("Clinician: What will you do with the urge?\n"
                               "Client: It's always when I get home, so I'll go straight out for a walk instead.")
    assert triggers_reported(session) == []


def test_every_time_he_does_something_names_the_trigger_with_who_he_is():
    session = parse_transcript("Clinician: Which of the worries stayed with you this week?\n"
                               "Client: My son, really. He's started driving at night. Whenever he's late home, I start ringing round "
                               "the hospitals in my head.")
    assert triggers_reported(session) == [("He's started driving at night. Whenever he's late home, I start ringing round the "
                                           "hospitals in my head.", [1])]
