"""Measures by rule: the change since the last score from the chart's two scores (direction from
the numbers) in the Assessment, and a measure scored aloud that the chart lacks, quoted in Objective."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript

CHART = ChartContext.from_json({"measures": [
    {"name": "PHQ-9", "score": 12, "when": "session day"},
    {"name": "PHQ-9", "score": 17, "when": "last before session day"},
    {"name": "GAD-7", "score": 9, "when": "session day"}]})
SESSION = parse_transcript("Clinician: Let's look at the diary. Time in bed about seven hours, asleep about six.\n"
                           "Client: Sounds right.\n"
                           "Clinician: So that's a sleep efficiency of 86.\n"
                           "Client: Is that good?\n"
                           "Clinician: It is. When we started it was 70.\n"
                           "Client: Huh.\n"
                           "Clinician: And your GAD-7 was 9 today.")


def _lines(subject="client"):
    lines, _ = fact_lines(get_format("soap", subject), SourceIndex(SESSION), CHART, subject)
    return {line.text: line for line in lines}


def test_the_change_since_the_last_score_is_the_assessments_with_its_chart_sources():
    line = _lines()["Change on measures since the last score (per chart): PHQ-9 17 to 12 (lower: improved; moderately severe to moderate range)."]
    assert line.section == "assessment" and line.evidence == [] and len(line.chart_evidence) == 2


def test_a_measure_scored_aloud_that_the_chart_lacks_is_quoted_in_objective():
    lines = _lines()
    said = [t for t in lines if t.startswith("Measures scored in session")]
    assert said == ['Measures scored in session, as said: "So that\'s a sleep efficiency of 86. When we started it was 70."']
    assert lines[said[0]].section == "objective" and lines[said[0]].evidence == [2, 4]


def test_the_medical_voice_gets_no_measure_change_line():
    assert not any(t.startswith("Change on measures") for t in _lines("patient"))


def test_an_ordinary_word_spelled_like_a_measure_is_no_measure():
    from session_assistant.drafting.measures_said import measures_said

    talk = parse_transcript("Clinician: You were scared, about a six out of 10.\nClient: Yes.\n"
                            "Clinician: And your head was in a spin 3 times.\nClient: Yes.")
    assert measures_said(talk, None) == []


def test_a_measure_taken_twice_in_the_session_gives_the_response_in_the_assessment():
    # Exposure: distress at its highest, then at the end of the session (both the session day): the
    # client's response to the work belongs in the Assessment, beside the change across sessions.
    chart = ChartContext.from_json({"measures": [
        {"name": "SUDS (highest)", "score": 85, "when": "session day"},
        {"name": "SUDS (end)", "score": 45, "when": "session day"},
        {"name": "PHQ-9", "score": 12, "when": "session day"}]})
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(SESSION), chart, "client")
    within = [line for line in lines if line.text.startswith("Change within the session")]
    assert [line.text for line in within] == ["Change within the session (per chart): SUDS 85 (highest) to 45 (end)."]
    assert within[0].section == "assessment" and within[0].evidence == [] and len(within[0].chart_evidence) == 2


def test_a_single_score_or_two_visits_give_no_within_session_line():
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(SESSION), CHART, "client")
    assert not [line for line in lines if line.text.startswith("Change within the session")]
    earlier = ChartContext.from_json({"measures": [{"name": "SUDS (highest)", "score": 85, "when": "session day"},
                                                   {"name": "SUDS (end)", "score": 45, "when": "last before session day"}]})
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(SESSION), earlier, "client")
    assert not [line for line in lines if line.text.startswith("Change within the session")]
