"""Protective factors the client names in the risk talk, for the Assessment (issue 16: the risk
formulation weighs what holds the client back; a note that lists the denial alone leaves it out).

The standard forms of a reason for living as clients put it: the person they would not do it to
("I couldn't do that to my kids", "I wouldn't do that to her"), what keeps them going or here, a
reason to live named. Read only inside risk talk (the clinician's question just before, or the
client's own line, speaks of risk), so "it kept me alive" said of a freeze in a trauma story is no
reason for living. Quoted, with the line cited; a line another rule line already quotes (the risk
follow-up "what held the client back") is left to it.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance

_REASON = re.compile(
    r"\bI(?: would| could|'d)?(?:n'?t| not| never|'d never| won'?t| will never) do (?:that|it|anything(?: like that)?) to \w+(?: \w+)?"
    r"|\b(?:keeps?|kept|is what keeps) me (?:going|here|alive|safe)\b"
    r"|\breasons? (?:to|for) (?:live|living|keep going|stay alive|be here)\b|\bwhy I'?m still here\b", re.I)
# The risk asked about or told (the screening question itself reads as no risk to ``mentions_risk``, which
# takes a question for no statement): suicide, ending one's life, self-harm, not being here.
_RISK_ASKED = re.compile(r"\b(?:suicid\w*|kill(?:ing)? (?:your|my)sel(?:f|ves)|end(?:ing)? (?:your|my) life|end(?:ing)? it(?: all)?"
                         r"|take (?:your|my) (?:own )?life|self-harm\w*|(?:hurt|harm)(?:ing)? (?:your|my)self|cutting"
                         r"|(?:not|no longer) (?:be|being) (?:here|alive|around)|better off (?:dead|without)|overdos\w*)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
RISK_TALK_LINES = 8  # a screen runs over several questions ("How often?", "Any intention of acting on them?")
PROTECTIVE_MAX = 2
CONTEXT_SENTENCES = 3
_PRONOUN_END = re.compile(r"\bto (?:her|him|them)\W*$", re.I)
# A person named: a capitalised word not at the sentence start, or a family word.
_NAMED = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+\b|(?i:\b(?:my|the|our) (?:kids|children|daughter|son|wife|husband|partner|mum|mam|mom|dad|parents|"
                    r"sister|brother|nephew|niece|grand\w+|family|girls|boys|dog|cat)\b)")
# Asked what held the client back: the risk line quotes that answer as its protective factors already.
_HELD_BACK_ASKED = re.compile(r"\bwhat(?:'s| has| is)? (?:stopped|stops|kept|keeps|held|holds) you\b", re.I)


def protective_named(utterances: Sequence[Utterance], risky, said: str = "") -> list[tuple[str, list[int]]]:
    """(the client's sentence, [its line]) for up to two reasons for living said inside risk talk;
    ``risky(text)``: whether a text speaks of risk; ``said``: the rule lines so far, whose quotes are not repeated."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines):
        if not is_client(utt.speaker):
            continue
        in_risk_talk = risky(utt.text) or _RISK_ASKED.search(utt.text) or any(
            risky(x.text) or _RISK_ASKED.search(x.text)
                                              for x in lines[max(0, n - RISK_TALK_LINES):n])
        if not in_risk_talk or (n and _HELD_BACK_ASKED.search(lines[n - 1].text)):
            continue
        sentences = _SENTENCE.split(" ".join(utt.text.split()))
        for k, sentence in enumerate(sentences):
            if _REASON.search(sentence) and not sentence.endswith("?") and sentence not in said:
                found.append((_with_whom(sentences[:k], sentence), [utt.id]))
                break
        if len(found) == PROTECTIVE_MAX:
            break
    return found


def _with_whom(before: list[str], sentence: str) -> str:
    """"I wouldn't do that to her." with the sentences before it that say who she is ("I've got Simran.
    She's fifteen. She stays every other weekend."), up to three of more than one word."""
    if not _PRONOUN_END.search(sentence):
        return sentence
    kept = [x for x in before if len(x.split()) > 1][-CONTEXT_SENTENCES:]
    named = next((n for n in range(len(kept)) if _NAMED.search(kept[n])), None)
    return " ".join([*kept[named:], sentence]) if named is not None else sentence


def protective_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Protective factors, in the client's words: " + "; ".join(f'"{s}"' for s, _ in found)
