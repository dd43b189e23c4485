"""A model sentence built from the greeting's small talk, which the session never comes back to.

Why: unseen 108's Assessment told "he was on a call at eleven last night in Evanston" (the client's
furnace call-out, said while taking his coat off) beside the wedding, and 106's "he ... had decided to have
party time in the morning" (the baby's two a.m. waking, said at the door). The opening is the lines before
the clinician first turns to the work (the questionnaire, the homework, "how has the week been", "let's
start"); words said there and nowhere after are the small talk's. A sentence carrying two of them retells
the small talk, and is withheld (``SMALL_TALK``). A session whose first lines hold no such turn has no
opening here: a check-in that is the session's matter recurs later, and its words are not the small talk's.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, content_stems
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.vocabulary import QUOTED_SPAN

SMALL_TALK = "small_talk_retold"
OPENING_MAX_LINES = 15  # a turn to the work later than this is no greeting's end
SMALL_TALK_MIN_WORDS = 2
# The clinician turning to the session's work; "Busy week?" at the door is not one.
_WORK_STARTS = re.compile(
    r"\b(?:before we (?:get going|get started|get into|start|begin)|let'?s (?:start|begin|look|get|have|go|talk|pick|come)|"
    r"shall we|today|what I'?d like|questionnaire|homework|practi[cs]e|diary|log|last (?:week|time|session)|"
    r"since (?:we|last)|agenda|review|how(?:'ve| have) you been|how are you|how(?:'s| has| was) (?:the|your) "
    r"(?:week|fortnight)|how have things been|where (?:would|shall|should) we|what would you like|scale|form)\b", re.I)


def _opening_only(source: SourceIndex) -> frozenset[str]:
    lines = source.utterances
    start = next((n for n, u in enumerate(lines[:OPENING_MAX_LINES])
                  if u.speaker and not is_client(u.speaker) and _WORK_STARTS.search(u.text)), 0)
    later: set[str] = set()
    for utterance in lines[start:]:
        later |= content_stems(utterance.text)
    opening: set[str] = set()
    for utterance in lines[:start]:
        opening |= content_stems(utterance.text)
    return frozenset(opening - later)


def small_talk_words(text: str, source: SourceIndex) -> list[str]:
    """The words of ``text`` that only the opening small talk says, when there are enough to retell it."""
    found = sorted(content_stems(QUOTED_SPAN.sub(" ", text)) & source.once(_opening_only))
    return found if len(found) >= SMALL_TALK_MIN_WORDS else []


def small_talk_flags(text: str, source: SourceIndex) -> list[str]:
    words = small_talk_words(text, source)
    return [f"{SMALL_TALK}:{' '.join(words)}"] if words else []
