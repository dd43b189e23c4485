"""A model sentence that says the client never did what the client said they did is withheld (an unseen
session's draft said "he had never sold his hunting rifle" after "I sold my hunting rifle two years ago"),
and a model sentence about weapons is the risk line's to state, never the model's."""

from __future__ import annotations

from session_assistant.drafting.claim_support import MEANS_STATEMENT, WITHHOLDING, unsupported_claims
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.negated_act import NEGATED_ACT, negated_acts
from session_assistant.drafting.transcript_input import parse_transcript

_TOLD = parse_transcript("""Clinician: Did anything happen with the email?
Client: I sent the email to my manager on Friday. She hasn't answered.
Clinician: How did that feel?
Client: Awful, then fine.""")


def test_a_sentence_denying_what_the_client_said_they_did_is_flagged_and_withheld():
    flags = negated_acts("The client reported that she had never sent the email to her manager.", _TOLD)
    assert len(flags) == 1 and flags[0].startswith(f"{NEGATED_ACT}:sent email")
    assert NEGATED_ACT in WITHHOLDING
    assert any(f.startswith(NEGATED_ACT) for f in unsupported_claims(
        "The client reported that she had never sent the email to her manager.", SourceIndex(_TOLD)))


def test_the_same_words_said_with_a_negation_of_the_clients_own_raise_nothing():
    lines = parse_transcript("Clinician: Did you send it?\nClient: No. I never sent the email to my manager.")
    assert negated_acts("The client reported that she had not sent the email to her manager.", lines) == []


def test_only_the_clients_lines_count_and_a_sentence_that_agrees_raises_nothing():
    lines = parse_transcript("Clinician: I sent the email to your manager, as we agreed.\nClient: Thanks.")
    assert negated_acts("The client had not sent the email to her manager.", lines) == []
    assert negated_acts("The client reported that she sent the email to her manager.", _TOLD) == []


def test_a_model_sentence_about_weapons_is_the_risk_lines_to_state():
    source = SourceIndex(parse_transcript("Clinician: Do you have any weapons at home?\n"
                                          "Client: No. I sold my shotgun last year."))
    flags = unsupported_claims("The client reported that he had never used a weapon at home.", source)
    assert MEANS_STATEMENT in flags
