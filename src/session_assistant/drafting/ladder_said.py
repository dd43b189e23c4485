"""Objective structure built in the room with numbers (issue 16): an exposure hierarchy or ladder read
out step by step with its ratings, situations rated in turn on a scale, and the motivational
rulers (importance, confidence, readiness) with the client's answers.

Each is found by the shape of the talk, not by one session's words: a line that lists three or more
"situation, number" steps near the words that name a ladder; a rating asked on a scale and then
asked again for two or more other situations in a few words ("And the bus?"); a question naming a
ruler's dimension answered with a number. The steps and numbers are written as said, so the note
never states a number the session did not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import RATING_ASK, scale_top, without_leading_stage
from session_assistant.drafting.wording import SENTENCE_BREAK

__all__ = ["Listed", "hierarchy_steps", "rated_in_turn", "ruler_answers"]

_NUM = (r"(?:\d{1,3}|zero|nought|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|sixty|"
        r"seventy|eighty|ninety|a hundred|one hundred|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
# One step of a list: "Post box on your own, thirty-five", "the bus at sixty", "corner shop is a forty-five".
_STEP = re.compile(r"^(?:and |then |so |okay,? )?(?P<step>[A-Za-z][^;:?]{2,70}?)(?:,| at| is| was| would be| =|:)\s+(?:(?:about|maybe|probably|like|a(?! hundred)|an|around)\s+)*"
                   r"(?P<num>" + _NUM + r")(?:\s*(?:%|percent|out of (?:ten|10|a hundred|100)))?[.!]?$", re.I)
# The words that name a graded list of situations.
_LADDER = re.compile(r"\b(?:ladder|hierarch\w*|rungs?|easiest|hardest|least (?:scary|frightening|anxious|difficult|hard)"
                     r"|most (?:scary|frightening|difficult|hard)|fear list|exposure list|situations you avoid|SUDS)\b", re.I)
LADDER_SPAN = 30  # lines between the words that name the ladder and the list
STEPS_MIN, STEPS_MAX = 3, 12
# Asked again for another situation in a few words: "And the bus?", "What about the supermarket?"
_NEXT_ASK = re.compile(r"^(?:(?:okay|right|so|good),?\s+)?(?:(?:and|what about|how about|then)\s+)(?P<what>[^?]{3,60})\?$", re.I)
NEXT_ASK_MAX_WORDS = 12
# The client's answer opens with its number, after a word or two at most ("Gate? Like a six.", "Eight.").
_ANSWER_NUM = re.compile(r"^(?:[^.?!]{0,20}[?.!,]\s*)?(?:[A-Za-z']+,?\s+){0,2}?(?:(?:about|maybe|like|um,?|uh,?|probably|around|honestly|a|an|still)\s+)*(" + _NUM + r")\b"
                         r"(?!\s*(?:days?|times|hours|minutes|weeks|o'?clock|years?|pounds|yards|miles|people)\b)", re.I)
ANSWER_MAX_WORDS = 10
# A ruler's dimension named in the question, and what the note calls it.
_RULER = {"importance": r"\bimportan\w*", "confidence": r"\bconfiden\w*", "readiness": r"\bready\b|\breadiness\b",
          "willingness": r"\bwilling\w*"}
_RULER_CUE = re.compile(r"\brulers?\b|\bwhere (?:is|are) (?:it|they|that|those|the \w+) now\b|\bwhat (?:number|would you give)\b", re.I)


@dataclass
class Listed:
    label: str  # how the note names the work, with its steps or answers as said
    evidence: list[int]


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(" ".join(without_leading_stage(text).split())) if s]


def _answer(lines: Sequence[Utterance], n: int) -> tuple[str, int] | None:
    """The client's next line up to its number-bearing opening ("Gate? Like a six."), and its id."""
    nxt = lines[n + 1] if n + 1 < len(lines) else None
    if nxt is None or not is_client(nxt.speaker):
        return None
    said: list[str] = []
    for sentence in _sentences(nxt.text):
        said.append(sentence)
        if _ANSWER_NUM.match(" ".join(said)) or len(" ".join(said).split()) > ANSWER_MAX_WORDS:
            break
    said_text = " ".join(said)
    if not _ANSWER_NUM.match(said_text) or len(said_text.split()) > ANSWER_MAX_WORDS:
        return None
    # and on while short sentences still give numbers: "Before, like three. Now, six? Six."
    for sentence in _sentences(nxt.text)[len(said):]:
        if not re.search(r"\b" + _NUM + r"\b", sentence, re.I) or len((said_text + " " + sentence).split()) > ANSWER_MAX_WORDS:
            break
        said_text += " " + sentence
    return said_text, nxt.id


def _steps_of(text: str) -> list[tuple[str, str]]:
    chunks = [c.strip() for s in _sentences(text) for c in re.split(r"[;:]\s+", s) if c.strip()]  # "Reading it back: ..."
    found = [(m.group("step").strip(), m.group("num")) for m in (_STEP.match(c) for c in chunks) if m]
    return found if len({num.lower() for _, num in found}) >= STEPS_MIN else []


