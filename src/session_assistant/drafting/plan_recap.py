"""The clinician's closing read-back of what was agreed, item by item, for the Plan.

Why: a parent-training or skills session ends with the clinician pulling the agreements together
("Let's pull it together. One: ... Two: ... And the big shop on Mondays."), and a session cut short
ends with "let's just say it back so it's clear. X picks you up at three. No driving today. ...".
None of those items is called homework, none is put as a question the client answers "okay", and
some name a crisis or a doctor, so the homework rules (``plan_said``, ``homework_agreed``) pass the
line by and the Plan lost every item. Here the read-back's announcement marks it; its items are
quoted one by one, less the next visit (its own line) and the clinician's own tasks (the follow-up
line); an item the client adds ("And the note for his dad.") that the clinician repeats is kept too.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import AGREES_FIRST
from session_assistant.drafting.risk import is_client, is_clinician
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import NEXT_VISIT
from session_assistant.drafting.wording import SENTENCE_BREAK

# Announcing a read-back of the agreements, never of the session ("Let me summarize: your scores
# went down ..."): pulling it together, saying or reading it back, going over what was agreed.
_ANNOUNCED = re.compile(
    r"\b(?:(?:let'?s|let me|can I|could I|I'll|we'll) (?:just )?(?:pull (?:it all|it|that|this|everything|all that|all this) together"
    r"|say (?:it|that|them) (?:all )?back|read (?:it|that|them) back|go over (?:it|that|what we(?:'ve)? agreed|the plan)"
    r"|run through (?:what we(?:'ve)? agreed|the plan)|summari[sz]e so you can write (?:it|them|that) down)"
    r"|so,? what we(?:'ve)? agreed(?: today)?(?: is)?)\b[^.:!?]*[.:!?]?", re.I)
# "One: ...", "Two: ...", "First, ...", "Secondly, ...": where a numbered item starts.
_ENUMERATOR = re.compile(r"(?:^|(?<=[.!?;])\s+)(?:(?:and|then)\s+)?(?:one|two|three|four|five|six|first(?:ly)?|second(?:ly)?"
                         r"|third(?:ly)?|fourth|fifth|number (?:one|two|three|four|five))\s*[:,]\s+", re.I)
# "So, the list on the bus, ask Mum about the referral and give her the letter, and see Mr Bell on Thursday.
# Does that sound okay?" - "Yeah. Okay.": a closing list put to the client to agree is a read-back too,
# unannounced, when one of its items is something to do (a recap of the session's story is not).
_CHECKED = re.compile(r"(?:does that sound (?:ok(?:ay)?|alright|all right|doable|manageable|like a plan|fair|right)"
                      r"|(?:is|does) that (?:ok(?:ay)?|alright|all right|doable|manageable|work)(?: for you)?|how does that sound"
                      r"|sound (?:ok(?:ay)?|good|like a plan))\?$", re.I)
_SO_LIST = re.compile(r"^(?:(?:good|great|okay|ok|right|lovely)[,.!]?\s+)?so,\s+(?P<list>[^.?!:]+,[^.?!:]+)\.\s+(?P<check>[^.?!]+\?)$", re.I)
_TO_DO = re.compile(r"^(?:and\s+)?(?:ask|give|see|try|keep|write|do|call|ring|book|practi[sc]e|read|bring|take|make|talk|tell|send"
                    r"|fill|notice|go|walk|use|check|email|text|speak|finish|start|put|set|plan|look)\b", re.I)
_NEXT_VISIT = re.compile(r"\b(?:" + NEXT_VISIT + r"|I(?:'ll| will)? see you)\b", re.I)
_OWN_TASK = re.compile(r"^(?:(?:and|so|then|also),?\s+)?I(?:'ll| will|'m going to|'m)?\s+(?!can\b)\w+", re.I)
_LEAD = re.compile(r"^(?:(?:and|so|then|also|okay|right),?\s+)+", re.I)
TAIL_SHARE = 0.4  # a read-back closes the session
ITEMS_MIN = 2
ITEM_MAX_WORDS = 30
RECAP_MAX_WORDS = 120
ADDED_MAX_WORDS = 8


def _items(text: str) -> list[str]:
    """The read-back's items after its announcement: numbered ones split at their numbers, else its
    sentences; a question ends the read-back."""
    found = _ANNOUNCED.search(text)
    rest = " ".join(text[found.end():].split()) if found else ""
    pieces = [p for p in _ENUMERATOR.split(rest) if p.strip()] if len(_ENUMERATOR.findall(rest)) >= ITEMS_MIN else [rest]
    items: list[str] = []
    for piece in pieces:
        for sentence in SENTENCE_BREAK.split(piece.strip()):
            if sentence.endswith("?"):
                return items
            if sentence:
                items.append(sentence)
    return items


def _checked_items(text: str, answer: Utterance | None) -> list[str]:
    found = _SO_LIST.match(" ".join(text.split()))
    if not found or not _CHECKED.search(found.group("check")) or answer is None or not is_client(answer.speaker) \
            or not AGREES_FIRST.search(answer.text):
        return []
    items = [item.strip() for item in found.group("list").split(",") if item.strip()]
    return items if any(_TO_DO.match(item) for item in items) else []


def _kept(item: str) -> str:
    item = _LEAD.sub("", item.strip()).rstrip(".; ")
    if not item or _NEXT_VISIT.search(item) or _OWN_TASK.match(item) or len(item.split()) > ITEM_MAX_WORDS:
        return ""
    return item[0].upper() + item[1:]


def recap_agreed(utterances: Sequence[Utterance], skip: Sequence[int] = ()) -> tuple[list[str], list[int]] | None:
    """(the items read back, the lines cited) for the last announced read-back of the session's end
    with two items or more; ``skip``: lines another Plan line already quotes. None when there is none."""
    lines = [u for u in utterances if u.speaker]
    start = int(len(lines) * (1 - TAIL_SHARE))
    for n in range(len(lines) - 1, start - 1, -1):
        utt = lines[n]
        if not is_clinician(utt.speaker) or utt.id in skip:
            continue
        said = _items(utt.text) if _ANNOUNCED.search(utt.text) else _checked_items(utt.text, lines[n + 1] if n + 1 < len(lines) else None)
        items = [kept for kept in map(_kept, said) if kept]
        if len(items) < ITEMS_MIN or len(" ".join(items).split()) > RECAP_MAX_WORDS:
            continue
        ids = [utt.id]
        answer, then = (lines[n + 1] if n + 1 < len(lines) else None), (lines[n + 2] if n + 2 < len(lines) else None)
        added = _LEAD.sub("", answer.text.strip()).rstrip(".") if answer is not None and is_client(answer.speaker) else ""
        # "And the sheet for Dev." - "And the sheet for Dev. I'll give it to you ...": the client's item, confirmed
        if (added and answer.text.strip().lower().startswith("and ") and len(added.split()) <= ADDED_MAX_WORDS
                and then is not None and is_clinician(then.speaker) and added.lower() in then.text.lower()):
            items.append(added[0].upper() + added[1:])
            ids += [answer.id, then.id]
        return items, ids
    return None


RECAP_OPENING = "Agreed in session, as the clinician summed it up: "


def recap_sentence(items: Sequence[str]) -> str:
    return RECAP_OPENING + "; ".join(f'"{item}"' for item in items) + "."


# "So target problem one, something like: I say yes to everyone ...": the focus of the therapy, agreed
# and worded in the room (cognitive analytic therapy names them; other therapies number goals).
_NUMBERED_TARGET = re.compile(r"\b(?:target problem|treatment goal|goal) (?:one|two|three|four|1|2|3|4)\b[,:]?\s*"
                              r"(?:(?:is|would be),?\s+)?(?:something like[,:]?\s*)?(?P<said>[^.?!]{8,200})[.!]", re.I)
TARGETS_MAX = 4
TARGETS_OPENING = "Target problems agreed in session: "


def targets_agreed(utterances: Sequence[Utterance]) -> tuple[list[str], list[int]] | None:
    """(the targets as the clinician worded them, lines) for each numbered target problem or goal
    the clinician put into words; None when none is numbered."""
    found: list[tuple[str, int]] = []
    for utt in utterances:
        if not is_clinician(utt.speaker):
            continue
        found += [(m.group("said").strip(), utt.id) for m in _NUMBERED_TARGET.finditer(" ".join(utt.text.split()))]
    if not found:
        return None
    found = found[:TARGETS_MAX]
    return [text for text, _ in found], sorted({i for _, i in found})


def targets_sentence(targets: Sequence[str]) -> str:
    return TARGETS_OPENING + "; ".join(f'"{text[0].upper() + text[1:]}"' for text in targets) + "."
