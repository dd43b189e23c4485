"""Work done in the room that the clinician leads by instruction rather than by name (issue 16,
Objective): a feared thing looked at, held or watched at the clinician's word while the client gives
numbers (exposure), tensing led against fainting (applied tension), and what gets in the way of a task
asked and a way round it put forward (problem solving).

Why: on the unseen sessions 107-112 the Objective named none of this. A clinician says "Just look at
it.", "Keep holding it.", "Stay with it.", "Number?"; "Let's tense first ... And let go."; "What gets in
the way?" - "What if you ...?", and never "exposure", "applied tension" or "problem solving". Each
finding quotes the clinician's own lines; numbers are the client's own answers.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.room_now import _digits
from session_assistant.drafting.room_steps import RoomWork, clinician_turns, sentences_of
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import RATING_ASK, without_leading_stage

# Homework set for the week is not work done in the room ("Pick it up every day and hold it").
_NOT_NOW = re.compile(r"\b(?:this week|every (?:day|morning|evening|night)|each day|at home|before (?:we|you) (?:next )?meet|"
                      r"next (?:week|time)|tonight|tomorrow|homework|daily|(?:once|twice|three times) a day|for the week)\b", re.I)

# The client kept at a feared thing at the clinician's word: looking, watching, holding, touching, again.
_KEEP_AT = re.compile(r"^(?:(?:okay|ok|good|right|and|so|now|just|then),?\s+)*(?:stay with (?:it|that|the \w+)|"
                      r"keep (?:watching|looking|holding|touching|listening|going)|don'?t look away|pick (?:it|them|that) up|"
                      r"(?:look|watch|hold|touch|pick up|keep)\s+(?:at\s+)?(?:it|them|that|this|the (?!picture|image|memory|thought|words)\w+)|just (?:watch|look)\b|"
                      r"(?:we'?ll |let'?s )?play it (?:again|once more)|once more|again)\b", re.I)
# A number the client gives, at the opening of one of the line's sentences ("The pen. Seven, maybe.").
_NUMBER = re.compile(r"^(?:(?:about|maybe|like|um|uh|still|it's|it is|around|okay|so)[,.]?\s+)*(?:a |an )?((?:\d{1,3})|(?:zero|nought|one|two|three|"
                     r"four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|"
                     r"hundred)(?:[- ](?:five|one|two|three|four|six|seven|eight|nine))?)\b(?!\s*(?:times|days?|minutes|hours|weeks|years?|o'?clock))"
                     r"[^.?!]{0,12}[.!]?$", re.I)
_ABOUT_BELIEF = re.compile(r"\bbeliev\w*|\bbelief\b|\bhow true\b|\bhow likely\b|\bconfident\b|\bimportant\b", re.I)
# The exposure proposed for now, said just before it starts ("So today ... the turbulence footage, with the sound up.").
_PROPOSED_NOW = re.compile(r"\btoday\b|\bnow\b|\bshall we\b|\blet'?s\b|\bI'?ve got\b[^.?!]*\bhere\b|\bin the room\b", re.I)
HELD_MIN_LINES, HELD_MIN_NUMBERS, HELD_SPAN, HELD_BEFORE, HELD_AFTER, PROPOSED_BEFORE = 2, 3, 24, 4, 2, 8
SHOWN, KEPT_SHOWN, QUOTE_WORDS = 6, 4, 30
STEP_UNNAMED_WORDS = 12  # a set-up this short names the step rather than the thing faced


def _short(text: str, most: int = QUOTE_WORDS) -> str:
    words = text.split()
    return text if len(words) <= most else " ".join(words[:most]) + " ..."


def _number_given(line: Utterance, asked: Utterance | None) -> str | None:
    """The first number one of the client's sentences opens with; none when the question was a belief's."""
    if asked is not None and any(_ABOUT_BELIEF.search(s) for s in sentences_of(asked.text) if s.endswith("?")):
        return None
    for sentence in sentences_of(line.text):
        match = _NUMBER.match(without_leading_stage(sentence))
        if match:
            return _digits(match.group(1))
    return None


# A stone held through reprocessing is grounding, not a feared thing faced: EMDR holds and rates too.
HELD_IN_OTHER_WORK = ("EMDR",)


def held_exposure(utterances: Sequence[Utterance], named_approaches: Sequence[str] = ()) -> RoomWork | None:
    """Two or more clinician lines keeping the client at a feared thing now ("Just look at it.", "Keep
    holding it.", "Stay with it.") with three or more numbers the client gives around them: exposure.
    ``named_approaches``: the interventions line's; when it names exposure, the work is not named again."""
    named = "exposure" in named_approaches
    if any(a in named_approaches for a in HELD_IN_OTHER_WORK):
        return None
    lines = [u for u in utterances if u.speaker]
    kept = [(n, u, s) for n, u in enumerate(lines) if not is_client(u.speaker) and not _NOT_NOW.search(u.text)
            for s in [next((without_leading_stage(x) for x in sentences_of(u.text) if _KEEP_AT.search(without_leading_stage(x))
                           and not x.endswith("?")), None)] if s]
    for k, (n, first, _) in enumerate(kept):
        run = [(m, u, s) for m, u, s in kept[k:] if m - n <= HELD_SPAN]
        if len(run) < HELD_MIN_LINES:
            continue
        start, end = max(0, n - HELD_BEFORE), min(len(lines), run[-1][0] + HELD_AFTER + 1)
        numbers = [(number, lines[m].id) for m in range(start, end) if is_client(lines[m].speaker)
                   for number in [_number_given(lines[m], lines[m - 1] if m else None)] if number]
        if len(numbers) < HELD_MIN_NUMBERS:
            continue
        # the first proposal in the lines before it: the thing faced is named there, the steps after it
        proposed = next((u for u in lines[max(0, n - PROPOSED_BEFORE):n + 1] if not is_client(u.speaker)
                         and any(_PROPOSED_NOW.search(s) and not s.endswith("?") for s in sentences_of(u.text))
                         and not RATING_ASK.search(u.text)), None)
        set_up = ""
        if proposed is not None:
            said = [s for s in sentences_of(proposed.text) if not s.endswith("?")]
            set_up = " ".join(said[next(k for k, s in enumerate(said) if _PROPOSED_NOW.search(s)):])
            if len(set_up.split()) <= STEP_UNNAMED_WORDS and sentences_of(proposed.text)[-1].endswith("?"):
                # "So today I want to go a step up the ladder. You remember the next one?": the step is named next
                set_up = _step_named(lines, proposed, n, set_up)
        said = "; ".join(f'"{s}"' for _, _, s in run[:KEPT_SHOWN])
        label = (("" if named else "exposure done in session, ") + "the client kept at it at the clinician's word ("
                 + said + ")" + (f' (set up as: "{_short(set_up)}")' if set_up else "")
                 + f"; numbers given while it ran: {', '.join(x for x, _ in numbers[:SHOWN])}")
        ids = sorted({u.id for _, u, _ in run[:KEPT_SHOWN]} | {i for _, i in numbers[:SHOWN]} | ({proposed.id} if proposed else set()))
        return RoomWork(label, ids)
    return None


def _step_named(lines: Sequence[Utterance], proposed: Utterance, first_kept: int, set_up: str) -> str:
    """A proposal that ends asking the step ("You remember the next one?") names the thing faced in the
    clinician's next line before the work starts ("I brought a knife from the kitchen down the hall.")."""
    at = next(k for k, u in enumerate(lines) if u.id == proposed.id)
    following = next((u for u in lines[at + 1:first_kept + 1] if not is_client(u.speaker)), None)
    if following is None:
        return set_up
    told = [s for s in sentences_of(following.text) if not s.endswith("?") and len(s.split()) > 2]
    return f"{set_up} {told[0]}" if told else set_up


# Tensing led now, in a session that speaks of fainting: applied tension (for blood and needle fears),
# not a relaxation exercise ("tense and release" with no fainting is progressive muscle relaxation's).
_TENSE_NOW = re.compile(r"^(?:(?:okay|ok|good|right|and|so|now|then),?\s+)*(?:let'?s\s+)?tense\b|\btense (?:for me|again|up)\b", re.I)
_FAINT = re.compile(r"\bfaint\w*|\bpass(?:ed|ing)? out\b|\bblood pressure\b", re.I)


def applied_tension(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Tensing the clinician leads in the room when the clinician's lines speak of fainting."""
    turns = clinician_turns(utterances)
    if not any(_FAINT.search(u.text) for _, u in turns):
        return None
    led = [(u, s) for _, u in turns if not _NOT_NOW.search(u.text)
           for s in [next((x for x in sentences_of(u.text) if _TENSE_NOW.search(without_leading_stage(x)) and not x.endswith("?")), None)] if s]
    if not led:
        return None
    first, sentence = led[0]
    rest = sentences_of(first.text)
    steps = " ".join(rest[rest.index(sentence):rest.index(sentence) + 3])
    return RoomWork(f'applied tension practised in session, the clinician leading the tensing ("{_short(steps)}")',
                    sorted({u.id for u, _ in led[:3]}))


# What gets in the way of a task, asked, and a way round it put forward by the clinician: problem solving
# without its name or its manual's steps.
_BARRIER = re.compile(r"\bwhat (?:gets|got|might get|would get|could get|is getting) in (?:the|your) way\b|\bwhat (?:stops|stopped) you\b"
                      r"|\bwhat makes it (?:hard|difficult)\b|\bwhich (?:bit|part) is (?:the )?hardest\b", re.I)
_WAY_ROUND = re.compile(r"\bwhat if(?:,[^?]{0,30},)? you\b|\bhow about (?:if )?you\b|\bwhat would make (?:it|that) easier\b"
                        r"|\bwhat could you do (?:about|differently)\b|\bcould you (?:keep|put|leave|move|set)\b", re.I)
BARRIER_SPAN = 8


def barrier_solving(utterances: Sequence[Utterance]) -> RoomWork | None:
    """The first barrier question followed, within a few lines, by a clinician question putting a way
    round it; quoted with the clinician's summing up of the barriers ("So the ...") when there is one."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines):
        if is_client(utt.speaker) or _NOT_NOW.search(utt.text):
            continue
        asked = next((s for s in sentences_of(utt.text) if _BARRIER.search(s) and s.endswith("?")), None)
        if asked is None:
            continue
        after = [(m, u) for m, u in enumerate(lines[n + 1:n + 1 + BARRIER_SPAN], n + 1) if not is_client(u.speaker)]
        way = next(((m, u) for m, u in after if any(_WAY_ROUND.search(s) and s.endswith("?") for s in sentences_of(u.text))), None)
        if way is None:
            continue
        summed = next((s for m, u in after if m <= way[0] for s in sentences_of(u.text)[:1]
                       if re.match(r"^so,?\s", s, re.I) and not s.endswith("?")), None)
        put = " ".join(s for s in sentences_of(way[1].text) if s.endswith("?"))
        label = (f'problem solving in session: what gets in the way asked ("{_short(asked)}")'
                 + (f', summed up ("{_short(summed)}")' if summed else "") + f', and a way round it put forward ("{_short(put)}")')
        return RoomWork(label, sorted({utt.id, way[1].id}))
    return None


# Words offered for the client (or a family member) to say, in the clinician's own quotation:
# 'Tell her first. Something like, "I care about you ..."' - a script, rehearsed or not.
_SCRIPT = re.compile(r"\b(?:something like|you could say|(?:could|can|might) say|try saying),?\s*[\"\u201c]([^\"\u201d]{8,})[\"\u201d]", re.I)
LEAD_IN_WORDS = 6  # "Tell her first." before the words


def script_offered(utterances: Sequence[Utterance]) -> RoomWork | None:
    """The first words the clinician offers someone to say, quoted (inner quotes made single), with a
    short instruction just before them."""
    for _, utt in clinician_turns(utterances):
        text = " ".join(utt.text.split())
        match = _SCRIPT.search(text)
        if match is None:
            continue
        prefix = without_leading_stage(text[:match.start()].strip())
        lead = sentences_of(prefix)[-1] if prefix.endswith((".", "!")) else ""
        lead = lead if len(lead.split()) <= LEAD_IN_WORDS else ""
        words = _short(match.group(1).strip().rstrip(",;"), QUOTE_WORDS)
        return RoomWork("a script offered by the clinician, words to say (" + (f"{lead} " if lead else "") + f"'{words}')", [utt.id])
    return None
