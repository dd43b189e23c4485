"""Assessment rules of issue 16 (therapy16o): triggers the client names unasked ("The mornings are the
worst bit.", "I'm always worse when ...") or in answer to "Is that
still the worst bit?" and to the clinician recalling "that's when the urges hit"; and progress on a goal
as the step reached on an exposure ladder, and each goal read out in a review with the client's answer. Fictional exchanges written for these tests (no dev session's
words); every line quotes what was said and cites its lines."""

from __future__ import annotations

from session_assistant.drafting.assessment_said import goal_progress, ladder_step, triggers_reported
from session_assistant.drafting.chart_context import ChartContext, terms_said, goal_terms
from session_assistant.drafting.transcript_input import parse_transcript


def test_the_client_naming_the_worst_time_unasked_is_a_trigger():
    said = parse_transcript("Clinician: How has the week been?\n"
                            "Client: Up and down. The Sunday evenings are the worst bit.")
    assert triggers_reported(said) == [("The Sunday evenings are the worst bit.", [1])]
    worse = parse_transcript("Clinician: And the voices?\nClient: Quieter. I'm always worse when I've skipped lunch.")
    assert triggers_reported(worse) == [("I'm always worse when I've skipped lunch.", [1])]


def test_a_pronoun_pointing_back_or_the_onset_is_no_trigger():
    for text in ("Client: That's the worst of it.", "Client: It got worse after the move.",
                 "Client: Which is worse.", "Client: The worst one was a seven."):
        assert triggers_reported(parse_transcript(text)) == [], text


def test_the_worst_bit_asked_is_a_trigger():
    worst = parse_transcript("Clinician: You mentioned the canteen before. Is that still the worst bit?\n"
                             "Client: Canteen, yeah. Everyone sits in rows and watches you carry your tray over.")
    assert triggers_reported(worst) == [("Canteen, yeah. Everyone sits in rows and watches you carry your tray over.",
                                         [0, 1])]


def test_the_clinician_recalling_when_the_urges_hit_gets_the_answer():
    said = parse_transcript("Clinician: And the late afternoons? You told me that's when the urges hit.\n"
                            "Client: Four till six, yeah. Before she gets home.")
    assert triggers_reported(said) == [("Four till six, yeah. Before she gets home.", [0, 1])]


LADDER = parse_transcript("""Clinician: Good to see you. Where are we up to on the ladder?
Client: Step four. Standing on the bridge over the river for ten minutes.
Clinician: And the lift?
Client: Not yet.""")


def test_the_step_reached_on_the_ladder_is_progress_on_the_goal():
    chart = ChartContext.from_json({"goals": [{"id": "G1", "text": "Cross the bridge over the river to work"}]})
    said = goal_progress(goal_terms(chart.goals[0]), terms_said, LADDER)
    assert said == ("Step four. Standing on the bridge over the river for ten minutes.", 1)


def test_a_step_planned_or_asked_without_the_ladder_is_no_progress():
    assert ladder_step("Where are we up to?", "Step four. The bridge.") is None
    assert ladder_step("What's on the ladder next?", "Step five will be the lift.") is None


REVIEW = parse_transcript("""Clinician: Shall we look at the goals we set in March? The first one was driving to your sister's.
Client: Done. Twice, on my own, motorway and all.
Clinician: Brilliant. And the second goal was about the allotment.
Client: Half there. I've been up once.
Clinician: The next one is the hardest, I know. What would help?
Client: Not sure.""")


def test_each_goal_read_out_in_a_review_gets_the_clients_answer():
    from session_assistant.drafting.assessment_said import goals_reviewed
    assert goals_reviewed(REVIEW) == [
        ("The first one was driving to your sister's.", "Done. Twice, on my own, motorway and all.", [0, 1]),
        ("And the second goal was about the allotment.", "Half there. I've been up once.", [2, 3])]
    no_goals = parse_transcript("Clinician: The first one was the bus.\nClient: Fine.")
    assert goals_reviewed(no_goals) == []
