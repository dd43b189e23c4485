"""A risk question passed on to the other person of a joint session ("Thank you. Rob?") is a screening
of that person: their answer is listed and the risk line says whose each answer is. Hand-written
sessions (no model)."""

from __future__ import annotations

from session_assistant.drafting.risk import DENIED, scan_transcript
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript

ASKED_BOTH = parse_transcript("""Clinician: Hello, both of you. How has the fortnight been since the move?
Client: Hard. I miss the old street, and Tom misses his allotment.
Partner: I've been fine, mostly. Tired.
Clinician: Nadia, how have you been sleeping since the move?
Client: Badly. I wake at four.
Clinician: Thank you. With everything that's happened, have either of you had thoughts of ending your life, or of hurting yourself? You first, Nadia?
Client: No, never. It's been grim, but no.
Clinician: Thanks. Tom?
Partner: No. Nothing like that.
Clinician: Good. Let's talk about the weekends.""")


def test_the_question_passed_on_lists_the_second_persons_answer():
    items = scan_transcript(ASKED_BOTH)
    assert [(i.speaker, i.status, i.evidence) for i in items] == [("Client", DENIED, [5, 6]), ("Partner", DENIED, [7, 8])]


def test_the_risk_line_says_whose_each_denial_is():
    line = risk_note(ASKED_BOTH, scan_transcript(ASKED_BOTH)).assessment[0]
    assert line.startswith("Risk: suicidal ideation and self-harm denied by both, the client (Nadia) (")
    assert '"No, never.' in line and 'the partner (Tom) ("No. Nothing like that.")' in line


def test_a_bare_okay_is_no_question_passed_on():
    asked_one = parse_transcript("""Clinician: Have you had thoughts of ending your life?
Client: No.
Clinician: Okay?
Partner: She means it, she's been better.""")
    assert [i.speaker for i in scan_transcript(asked_one)] == ["Client"]


def test_one_client_alone_keeps_the_plain_line():
    alone = parse_transcript("""Clinician: Have you had any thoughts of ending your life?
Client: No. Not at all.""")
    # the client's words are quoted in the Subjective (therapy21b), the Assessment names the finding
    assert risk_note(alone, scan_transcript(alone)).assessment[0] == 'Risk: suicidal ideation denied.'


def test_a_screen_asked_of_both_lists_each_answer():
    couple = parse_transcript("""Clinician: Hello both. How has the week been for you two?
Client: Tense. We argued about the car on Friday, and Sam, I mean my husband, slept downstairs.
Partner: It was a bad one.
Clinician: Something I ask couples routinely. Since we last met, has anything got physical between you, or has either of you felt afraid at home?
Client: No. Loud, yes, but never that.
Partner: No, never.
Clinician: Thank you both.""")
    items = scan_transcript(couple)
    assert [(i.speaker, i.status, i.evidence) for i in items] == [("Client", DENIED, [3, 4]), ("Partner", DENIED, [3, 5])]
    assert "physical violence denied by both" in risk_note(couple, items).assessment[0]
    from session_assistant.drafting.risk_words import asked_words
    assert asked_words("abuse", couple[3].text) == "physical violence" and asked_words("abuse", "Are you safe at home?") == "abuse"
