"""The client's answer when the clinician checks in on one part of life ("How's the sleep been?",
"How are things with work, Sophie?", "How has the fatigue been?"), for the Subjective, by rule.

Why: a note's Subjective carries how the client says sleep, work, a relationship or a symptom is going,
with the amounts as said (issue 16). The clinician asks it in a few words naming the thing, and the
client answers with the account ("Better, I think. Falling asleep was better, maybe four nights out
of seven."); the model retold the week and left these out, and ``client_account.answered_amounts``
hears only "how many / how often" questions. The question says what the answer is about, so both
are quoted, as the answered amounts are.

Not a check-in: a question about the week or the person as a whole ("How are you doing?", "How's the
week been?": the model's account starts there), about something just said ("How's that been?"), a
risk question (the risk account's), or one in the last third (it plans). At most ``CHECK_INS_MAX``.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import asks_about_risk, is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import words_up_to

CHECK_INS_MAX = 2
ANSWER_WORDS = 22
ANSWER_MIN_WORDS = 4
QUESTION_WORDS = 20
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NAME = r"(?:,\s+[A-Z][a-z]+)?"  # "How are things with work, Sophie?"
_OPENING = r"^(?:(?:and|so|okay|ok|right|now),?\s+)*"
# The scale the number is asked on: "How's the pain been, out of ten?", "... been like, nought to ten?"
_SCALE_TAIL = r"(?:,?\s+(?:on a scale of |from )?(?:nought|zero|0|one|1) to (?:ten|10)|,?\s+out of (?:ten|10))?"
# "How's the sleep been?", "How are things with Mandy at the moment?", "How have you been sleeping?",
# "And sleep in general?", "Can I ask about food this week?"
_CHECK_IN = re.compile(
    _OPENING + r"(?:how have you been (?P<doing>sleeping|eating|feeling in yourself|managing (?:at )?\w+)"
    r"|how(?:'s| is| are| has| have| was| were)\s+(?:things (?:with|at)\s+)?(?P<thing>(?:the |your |you two)?[\w' ]{2,25}?)"
    r"(?:\s+(?:been|going|doing|at the moment|lately|these days|this week|otherwise|now|since))*"
    r"|and (?:the |your )?(?P<general>[\w']+(?: [\w']+)?) in general"
    r"|(?:can|could|may) I ask (?:you )?about (?:the |your )?(?P<asked>[\w']+(?: [\w']+)??)(?: this week| lately| at the moment| now)?"
    # "What's the pain been like, nought to ten?": how bad it has been since last time, the client's own number
    r"|what(?:'s| has| have)\s+(?:the |your )?(?P<like>[\w' ]{2,25}?) been like)" + _SCALE_TAIL
    + _NAME + r"\?", re.I)
# The week, the person or what was just said: not one part of life.
_WHOLE = re.compile(r"^(?:the |your )?(?:week|weekend|day|today|last \w+ \w+|last \w+|everything(?: else)?|the last \w+ weeks?"
                    r"|life)$|^(?:you(?! two)|things|it|that|this|those|these|they|he|she|we)\b|\bto \w+$", re.I)

# The way here and the weather are the greeting's small talk ("How was the drive over?" - "Fine.
# Roadworks on the ring road, but fine.", 107), no part of the client's life a note reports.
# "How was the drive?" alone may be a driving phobia's exposure: only the way here is small talk.
_SMALL_TALK = re.compile(r"\b(?:drive|journey|trip|commute|bus|train|walk|ride) (?:over|in|here|up)$|\b(?:traffic|parking|weather)\b",
                         re.I)


# Out of its talk a sentence about dying or killing misleads ("This project is killing me."): the
# answer stops before it, as the quotes do.
_DEATH = re.compile(r"\b(?:die|dying|died|dead|death|kill\w*)\b", re.I)


# The opening question about the time since last session: "How's the week been?", "How have the last two
# weeks been?", "How have you been since last time?". Its answer gives the client's word on the week
# ("Up and down. Mostly down, if I'm honest."), the tone a note quotes.
_WEEK_ASKED = re.compile(r"\bhow(?:'s| is| has| have| was)(?: your| the| this| things| you)? ?(?:week|weekend|last (?:two |couple of |few )?"
                         r"weeks?|things|it been|you been|been)\b[^?]*\?", re.I)
WEEK_OPENING_SHARE = 6  # asked in the first sixth of the session (or its first six lines)
# Named outright ("So, how has the week been?"), it may come after an opening questionnaire read item by
# item and its risk item: the first third.
WEEK_NAMED_SHARE = 3
_WEEK_NAMED = re.compile(r"\b(?:week|weekend|fortnight)\b", re.I)
WEEK_MIN_WORDS = 6  # "Fine." or "Okay. Mixed." says little
WEEK_WORDS = 30


def week_told(utterances: Sequence[Utterance], risky=lambda text: False) -> tuple[str, str, list[int]] | None:
    """(the question, the client's answer, [question, answer]) for the opening question about the week."""
    lines = [u for u in utterances if u.speaker]
    opening = max(6, len(lines) // WEEK_OPENING_SHARE)
    for n in range(min(len(lines) - 1, max(opening, len(lines) // WEEK_NAMED_SHARE))):
        utt, answer = lines[n], lines[n + 1]
        if is_client(utt.speaker) or answer.speaker.strip().lower() != "client":
            continue
        asked = _WEEK_ASKED.search(utt.text)
        if asked is None or (n >= opening and not _WEEK_NAMED.search(asked.group(0))):
            continue
        said = words_up_to([s for s in _SENTENCE.split(" ".join(answer.text.split())) if s], WEEK_WORDS,
                           stop=lambda s: s.endswith("?") or risky(s) or bool(_DEATH.search(s)))
        question = asked.group(0)[0].upper() + asked.group(0)[1:]
        return (question, said, [utt.id, answer.id]) if len(said.split()) >= WEEK_MIN_WORDS else None
    return None


def check_ins(utterances: Sequence[Utterance], taken: Sequence[int] = (),
              risky=lambda text: False) -> list[tuple[str, str, list[int]]]:
    """(the question, the client's answer, [question, answer]) for up to ``CHECK_INS_MAX`` check-ins in
    the session's first two thirds; ``taken``: lines another rule quotes already; ``risky``: the risk
    screen (the answer stops before a sentence it flags)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, list[int]]] = []
    for n in range(min(len(lines) - 1, len(lines) * 2 // 3)):
        utt, answer = lines[n], lines[n + 1]
        if (is_client(utt.speaker) or answer.speaker.strip().lower() != "client" or asks_about_risk(utt)
                or utt.id in taken or answer.id in taken):
            continue
        sentences = [s for s in _SENTENCE.split(" ".join(utt.text.split())) if s]
        at = max((k for k, s in enumerate(sentences) if s.endswith("?")), default=None)
        question = sentences[at] if at is not None else ""
        match = _CHECK_IN.search(question)
        # What the question stands on, said right after it ("Last time you said you skip breakfast."), goes with it.
        told_after = " ".join(sentences[at + 1:]) if at is not None else ""
        if told_after and len((question + " " + told_after).split()) <= QUESTION_WORDS:
            question += " " + told_after
        thing = match and (match.group("thing") or match.group("doing") or match.group("general") or match.group("asked")
                           or match.group("like") or "").strip()
        if not match or not thing or _WHOLE.match(thing) or _SMALL_TALK.search(thing):
            continue
        said = words_up_to([s for s in _SENTENCE.split(" ".join(answer.text.split())) if s], ANSWER_WORDS,
                           stop=lambda s: s.endswith("?") or risky(s) or bool(_DEATH.search(s)))
        if len(said.split()) >= ANSWER_MIN_WORDS:
            found.append((question, said, [utt.id, answer.id]))
        if len(found) == CHECK_INS_MAX:
            break
    return found
