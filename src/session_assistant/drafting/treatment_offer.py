"""The course of treatment the clinician recommends at an assessment, for the Plan.

Why: an intake's Plan is first of all what was offered ("CBT for depression, eight to twelve
sessions, by video"), and the clinician says it once, as a recommendation the client answers ("What
I'd suggest is a course of CBT ... How does that sound?" - "Good."). The homework and referral rules
look for tasks and other services, so the offer itself had no line. Found by its shape: a
recommendation in the clinician's line, and in that line the therapy or the sessions it would take.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import REFUSES
from session_assistant.drafting.risk import is_client, is_clinician
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK

_RECOMMENDS = re.compile(r"\b(?:what I'?d (?:suggest|recommend|offer)|I'?d (?:suggest|recommend|like to offer)|I would (?:suggest|recommend)"
                         r"|we (?:can|could|would) offer|(?:my|the) recommendation)\b", re.I)
# The treatment: a named therapy, or a number of sessions ("eight to twelve sessions", "weekly sessions").
_TREATMENT = re.compile(r"\b(?:CBT|DBT|EMDR|ACT|IPT|CAT|CFT|NET|CPT|ERP|(?:cognitive|behaviou?ral|interpersonal|trauma-focused|talking)"
                        r" therapy|counselling|course of|(?:weekly|fortnightly|\w+ to \w+|\d+) sessions)\b")
_HOW = re.compile(r"\b(?:video|phone|in person|face to face|online|weekly|fortnightly|lunchtimes?|evenings?)\b", re.I)
OFFER_MAX_WORDS = 45
SENTENCE_MAX_WORDS = 22
ANSWER_MAX_WORDS = 12


def _short(sentence: str) -> str:
    """A long sentence cut after the clause that names the sessions ("It would be weekly sessions,
    about twelve to sixteen, and it includes ..." -> "... about twelve to sixteen.")."""
    if len(sentence.split()) <= SENTENCE_MAX_WORDS:
        return sentence
    cut = re.split(r",\s+(?:and|which|where|so|but)\b", sentence)[0]
    return cut.rstrip(",;: ") + "." if len(cut.split()) <= SENTENCE_MAX_WORDS else ""


def treatment_offered(utterances: Sequence[Utterance]) -> tuple[str, str | None, list[int]] | None:
    """(the clinician's words of the offer, the client's answer or None, lines) for the last line
    recommending a treatment; None when no treatment is recommended."""
    lines = [u for u in utterances if u.speaker]
    for n in range(len(lines) - 1, len(lines) // 3 - 1, -1):
        utt = lines[n]
        if not is_clinician(utt.speaker) or not _RECOMMENDS.search(utt.text):
            continue
        sentences = [s for s in SENTENCE_BREAK.split(" ".join(utt.text.split())) if s and not s.endswith("?")]
        start = next((k for k, s in enumerate(sentences) if _RECOMMENDS.search(s)), 0)
        said = [_short(s) for s in sentences[start:] if _TREATMENT.search(s) or (_HOW.search(s) and len(s.split()) <= 10)]
        said = [s for s in said if s]
        if not said or not any(_TREATMENT.search(s) for s in said) or len(" ".join(said).split()) > OFFER_MAX_WORDS:
            continue
        answer = lines[n + 1] if n + 1 < len(lines) and is_client(lines[n + 1].speaker) else None
        reply = " ".join(answer.text.split()) if answer is not None else ""
        keep = reply if reply and len(reply.split()) <= ANSWER_MAX_WORDS and not REFUSES.search(reply) else None
        return " ".join(said), keep, [utt.id] + ([answer.id] if keep else [])
    return None


OFFER_OPENING = "Treatment offered, as said in session: "


def offer_sentence(found: tuple[str, str | None, list[int]]) -> str:
    text, answer, _ = found
    return f'{OFFER_OPENING}"{text}"' + (f' (client: "{answer}")' if answer else "")