def _scale_named(lines: Sequence[Utterance]) -> str:
    text = " ".join(u.text for u in lines)
    if re.search(r"\bSUDS?\b|\bsubjective units?\b", text, re.I):
        return "SUDS"
    return scale_top(text)


def hierarchy_steps(utterances: Sequence[Utterance]) -> Listed | None:
    """The list line with the most "situation, number" steps (three or more; the clinician's read-back
    when there is one), said within ``LADDER_SPAN`` lines after the words that name a ladder."""
    lines = [u for u in utterances if u.speaker]
    cues = [n for n, u in enumerate(lines) if _LADDER.search(u.text)]
    best: tuple[int, int, list[tuple[str, str]]] | None = None
    for n, utt in enumerate(lines):
        if not any(0 <= n - c <= LADDER_SPAN for c in cues):
            continue
        steps = _steps_of(utt.text)
        if steps and (best is None or (len(steps), not is_client(utt.speaker)) >= (len(best[2]), not is_client(lines[best[0]].speaker))):
            best = (n, utt.id, steps)
    if best is None:
        return None
    n, line_id, steps = best
    cue = next(c for c in reversed(cues) if c <= n)
    named = _LADDER.search(" ".join(u.text for u in lines[cue:n + 1])).group(0).lower()
    word = "hierarchy" if named.startswith("hierarch") else "ladder" if named.startswith(("ladder", "rung")) else "hierarchy"
    scale = _scale_named(lines[max(0, cue - 3):n + 1])
    said = "; ".join(f"{step}, {num}" for step, num in steps[:STEPS_MAX])
    return Listed(f"exposure {word} built in session, its steps as read out" + (f" ({scale})" if scale else "") + f": {said}",
                  sorted({lines[cue].id, line_id}))


def rated_in_turn(utterances: Sequence[Utterance], taken: Sequence[int] = ()) -> Listed | None:
    """A rating asked on a scale, answered with a number, then asked again in a few words for two
    or more other situations, each answered with a number: the situations as asked, the answers as
    said. ``taken``: lines another rule line already quotes."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines):
        if is_client(utt.speaker) or utt.id in taken:
            continue
        asked = next((s for s in _sentences(utt.text) if s.endswith("?") and RATING_ASK.search(s)), None)
        first = _answer(lines, n) if asked else None
        if first is None:
            continue
        found = [(asked, first[0], [utt.id, first[1]])]
        k = n + 2
        while k + 1 < len(lines) and not is_client(lines[k].speaker):
            last = _sentences(lines[k].text)[-1] if lines[k].text.strip() else ""
            more = _NEXT_ASK.match(last) if len(last.split()) <= NEXT_ASK_MAX_WORDS else None
            answer = _answer(lines, k) if more else None
            if answer is None:
                break
            found.append((more.group("what").strip(), answer[0], [lines[k].id, answer[1]]))
            k += 2
        if len(found) >= STEPS_MIN:
            said = "; ".join(f'"{what}" - "{answer}"' for what, answer, _ in found)
            return Listed(f"situations rated in turn, as asked and answered ({said})", sorted({i for *_, ids in found for i in ids}))
    return None


def ruler_answers(utterances: Sequence[Utterance], quoted: Collection[int] = ()) -> Listed | None:
    """The motivational rulers asked (a question naming importance, confidence or readiness, on a scale
    or as a ruler) and the client's answers with their numbers, as said. ``quoted``: lines another rule
    line quotes (the Assessment's ratings given): when it quotes every answer, the rulers are named as
    asked and the answers are left to it (said once, as the client's response)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, list[int]]] = []
    for n, utt in enumerate(lines):
        if is_client(utt.speaker) or not utt.text.rstrip().endswith("?"):
            continue
        dims = [d for d, p in _RULER.items() if re.search(p, utt.text, re.I)]
        context = " ".join(u.text for u in lines[max(0, n - 4):n + 1])
        if not dims or not (scale_top(context) == "out of 10" or _RULER_CUE.search(utt.text)):
            continue
        answer = _answer(lines, n)
        if answer is None or any(d in dims for d, _, _ in found):
            continue
        nxt = lines[n + 1]
        # The answer that names the dimensions itself ("Importance, eight. Confidence, probably still four.") is quoted whole.
        whole = " ".join(_sentences(nxt.text)[:3])
        said = whole if sum(bool(re.search(p, whole, re.I)) for p in _RULER.values()) >= 2 else answer[0]
        found.append((" and ".join(dims), said, [utt.id, nxt.id]))
    if not found:
        return None
    evidence = sorted({i for *_, ids in found for i in ids})
    if all(ids[-1] in quoted for *_, ids in found):
        return Listed(f"rulers asked ({'; '.join(dims for dims, _, _ in found)})", evidence)
    listed = "; ".join(f'{dims} "{said}"' for dims, said, _ in found)
    return Listed(f"rulers asked, with the client's answers ({listed})", evidence)
