"""Last time's tasks reviewed, each in the client's words, for the Subjective, by rule.

Why: a therapy note says whether last time's homework was done, partly done or not, and what
happened (issue 16, Subjective). ``client_account.homework_review`` quotes the client's answer to the
first question that reviews a task; on the sessions written by other clinicians the review was asked
in ways it did not hear ("How did those go?", "Tell me how it went. You were going to ...", "And the
panic diary?", "Did you get a chance?") and a session reviewing two tasks ("the Shed" and "ring Alan")
kept one answer or none, so the Subjective lost whether each was done.

What counts as a review, from the structure of the talk, not its topic:

- a clinician's question that asks whether or how a task went ("did you manage / get a chance / try
  ...", "how did those go", "how did you get on", "were you able to") with what places it in last
  time's plan in the same line or the clinician's line before it ("last time", "you were going to",
  "we agreed", or a task named: the diary, the log, the letter, the practice);
- a short "And the diary?" / "And Alan?" right after a review: the next task of the same review;
- with the chart's last plan, the client's own "I did / went / didn't ..." early in the session about
  a thing that plan names ("Actually, I did the group.").

A questionnaire filled in for the session, or a risk question, is no task. Each answer is quoted up
to ``ANSWER_WORDS`` words and never past a question of the client's own; at most ``REVIEWS_MAX``.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.client_account import homework_review
from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.risk import asks_about_risk, is_client
from session_assistant.drafting.session_done import REVIEW_OPENING
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import words_up_to

REVIEWS_MAX = 3
REVIEWS_WORDS = 50  # all the answers quoted together: a review, not the session retold
ANSWER_WORDS = 25
ANSWER_MIN_WORDS = 4  # "Yeah. Here." hands the diary over; it says nothing of how it went
FOLLOW_UP_LINES = 6  # "And Alan?" within this many lines after the answer before it (a "What happened?" or two between)
FOLLOW_UP_MAX_WORDS = 6
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

# Asking whether or how a task went.
_ASKS_HOW_IT_WENT = re.compile(
    r"(?<!what )(?<!where )(?<!when )(?<!why )(?<!who )(?<!how )\bdid you (?:manage|get (?:a chance|round|around|to)|do|try|keep|fill|finish|bring|practi[cs]e|take|go|make it"
    r"|ring|call|phone|text|write|read|listen|use|stick)\b"
    r"|\bdid (?:that|it|this|those|they|either(?: of (?:them|those))?|any of (?:them|those)) (?:happen|work|get done)\b"
    r"|\bhow did (?:it|that|those|they|(?:the|your) \w+(?: \w+)?) go\b|\bhow(?:'d| did) you get on\b"
    r"|\bhow (?:it|that|they|those) went\b|\bwere you able to\b|\bany luck with\b", re.I)
_TASK_NAMES = (r"homework|task|tasks|practice|exercises?|experiment|diary|log|record|sheet|worksheet|card|chart|planner"
               r"|tally|recording|leaflet|letter|list|photos|notes|things from last time")
# What places the question in last time's plan.
_LAST_PLAN = re.compile(r"\blast (?:time|week|session)\b|\bfrom last\b|\bsince (?:we|I) (?:last )?(?:met|spoke|saw you)\b"
                        r"|\byou (?:were going to|said you'd|said you would|agreed|were trying)\b"
                        r"|\bwe (?:agreed|said you'd|left it)\b|\b(?:the|your) (?:\w+ )?(?:" + _TASK_NAMES + r")\b", re.I)
# Last time's task said back with no question ("And the rehearsal. You were going to go through the
# dream every evening."): a review when the client's answer opens by saying how much was done ("Did it
# six nights. Missed Saturday.").
_REMINDED = re.compile(r"^(?:(?:and|so|okay|now),? )?(?:last (?:time|week),? )?you were going to \w+[^?]*\.$", re.I)
_DONE_OPENING = re.compile(r"^(?:(?:yeah|yes|yep|no|um|well),? )*(?:I )?(?:did(?:n'?t)?(?: it| them| that)?|missed|managed|most|every"
                           r"|partly|some of|half|not (?:really|all|every))\b", re.I)
# "Did you bring it?": the record handed over; the answer says whether it was done only when it says so
# ("Karen'd kill me if I came home without it. Here." tells nothing of the week).
_BRING_ONLY = re.compile(r"\bdid you (?:bring|remember) (?:it|them|that|this|(?:the|your) [\w ]{1,25})(?: with you| along| in)?\?$", re.I)
_FILLED = re.compile(r"\b(?:filled|completed|wrote|written|most days|every day|all week|\w+ (?:days|nights) out of)\b", re.I)
# Last time's tasks said back as a list, no question ("So we planned three things. The paper shop ..."),
# answered with what was done ("Paper shop I did. Five days out of seven.").
_PLAN_RECALLED = re.compile(r"\bwe (?:planned|agreed(?: on)?|set|chose|picked|settled on) (?:\w+ )?(?:things?|tasks?|steps?|activities)\b",
                            re.I)
# A form filled in for this session is the measure's, not a task reviewed.
_MEASURE_FORM = re.compile(r"\b(?:questionnaire|checklist|the form|waiting room|PHQ|GAD|CORE|PCL|scale)\b", re.I)
_BARE_NEXT = re.compile(r"(?:^|[.!?]\s+)(?:and|what about|how about) (?:the |your )?[\w' -]{2,30}\?$", re.I)
# "And did you faint?", "And the ones that hadn't?": a question about the answer, not the next task.
_NOT_A_TASK = re.compile(r"\b(?:you|did|do|does|was|were|is|are|had|hadn't|has|have|what|how|why|when|that|which|who"
                         r"|it|this|then)\b", re.I)
_BARE_TASK = re.compile(r"(?:^|[.!?]\s+)(?:and|what about|how about) (?:the |your )(?:[\w'-]+ ){0,3}(?:" + _TASK_NAMES
                        + r")\?$", re.I)
# The client's own report of a task early in the session: "I did the calm place most nights."
_CLIENT_DID = re.compile(r"(?<!what )(?<!that )\bI (?:did|went|managed|tried|kept|wrote|read|rang|called|phoned|practi[sc]ed|used|listened"
                         r"|(?:didn'?t|did not|never|forgot to|couldn'?t) (?:do|go|manage|get|try|ring|call|phone|write|read"
                         r"|practi[sc]e|use|listen|finish|start|make|keep|fill))\b", re.I)
# A follow-up's answer says whether it was done ("I didn't ring him."); "Five. Same as before." rates something.
_TOLD_DONE = re.compile(r"\bI (?:did|didn'?t|did not|went|managed|tried|never|forgot|couldn'?t|rang|called|phoned|wrote|read"
                        r"|kept|practi[sc]ed|listened|started|finished)\b|\bnot yet\b|\bdone\b", re.I)
# "What happened?", "What did you notice?", "And what happened at six thirty?": what came of the task.
_WHAT_CAME_OF_IT = re.compile(r"\bwhat (?:happened|did you (?:notice|find|learn|see)|came (?:up|of it)|was (?:it|that) like)\b", re.I)
OUTCOME_ASK_WORDS = 8
_PLAN_GENERIC = content_words("session sessions client clinician week weeks next last time times daily every day night "
                              "try agreed plan homework tasks task before after start started note notes keep")


def _answer(text: str) -> str:
    sentences = [s for s in _SENTENCE.split(" ".join(text.split())) if s]
    return words_up_to(sentences, ANSWER_WORDS, stop=lambda s: s.endswith("?"))


def _reviews_asked(lines: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    found: list[tuple[str, list[int]]] = []
    last_answer = -FOLLOW_UP_LINES - 1
    for n in range(min(len(lines) - 1, len(lines) * 3 // 5)):
        utt, answer = lines[n], lines[n + 1]
        if is_client(utt.speaker) or answer.speaker.strip().lower() != "client" or asks_about_risk(utt):
            continue
        asked = [s for s in _SENTENCE.split(" ".join(utt.text.split())) if s]
        last = asked[-1] if asked else ""
        before = lines[n - 1].text if n > 0 and not is_client(lines[n - 1].speaker) else ""
        review = (_ASKS_HOW_IT_WENT.search(utt.text) or re.search(r"\btell me how (?:it|that|they) went\b", utt.text, re.I))
        review = review and _LAST_PLAN.search(utt.text + " " + before) and not _MEASURE_FORM.search(utt.text)
        review = review or (_REMINDED.search(last) and _DONE_OPENING.match(answer.text.strip()))
        review = review or (_PLAN_RECALLED.search(utt.text) and _TOLD_DONE.search(_answer(answer.text)))
        follow_up = (n - last_answer <= FOLLOW_UP_LINES and _BARE_NEXT.search(last) and len(last.split()) <= FOLLOW_UP_MAX_WORDS
                     and not _NOT_A_TASK.search(last.split(" ", 1)[-1]))
        if not (review or follow_up or _BARE_TASK.search(last)):
            continue
        said = _answer(answer.text)
        if _BRING_ONLY.search(last) and not (_TOLD_DONE.search(said) or _DONE_OPENING.match(said) or _FILLED.search(said)):
            continue  # the sheet handed over: what was done is told next
        if len(said.split()) >= ANSWER_MIN_WORDS and (review or _TOLD_DONE.search(said)):
            found.append((said, [utt.id, answer.id]))
            last_answer = n + 1
            outcome = _outcome(lines, n + 2) or _outcome(lines, n + 4)
            if outcome:
                found.append(outcome)
    return found


def _outcome(lines: Sequence[Utterance], n: int) -> tuple[str, list[int]] | None:
    """What came of the task, as the client answers the clinician's "What happened?" right after the review."""
    if n + 1 >= len(lines) or is_client(lines[n].speaker) or lines[n + 1].speaker.strip().lower() != "client":
        return None
    asked = [s for s in _SENTENCE.split(" ".join(lines[n].text.split())) if s]
    said = _answer(lines[n + 1].text)
    if asked and len(asked[-1].split()) <= OUTCOME_ASK_WORDS and _WHAT_CAME_OF_IT.search(asked[-1]) and len(said.split()) >= ANSWER_MIN_WORDS:
        return said, [lines[n].id, lines[n + 1].id]
    return None


