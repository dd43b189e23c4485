"""Maintaining factors as the clinician named them in session, found by rule for the Assessment.

Why: a therapy Assessment says what keeps the problem going (avoidance, safety behaviours,
reassurance seeking, checking), and clinicians say it aloud when they link a behaviour to the
problem ("the checking sort of teaches your brain that she's only safe if you're watching", "it's
the avoidance we've been talking about", "The more you focus on one bit, the bigger and worse it
looks", "the asking keeps the circle going"). No rule carried it, and the model's Assessment named
it in none of the therapy set's sessions that speak to it.

What counts: a clinician's statement (never a question) that names a maintaining process: a safety
behaviour, avoidance, reassurance, checking or relief linked to the problem coming back or
growing, a circle/cycle/trap, "the more ..., the ..." or "keeps it going". Each is quoted as said
and cites its line; none is the model's.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK

_SENTENCES = SENTENCE_BREAK
_NAMES = re.compile(
    r"\b(?:safety behaviou?rs?|(?:the |that |your )avoidance|avoiding (?:it|them|things|the)\b"
    # "the asking keeps the circle going", "things that keep the worry going"; never "And keep the diary going."
    r"|(?:\w+ing|\w+s|they|that|which|it|this) keeps? (?:it|the \w+|them|things|that|this) going|(?:vicious|the same) (?:circle|cycle)"
    r"|(?:caught|stuck) in (?:it|a|the|that)\b|a (?:bit of a )?trap\b"
    r"|teach(?:es)? your (?:brain|mind|body)|buys? (?:a|you) (?:few|little)|relief (?:doesn'?t|does not|never) last"
    r"|stop(?:s)? you (?:from )?(?:learning|finding out)|never (?:get|gets) to (?:learn|find out)"
    r"|the (?:more|longer) (?:you|she|he|they|it|I)\b[^.!?]{0,60}\bthe (?:more|less|bigger|worse|harder|stronger|louder)\b"
    r"|(?:reassurance|checking|avoidance)[^.!?]{0,40}\b(?:works?|helps?|brings?)[^.!?]{0,40}\b(?:then|but|only)\b)", re.I)
ITEMS_MAX = 3
QUOTE_MAX_WORDS = 40
SHORT_WORDS = 8  # a sentence this short is quoted with the one before it

MaintainingItem = tuple[str, list[int]]


def maintaining_named(utterances: Sequence[Utterance], mentions_risk: Callable[[str], bool],
                      already: str = "") -> list[MaintainingItem]:
    """The clinician's sentences naming what keeps the problem going, in session order (see the
    module); a sentence another rule line already quotes (``already``) is left out."""
    found: list[MaintainingItem] = []
    for utt in utterances:
        if not utt.speaker or is_client(utt.speaker):
            continue
        sentences = _SENTENCES.split(" ".join(utt.text.split()))
        for n, sentence in enumerate(sentences):
            if (sentence.endswith("?") or not _NAMES.search(sentence) or mentions_risk(sentence)
                    or len(sentence.split()) > QUOTE_MAX_WORDS or sentence in already):
                continue
            if len(sentence.split()) < SHORT_WORDS and n and not sentences[n - 1].endswith("?"):
                sentence = f"{sentences[n - 1]} {sentence}"  # "Camera off and muted ... Those are what we call safety behaviours."
            found.append((sentence, [utt.id]))
            break
    return found[:ITEMS_MAX]


def maintaining_sentence(found: Sequence[MaintainingItem]) -> str:
    said = "; ".join(f'"{text}"' for text, _ in found)
    return f"Maintaining factors, as the clinician named them in session: {said}"
