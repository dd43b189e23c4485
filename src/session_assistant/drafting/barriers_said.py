"""What got in the way of the agreed work, in the client's words, for the Assessment.

Why: when a task from last time was not done (or done in part), clinicians of every approach ask what got
in the way, and the answer names what keeps the problem going: avoidance ("I didn't want him to hear me like
this"), fear ("really I was scared"), a mood, a practical obstacle. That is the Assessment's analysis of
the maintaining factors and of the barriers to change; the client's account of the week (the Subjective)
says only that the task was not done, and no other rule quoted the answer.

What counts: the client's answer to the clinician's question "What got in the way?", "What made it hard to
...?", when that is the last question of the clinician's line; quoted up to a question
the client turns to. Never "What stopped you?": in these sessions it is asked in risk talk (after the
tablets came out, after sitting with the gun) that names no risk word the lines can see, and its answer
names the protective factors, which the risk lines carry. Never inside talk with risk words, never an answer
about risk, never "I don't know".
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.joint_session import is_joint, label, names_by_role, role_of
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import without_stage
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

# Asked of the past ("got in the way"): the present "What gets in the way?" is read as a trigger question
# by ``triggers_said``, which quotes its answer already.
_ASKS_BARRIER = re.compile(r"\bwhat (?:got|has got|was getting|had got) in the way\b|\bwhat (?:made|makes) it (?:so )?(?:hard|harder|difficult"
                           r"|tricky)\b", re.I)
_NO_ANSWER = re.compile(r"^(?:(?:um|uh|er|well)[,.]?\s+)*(?:I don'?t know|not sure|no idea|dunno|nothing)\b", re.I)
RISK_LOOKBACK = 6  # lines of talk before the question in which risk words make it the risk lines' question
BARRIER_MAX_WORDS = 55  # the answer often names the practical obstacle first and the feeling last
BARRIERS_MAX = 2


def barriers_said(utterances: Sequence[Utterance], mentions_risk: Callable[[str], bool]) -> list[tuple[str, list[int]]]:
    """(the answer, [question, answer]) for up to two questions asking what got in the way; in a joint
    session the answer opens with who gave it ("mother: ...")."""
    lines = [u for u in utterances if u.speaker]
    names = names_by_role(utterances) if is_joint(utterances) else None
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker):
            continue
        asked = [s for s in SENTENCE_BREAK.split(" ".join(without_stage(utt.text).split())) if s.endswith("?")]
        if not asked or not _ASKS_BARRIER.search(asked[-1]):
            continue
        if any(mentions_risk(u.text) for u in lines[max(0, n - RISK_LOOKBACK):n + 1]):
            continue  # what got in the way of keeping the blade away: the risk lines' question
        said = words_up_to(SENTENCE_BREAK.split(" ".join(without_stage(answer.text).split())), BARRIER_MAX_WORDS,
                           lambda s: s.endswith("?"))
        if said and not _NO_ANSWER.match(said) and not mentions_risk(said):
            found.append((f'{label(role_of(answer), names)}: "{said}"' if names is not None else f'"{said}"', [utt.id, answer.id]))
        if len(found) == BARRIERS_MAX:
            break
    return found


def barriers_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Barriers to the work, as named in session when asked what got in the way: " + "; ".join(text for text, _ in found)