def _reviews_told(lines: Sequence[Utterance], last_plan: str, reviewed: str) -> list[tuple[str, list[int]]]:
    """The client's own "I did ..." in the first third about a thing the chart's last plan names and
    no answer quoted already (``reviewed``) names."""
    planned = {w for w in content_words(last_plan) if len(w) > 3} - _PLAN_GENERIC - content_words(reviewed)
    found: list[tuple[str, list[int]]] = []
    for utt in lines[:len(lines) // 3]:
        if utt.speaker.strip().lower() != "client":
            continue
        sentences = [s for s in _SENTENCE.split(" ".join(utt.text.split())) if s]
        for k, sentence in enumerate(sentences):
            if _CLIENT_DID.search(sentence) and content_words(sentence) & planned and not sentence.endswith("?"):
                said = words_up_to(sentences[k:], ANSWER_WORDS, stop=lambda s: s.endswith("?"))
                if len(said.split()) >= ANSWER_MIN_WORDS:
                    found.append((said, [utt.id]))
                break
    return found


def homework_reviews(utterances: Sequence[Utterance], last_plan: str = "") -> list[tuple[str, list[int]]]:
    """(the client's words, [question, answer] or [answer]) for each of last time's tasks reviewed, in
    session order: the first review ``homework_review`` finds, then the others (see the module doc).
    ``last_plan``: the chart's plan of the last note, when there is one."""
    lines = [u for u in utterances if u.speaker]
    first = homework_review(utterances)
    # The client's own question after the answer ("Can I read some?") is no part of the review.
    first = (_answer(first[0]), first[1]) if first else None
    found = [first] if first and first[0] else []
    asked = [r for r in _reviews_asked(lines) if not any(set(r[1]) & set(f[1]) for f in found)]
    reviewed = " ".join(said for said, _ in found + asked)
    told = _reviews_told(lines, last_plan, reviewed) if last_plan else []
    # Whether each task was done first, then what came of them, then what the client told unasked, as the
    # words allow.
    outcomes = [r for r in asked if _WHAT_CAME_OF_IT.search(_asked_last(lines, r[1][0]))]
    for said, ids in [r for r in asked if r not in outcomes] + outcomes + told:
        if len(found) == REVIEWS_MAX or len(" ".join([s for s, _ in found] + [said]).split()) > REVIEWS_WORDS:
            continue
        if not any(set(ids) & set(f[1]) for f in found):
            found.append((said, ids))
    return sorted(found, key=lambda f: f[1][-1])


def _asked_last(lines: Sequence[Utterance], line_id: int) -> str:
    said = next((u.text for u in lines if u.id == line_id and not is_client(u.speaker)), "")
    return _SENTENCE.split(" ".join(said.split()))[-1] if said else ""


def reviews_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return REVIEW_OPENING + "; ".join(f'"{said}"' for said, _ in found)
