"""Homework or an exercise of the session: a proposal begun there and then is done in the room (kept
apart from ``homework_agreed``, which reads what was agreed for the week)."""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK

# An exercise begun there and then: the client's answer or the clinician's next line starts it ("Okay.
# Go.", "Recording.", "In your own time."), or the line points at the task in hand ("For this one, ...
# look at me"). A proposal that says when, outside the session, it is done is the week's all the same.
_STARTS_NOW = re.compile(r"^(?:(?:okay|ok|right|alright|fine|oh god|um|so)[,.!]?\s+)*(?:go|go ahead|off you go|here goes|ready"
                         r"|recording|(?:the )?camera'?s on|begin|start(?: now)?|in your own time|whenever you'?re ready"
                         r"|let'?s (?:go|start|begin))[.!]*$", re.I)
_TASK_IN_HAND = re.compile(r"\b(?:for this one|before we (?:start|begin)|(?:look at|eyes on) me|right now"
                           r"|in a (?:minute|moment|second)|(?:try|do|practi[sc]e) (?:it|this|that) (?:here|now)|in the room"
                           r"|while we'?re here)\b|\blet'?s (?:practi[sc]e|try|rehearse|do) (?:it|this|that)(?: once| now| here)?[.!]",
                           re.I)
_FOR_THE_WEEK = re.compile(r"\b(?:this (?:coming )?week|every (?:day|morning|evening|night)|each (?:day|morning|evening|night)"
                           r"|at home|before (?:next time|we meet|I see you)|between (?:now and|sessions)|tonight|tomorrow|daily)\b",
                           re.I)


def done_in_room(lines: Sequence[Utterance], n: int, proposal: str) -> bool:
    """True when the proposal at ``lines[n]`` is an exercise of the session, not the week's homework."""
    if _FOR_THE_WEEK.search(proposal) or _FOR_THE_WEEK.search(lines[n].text):
        return False
    after = [u for u in lines[n + 1:n + 3] if u.speaker == lines[n].speaker or is_client(u.speaker)]
    started = any(_STARTS_NOW.match(s) for u in after for s in SENTENCE_BREAK.split(" ".join(u.text.split())))
    return started or bool(_TASK_IN_HAND.search(lines[n].text))


# Left to the client's convenience ("Bring Isla if it's easier.", "Come by bus if that's simpler."): leave
# given, not a task asked of the client, so nothing the client agreed to do.
AT_CONVENIENCE = re.compile(r"\bif (?:it'?s|that'?s|it is|that is|it makes (?:it|things|life)) (?:any )?(?:easier|simpler|more convenient"
                            r"|handier|less hassle)\b|\bif it suits\b|\bif you'?d (?:rather|prefer)\b", re.I)
