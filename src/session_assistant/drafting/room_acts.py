"""Steps taken in the room that a therapy note's Objective records as done in session: a telephone
call made from the room with the client there (a crisis team, a relative to collect them), a row
gone over line by line, a defusion exercise, and a letter the clinician read aloud to the client
(a reformulation letter, a goodbye letter).

Why: the model left these out or told them as plans ("the clinician will ring the crisis team"),
and the Plan's lines quote what was arranged, not that the call was made in the session. Each is
read from what the transcript shows: a clinician's line marked as spoken into a phone, or a line
that opens "Dear <name>," as a letter does; never from the model.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.plan_safety import CRISIS_SERVICES, PHONE_CALL
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.situations_rated import situations_rated
from session_assistant.drafting.transcript_input import Utterance

# Whom the call went to: a name asked for on the line ("Hello, is that Sam?"), else a service the
# clinician named in the lines before it ("ring the crisis team now, while you're sat here").
_ASKED_FOR = re.compile(r"\b(?:is that|can I speak to|could I speak to) ([A-Z][a-z]+)\b")
_SERVICE = re.compile(rf"\b(?:{CRISIS_SERVICES}|police|(?:the )?GP surgery|social services)\b", re.I)
CALL_LOOKBACK = 6
OPENING_LINES = 4  # a remote session's own opening ("Hello, is that Sam? It's the clinic calling") is no call from the room


def calls_from_room(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    """(whom the clinician rang, line) for each call the clinician made from the room."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int]] = []
    for n, utt in enumerate(lines):
        if n < OPENING_LINES or is_client(utt.speaker) or not PHONE_CALL.match(utt.text):
            continue
        asked = _ASKED_FOR.search(utt.text)
        named = [m.group(0) for u in reversed(lines[max(0, n - CALL_LOOKBACK):n + 1]) if not is_client(u.speaker)
                 for m in [_SERVICE.search(u.text)] if m]
        whom = asked.group(1) if asked else (f"the {named[0].lower().removeprefix('the ')}" if named else "")
        if whom and all(w != whom for w, _ in found):
            found.append((whom, utt.id))
    return found


def calls_sentence(found: Sequence[tuple[str, int]]) -> str:
    return ("Phone call made from the room during the session, with the client present: the clinician rang "
            + " and ".join(whom for whom, _ in found) + ".")


# A letter read out opens as letters do; the clinician's next lines may take a correction the client
# asked for ("I'll change it so it says ...").
_LETTER_OPENING = re.compile(r"^\s*(?:\([^)]*\)\s*)?Dear [A-Z][a-z]+\b[,.]")
_CHANGED = re.compile(r"\bI'?(?:ll| will) (?:change|amend|correct|rewrite|reword|take out|add)\b", re.I)
CHANGE_LOOKAHEAD = 12


def letter_read(utterances: Sequence[Utterance]) -> tuple[bool, list[int]] | None:
    """(changed at the client's word, lines) when the clinician read a letter aloud; None otherwise."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines):
        if is_client(utt.speaker) or not _LETTER_OPENING.match(utt.text):
            continue
        change = next((u for u in lines[n + 1:n + CHANGE_LOOKAHEAD] if not is_client(u.speaker) and _CHANGED.search(u.text)), None)
        return (change is not None, [utt.id] + ([change.id] if change else []))
    return None


def letter_sentence(changed: bool) -> str:
    return ("Letter read aloud to the client by the clinician in session"
            + ("; the client corrected part of it and the clinician agreed to revise it." if changed else "."))


# A row gone over in the room (interpersonal therapy's communication analysis): what each person
# wanted and what was said, asked of the client, near the clinician naming the row itself.
_WHAT_WANTED = re.compile(r"\bwhat did you want (?:from|to happen)\b|\bwhat do you think (?:he|she|they) (?:wanted|heard|meant)\b"
                          r"|\bwhat did (?:he|she|they) say (?:back|then)\b|\bwhat exactly did you say\b", re.I)
_ROW = re.compile(r"\b(?:the|that|an?) (?:argument|row|disagreement|falling[- ]out|fight|blow[- ]up) (?:with|between) "
                  r"(?:(?-i:[A-Z][a-z]+)|your (?:wife|husband|partner|mum|mother|dad|father|son|daughter|sister|brother|boss|manager|friend))\b", re.I)
ROW_SPAN = 6


def communication_analysed(utterances: Sequence[Utterance]) -> tuple[str, list[int]] | None:
    """(the row, lines) when the clinician went over a row with the client in the room; None otherwise."""
    lines = [u for u in utterances if u.speaker and not is_client(u.speaker)]
    for n, utt in enumerate(lines):
        if not _WHAT_WANTED.search(utt.text):
            continue
        named = next(((m.group(0), u.id) for u in lines[max(0, n - ROW_SPAN):n + 1][::-1] for m in [_ROW.search(u.text)] if m), None)
        if named:
            return named[0][0].lower() + named[0][1:], sorted({named[1], utt.id})
    return None


# Defusion done as an exercise in the room (acceptance and commitment therapy), by its manuals' forms.
_DEFUSION_EXERCISES: tuple[tuple[str, re.Pattern], ...] = (
    ("hands as thoughts", re.compile(r"\b(?:imagine|pretend) (?:that )?(?:your|these) hands are (?:the|your|those) thoughts\b", re.I)),
    ("\"I'm having the thought that\"", re.compile(r"\b(?:say|start|put|begin)\b[^.?!]{0,40}\bI'?m having the thought that\b", re.I)),
    ("leaves on a stream", re.compile(r"\bleaves on a stream\b", re.I)),
    ("saying the thought in a silly voice", re.compile(r"\b(?:sing|say) (?:it|the thought) (?:in a (?:silly|funny|cartoon) voice|to the tune)\b", re.I)),
)


def defusion_exercises(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for utt in utterances:
        if utt.speaker and not is_client(utt.speaker):
            found += [(name, utt.id) for name, pattern in _DEFUSION_EXERCISES
                      if pattern.search(utt.text) and all(name != n for n, _ in found)]
    return found


def room_acts(utterances: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """The Objective's lines for the steps taken in the room, each (text, lines)."""
    lines: list[tuple[str, list[int]]] = []
    calls = calls_from_room(utterances)
    if calls:
        lines.append((calls_sentence(calls), [i for _, i in calls]))
    row = communication_analysed(utterances)
    if row:
        lines.append((f"Communication analysis in session of {row[0]}: what each wanted and what was said.", row[1]))
    defusion = defusion_exercises(utterances)
    if defusion:
        lines.append(("Defusion exercises done in session: " + "; ".join(n for n, _ in defusion) + ".", [i for _, i in defusion]))
    letter = letter_read(utterances)
    if letter:
        lines.append((letter_sentence(letter[0]), letter[1]))
    rated = situations_rated(utterances)  # "If you were going to sleep in your own bed, where would it be?" - "Nine."
    return lines + [rated] if rated else lines
