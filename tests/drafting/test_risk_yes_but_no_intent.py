"""A yes to a suicide screen with acting on it denied is ideation endorsed, not a denial: "Yes, now and
then. But I'd never do anything." was listed "screened: denied" because the denial words were read
anywhere in the answer (unseen 122). And the passive wish said as acceptance ("if I didn't wake up,
fair enough") or as a burden ("they'd all be better off") is a passive wish, listed as endorsed."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import DENIED, ENDORSED, scan_transcript
from session_assistant.drafting.transcript_input import Utterance


def _items(question: str, answer: str):
    return scan_transcript([Utterance(0, "Clinician", question), Utterance(1, "Client", answer)])


@pytest.mark.parametrize("answer", [
    "Yes, now and then. But I'd never do anything about it.",
    "Yeah. I'm not going to act on it, though.",
    "Sometimes, late at night. I would never go through with it.",
])
def test_thoughts_endorsed_with_intent_denied_are_endorsed(answer):
    (item,) = _items("Any thoughts of killing yourself since we last met?", answer)
    assert item.status == ENDORSED


def test_the_burden_asked_back_and_agreed_is_a_passive_wish():
    (item,) = _items("When you say that, do you mean she'd be better off without you?",
                     "Yeah. Without me. I'm not going to do anything, it's just how it feels.")
    assert (item.status, item.detail) == (ENDORSED, "passive")


@pytest.mark.parametrize("answer", ["Yeah, no, I'm not going to do anything like that.", "No. I'd never do that to my mum."])
def test_a_yes_taken_back_or_a_plain_no_stays_denied(answer):
    (item,) = _items("Any thoughts of killing yourself since we last met?", answer)
    assert item.status == DENIED


@pytest.mark.parametrize("answer", [
    "Not a plan or anything. More, if I never woke up one morning, so be it.",
    "Not like that. If I didn't wake up tomorrow I wouldn't mind, that's all.",
])
def test_not_waking_told_as_acceptable_is_a_passive_wish(answer):
    (item,) = _items("Have you had thoughts of ending your life?", answer)
    assert (item.status, item.detail) == (ENDORSED, "passive")


@pytest.mark.parametrize("said, listed", [
    ("Honestly, some evenings I think the kids would all be better off.", True),
    ("I reckon they'd all be better off, really.", True),
    ("They'd all be better off in a bigger flat, to be fair.", False),
    ("The kids would be better off going to the school nearer us.", False),
])
def test_the_family_better_off_told_is_listed_but_not_a_better_place(said, listed):
    items = scan_transcript([Utterance(0, "Client", said)])
    assert bool(items and items[0].status == ENDORSED and items[0].detail == "passive") is listed


def test_a_session_with_no_risk_question_or_word_says_risk_was_not_screened():
    from session_assistant.drafting.risk_note import NOT_SCREENED, risk_sentences
    from session_assistant.drafting.transcript_input import parse_transcript
    quiet = parse_transcript("Clinician: How did the shopping list go?\nClient: I stuck to it twice.")
    assert [s.text for s in risk_sentences("soap", "assessment", quiet, scan_transcript(quiet))] == [NOT_SCREENED]
    asked = parse_transcript("Clinician: Any thoughts of suicide this week?\nClient: No.")
    assert NOT_SCREENED not in [s.text for s in risk_sentences("soap", "assessment", asked, scan_transcript(asked))]


def test_the_risk_line_says_intent_was_denied_beside_the_thoughts_endorsed():
    from session_assistant.drafting.risk_note import risk_sentences
    from session_assistant.drafting.transcript_input import parse_transcript
    said = parse_transcript("Clinician: Any thoughts of killing yourself lately?\nClient: Yeah, some nights. I'd never do anything.")
    (line,) = [s.text for s in risk_sentences("soap", "assessment", said, scan_transcript(said)) if s.section == "assessment"]
    assert "ideation endorsed" in line and "intent to act denied" in line
