"""Work done in the room that the clinician's lines show by what they ask for now, without naming an
approach (issue 16, Objective): a step the client took then and there at the clinician's suggestion (a
saved card taken out of an app, emails unsubscribed), something drawn out with the client, a task
repeated at the clinician's word with distress asked while it ran (exposure, named or not), the
clinician owning a mistake the client raised and apologising (a rupture repaired); and an exercise the
clinician had planned for today and put off, which is not done and must not read as done.

Why: on the six sessions no rule writer had read (101-106) the Objective scored about 35 %: the work was
done, but in words no lexicon held ("Would you be willing to take the card details out while you're
here?" - "Gone."; "Read it, and don't add anything." - "Again." - "Where's the anxiety?"). Each finding
quotes or cites its lines; numbers are the client's own answers.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.grounding import numbers_in
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.room_steps import PUT_OFF, PUT_OFF_LINES, RoomWork, clinician_turns, sentences_of
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import without_leading_stage

_EXERCISE = re.compile(r"\b(?:the|that|this) ((?:[a-z-]+ ){0,2}(?:exercise|exposure|experiment|practice|role-?play|imagery|technique|work))\b", re.I)


def put_off(utterances: Sequence[Utterance]) -> tuple[str, str, list[int]] | None:
    """(the exercise, the clinician's sentence putting it off, lines) for the first exercise named and
    then put off in the same or the next clinician line."""
    turns = clinician_turns(utterances)
    for k, (_, utt) in enumerate(turns):
        named = _EXERCISE.search(utt.text)
        if named is None:
            continue
        for _, later in turns[k:k + PUT_OFF_LINES]:
            said = next((s for s in sentences_of(later.text) if PUT_OFF.search(s)), None)
            if said:
                return named.group(1).lower(), said, sorted({utt.id, later.id})
    return None


def put_off_sentence(found: tuple[str, str, list[int]]) -> str:
    return f'Not done in session: the {found[0]}, put off to a later session ("{found[1]}").'


# A step taken now, in the room: proposed for here and now, and the client's answer says it is done.
_HERE_NOW = re.compile(r"\b(?:while you'?re here|right here|right now|here and now|in the room|before you (?:go|leave)|(?:with|on) your phone)\b",
                       re.I)
_DONE_NOW = re.compile(r"(?i:\b(?:gone|done|deleted|removed|unsubscribed|cancell?ed|blocked|sent|booked|switched off|turned off)[.!])|(?:^|\.\s)There[.!]")
STEP_SPAN, STEPS_MAX, STEP_WORDS, STEP_ASKED = 10, 2, 16, 4


def _short(text: str) -> str:
    words = text.split()
    return text if len(words) <= STEP_WORDS else " ".join(words[:STEP_WORDS]) + " ..."


def steps_taken(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Up to two steps the client took in the room when the clinician asked, each quoted as asked (the
    question that proposed it for here and now, else the nearest question before the answer) and as the
    client said it was done."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, list[int]]] = []
    first = None
    for n, utt in enumerate(lines):
        if not is_client(utt.speaker) or not _DONE_NOW.search(" ".join(utt.text.split())):
            continue
        before = [(m, u) for m, u in enumerate(lines[max(0, n - STEP_ASKED):n], max(0, n - STEP_ASKED)) if not is_client(u.speaker)
                  and any(s.endswith("?") for s in sentences_of(u.text))]
        proposed = [(m, u) for m, u in before if _HERE_NOW.search(u.text) or (m and _HERE_NOW.search(lines[m - 1].text)
                                                                             and not is_client(lines[m - 1].speaker))]
        if first is None and not proposed:
            continue
        if first is not None and n - first > STEP_SPAN:
            break
        if first is None:
            asked = proposed[-1][1]
            asks = [x for x in sentences_of(asked.text) if x.endswith("?")]
            question = next((x for x in asks if _HERE_NOW.search(x)), asks[-1])
            first = n
        elif before:
            asked = before[-1][1]
            question = [x for x in sentences_of(asked.text) if x.endswith("?")][-1]
        else:
            continue
        found.append((question, without_leading_stage(" ".join(utt.text.split())), [asked.id, utt.id]))
        if len(found) == STEPS_MAX:
            break
    if not found:
        return None
    said = "; ".join(f'"{_short(q)}" (client: "{_short(a)}")' for q, a, _ in found)
    return RoomWork(f"steps the client took in the room when the clinician asked: {said}", sorted({i for *_, ids in found for i in ids}))


# Drawn out with the client now: "I'm going to draw it, if that's okay."
_DRAW = re.compile(r"\b(?:I'?m going to|I'?ll|let me|let'?s|can I|shall I|I'?d like to|we could)\s+(?:just\s+)?(?:draw|sketch|map)\b"
                   r"(?:\s+(?:it|this|that|them|out|up|the \w+|a \w+))?", re.I)
_PRONOUN_OBJECT = re.compile(r"\b(?:draw|sketch|map)\s+(?:it|this|that|them)\b", re.I)
_LATER = re.compile(r"\b(?:next (?:time|week|session)|at home|this week|homework)\b", re.I)


def drawn(utterances: Sequence[Utterance]) -> RoomWork | None:
    """What the clinician drew out with the client, quoted with the sentence before when that names it."""
    for _, utt in clinician_turns(utterances):
        sentences = sentences_of(utt.text)
        for k, sentence in enumerate(sentences):
            if not _DRAW.search(sentence) or _LATER.search(sentence):
                continue
            quote = " ".join(sentences[max(0, k - 1):k + 1]) if k and _PRONOUN_OBJECT.search(sentence) else sentence
            return RoomWork(f'drawn out with the client in session ("{_short_quote(quote)}")', [utt.id])
    return None


def _short_quote(text: str, most: int = 30) -> str:
    words = text.split()
    return text if len(words) <= most else " ".join(words[:most]) + " ..."


# A task repeated at the clinician's word ("Again.", "Read it three more times.", "A couple more."), with
# the client's distress asked while it runs: exposure, done in the room, named or not.
_REPEAT = re.compile(r"^(?:(?:okay|good|right|and|so),?\s+)*(?:again|once more|one more time|keep going|a couple more|"
                     r"(?:\w+ )?(?:it|that) (?:again|\w+ more times)|\w+ more times)\b", re.I)
# Distress, by its name or asked again in short; never a belief or a likelihood ("how likely, out of a hundred?").
_ASK_NOW = re.compile(r"\b(?:anxiety|anxious|distress\w*|suds|fear|scared|discomfort|upset)\b[^.?!]{0,45}\?"
                      r"|\bwhere'?s (?:the|your) (?:anxiety|fear|distress|number)\b|^(?:and )?now\?$", re.I)
_IMPERATIVE = re.compile(r"^(?:(?:okay|good|right|so|then|now),?\s+)*(?:write|read|say|hold|touch|look|stand|sit|picture|imagine|put|keep|listen|watch)\b",
                         re.I)
_RATING = re.compile(r"^(?:(?:about|maybe|like|um|uh|still|it's|it is|around)[,]?\s+)*(?:a |an )?((?:\d{1,3})|(?:zero|nought|five|ten|fifteen|"
                     r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred)(?:[- ]five)?)\b(?!\s*(?:times|days?|minutes|hours|weeks))",
                     re.I)
EXPOSURE_SPAN, EXPOSURE_MIN_RATINGS, SHOWN = 24, 3, 6


def repeated_exposure(utterances: Sequence[Utterance], named: bool = False) -> RoomWork | None:
    """Three or more distress ratings asked while the client repeats a task at the clinician's word;
    ``named``: the interventions line names exposure already (the work is then not named again)."""
    lines = [u for u in utterances if u.speaker]
    asked = [(n, u) for n, u in enumerate(lines[:-1]) if not is_client(u.speaker) and is_client(lines[n + 1].speaker)
             and any(_ASK_NOW.search(without_leading_stage(s)) and s.endswith("?") for s in sentences_of(u.text))
             and _RATING.match(without_leading_stage(sentences_of(lines[n + 1].text)[0]))]
    for k, (n, first) in enumerate(asked):
        run = [(m, u) for m, u in asked[k:] if m - n <= EXPOSURE_SPAN]
        repeats = [u for u in lines[n:run[-1][0] + 1] if not is_client(u.speaker)
                   and any(_REPEAT.search(without_leading_stage(s)) for s in sentences_of(u.text))]
        if len(run) < EXPOSURE_MIN_RATINGS or not repeats:
            continue
        numbers = [_digits(_RATING.match(without_leading_stage(sentences_of(lines[m + 1].text)[0])).group(1)) for m, _ in run[:SHOWN]]
        set_up = [s for s in sentences_of(first.text) if _IMPERATIVE.search(s) and not s.endswith("?")][:2]
        label = ("" if named else "exposure done in session, ") + ("the task repeated at the clinician's word"
                 + (f' (set up as: "{" ".join(set_up)}")' if set_up else "")
                 + f"; ratings asked while it ran: {', '.join(numbers)}")
        ids = sorted({first.id} | {u.id for u in repeats[:3]} | {i for m, u in run[:SHOWN] for i in (u.id, lines[m + 1].id)})
        return RoomWork(label, ids)
    return None


def _digits(number: str) -> str:
    """A rating in digits, as notes write it ("seventy-five" -> "75")."""
    if number.lower() in ("nought", "zero"):
        return "0"
    found = numbers_in(number)
    return next(iter(found)) if len(found) == 1 else number.lower()


# A rupture repaired: the clinician owns a mistake and apologises ("That's on me, and I'm sorry ...").
_OWNS = re.compile(r"\b(?:that'?s on me|(?:my|entirely my) (?:mistake|fault|error)|I (?:got (?:that|it) wrong|should have|shouldn'?t have|"
                   r"messed (?:that |it )?up|let you down|didn'?t think (?:it )?through))\b", re.I)
_APOLOGY = re.compile(r"\bI'?m (?:so |really |very )?sorry\b(?! (?:to hear|that happened|for your loss|you))|\bI apologi[sz]e\b", re.I)
REPAIR_LINES = 2


def rupture_repair(utterances: Sequence[Utterance]) -> RoomWork | None:
    """The clinician owning a mistake and apologising, in the same or the next clinician line."""
    turns = clinician_turns(utterances)
    for k, (_, utt) in enumerate(turns):
        # not the client's words said back ("'I should have noticed sooner.' How much do you believe that?")
        owned = next((s for s in sentences_of(utt.text) if _OWNS.search(s) and not re.search(r'["\u201c]', s)), None)
        if owned is None:
            continue
        sorry = next(((u, s) for _, u in turns[k:k + REPAIR_LINES] for s in sentences_of(u.text) if _APOLOGY.search(s)), None)
        if sorry is not None:
            in_order = sorry[0].id > utt.id or sorry[0].text.find(sorry[1]) > utt.text.find(owned)
            quote = owned if sorry[1] == owned else f"{owned} ... {sorry[1]}" if in_order else f"{sorry[1]} ... {owned}"
            return RoomWork(f'rupture repair, the clinician owning their part and apologising ("{_short_quote(quote)}")',
                            sorted({utt.id, sorry[0].id}))
    return None
