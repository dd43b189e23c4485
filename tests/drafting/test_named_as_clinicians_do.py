"""Interventions named in the clinician's terms from the working phrases of each approach (an
experiment set, a blueprint and early warning signs, pacing and the crash, the broken record,
feedback against a guideline), and a quote of how the client judges themself; short transcripts in
other words than the evaluation sessions, with what must not be named or quoted."""

from __future__ import annotations

from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.transcript_input import parse_transcript


def _named(*clinician: str) -> dict[str, list[str]]:
    text = "".join(f"Clinician: {line}\nClient: Okay.\n" for line in clinician)
    return {i.approach: i.techniques for i in detect_interventions(parse_transcript(text))}


def test_an_experiment_set_in_the_room_is_a_behavioural_experiment():
    assert "behavioural experiment" in _named("Shall we try a little experiment with the phone this week, leaving it downstairs?")
    assert "behavioural experiment" not in _named("Science was never my thing either, to be fair.")


def test_a_blueprint_with_early_warning_signs_is_relapse_prevention_planning():
    named = _named("Let's write your blueprint today, in your words.", "What would your early signs be, if it crept back?")
    assert named["relapse prevention planning"] == ["early warning signs", "relapse prevention plan"]
    # one of the two is not the approach: an early sign of a cold is ordinary speech
    assert "relapse prevention planning" not in _named("Any early signs of the cold going round?")


def test_pacing_with_the_crash_it_prevents_is_activity_pacing():
    named = _named("The crash on Sunday came after the big Saturday.", "So what would pacing look like on a good day?")
    assert named["activity pacing"] == ["pacing", "boom and bust"]
    assert "activity pacing" not in _named("After the car crash, how have you been sleeping?")


def test_assertive_communication_with_the_broken_record_is_assertiveness_training():
    named = _named("That was assertive, not rude.", "Use the broken record: say it again, calmly, no new excuse.")
    assert named["assertiveness training"] == ["assertive communication", "broken record"]


def test_feedback_against_a_guideline_and_what_low_mood_does_is_psychoeducation():
    assert "psychoeducation" in _named("The low-risk guideline is fourteen units across the week.")
    assert "psychoeducation" in _named("Low mood on its own can make it hard to remember things.")


def test_how_the_client_judges_themself_is_quoted_but_not_a_line_about_dying():
    lines = parse_transcript("Clinician: How did the interview go?\n"
                             "Client: I froze on the second question. I felt completely useless in there.\n"
                             "Clinician: Useless.\n"
                             "Client: Yeah.\n"
                             "Clinician: And in the memory, what do you hear?\n"
                             "Client: That I'm going to die because I'm weak.\n")
    assert client_quotes(lines) == [("I felt completely useless in there.", 1)]
    # "stupid" of a thing, not of the client, is no self-judgement
    assert client_quotes(parse_transcript("Clinician: And the form?\nClient: I know the form is stupid, honestly.\n")) == []
