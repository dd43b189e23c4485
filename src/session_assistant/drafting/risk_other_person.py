"""Whose risk a question asks about: "Has she said anything about wanting to end her life?" asks about
someone the client knows, not the client.

Why: a therapist reading a session where a student told of his flatmate's cutting found that question and
the client's "No. She says it's not that ..." listed as the client's own suicide screen with the answer
unclear, and the note read "suicidal ideation asked about, client answered (...)" beside the client's own
denial. Another person's risk is the clinician's concern (and may need a safeguarding step), so it is
listed as its own kind, with who it is, and never counts in the client's risk status nor as a screen the
follow-up readers take up.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.risk_question import question_words
from session_assistant.drafting.transcript_input import Utterance

OTHER_PERSON = "concern_for_other"
OTHER_PERSON_WORDS = "concern for another person"
ABOUT_ANOTHER = "about another person"  # a status with neither "denied" nor "endorsed": the client's own risk is not told
WHO_WINDOW = 25  # the person is named this close before the question ("It's my flatmate." ... "Has she said ...?")

# The risk words themselves name one other person: "end her life", "kill himself". Never "themselves": "people ...
# think about hurting themselves. Has anything like that ...?" is the client's screen in general words (49, 67).
_THIRD_PERSON_RISK = re.compile(r"\b(?:her|his|him)(?:self)?\b", re.I)
# "if Alfie was hurting himself, would you want to know?": a supposition put to the client, no concern raised (60)
_SUPPOSED = re.compile(r"\b(?:if|imagine|suppose|say)\b[^?.!,]{0,40}$", re.I)
_CLIENT_PROPER = {"client", "patient"}  # a parent asked about "ending his life" in a family session speaks of the client
_RELATION = re.compile(r"\bmy ((?:best |closest |old )?(?:flatmate|housemate|roommate|room-mate|friend|mate|sister|brother|mum|mom|"
                       r"mother|dad|father|son|daughter|partner|wife|husband|girlfriend|boyfriend|colleague|cousin|niece|"
                       r"nephew|grandson|granddaughter|neighbour|neighbor|stepdaughter|stepson|flat-mate))\b", re.I)
# "Mick. He was on the same line as me ...": a person introduced by name, closer to the question than a
# relation named earlier ("my son on the phone", unseen 118 read "concern for another person (son)").
_INTRODUCED = re.compile(r"(?:^|(?<=[.!?] ))(?!(?:Yeah|Yes|No|Okay|Ok|Right|Well|Anyway|Exactly|Honestly|Sorry|Maybe|So)\.)"
                         r"([A-Z][a-z]+)\. (?:He|She)\b")
_NAMED = re.compile(r"\b(?:has|have|does|did|is|was|would|will|could) ([A-Z][a-z]+)\b")


def risk_of_another(question: str, categories: Callable[[str], list[tuple[str, str]]]) -> str:
    """The risk words of a clinician's question that name another person's suicide or self-harm ("end her
    life"); "" when the question asks about the client (or about no risk)."""
    for category, phrase in categories(question):
        at = question.find(phrase)
        if category in ("suicidal_ideation", "self_harm") and _THIRD_PERSON_RISK.search(phrase) and not _SUPPOSED.search(question[:at]):
            return phrase
    return ""


def concern_for_another(lines: Sequence[Utterance], position: int, answer_after: Callable, categories: Callable,
                        by_clinician: bool) -> dict | None:
    """The ``RiskItem`` fields of a clinician's question at ``position`` about another person's risk and the
    client's answer; None for any other line."""
    asked = risk_of_another(question_words(lines[position].text), categories) if by_clinician else ""
    answer = answer_after(lines, position) if asked else None
    if answer is None or answer.speaker.strip().lower() not in _CLIENT_PROPER:
        return None
    return {"category": OTHER_PERSON, "segment_id": answer.id, "speaker": answer.speaker, "phrase": asked, "text": answer.text,
            "status": ABOUT_ANOTHER, "detail": who(lines, position), "evidence": [lines[position].id, answer.id],
            "categories": [OTHER_PERSON]}


def who(lines: Sequence[Utterance], position: int) -> str:
    """Who the person is, as the session names them: the relation the client named last before the question
    ("my flatmate"), else the name the question uses, else ""."""
    for line in reversed(lines[max(0, position - WHO_WINDOW):position]):
        named = list(_RELATION.finditer(line.text)) + list(_INTRODUCED.finditer(line.text))
        if named:
            last = max(named, key=lambda m: m.start())
            return last.group(1) if last.re is _INTRODUCED else last.group(1).lower()
    asked = _NAMED.search(lines[position].text)
    return asked.group(1) if asked else ""


def other_person_fact(whose: str, phrase: str, answer: str) -> str:
    """The note's words: "concern for another person (flatmate): asked about ending her life, client answered
    ("No. She says it's not that ...")"; the asked words are the question's own, so the pronoun stays theirs."""
    asked = _AS_ASKED.sub(lambda m: _ING.get(m.group(1).lower(), m.group(1)), phrase.lower(), count=1)
    return f"{OTHER_PERSON_WORDS}{f' ({whose})' if whose else ''}: asked about {asked}, client answered ({answer})"


_ING = {"end": "ending", "kill": "killing", "hurt": "hurting", "harm": "harming", "cut": "cutting", "burn": "burning"}
_AS_ASKED = re.compile(r"^(end|kill|hurt|harm|cut|burn)\b")  # "end her life" asked is "ending her life"
