"""Situations the client rated, one after another, on a scale the clinician set in the room ("Nought is
no worry at all, ten is the most worried you could ever be. If you were going to sleep in your own bed
tonight, where would it be?" - "Ten. No, nine." - "And in Mum and Dad's bed?" - "One. Or nothing."),
for the Objective.

Why: such ratings place each situation on the client's own scale (a first step up a ladder, the
difference the avoidance makes). ``rating_course`` follows one thing rated again as the work goes on
and leaves a "would" question out as a prediction; these are neither, and the note had no line for
them, so the small model wrote one ("a low level of worry at nine o'clock, with a score of 1").

By rule: a clinician's line that sets a scale (its two ends said, or "nought to ten") and ends asking
where a situation would be, answered with a number in the client's first words; then each short
"And ...?" asking about another situation, answered the same way. At least ``MIN_SITUATIONS``.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client, mentions_risk
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import SCALE

MIN_SITUATIONS = 2
NUMBER_WITHIN = 4  # the answer's number comes in its first words
_ENDS_SET = re.compile(r"\b(?:nought|zero|0)(?: is| means|'s)\b[^.?!]{0,60}[,.;]\s*(?:and )?(?:ten|10|a hundred|100)(?: is| means|'s)\b", re.I)
_SCALE = re.compile(SCALE, re.I)
_TOOL = re.compile(r"\b((?:worry|fear|anger|feelings?|anxiety|stress) (?:thermometer|ladder|scale|ruler|meter))\b", re.I)
_WHERE = re.compile(r"\b(?:where would (?:it|that|you) be|what would (?:it|that|you) be|how (?:high|big|much|bad) would)\b|\bif you\b", re.I)
_ANOTHER = re.compile(r"^(?:(?:and|what about|how about)\b)[^?]{2,60}\?$", re.I)
_NUMBER = re.compile(r"\b(?:nought|zero|none|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b", re.I)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def _rated(answer: Utterance) -> bool:
    return is_client(answer.speaker) and bool(_NUMBER.search(" ".join(answer.text.split()[:NUMBER_WITHIN])))


def situations_rated(utterances: Sequence[Utterance]) -> tuple[str, list[int]] | None:
    """(the Objective's line, its lines), or None (see above)."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines[:-1]):
        said = _sentences(utt.text)
        if is_client(utt.speaker) or not said or not said[-1].endswith("?") or mentions_risk(utt.text):
            continue
        scale = _ENDS_SET.search(utt.text) or _SCALE.search(utt.text)
        if not (scale and _WHERE.search(said[-1]) and _rated(lines[n + 1])):
            continue
        rated = [(said[-1], lines[n + 1])]
        ids = [utt.id, lines[n + 1].id]
        k = n + 2
        while k + 1 < len(lines) and not is_client(lines[k].speaker) and _ANOTHER.match(_sentences(lines[k].text)[-1]) \
                and _rated(lines[k + 1]):
            rated.append((_sentences(lines[k].text)[-1], lines[k + 1]))
            ids += [lines[k].id, lines[k + 1].id]
            k += 2
        if len(rated) < MIN_SITUATIONS:
            continue
        top = "0-100" if re.search(r"\b(?:a hundred|100)\b", scale.group(0)) else "0-10"
        tool = _TOOL.search(utt.text)
        on = f"a {tool.group(1).lower()} ({top})" if tool else f"the clinician's scale ({top})"
        each = "; ".join(f'"{asked}" - "{" ".join(answer.text.split())}"' for asked, answer in rated)
        return f"Situations rated when asked in session, on {on}: {each}", ids
    return None
