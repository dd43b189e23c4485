"""What the client did in the room, as the session's own lines say it (issue 16, Objective's observed
behaviour): arriving late, in the client's words at the start, with the time the clinician said was left;
a coat kept on or a hood taken down, a chair chosen, as the clinician asked at the start and the client
answered; what the client said their body was doing when the clinician asked then and there ("My jaw.
I've been clenching it since I sat down."); an apology for something done in the session ("sorry I
yelled at the start").

Why: the six sessions no rule writer had read (101-106) each had an observed-behaviour item, and the
note held it in none: what a clinician sees is rarely marked as a stage direction and rarely said as "I
notice", but the talk around it is on the page. Each part quotes its lines; nothing is inferred (mental
status stays the clinician's checklist), and a line another rule quotes is not quoted again.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import without_stage
from session_assistant.drafting.wording import SENTENCE_BREAK

OPENING_CLIENT_LINES = 3  # lateness is said as the client comes in
OPENING_LINES = 8  # the clinician's "we've got about twenty-five minutes left" comes soon after
_LATE = re.compile(r"\bsorry (?:I'?m|I am|for being|to be|we'?re) (?:so |a bit |really |very )?late\b|(?<!if )\bI'?m (?:so |a bit |really |very )?late\b(?! back| for)"
                   r"|\b(?:walking|coming|turning|rolling) (?:in|up) (?:this|so) late\b|\brunning late\b|\bminutes late\b", re.I)
_TIME_LEFT = re.compile(r"\b(?:we'?ve (?:only )?got|we (?:only )?have|there'?s (?:only )?) (?:about |only |just |roughly )?[\w-]+ minutes (?:left|remaining)\b",
                        re.I)
# Asked at the start about what the client has on or where they sit: the answer shows how they came in.
_ATTIRE = re.compile(r"\b(?:coat|jacket|hood|hat|scarf|sunglasses|chair)\b", re.I)  # not "the car seat": the baby's
ATTIRE_LINES = 6
# Asked what the body is doing now: the answer is the client's own account of the room.
# Now, in the room: "What do you notice in your body?" alone may ask about the week or about a memory told in
# the present tense (imaginal exposure), where the answer is the memory's.
_BODY_NOW = re.compile(r"\b(?:what (?:are you|do you) notic\w* in your body|what'?s happening in your body|where (?:do|are) you feel\w* (?:it|that|the \w+))"
                       r"[^.?!]{0,12}\b(?:right now|now|at the moment|as we (?:talk|speak|sit here))\b", re.I)
# An apology for an act of the session itself.
_SORRY_FOR = re.compile(r"\bsorry (?:I|for|about|that I)\b[^.?!]{0,25}?\b(?:yell\w*|shout\w*|snap\w*|swear\w*|swore|cr(?:y|ied|ying)"
                        r"|rude|rant\w*|went off|lost it|kick\w* off|raised my voice|bit your head off)\b[^.?!]{0,25}", re.I)
QUOTE_MAX_WORDS = 22


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(" ".join(without_stage(text).split())) if s]


def _short(sentences: Sequence[str]) -> str:
    taken: list[str] = []
    for sentence in sentences:
        if len(" ".join(taken + [sentence]).split()) > QUOTE_MAX_WORDS:
            break
        taken.append(sentence)
    return " ".join(taken)


def _answer_after(lines: Sequence[Utterance], n: int) -> Utterance | None:
    nxt = lines[n + 1] if n + 1 < len(lines) else None
    return nxt if nxt is not None and is_client(nxt.speaker) else None


def late_arrival(lines: Sequence[Utterance], risky=lambda text: False) -> tuple[str, list[int]] | None:
    clients = [u for u in lines if is_client(u.speaker)][:OPENING_CLIENT_LINES]
    for utt in clients:
        said = [s for s in _sentences(utt.text) if _LATE.search(s)]
        if not said:
            continue
        # From the late sentence on, whole sentences: "Sorry I'm late. Bus." would drop the "Well, not the bus." after it.
        # Up to a sentence the risk screen reads ("This commute is killing me"): the risk list has those.
        rest = _sentences(utt.text)[_sentences(utt.text).index(said[0]):]
        quote = _short(rest[:next((k for k, s in enumerate(rest) if k and risky(s)), len(rest))])
        text, ids = f'arrived late ("{quote}")', [utt.id]
        left = next(((u, m) for u in lines[:OPENING_LINES] if not is_client(u.speaker) for m in [_TIME_LEFT.search(u.text)] if m), None)
        if left is not None:
            text += f'; the clinician: "{left[1].group(0)}"'
            ids.append(left[0].id)
        return text, ids
    return None


def asked_at_the_start(lines: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines[:ATTIRE_LINES]):
        if is_client(utt.speaker):
            continue
        asked = next((s for s in _sentences(utt.text) if s.endswith("?") and _ATTIRE.search(s)), None)
        answer = _answer_after(lines, n) if asked else None
        if answer is not None:
            found.append((f'asked "{asked}", answered "{_short(_sentences(answer.text))}"', [utt.id, answer.id]))
    return found


def body_now(lines: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines):
        asked = None if is_client(utt.speaker) else next((s for s in _sentences(utt.text) if s.endswith("?") and _BODY_NOW.search(s)), None)
        answer = _answer_after(lines, n) if asked else None
        if answer is not None:
            found.append((f'asked "{asked}", answered "{_short(_sentences(answer.text))}"', [utt.id, answer.id]))
            break
    return found


def apologies(lines: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    for utt in lines:
        match = _SORRY_FOR.search(without_stage(utt.text)) if is_client(utt.speaker) else None
        if match:
            return [(f'said "{match.group(0).strip()}"', [utt.id])]
    return []


def room_conduct(utterances: Sequence[Utterance], quoted: Sequence[int] = (), risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(part, lines) for each thing found, in the order a note says them; ``quoted``: lines other rule
    lines quote already (their answer is not quoted again); ``risky``: the risk screen (an answer it
    reads is the risk list's, not quoted here)."""
    lines = [u for u in utterances if u.speaker]
    late = late_arrival(lines, risky)
    found = ([late] if late else []) + asked_at_the_start(lines) + body_now(lines) + apologies(lines)
    by_id = {u.id: u for u in lines}
    return [(text, ids) for text, ids in found if not set(ids[-1:]) & set(quoted) and (text.startswith("arrived late")
                                                                                      or not risky(by_id[ids[-1]].text))]


def conduct_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "What the client did in the room, as said in session: " + "; ".join(text for text, _ in found) + "."
