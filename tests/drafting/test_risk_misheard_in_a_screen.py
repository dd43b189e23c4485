"""A misheard self-harm screen inside a question that also screens for suicide, as Whisper wrote it in
the window: "Have any thoughts on thirding yourself or ending your life?" - "No, nothing like that."
Both screens are listed as denied, the misheard one with its wording to check."""

from __future__ import annotations

from session_assistant.drafting.risk import DENIED, scan_transcript
from session_assistant.drafting.risk_findings import risk_findings
from session_assistant.drafting.risk_misheard import WORDING_TO_CHECK
from session_assistant.drafting.risk_note import risk_sentences
from session_assistant.drafting.transcript_input import parse_transcript

_SCREEN = ("Clinician: I'd like to ask you something I ask everyone.\nClient: Okay.\n"
           "Clinician: Have any thoughts on thirding yourself or ending your life?\n"
           "Client: No, nothing like that. I just want the panic to stop.\n")


def test_the_misheard_half_of_a_screen_is_listed_beside_the_heard_half():
    lines = parse_transcript(_SCREEN)
    items = scan_transcript(lines)
    assert [(i.category, i.status, i.detail) for i in items] == [
        ("suicidal_ideation", DENIED, ""), ("self_harm", DENIED, WORDING_TO_CHECK)]
    assert "wording to check" in risk_findings(items)
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, items))
    assert "suicidal ideation denied" in said and "self-harm" not in said  # the misheard half is the list's to check


def test_an_endorsed_screen_gets_no_misheard_denial_beside_it():
    lines = parse_transcript(_SCREEN.replace("No, nothing like that. I just want the panic to stop.",
                                             "Yes. Sometimes I think about ending it."))
    items = scan_transcript(lines)
    assert len(items) == 1 and items[0].detail != WORDING_TO_CHECK
