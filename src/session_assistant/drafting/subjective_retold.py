"""The Subjective says each thing the client told once and judges nothing nobody said: a model
sentence that only retells a line the part already quotes (or the homework the Plan quotes) is
dropped, and a ", which was ..." verdict the session never voiced is taken off the sentence."""

from __future__ import annotations

import re

from session_assistant.drafting.draft_result import DraftSentence
from session_assistant.drafting.grounding import SourceIndex, content_words
from session_assistant.drafting.repetition import shares_run
from session_assistant.drafting.risk import is_client

JUDGEMENT_REMOVED = "judgement_removed"
RETOLD = "repeats:subjective_line"
QUOTE_RETOLD = "repeats:client_quote"
# A model sentence most of whose own words one quote of the client's holds says what the quote says: "The
# client reported that he felt like he was barely holding on" beside "In the client's words: ... "I just felt like I
# was barely holding on."" (104). The client's own words are kept.
QUOTE_SHARE = 0.6
QUOTE_MIN_WORDS = 3
_QUOTE = re.compile(r"\"([^\"]{12,})\"")
# A verdict tacked on at the end: "..., which was unusual for a father", "..., which is a good sign".
_VERDICT = re.compile(r",\s*which\s+(?:was|is|were|are|seemed|seems)\s+(?P<verdict>[^,;]+?)\s*[.!]?\s*$", re.I)
# Words of the report's frame, not of what was reported: sharing them is sharing nothing.
_FRAME = {"client", "report", "reported", "said", "stated", "also", "feel", "feeling", "felt", "session", "they",
          "their", "they'd", "he'd", "she'd", "they're", "thi", "that", "described", "mentioned", "shared"}
# Lines quoting an exchange (the clinician's ask with the answers) or another person: they carry the exchange,
# not a sentence of the client's account, so a sentence written about it stays beside them.
_ASKED_AND_ANSWERED = ("When asked \"", "In the partner's", "Each person's account",
                      "Homework from last time")
# The opening that names what the session was about: a heading in a sentence, not a retelling.
_TOPIC = ("The session was about", "This session was about", "The session focused on", "This session focused on")
_DEGREE = {"a", "an", "the", "very", "quite", "rather", "really", "somewhat", "more", "less", "most", "so", "too"}


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


# What is still to happen, as a Subjective sentence tells the client's intent: "wanted to try ...",
# "expressed a desire to go to ...", "plans to", "will". A sentence of what was done ("did two of the
# three conversations") is the client's account of the week, even where the Plan names the same task.
# ("going to hospital" is a place gone to, no intent)
_TO_COME = re.compile(r"\b(?:wants?|wanted|would like|will|'ll|plans?|planned|planning|intends?|intended|hopes?|hoped"
                      r"|going to(?! (?:the|a|an|his|her|their|my|your|hospital|school|work|church|town|bed)\b)"
                      r"|desire|aims?|ready to|to try|agreed to)\b", re.I)
PLAN_SHARE = 0.5  # of a sentence's own words that the Plan's rule lines hold when it tells what they tell
PLAN_SHARED_MIN = 3


def tells_the_plan(sentence: DraftSentence, plan_lines: list[DraftSentence]) -> bool:
    """True when a Subjective sentence tells what is to come and a Plan rule line already says it:
    half its own words are in the Plan's rule lines, or it cites a line's lines and shares a few (03: "wanted to
    try ... going back to their doctor to recheck their liver numbers" beside the Plan's referral)."""
    if not _TO_COME.search(sentence.text):
        return False
    own = _own_words(_TO_COME.sub(" ", sentence.text))
    planned: set[str] = set()
    for line in plan_lines:
        said = content_words(line.text)
        planned |= said
        if len(own & said) >= PLAN_SHARED_MIN and set(sentence.evidence) & set(line.evidence):
            return True
    # the Plan's lines together: a wish told in the Subjective may join the homework and a referral
    return len(own & planned) >= max(PLAN_SHARED_MIN, PLAN_SHARE * len(own))


def _client_quotes(part: list[DraftSentence], source: SourceIndex | None) -> list[set[str]]:
    """The own words of each quote of the part's rule lines that a client's line of the session holds. An
    exchange quoted ("When asked ...", the homework's) is left out, as for the other retelling checks here:
    a sentence written about it stays beside it (tests/drafting/test_said_twice_same_lines.py)."""
    if source is None:
        return []
    said = [" ".join(u.text.lower().split()) for u in source.utterances if u.speaker and is_client(u.speaker)]
    quotes = [q for s in part if s.origin == "rule" and not s.text.startswith(_ASKED_AND_ANSWERED)
              for q in _QUOTE.findall(s.text)]
    return [_own_words(q) for q in quotes
            if any(" ".join(q.lower().split()).rstrip(".")[:40] in line for line in said)]


def retells_a_quote(sentence: DraftSentence, quotes: list[set[str]]) -> bool:
    own = _own_words(sentence.text)
    return len(own) >= QUOTE_MIN_WORDS and any(len(own & quote) >= QUOTE_SHARE * len(own) for quote in quotes)


def subjective_without_retelling(part: list[DraftSentence], plan: list[DraftSentence],
                                 dropped: list[DraftSentence], source: SourceIndex | None = None) -> list[DraftSentence]:
    """The Subjective with each model sentence that says again what the part already carries moved
    to ``dropped``: all its own words are in the part's quoting rule lines (the client's words, the
    chart's last plan), or in those and the model sentences kept before it, or it carries five content
    words in a row of such a line or of a Plan rule line (01: the homework given, retold as the
    client's readiness at the session's close), or it tells what is to come that a Plan rule line says
    (``tells_the_plan``: the Plan owns what will happen). Lines quoting an exchange or another person, and the
    opening that names the session's topic, are left out of it."""
    rule_lines = [s.text for s in part if s.origin == "rule" and not s.text.startswith(_ASKED_AND_ANSWERED)]
    plan_lines = [s.text for s in plan if s.origin == "rule"]
    carried: set[str] = set()
    for line in rule_lines:
        carried |= content_words(line)
    quotes = _client_quotes(part, source)
    kept: list[DraftSentence] = []
    for sentence in part:
        if sentence.origin != "model" or sentence.text.startswith(_TOPIC):
            kept.append(sentence)
            continue
        if retells_a_quote(sentence, quotes):  # the quote after it says it in the client's words
            dropped.append(DraftSentence(sentence.section, sentence.text, sentence.evidence, [QUOTE_RETOLD]))
            continue
        own = _own_words(sentence.text)
        # a word of its own beside other sentences' words ("a practical worry") is a fact of its own
        covered = bool(own) and own <= carried
        if (covered or any(shares_run(sentence.text, line) for line in rule_lines + plan_lines)
                or tells_the_plan(sentence, [s for s in plan if s.origin == "rule"])):
            dropped.append(DraftSentence(sentence.section, sentence.text, sentence.evidence, [RETOLD]))
            continue
        carried |= own
        kept.append(sentence)
    return kept
