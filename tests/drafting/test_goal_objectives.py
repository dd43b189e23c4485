"""The golden thread at the step the plan is on: a chart goal's line names the objectives the
session's lines spoke to (two of an objective's topic words, one line the client's), never one only
the clinician named or one tied by an everyday word. Chart and talk written for these tests."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.goal_objectives import objectives_of, objectives_worked
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript

CHART = ChartContext.from_json({"goals": [
    {"id": "G1", "text": "Go swimming again without panicking",
     "objectives": ["Sit in the leisure centre cafe for twenty minutes", "Swim one length in the shallow lane",
                    "Notice when she is about to say no"]}]})
TALK = parse_transcript(
    "Clinician: How did the leisure centre go?\n"
    "Client: I sat in the cafe at the leisure centre for the whole twenty minutes. My heart was going but I stayed.\n"
    "Clinician: Next would be one length in the shallow lane. How does that sound?\n"
    "Clinician: Can you say what you notice?\n"
    "Client: No. I notice I want to go home.\n"
    "Client: I was panicking a bit before swimming even came up.")


def test_the_objective_the_client_spoke_to_is_named_one_only_the_clinician_named_is_not():
    found = objectives_worked(CHART.goals[0].text, TALK)
    assert found == [("Sit in the leisure centre cafe for twenty minutes", [0, 1])]
    assert objectives_of(CHART.goals[0].text)[1] == "Swim one length in the shallow lane"


def test_the_goal_line_carries_the_objective_as_charted_and_cites_its_lines():
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(TALK), CHART, "client")
    goal = next(line for line in lines if line.chart_evidence == [CHART.goals[0].ref])
    assert goal.section == "assessment"
    assert "; objective discussed (per chart): Sit in the leisure centre cafe for twenty minutes; clinician to rate" in goal.text
    assert 1 in goal.evidence and "shallow lane" not in goal.text and "say no" not in goal.text


def test_a_goal_without_objectives_keeps_its_line_as_before():
    chart = ChartContext.from_json({"goals": [{"id": "G1", "text": "Go swimming again without panicking"}]})
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(TALK), chart, "client")
    assert [line.text for line in lines if line.chart_evidence == [chart.goals[0].ref]] == [
        "Treatment goal (Go swimming again without panicking) was addressed in this session; clinician to rate the client's progress."]
