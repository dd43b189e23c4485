"""A score stated beside a measure's name must be that measure's: "a BDI-II of 9" where 9 was the BAI's
and the BDI-II was 22 is withheld; the right pairs, and a number no measure owns, are left to the other
checks. Hand-written session and chart lines (no model)."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.measure_scores import WRONG_MEASURE, wrong_measures
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: Your BDI-II came out at 22 this week, and the BAI at 9.
Client: So the low mood is the bigger one.
Clinician: It is. The anxiety one is in the mild range.
Client: That fits.""")
SOURCE = SourceIndex(SESSION)
MEASURES = ["BDI-II total 22 (session day)", "BAI total 9 (session day)", "BDI-II total 27 (first session)"]


def test_a_score_that_is_another_measures_is_found_and_the_right_pairs_pass():
    assert wrong_measures("The client's BDI-II score was 9 and the BAI was 22.", SOURCE, MEASURES) == ["BDI-II 9", "BAI 22"]
    assert wrong_measures("The BDI-II fell from 27 to 22, and the BAI was 9.", SOURCE, MEASURES) == []
    assert wrong_measures("The BDI-II was 14.", SOURCE, MEASURES) == []  # no measure owns 14: another check's


def test_in_the_draft_the_sentence_pairing_a_score_with_the_wrong_measure_is_withheld():
    # the scores in the chart alone (the session's own "scored in session" line would hold the sentence as said)
    session = parse_transcript("Clinician: The questionnaires are back.\nClient: How did I do?\n"
                               "Clinician: The low mood one is still the bigger one.\nClient: That fits.")
    chart = ChartContext.from_json({"measures": [{"name": "BDI-II", "score": 22, "when": "session day"},
                                                 {"name": "BAI", "score": 9, "when": "session day"}]})
    raw = {"subjective": [], "objective": [{"text": "The client's BDI-II score was 9 on the questionnaires.",
                                            "evidence": [0]}],
           "assessment": [], "plan": []}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(session), scan_transcript(session), model="m",
                     mode="direct", warnings=[], subject="client", chart=chart)
    assert [m.text for m in chart.measures][:2] == ["BDI-II total 22 (session day)", "BAI total 9 (session day)"]
    assert not any("BDI-II score was 9" in s.text for s in draft.sentences)
    assert any(f.startswith(WRONG_MEASURE) for s in draft.withheld for f in s.flags)
