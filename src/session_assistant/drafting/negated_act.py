"""A model sentence that denies an act the client told as done: "he had never sold his hunting rifle"
where the client said "I sold my hunting rifle two years ago" (an unseen session's draft). The 1.5B model
flips a negation now and then when it strings two things together; a note that says the opposite of the
client's words is worse than a missing sentence, so the sentence is withheld with its flag and the
clinician sees it beside the note. Only a past act with its object is compared (verb and object's head
word the same in a client line whose sentence holds no negation of its own): a rule cannot judge more.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client

NEGATED_ACT = "negated_act"

_NEGATION = re.compile(r"\b(?:never|not|no longer)\b|n't\b", re.I)
_BETWEEN = {"have", "has", "had", "been", "ever", "even", "actually", "really", "once", "yet"}
_DETERMINERS = {"his", "her", "their", "the", "a", "an", "any", "my", "its", "that", "this", "those", "these", "some"}
# past forms that are acts (regular ones end in -ed)
_IRREGULAR = set("""sold sent told took taken gave given made went gone bought said paid left wrote written rang rung called met
drank drunk ate eaten hit cut kept lost spent broke broken did done got found threw thrown sold stole stolen""".split())
_WORD = re.compile(r"[a-z']+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _acts_denied(text: str) -> list[tuple[str, str, str]]:
    """(verb, object head, object as written) for each act ``text`` says was never / not done."""
    found = []
    for match in _NEGATION.finditer(text):
        after = _WORD.findall(text[match.end():].lower())[:8]
        while after and after[0] in _BETWEEN:
            after = after[1:]
        if not after or not (after[0].endswith("ed") or after[0] in _IRREGULAR):
            continue
        verb, rest = after[0], after[1:4]
        while rest and rest[0] in _DETERMINERS:
            rest = rest[1:]
        head = next((w for w in rest if len(w) >= 4 and w not in _DETERMINERS), "")
        if head:
            found.append((verb, head, " ".join(rest[:rest.index(head) + 2])))
    return found


def negated_acts(text: str, lines: Sequence) -> list[str]:
    """Flags for each act ``text`` denies that a client's line tells as done ("I sold my hunting rifle")."""
    flags = []
    for verb, head, shown in _acts_denied(text):
        told = re.compile(r"\bI(?:'ve| have| had)?\s+(?:\w+\s+)?%s\b(?:\s+\w+){0,3}?\s+%s\b" % (verb, re.escape(head)), re.I)
        for line in lines:
            if not is_client(line.speaker):
                continue
            if any(told.search(s) and not _NEGATION.search(s) for s in _SENTENCE.split(line.text)):
                flags.append(f"{NEGATED_ACT}:{verb} {shown}")
                break
    return flags
