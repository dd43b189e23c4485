"""One list of the words that answer a screening question yes or say how often (``risk_words.YES_OR_HOW_OFTEN``):
``risk`` reads them at the answer's start, ``risk_choice`` beside a hedge. Each list had words the other
lacked, so "Twice." was an unclear answer and "I don't know. Yup." a hedge alone."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import ENDORSED, scan_transcript
from session_assistant.drafting.transcript_input import Utterance


def _status(answer: str) -> str:
    lines = [Utterance(0, "Clinician", "Have you had any thoughts of suicide this week?"), Utterance(1, "Client", answer)]
    (item,) = scan_transcript(lines)
    return item.status


@pytest.mark.parametrize("answer", ["Twice.", "Once.", "A few times.", "A bit.", "I don't know. Yup."])
def test_how_often_or_a_yes_endorses(answer):
    assert _status(answer) == ENDORSED


@pytest.mark.parametrize("answer", ["No.", "I don't know. Maybe."])
def test_a_no_or_a_hedge_alone_does_not(answer):
    assert _status(answer) != ENDORSED
