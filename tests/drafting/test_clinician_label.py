"""A reading the model says the clinician gave ("which the clinician noted as a sign of relapse") that no
clinician line gives is cut from the end of the sentence, the report kept; a reading the clinician did give
stays; one inside the sentence withholds it. Hand-written session and sentences (no model)."""

from __future__ import annotations

from session_assistant.drafting.clinician_label import (LABEL_REMOVED, UNSAID_CLINICIAN_LABEL, unsaid_clinician_labels,
                                                        without_unsaid_labels)
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How was the weekend?
Client: I skipped the gym on Saturday and stayed in bed till noon.
Clinician: That sounds like the avoidance we mapped last time, pulling back when the mood dips.
Client: Probably. On Sunday I did go for a swim though.
Clinician: That swim is real progress, you did it on a low day.""")
SOURCE = SourceIndex(SESSION)


def test_a_reading_no_clinician_line_gives_is_found_and_one_given_is_not():
    assert unsaid_clinician_labels("The client stayed in bed, which the clinician noted as a sign of relapse.",
                                   SOURCE) == ["relapse"]
    assert unsaid_clinician_labels("The client skipped the gym, which the clinician identified as avoidance.", SOURCE) == []
    assert unsaid_clinician_labels("The client went for a swim, which the clinician described as progress.", SOURCE) == []


def test_a_trailing_reading_is_cut_and_the_report_kept():
    text, removed = without_unsaid_labels("The client went for a swim on Sunday, which the clinician noted as a sign "
                                          "of relapse.", SOURCE)
    assert (text, removed) == ("The client went for a swim on Sunday.", ["relapse"])


def test_in_the_draft_the_report_stays_flagged_and_a_reading_it_cannot_cut_is_withheld():
    raw = {"subjective": [], "objective": [], "plan": [],
           "assessment": [{"text": "The client did go for a swim on a low day on Sunday, which the clinician noted as a sign "
                                   "of relapse.",
                           "evidence": [3]},
                          {"text": "The clinician described the swim as a warning sign and asked about the gym.",
                           "evidence": [3]}]}
    draft = assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m", mode="direct",
                     warnings=[], subject="client")
    kept = [s for s in draft.sentences if s.origin == "model"]
    assert [s.text for s in kept] == ["The client did go for a swim on a low day on Sunday."]
    assert any(f.startswith(LABEL_REMOVED) for f in kept[0].flags)
    assert any(f.startswith(UNSAID_CLINICIAN_LABEL) for s in draft.withheld for f in s.flags)


def test_a_description_given_to_someone_in_words_nobody_said_is_cut():
    text, removed = without_unsaid_labels("The clinician reviewed the mood diary, which she described as a standard "
                                          "instrument for measuring depression severity.", SOURCE)
    assert text == "The clinician reviewed the mood diary."
    assert removed and "instrument" in removed
    said = "The client spoke about the swim, which she described as real progress on a low day."
    assert without_unsaid_labels(said, SOURCE) == (said, [])
