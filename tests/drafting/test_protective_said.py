"""Reasons for living the client names inside the risk talk, quoted in the Assessment; the same words
outside risk talk (a trauma story, a chore) are none, and an answer to "what stopped you?" is left to
the risk line. Transcripts written for these tests."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.protective_said import protective_named
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript

SCREEN = parse_transcript(
    "Clinician: I ask everyone this. Have you had thoughts of ending your life lately?\n"
    "Client: Now and then, late at night.\n"
    "Clinician: How often?\n"
    "Client: Maybe twice a week.\n"
    "Clinician: Have you thought about how, or done anything?\n"
    "Client: No. My nephew lives with us now. He's nine. I could never do that to him.")


def test_a_reason_for_living_in_the_screen_is_quoted_with_who_it_is():
    assert protective_named(SCREEN, mentions_risk) == [
        ("My nephew lives with us now. He's nine. I could never do that to him.", [5])]
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(SCREEN), None, "client")
    line = next(x for x in lines if x.text.startswith("Protective factors"))
    assert line.section == "assessment" and line.evidence == [5]
    assert line.text == ('Protective factors, in the client\'s words: '
                         '"My nephew lives with us now. He\'s nine. I could never do that to him."')


def test_the_same_words_outside_risk_talk_are_no_protective_factor():
    talk = parse_transcript("Clinician: What happened when he grabbed you?\n"
                            "Client: I froze. Honestly I think it kept me alive.\n"
                            "Clinician: And the dishes?\n"
                            "Client: I'd never do that to my flatmates, leave them in the sink.")
    assert protective_named(talk, mentions_risk) == []


def test_the_answer_to_what_stopped_you_is_left_to_the_risk_line():
    talk = parse_transcript("Clinician: You said the thoughts of suicide got strong on Friday. What stopped you?\n"
                            "Client: My daughter. I couldn't do that to her.")
    assert protective_named(talk, mentions_risk) == []
