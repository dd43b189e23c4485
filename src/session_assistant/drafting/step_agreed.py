"""The step of a graded plan the clinician sets out ("For the first step, one of you sits on a chair by
his bed until he's asleep."), as the people in the room took it up, for the Plan.

Why: in a family session the clinician put the first step as a statement, not a question to one
person, and then asked the boy what would make it easier; he asked for his nana's blanket and his
mother said "Of course you can", and the father, asked "And if he wakes in the night?", said what
they would both do. No homework rule heard it (no "could you", no "homework"), and the note's Plan
lacked the step the session was built to agree. A step agreed by one person for another is still the
plan: each answer is quoted with whose it is.

By rule: a clinician's line in the second half naming the step ("the first step", "step one", "this
week's step", "the next step is"), its statements up to the first question (``STEP_MAX_WORDS``); the
client side's lines that follow before the clinician speaks again, none refusing; and, when the
clinician's next line asks what happens "if ..." and the client side answers with what they will do,
that answer too. Not when another Plan line already quotes the clinician's line.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import DECLINES_TOO, REFUSES
from session_assistant.drafting.joint_session import is_joint, label, names_by_role, role_of
from session_assistant.drafting.risk import is_client, mentions_risk
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

STEP_MAX_WORDS = 45
ANSWER_MAX_WORDS = 16
STEP_OPENING = "Step agreed in session: "
_STEP_NAMED = re.compile(r"\b(?:for|as) (?:the|a|your) (?:first|next) step\b|\bthe (?:first|next) step (?:is|will be|would be|could be)\b"
                         r"|\bstep one\b|\b(?:this|next) week'?s step\b", re.I)
# "And if he wakes in the night and comes through?": what happens when the step is tested
_IF_ASKED = re.compile(r"^(?:(?:and|so|but),?\s+)?(?:what )?if\b[^?]*\?$", re.I)
# "We walk him back.", "I'll sit with her.": the answer says what they will do
_WILL_DO = re.compile(r"^(?:(?:um|well|then|okay|yeah),?\s+)*(?:we|I)(?:'ll| will| would|'d)?\s+(?!don'?t\b|can'?t\b|won'?t\b)[a-z]+",
                      re.I)


def _said(text: str) -> str:
    return words_up_to(SENTENCE_BREAK.split(" ".join(text.split())), ANSWER_MAX_WORDS) or " ".join(text.split()[:ANSWER_MAX_WORDS])


def step_agreed(utterances: Sequence[Utterance], taken: Sequence[int] = ()) -> tuple[str, list[int]] | None:
    """("Step agreed in session: "..." (client: "..."; mother: "...")", lines), or None (see above)."""
    lines = [u for u in utterances if u.speaker]
    joint = is_joint(lines)
    names = names_by_role(lines) if joint else {}

    def who(utt: Utterance) -> str:
        return label(role_of(utt), names) if joint else "client"

    for n in range(len(lines) // 2, len(lines) - 1):
        utt = lines[n]
        if is_client(utt.speaker) or utt.id in set(taken) or mentions_risk(utt.text):
            continue
        sentences = [s for s in SENTENCE_BREAK.split(" ".join(utt.text.split())) if s]
        start = next((k for k, s in enumerate(sentences) if _STEP_NAMED.search(s) and not s.endswith("?")), None)
        if start is None:
            continue
        end = next((k for k in range(start, len(sentences)) if sentences[k].endswith("?")), len(sentences))
        step = " ".join(sentences[start:end])
        answers = []
        for reply in lines[n + 1:]:
            if not is_client(reply.speaker):
                break
            answers.append(reply)
        if (not answers or len(step.split()) > STEP_MAX_WORDS
                or any(REFUSES.search(a.text) or DECLINES_TOO.search(a.text) or mentions_risk(a.text) for a in answers)):
            return None
        said = [f'{who(a)}: "{_said(a.text)}"' for a in answers]
        ids = [utt.id] + [a.id for a in answers]
        asked_at = n + 1 + len(answers)
        if asked_at + 1 < len(lines) and not is_client(lines[asked_at].speaker) and _IF_ASKED.match(" ".join(lines[asked_at].text.split())):
            answer = lines[asked_at + 1]
            if is_client(answer.speaker) and _WILL_DO.match(answer.text) and not mentions_risk(answer.text):
                asked = " ".join(lines[asked_at].text.split())
                said.append(f'asked "{asked}", {who(answer)}: "{_said(answer.text)}"')
                ids += [lines[asked_at].id, answer.id]
        return f'{STEP_OPENING}"{step}" ({"; ".join(said)})', ids
    return None
