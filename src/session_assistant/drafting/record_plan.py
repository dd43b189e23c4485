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
from session_assistant.drafting.session_arranged import next_session
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


def next_session_rule(utterances: Sequence[Utterance]) -> SlotFact | None:
    """The next session as said and settled (``session_arranged.next_session``), as the Plan slot's fact."""
    found = next_session(utterances)
    return SlotFact(found[0], found[1], PLAN_WINDOW, by_rule=True) if found else None


def add_next_session_rule(record: SessionRecord, utterances: Sequence[Utterance]) -> None:
    """When the model wrote no next session, the rule's words stand in, citing their line."""
    if record.facts("next_session"):
        return
    fact = next_session_rule(utterances)
    if fact is not None:
        record.add("next_session", fact, [u.id for u in utterances])
