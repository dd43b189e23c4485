"""The Subjective says each thing the client told once and judges nothing nobody said: a model
sentence that only retells a line the part already quotes (or the homework the Plan quotes) is
dropped, and a ", which was ..." verdict the session never voiced is taken off the sentence."""

from __future__ import annotations

import re

from session_assistant.drafting.draft_result import DraftSentence
from session_assistant.drafting.grounding import SourceIndex, content_words
from session_assistant.drafting.repetition import shares_run

JUDGEMENT_REMOVED = "judgement_removed"
RETOLD = "repeats:subjective_line"
# A verdict tacked on at the end: "..., which was unusual for a father", "..., which is a good sign".
_VERDICT = re.compile(r",\s*which\s+(?:was|is|were|are|seemed|seems)\s+(?P<verdict>[^,;]+?)\s*[.!]?\s*$", re.I)
# Words of the report's frame, not of what was reported: sharing them is sharing nothing.
_FRAME = {"client", "report", "reported", "said", "stated", "also", "feel", "feeling", "felt", "session", "they",
          "their", "they'd", "he'd", "she'd", "they're", "thi", "that", "described", "mentioned", "shared"}
_DEGREE = {"a", "an", "the", "very", "quite", "rather", "really", "somewhat", "more", "less", "most", "so", "too"}
COVERED = 0.8  # share of a sentence's own words the part already carries when it only says them again


def without_unsaid_verdict(text: str, source: SourceIndex) -> tuple[str, bool]:
    """``text`` without a closing ", which was <verdict>" whose judging word nobody in the session
    used ("..., which was a positive step" where no one said "positive"), and whether it was taken
    off; a verdict in the session's own words ("which was a practical worry", "a what-if") stays.
    The judging word is the verdict's first after an article or a degree word; the words after it
    ("unusual for a father") name what is judged and may well have been said."""
    match = _VERDICT.search(text)
    head = [w for w in match.group("verdict").lower().split() if w not in _DEGREE][:1] if match else []
    # "which was affecting their sleep" tells what it did, a report to check, not a verdict
    telling = bool(head) and head[0].endswith(("ing", "ed")) and len(match.group("verdict").split()) > 1
    if not head or telling or not (content_words(head[0]) - source.vocab):
        return text, False
    kept = text[:match.start()].rstrip(" ,")
    return (kept + "." if len(kept.split()) > 3 else text), len(kept.split()) > 3


def _own_words(text: str) -> set[str]:
    return content_words(text) - _FRAME


def subjective_without_retelling(part: list[DraftSentence], plan: list[DraftSentence],
                                 dropped: list[DraftSentence]) -> list[DraftSentence]:
    """The Subjective with each model sentence that says again what the part already carries moved
    to ``dropped``: ``COVERED`` of its own words are in the part's rule lines (the client's words
    quoted), or all of them are in those and the model sentences kept before it, or it carries a clause of five content words
    of a rule line here or of the homework the Plan quotes (the session's close retold as a report)."""
    rule_lines = [s.text for s in part if s.origin == "rule"]
    plan_lines = [s.text for s in plan if s.origin == "rule"]
    quoted: set[str] = set()
    for line in rule_lines:
        quoted |= content_words(line)
    carried = set(quoted)
    kept: list[DraftSentence] = []
    for sentence in part:
        if sentence.origin != "model":
            kept.append(sentence)
            continue
        own = _own_words(sentence.text)
        # Most of it in the client's quoted words, or all of it in those and the sentences before it: a
        # word of its own beside other sentences' words ("a practical worry") is a fact of its own.
        covered = bool(own) and (len(own & quoted) >= COVERED * len(own) or own <= carried)
        if covered or any(shares_run(sentence.text, line) for line in rule_lines + plan_lines):
            dropped.append(DraftSentence(sentence.section, sentence.text, sentence.evidence, [RETOLD]))
            continue
        carried |= own
        kept.append(sentence)
    return kept
