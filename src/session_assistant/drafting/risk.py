"""Risk language: a transparent rule pass over the transcript, never the model's judgement.

Each rule is a regular expression in a named category. Every matching transcript segment is
listed for the clinician (denials included: "no thoughts of suicide" still needs a human look).
The drafter also uses these rules to keep model-written risk statements out of the note.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Sequence

from session_assistant.drafting.transcript_input import Utterance

RISK_RULES: dict[str, tuple[str, ...]] = {
    "suicidal_ideation": (
        r"\bsuicid\w*", r"\bkill(?:ing)? (?:my|him|her|them)sel(?:f|ves)\b", r"\bend(?:ing)? (?:my|his|her|it all|their) li(?:fe|ves)\b",
        r"\bend it all\b", r"\bbetter off dead\b", r"\b(?:want|wanted|wish|wished) (?:to be|i was|i were) dead\b",
        r"\bno reason to live\b", r"\bdon'?t want to (?:live|be alive|be here|wake up)\b", r"\btake my (?:own )?life\b",
        r"\boverdos\w*",
    ),
    "self_harm": (
        r"\bself[- ]?harm\w*", r"\b(?:cut|cutting|burn|burning|hurt|hurting|harm|harming)\s+(?:my|him|her)sel(?:f|ves)\b",
        r"\bcutting\b",
    ),
    "harm_to_others": (
        r"\b(?:kill|hurt|harm|attack|shoot|stab)\s+(?:him|her|them|someone|somebody|people|my (?:wife|husband|partner|boss|kids?|children|mother|father))\b",
        r"\bhomicid\w*", r"\bviolent thoughts?\b", r"\bthoughts? of (?:hurting|harming|killing)\b",
    ),
    "abuse": (
        r"\babus(?:e|ed|es|ing|ive|er)\b", r"\bhits? me\b", r"\bhit me\b", r"\bbeat(?:s|en)? me\b", r"\bmolest\w*",
        r"\brap(?:e|ed)\b", r"\bsexual(?:ly)? assault\w*", r"\bdomestic violence\b", r"\bchokes? me\b",
    ),
    "neglect": (
        r"\bneglect\w*", r"\bleft (?:alone|home alone) for days\b", r"\bno one (?:feeds|looks after)\b",
        r"\bwithout food\b",
    ),
}
_COMPILED = {cat: [re.compile(p, re.I) for p in pats] for cat, pats in RISK_RULES.items()}


@dataclass(frozen=True)
class RiskItem:
    """A transcript segment that matched a risk rule; ``phrase`` is the matched words."""

    category: str
    segment_id: int
    speaker: str
    phrase: str
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


def risk_categories(text: str) -> list[tuple[str, str]]:
    """``(category, matched phrase)`` for every rule that matches ``text``."""
    hits: list[tuple[str, str]] = []
    for category, patterns in _COMPILED.items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                hits.append((category, match.group(0)))
                break
    return hits


def scan_transcript(utterances: Sequence[Utterance]) -> list[RiskItem]:
    """Every (segment, category) pair whose text matches a risk rule, in transcript order."""
    items: list[RiskItem] = []
    for utt in utterances:
        for category, phrase in risk_categories(utt.text):
            items.append(RiskItem(category, utt.id, utt.speaker, phrase, utt.text))
    return items


def mentions_risk(text: str) -> bool:
    return bool(risk_categories(text))
