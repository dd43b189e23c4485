"""Homework proposed and agreed in the words other clinicians and clients use, added to the items
``homework_agreed`` finds.

Why: the homework rules fire on the phrases of the sessions their writers read ("Could you ...",
"What about ...", an imperative). A paraphrase test (tests/drafting/test_plan_paraphrases.py) found
that most other ways of proposing the same thing were missed: "I'd like you to jot down ...", "How
would you feel about texting Sam ...?", "Why don't you give the breathing a go on the train?", "It
might be worth trying ...", "See if you can ...", "I want you to try ...", "Would it be possible to
...", "Maybe have a go at ..."; and answers that agree without a "yes": "I suppose.", "Happy to.",
"Can do.", "Worth a shot." (``answers.AGREES_TOO``). Here the proposal is read by its meaning: a clinician's sentence with
one of these openings that also says when, outside the session, it is done (each evening, this
week, on the train, at home), answered by the client's next line agreeing. Done in the room
("now", "here with me"), about the past ("used to", "last week"), the next visit, a referral or
risk, it is no homework. (The shared vocabularies of ``homework_agreed`` are another helper's to
widen; this module only adds to its result.)
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import AGREES, AGREES_TOO, REFUSES
from session_assistant.drafting.risk import is_client, mentions_risk
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import ASKED_IN_ROOM, NEXT_VISIT, WHEN_OUTSIDE
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

# The openings of a proposal for the time after the session, in other words than homework_agreed's.
_OPENS = re.compile(
    r"\b(?:(?:(?:I'?d|I would) like|I want|I'?d (?:love|encourage)) you to (?!know|understand|feel|hear|think|remember that)"
    r"|(?:how|what) would you (?:feel|think) about (?!it\b|that\b|this\b)\w+ing"
    r"|why don'?t you (?!think|feel|know|want|like|believe|trust|say\b|tell)"
    r"|(?:it )?(?:might|may|could|would) be (?:worth|good|helpful|useful) (?:to )?(?!thinking|talking|exploring|looking)\w+"
    r"|see if you (?:can|could)|would it be (?:possible|okay|ok|doable) (?:for you )?to"
    r"|(?:maybe|perhaps|try to|just) have a go|give (?:it|that|this|the [\w-]+(?: [\w-]+)?) a (?:go|try|whirl|shot)"
    r"|(?:your|the) (?:experiment|task|challenge|assignment|job) (?:for|this|between))\b", re.I)
# It says when, outside the session, it is done.
_OUTSIDE = re.compile(r"\b(?:" + WHEN_OUTSIDE + r")\b", re.I)
# For the room or the past (the shared ``ASKED_IN_ROOM``), and here any "now", "here" or "today": a
# paraphrased proposal is read by its words alone, with no recap or answer to vouch for it.
_IN_ROOM = re.compile(ASKED_IN_ROOM.pattern + r"|\b(?:now|here|today)\b", re.I)
_ELSEWHERE = re.compile(r"\b(?:" + NEXT_VISIT + r"|doctor|GP|psychiatrist|referral|refer"
                        r"|group|program|crisis|safety plan)\b", re.I)
PROPOSAL_MAX_WORDS = 30
ANSWER_MAX_WORDS = 16
MIN_LINES = 20  # as homework_agreed: in a short check-in every "okay" answers everything
ITEMS_MAX = 6

# (the words, who said them, the answer or None, who answered, lines), as homework_agreed's items
AgreedItem = tuple[str, str, "str | None", str, list[int]]


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(" ".join(text.split())) if s]


def _proposal(text: str) -> str:
    sentences = _sentences(text)
    for n, sentence in enumerate(sentences):
        if (_OPENS.search(sentence) and _OUTSIDE.search(sentence) and not _IN_ROOM.search(sentence)
                and not _ELSEWHERE.search(sentence) and not mentions_risk(sentence)):
            return words_up_to(sentences[n:], PROPOSAL_MAX_WORDS, stop=lambda s: bool(_ELSEWHERE.search(s)))
    return ""


def _agreement(answer: Utterance) -> str | None:
    said = words_up_to(_sentences(answer.text), ANSWER_MAX_WORDS) or " ".join(answer.text.split()[:ANSWER_MAX_WORDS])
    if REFUSES.search(said) or not (AGREES.search(said) or AGREES_TOO.search(said)):
        return None
    return said


def paraphrased_homework(utterances: Sequence[Utterance], found: Sequence[AgreedItem] = ()) -> list[AgreedItem]:
    """``found`` with the items proposed in other words and agreed in the second half that it lacks
    (at most ITEMS_MAX, the last), in session order."""
    lines = [u for u in utterances if u.speaker]
    if len(lines) < MIN_LINES:
        return list(found)
    quoted = {i for *_, ids in found for i in ids}
    more: list[AgreedItem] = []
    for n in range(len(lines) // 2, len(lines) - 1):
        utt, answer = lines[n], lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker) or utt.id in quoted or mentions_risk(utt.text):
            continue
        proposal = _proposal(utt.text)
        agreed = _agreement(answer) if proposal else None
        if agreed is not None and len(proposal.split()) >= 4:
            more.append((proposal, "clinician", agreed, answer.speaker.strip().lower(), [utt.id, answer.id]))
            quoted.update({utt.id, answer.id})
    # ``found`` is kept whole (a week settled over several lines may hold more than ITEMS_MAX items)
    return sorted([*found, *more[-ITEMS_MAX:]], key=lambda item: min(item[4]))
