"""The client's answers to a risk screen are the client's account: a denial is quoted in the Subjective
("Client denied suicidal ideation ("...")"), as an endorsement already was, and the Assessment's risk
line names each finding once, without the quotes. Inputs are written for this test."""

from __future__ import annotations

from session_assistant.drafting import get_format, parse_transcript
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble

_REST = ["Clinician: Let's look at the week ahead.", "Client: Okay."] * 5


def _risk_lines(transcript: str):
    utterances = parse_transcript("\n".join([transcript, *_REST]))
    draft = assemble(get_format("soap", "client"), {}, SourceIndex(utterances), scan_transcript(utterances),
                     model="m", mode="direct", warnings=[], subject="client")
    return {s.section: s for s in draft.sentences if "risk_documented" in s.flags}


def test_a_denied_screen_is_quoted_in_the_subjective_and_named_in_the_assessment():
    lines = _risk_lines("Clinician: With things this low, any thoughts of ending your life?\n"
                        "Client: No. I'd never leave the boys like that.")
    assert lines["subjective"].text == 'Client denied suicidal ideation ("No. I\'d never leave the boys like that.").'
    assert lines["subjective"].evidence == [0, 1]
    assert lines["assessment"].text == "Risk: suicidal ideation denied."
    assert lines["assessment"].evidence == [0, 1]


def test_denials_answered_in_one_line_are_quoted_once_and_named_together():
    lines = _risk_lines("Clinician: Some people in your position think of suicide. Have you?\n"
                        "Client: Sometimes I wish I could just not wake up.\n"
                        "Clinician: Have you thought about how you would do it, or made any plan?\n"
                        "Client: No. Nothing like that, not ever.\n"
                        "Clinician: Have you ever hurt yourself on purpose?\n"
                        "Client: No. Not once.")
    account, risk = lines["subjective"].text, lines["assessment"].text
    assert account.startswith('Client reported passive suicidal ideation ("Sometimes I wish I could just not wake up."')
    assert '; denied ' in account and '("No. Nothing like that, not ever.")' in account and '("No. Not once.")' in account
    assert account.count("Not once") == 1
    assert risk.startswith("Risk: passive suicidal ideation endorsed; ") and " denied" in risk
    assert '"' not in risk  # the client's words are said once, in the Subjective
