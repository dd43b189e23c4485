"""The work of a couple or family session as the clinician does it, read from the clinician's lines
(issue 16, Objective): the interaction cycle named ("So the pattern is: ..."), the feeling under a
partner's behaviour named, a reframe ("Dad, when you shout, what's underneath it is fear."), one person
asked what another thinks or would say (circular questions), and an agreement written up on the board.

Why: the couple and family sessions (28, 46, 59, 79, 85) named enactment or de-escalation at most, and
their notes missed the pattern, the reframe and the circular questions the clinicians did without
naming them. Each finding quotes the clinician's line.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.room_steps import RoomWork, clinician_turns, sentences_of
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import without_leading_stage

QUOTE_WORDS = 40


def _short(text: str, most: int = QUOTE_WORDS) -> str:
    words = text.split()
    return text if len(words) <= most else " ".join(words[:most]) + " ..."


def _first(utterances: Sequence[Utterance], pattern: re.Pattern, question: bool | None) -> tuple[str, int] | None:
    """The first clinician sentence matching ``pattern`` (a question, a statement, or either: None)."""
    for _, utt in clinician_turns(utterances):
        for sentence in sentences_of(utt.text):
            said = without_leading_stage(sentence)
            if pattern.search(said) and (question is None or said.endswith("?") == question):
                return said, utt.id
    return None


_CYCLE = re.compile(r"^(?:(?:so|okay|right|and),?\s+)*(?:the|your) (?:pattern|cycle|loop|dance) (?:is|goes)\b|\bhere'?s the (?:pattern|cycle)\b", re.I)
_UNDERNEATH = re.compile(r"\bwhat'?s underneath (?:it|that|this|the \w+)\b|\bunderneath (?:it|that|the \w+),? (?:is|there'?s|it'?s)\b", re.I)
_OTHERS_VIEW = re.compile(r"\bwhat do you think (?:(?-i:[A-Z][a-z]+)(?: and (?-i:[A-Z][a-z]+))?|he|she|they|your \w+|(?-i:Mum|Dad|Mom))"
                          r"(?:'s| is| was| would| might)? (?:be )?(?:thinking|feeling|say|want|wants|hoping|need)\b", re.I)
_BOARD = re.compile(r"\b(?:write|put|jot|get) (?:this|it|that|them|these|those) (?:up |down )?on the (?:board|whiteboard|flip ?chart)\b", re.I)


def joint_work(utterances: Sequence[Utterance], joint: bool) -> list[RoomWork]:
    """What the clinician did with the people in the room together; ``joint``: two or more people speak
    for the client's side (the cycle, the reframe and the questions about another are read only then)."""
    found: list[RoomWork] = []
    if joint:
        cycle = _first(utterances, _CYCLE, False)
        if cycle:
            found.append(RoomWork(f'the interaction cycle named by the clinician ("{_short(cycle[0])}")', [cycle[1]]))
        reframed = _first(utterances, _UNDERNEATH, False)
        asked = None if reframed else _first(utterances, _UNDERNEATH, True)
        if reframed:
            found.append(RoomWork(f'reframe, the feeling underneath named by the clinician ("{_short(reframed[0])}")', [reframed[1]]))
        elif asked:
            found.append(RoomWork(f'the feeling underneath asked about ("{_short(asked[0])}")', [asked[1]]))
        circular = _first(utterances, _OTHERS_VIEW, True)
        if circular:
            found.append(RoomWork(f'circular question, another\'s perspective asked ("{_short(circular[0])}")', [circular[1]]))
    board = _first(utterances, _BOARD, None)
    if board:
        written = _written_up(utterances, board[1])
        what = f'; written up: "{_short(written[0], WRITTEN_WORDS)}"' if written else ""
        found.append(RoomWork(f'written up on the board in session ("{_short(board[0])}"{what})',
                              [board[1]] + ([written[1]] if written else [])))
    return found


# What goes on the board is what the clinician says next as they write it ("So. Friday: Tom collects from
# school at quarter past three. Monday: ..."): the clinician's next line after the offer, its statements.
WRITTEN_WITHIN, WRITTEN_WORDS = 3, 30


def _written_up(utterances: Sequence[Utterance], offered: int) -> tuple[str, int] | None:
    lines = [u for u in utterances if u.speaker]
    at = next((n for n, u in enumerate(lines) if u.id == offered), None)
    if at is None:
        return None
    for _, utt in [(n, u) for n, u in clinician_turns(utterances) if at < n <= at + WRITTEN_WITHIN][:1]:
        said = [without_leading_stage(x) for x in sentences_of(utt.text) if not x.endswith("?")]
        if len(" ".join(said).split()) >= 4:
            return " ".join(said), utt.id
    return None
