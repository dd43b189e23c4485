"""A standard questionnaire's score read by its scoring guide in the Assessment: improved or worse,
the range it lies in, a crossing of the clinical cut-off; a measure without a known guide keeps its
bare direction. Charts written for these tests."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.measure_bands import band_note
from session_assistant.drafting.transcript_input import parse_transcript

TALK = parse_transcript("Clinician: Thanks for filling those in before we started.\nClient: No problem.")


def _assessment(chart: dict) -> list[str]:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(TALK), ChartContext.from_json(chart), "client")
    return [line.text for line in lines if line.section == "assessment"]


def test_a_drop_below_the_cut_off_is_an_improvement_into_a_lower_range():
    said = _assessment({"measures": [{"name": "GAD-7", "score": 7, "when": "session day"},
                                     {"name": "GAD-7", "score": 12, "when": "last before session day"}]})
    assert ("Change on measures since the last score (per chart): GAD-7 12 to 7 "
            "(lower: improved; moderate to mild range; now below the clinical cut-off).") in said


def test_a_rise_is_worse_and_an_unknown_measure_keeps_its_bare_direction():
    said = _assessment({"measures": [{"name": "CORE-10", "score": 22, "when": "session day"},
                                     {"name": "CORE-10", "score": 16, "when": "last before session day"},
                                     {"name": "Hope scale", "score": 5, "when": "session day"},
                                     {"name": "Hope scale", "score": 3, "when": "last before session day"}]})
    line = next(t for t in said if t.startswith("Change on measures"))
    assert "CORE-10 16 to 22 (higher: worse; moderate to moderate-to-severe range)" in line
    assert "Hope scale 3 to 5 (higher)" in line and "improved" not in line


def test_a_single_score_of_the_session_gets_its_range_and_one_from_an_earlier_visit_none():
    said = _assessment({"measures": [{"name": "AUDIT", "score": 18, "when": "session day"},
                                     {"name": "PHQ-9", "score": 21, "when": "last before session day"}]})
    assert ("Severity on measures by their scoring guides (per chart): AUDIT 18 "
            "(higher risk range; at or above the clinical cut-off).") in said
    assert not any("PHQ-9" in t for t in said)


def test_the_guides_own_numbers_are_never_written():
    note = band_note("PHQ-9", 23, 8)
    assert note == ": improved; severe to mild range; now below the clinical cut-off"
    assert not any(ch.isdigit() for ch in note)
