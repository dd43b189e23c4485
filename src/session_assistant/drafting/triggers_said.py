"""What sets the problem off, said in the session, found by rule: the client's answer to a question
that asks for it, and the clinician's own formulation of it. Each finding quotes its line and cites it.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import words_up_to

# What sets the problem off, in the client's answer to a question that asks for it ("What might get in
# the way?" - "Fridays with the guys. And stress."; DBT's "what was the prompting event?").
_TRIGGER_ASK = re.compile(r"\b(?:trigger\w*|sets? (?:it|you|them|that|this) off|prompting event|get in the way|gets in the way|"
                          r"brings? (?:it|them) on|what happened (?:right )?before|leading up|what made it (?:high[- ]risk|risky|harder|worse)"
                          r"|where did it start)\b[^.?!]*\?", re.I)
# "How much did panic get in the way of your schoolwork?" (a questionnaire's item) and "the one about how much
# the feelings get in the way" ask how far the problem interferes: a rating answers, not what sets it off.
_HOW_MUCH = re.compile(r"\b(?:how (?:much|often|badly|far)|to what extent)\b[^.?!]*$", re.I)
TRIGGER_MAX_WORDS = 25
TRIGGERS_MAX = 2


def _asks_trigger(text: str) -> bool:
    return any(not _HOW_MUCH.search(text[:m.start()]) for m in _TRIGGER_ASK.finditer(text))


def trigger_answers(utterances: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """(the client's answer, [question, answer]) for each question about what sets the problem off."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker) or not _asks_trigger(utt.text):
            continue
        said = words_up_to(re.split(r"(?<=[.!?])\s+", " ".join(answer.text.split())), TRIGGER_MAX_WORDS)
        if said and not re.match(r"(?i)^(?:i don'?t know|not sure|nothing)\b", said):
            found.append((said, [utt.id, answer.id]))
        if len(found) == TRIGGERS_MAX:
            break
    return found


def triggers_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Triggers named by the client: " + "; ".join(f'"{text}"' for text, _ in found)


# The clinician formulating what set it off: "Two different triggers: long gaps, especially around late
# shifts, and a comment from your sister.", "So Saturday there's a different kind of trigger. Not hunger.
# A comment about your eating." (the sentences after a bare "... trigger." say what it is).
_TRIGGER_NAMED = re.compile(r"\btriggers?\s*(?::|\b(?:is|was|were|are|here (?:is|was|were))\b)|\b(?:kind|sort|type) of trigger\b",
                            re.I)
# Or reflected as the hardest time: "It sounds like mornings are the hardest part." (not "That was the
# hardest part", which names no trigger).
_HARDEST = re.compile(r"\b(?!(?:that|this|it|which|what)\b)\w+(?: \w+){0,3} (?:is|are|seems? to be) (?:the|always the) "
                      r"(?:hardest|worst|toughest) (?:part|bit|time|moment)s?\b", re.I)
TRIGGER_SENTENCE_MAX_WORDS = 30
_BARE_TRIGGER = re.compile(r"\btriggers?[.!]$", re.I)


def triggers_formulated(utterances: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """(the clinician's words, [line]) for up to two statements naming what triggers the problem."""
    found: list[tuple[str, list[int]]] = []
    for utt in utterances:
        if is_client(utt.speaker) or not utt.speaker:
            continue
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split()))
        for n, sentence in enumerate(sentences):
            if (not (_TRIGGER_NAMED.search(sentence) or _HARDEST.search(sentence)) or sentence.endswith("?")
                    or len(sentence.split()) > TRIGGER_SENTENCE_MAX_WORDS):
                continue
            said = [sentence]
            if _BARE_TRIGGER.search(sentence):
                for more in sentences[n + 1:]:
                    if more.endswith("?") or len(" ".join(said + [more]).split()) > TRIGGER_MAX_WORDS:
                        break
                    said.append(more)
            if len(said) > 1 or not _BARE_TRIGGER.search(sentence):
                found.append((re.sub(r"^(?:(?:okay|ok|so|and),?\s+)+", "", " ".join(said), flags=re.I), [utt.id]))
            break
        if len(found) == TRIGGERS_MAX:
            break
    return found


def triggers_formulated_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Triggers, as the clinician formulated them: " + "; ".join(f'"{text}"' for text, _ in found)
