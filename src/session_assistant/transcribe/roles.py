"""Which voice is the clinician, judged from what each voice says (no voice profile needed).

A transparent rule-based score, so a clinician can see why: in a therapy session the clinician
asks, reflects ("it sounds like", "what I'm hearing"), summarises and proposes ("let's", "this
week could you", "homework", "how would you feel about") and talks about *you*; the client
reports, mostly about *I* and *my*. Each voice's words are scored sentence by sentence and the
score is taken per 100 words, over the whole session, so the first voice heard decides nothing.
The voice with the higher score is the clinician; the confidence grows with the gap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# (pattern, points): matched case-insensitively against one sentence. Positive = clinician-like.
_PHRASES: tuple[tuple[str, float], ...] = (
    # reflections and summaries
    (r"\b(it )?sounds like\b", 3.0), (r"\bwhat i'?m hearing\b", 3.0), (r"\bi hear (you|that)\b", 2.5),
    (r"\bit seems (like|that)?\b", 1.5), (r"\bso you('re| are| feel| felt)?\b", 1.5),
    (r"\byou (said|mentioned|described|noticed)\b", 2.0), (r"\byou('re| are) feeling\b", 2.0),
    (r"\b(to sum up|in summary|let me summari[sz]e|if i understand)\b", 3.0),
    # proposals, plans, structure of the session
    (r"\blet'?s\b", 2.0), (r"\blet us\b", 2.0), (r"\bthis week,? (could|would|can) you\b", 3.0),
    (r"\bhomework\b", 2.5), (r"\bhow would you feel about\b", 3.0), (r"\bi'?d like (you|us) to\b", 2.5),
    (r"\b(next session|next time we meet|when we meet next|our time is)\b", 2.5),
    (r"\blast (time|session|week) we\b", 2.0), (r"\bwe (talked|spoke) about\b", 2.0),
    (r"\bon a scale (of|from)\b", 2.5), (r"\b(would|could) you be willing\b", 2.5),
    (r"\btell me (more|about)\b", 2.5), (r"\bcan you (tell|say|describe)\b", 2.0),
    (r"\bwhat do you (notice|think|feel|make)\b", 2.0), (r"\bhow (did|does|do) (that|it|you)\b", 1.5),
    (r"\b(is that okay|does that (fit|sound|make sense|match))\b", 2.0),
    (r"\b(many|most|some) people\b", 1.5), (r"\bwe('ll| will| would| can| could)\b", 1.0),
    (r"\byou (can|could|might)\b", 1.0), (r"\bthat'?s (a )?(fair|good|clear|useful|great|helpful|really)\b", 1.5),
    (r"\b(the aim|the goal|in this (therapy|work)|what we do)\b", 1.5),
    # client reports
    (r"\bi (feel|felt|tried|try|keep|kept|can'?t|couldn'?t|don'?t know|was|have been|'ve been)\b", -1.5),
    (r"\bmy (wife|husband|partner|mum|mom|dad|father|mother|sister|brother|boss|manager|job|kids|son|daughter)\b", -1.5),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), w) for p, w in _PHRASES)
# Questions a client asks: permission, reassurance, what to do. They are not the clinician's.
_CLIENT_QUESTION = re.compile(r"^(should i|can i|could i|do i|is (that|it|this) (normal|okay|bad)|what if|"
                              r"how long (does|will)|am i)\b", re.IGNORECASE)
_QUESTION_START = re.compile(r"^(how|what|when|where|why|which|who|can you|could you|would you|do you|did you|"
                             r"have you|are you|is there|is it|will you|shall we)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(you|your|you'?re|you'?ve|yourself)\b", re.IGNORECASE)
_I = re.compile(r"\b(i|my|me|i'?m|i'?ve|i'?d|myself|mine)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")


def sentence_score(sentence: str) -> float:
    """Clinician points of one sentence (negative: sounds like the client)."""
    text = sentence.strip()
    if not text:
        return 0.0
    score = sum(weight for pattern, weight in _COMPILED if pattern.search(text))
    if _CLIENT_QUESTION.search(text):
        score -= 2.0
    elif text.endswith("?"):
        score += 2.0
    elif _QUESTION_START.search(text):
        score += 1.0
    score += 0.4 * len(_YOU.findall(text)) - 0.4 * len(_I.findall(text))
    return score


@dataclass
class RoleScore:
    """Clinician points per 100 words for each voice (cluster), and the verdict."""

    per_voice: dict[int, float]
    words: dict[int, int]
    clinician: int | None  # the voice named clinician, None when there is nothing to judge
    confidence: float  # 0..1: 0.5 is a coin toss


def text_score(text: str) -> tuple[float, int]:
    """(total clinician points, word count) of a stretch of text."""
    total = sum(sentence_score(s) for s in _SENTENCE.findall(text))
    return total, len(text.split())


def judge_roles(texts: dict[int, str]) -> RoleScore:
    """Name the clinician among voices from what each said over the whole session.

    ``texts``: everything each voice said, in order. The per-100-word score keeps a talkative
    client from out-scoring a brief clinician just by volume. With no words at all the result
    has ``clinician=None``.
    """
    per_voice, words = {}, {}
    for voice, text in texts.items():
        points, count = text_score(text)
        words[voice] = count
        per_voice[voice] = round(100.0 * points / max(count, 20), 2)  # a few words prove little
    spoken = [v for v in per_voice if words[v] > 0]
    if not spoken:
        return RoleScore(per_voice, words, None, 0.0)
    ranked = sorted(spoken, key=lambda v: per_voice[v], reverse=True)
    if len(ranked) == 1:
        return RoleScore(per_voice, words, ranked[0], 0.5)
    gap = per_voice[ranked[0]] - per_voice[ranked[1]]
    evidence = min(words[ranked[0]], words[ranked[1]])
    # The gap in points per 100 words, discounted when the quieter voice said little.
    confidence = 1.0 / (1.0 + math.exp(-gap / 4.0 * min(1.0, evidence / 40.0)))
    return RoleScore(per_voice, words, ranked[0], round(confidence, 3))
