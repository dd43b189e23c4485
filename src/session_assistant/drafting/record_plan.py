"""The Plan of a session record: one extraction pass over the lines where the plan is made, and a
rule for the next session when the model names none.

Why a pass of its own: asked for the Plan window by window, the 1.5B model filed the client's new
plan as "homework review" and left the Plan empty (therapy-eval session 03, record v2). Plans are
agreed in a few lines, mostly near the end, in words a rule can find ("this week", "see you on",
"your doctor", "keep the rifle"). Those lines, with the client's answer to each, are all the
model is shown, and every fact must cite one of them.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.note_model import NoteModel
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.session_arranged import (arranged_next_session, day_named, has_day, has_hour, has_how,
                                                       has_interval, hour_named, how_part, how_sentence)
from session_assistant.drafting.session_record import PLAN_WINDOW, SLOTS, SessionRecord, SlotFact
from session_assistant.drafting.transcript_input import Utterance

# Plan slot -> the words of a line where it is agreed. Generic session language, not one session's.
PLAN_CUES: dict[str, re.Pattern] = {key: re.compile(pattern, re.I) for key, pattern in {
    "next_session": r"\b(?:next (?:session|appointment|time|week)|see you|(?:let'?s|we(?:'ll| will| can)?|can we) meet"
                    r"|meet (?:again|next)|come back|follow[- ]?up|check in|call you|same time|in (?:a|one|two|three|four|\d) weeks?)\b",
    "homework": r"\b(?:homework|this (?:coming )?week|before (?:we meet|next time|our next|then)|between now and|until (?:next|we|then)"
                r"|every (?:day|morning|night|evening)|each (?:day|morning|night|evening|time)|daily|practi[cs]e|log|diary|worksheet"
                r"|write (?:down|it|them)|keep track|(?:would|could) you (?:be (?:open|willing)|try|keep)|the plan|for (?:the next|two|a) weeks?)\b",
    "referrals": r"\b(?:refer\w*|doctor|physician|psychiatrist|prescriber|GP|Dr\.?|group|program(?:me)?|support line|clinic|specialist)\b",
    "safety_plan": r"\b(?:safety plan|988|crisis (?:line|number|team)|emergency|lock\w* (?:up|away)|rifle|guns?|firearms?|pills"
                   r"|reasons? for living|warning signs?)\b",
    "plan_changes": r"\b(?:sooner|more often|instead of|every week|weekly|twice a week|change the plan|move to)\b",
}.items()}
PLAN_TOKENS = 1100  # the lines shown to the plan pass: the longest session's plan fits
PLAN_SLOTS = [s for s in SLOTS if s.part == "plan"]

# The next session as said: a day, an interval, a date, an hour, "same time". Longer alternatives
# first, so "instead of in two weeks" is one phrase.
# "four-thirty" is one time, never "four" (the half hour was cut off).
_HOUR = (r"(?:\d{1,2}(?::\d\d)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
         r"(?:[- ](?:thirty|fifteen|forty-five)\b)?)")
# Without "at", only a time that cannot be a count: "Monday six thirty", "Monday 6:30", never "the Thursday one".
_HALF_HOUR = (r"(?:\d{1,2}:\d\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
              r"[- ](?:thirty|fifteen|forty-five))")
# A date's ordinal, never "the last" or "the month".
_ORDINAL = (r"(?:\d{1,2}(?:st|nd|rd|th)|(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
            r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
            r"|thirtieth)")
_WHEN = re.compile(r"\b(?:instead of in (?:a|one|two|three|four|\d+) weeks?|(?:on |this |next )?(?:monday|tuesday|wednesday|thursday"
                   r"|friday|saturday|sunday)s?(?:(?: at " + _HOUR + r"| " + _HALF_HOUR + r")\b(?:\s*(?:am|pm|o'clock))?)?|in (?:a|one|two|three|four|\d+) weeks?"
                   r"|next week|(?:on )?the " + _ORDINAL + r"\b|same time|every (?:week|other week|two weeks)|weekly|fortnightly)", re.I)
# "Would weekly on Thursdays at eleven work?" and "So next Thursday at eleven." arrange it too (08).
_MEET = re.compile(r"\b(?:meet|see you|next (?:session|appointment|week|time|monday|tuesday|wednesday|thursday|friday|saturday"
                   r"|sunday)|same time|come back|follow[- ]?up|weekly|fortnightly)\b", re.I)
_DAYS = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I)
_DAY_AND_HOUR = re.compile(r"(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s? \S.*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
NEXT_SESSION_TAIL = 1 / 3  # the arrangement is made in the last third (or last 15 lines) of a session


def plan_lines(model: NoteModel, utterances: Sequence[Utterance], budget: int = PLAN_TOKENS) -> list[Utterance]:
    """The lines where the plan is made: each line with a plan cue (from the clinician, or from
    anyone when speakers are unknown) and the line after it (the answer: "I'll make the
    appointment"). Over the token budget the latest lines are kept: plans are settled at the end."""
    chosen: set[int] = set()
    for n, utt in enumerate(utterances):
        if utt.speaker and is_client(utt.speaker):
            continue
        if any(p.search(utt.text) for p in PLAN_CUES.values()):
            chosen.add(n)
            if n + 1 < len(utterances):
                chosen.add(n + 1)
    kept: list[int] = []
    used = 0
    for n in sorted(chosen, reverse=True):
        size = model.count_tokens(utterances[n].line()) + 1
        if used + size > budget:
            break
        kept.append(n)
        used += size
    return [utterances[n] for n in sorted(kept)]


def _days(phrases: Sequence[str]) -> set[str]:
    return {d.lower() for p in phrases for d in _DAYS.findall(p)}


def next_session_rule(utterances: Sequence[Utterance]) -> SlotFact | None:
    """The next session in the clinician's own words, as "in two weeks, on the twelfth, same time",
    citing the line: of the clinician's sentences in the last third that arrange a meeting and name
    a time, the one naming the most (the first of equals: a closing recap repeats it with less).
    Said words only; None when no such sentence names a time."""
    candidates: list[tuple[list[str], int]] = []
    start = min(int(len(utterances) * (1 - NEXT_SESSION_TAIL)), max(0, len(utterances) - 15))
    for utt in utterances[start:]:
        if utt.speaker and is_client(utt.speaker):
            continue
        for sentence in _SENTENCE_END.split(utt.text):
            phrases = list(dict.fromkeys(m.group(0).strip() for m in _WHEN.finditer(sentence)))
            # "Okay, Monday six thirty." settles a visit without a word for meeting: a day and an hour.
            if phrases and (_MEET.search(sentence) or any(_DAY_AND_HOUR.fullmatch(p) for p in phrases)):
                candidates.append((phrases, utt.id))
    if not candidates:
        return _settled(None, utterances)
    best = max(candidates, key=lambda c: len(c[0]))  # the first of equals
    # A day named on the way ("Given Saturday, next week?") is not the visit when a later sentence
    # settles on another day ("Okay, Monday six thirty. See you Monday."): the last day named wins.
    settled = next((_days(c[0]) for c in reversed(candidates) if _days(c[0])), set())
    if _days(best[0]) and not _days(best[0]) & settled:
        best = max((c for c in candidates if _days(c[0]) & settled), key=lambda c: (len(c[0]), len(" ".join(c[0]))))
    text = ", ".join(best[0])
    if not re.match(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", text, re.I):
        text = text[0].lower() + text[1:]  # it follows "Next session: "
    return _settled(SlotFact(text + ".", [best[1]], PLAN_WINDOW, by_rule=True), utterances)


def _settled(fact: SlotFact | None, utterances: Sequence[Utterance]) -> SlotFact | None:
    """The sentence the rule chose, or the exchange as finally settled when that says more: an hour
    or a day the sentence lacks ("next week." where "Tuesday at eleven" was agreed two lines on), or
    the way of meeting (by video), which is added."""
    arranged = arranged_next_session(utterances, fact.evidence[0] if fact else None)
    if arranged is None:
        return fact
    text, ids = arranged
    hour = hour_named(text)
    if fact is not None and hour and not has_hour(fact.text) and day_named(fact.text) == day_named(text):
        # The same day, and the hour said with it: "in two weeks, Monday, the fourteenth, at six p.m."
        return SlotFact(f"{fact.text.rstrip('.')}, at {hour}" + ("" if hour.endswith(".") else "."), sorted(set(fact.evidence) | set(ids)), PLAN_WINDOW, by_rule=True)
    if fact is None and not (has_hour(text) or has_day(text)):
        said = how_sentence(utterances, max(ids)) if has_how(text) and has_interval(text) else None
        # Settled without a day or hour, the clinician's sentence says it best; "in person" alone
        # may be anyone's visit (a referral), not the next session.
        return SlotFact(f'as arranged, "{said}"', [max(ids)], PLAN_WINDOW, by_rule=True) if said else None
    if fact is None or (has_hour(text) and not has_hour(fact.text)) or (has_day(text) and not has_day(fact.text)):
        return SlotFact(text, ids, PLAN_WINDOW, by_rule=True)
    if has_how(text) and not has_how(fact.text):
        how = how_part(text)
        if how and not has_day(how) and not has_hour(how):
            return SlotFact(fact.text.rstrip(".") + ", " + how + ".", sorted(set(fact.evidence) | set(ids)), PLAN_WINDOW,
                            by_rule=True)
    return fact


def add_next_session_rule(record: SessionRecord, utterances: Sequence[Utterance]) -> None:
    """When the model wrote no next session, the rule's words stand in, citing their line."""
    if record.facts("next_session"):
        return
    fact = next_session_rule(utterances)
    if fact is not None:
        record.add("next_session", fact, [u.id for u in utterances])
