"""Which sentences of a clinician's line ask, for the risk rules: a question, and the sentence before a
question that points back at it ("Sometimes people get thoughts that life isn't worth living. Have you had
anything like that?")."""

from __future__ import annotations

import re

from session_assistant.drafting.risk_choice import weighs_a_thought

ASKS_ABOUT_THE_LAST = re.compile(r"\b(?:anything|something|any of|thoughts?|feelings?|ideas?) (?:\w+ )?like (?:that|this|those)\b|"
                                  r"\b(?:have|had|get|getting) (?:them|those|any of those|any of them)\b|"
                                  # "... you ticked 'several days'. Can you tell me about that?"
                                  r"\b(?:tell me|talk me through|say) (?:a (?:bit|little) )?(?:more )?about (?:that|this|it|those)\b|"
                                  # "... thoughts that people might be better off without you. Has that been around this week?"
                                  r"\b(?:has|have|is|are) (?:that|those|it|they|these|this)(?: \w+)? (?:been (?:around|there|happening|back)"
                                  r"|come (?:up|back)|still (?:there|around|happening))\b|\bwould you say (?:none|never|not at all)\b", re.I)
QUESTION_START = re.compile(r"^\s*(?:and |so |also |now |okay,? |ok,? )*(?:do|does|did|have|has|had|are|is|were|was|any|anything|"
                             r"ever|how|what|would|could|can|will|whether)\b", re.I)  # "... Whether you've thought of ending your life."


def asked_about_before(text: str) -> str:
    """The sentences a question asks about by pointing back: "... thoughts of not wanting to go on. Has that
    been there for you?" gives the first sentence."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(sentences[n - 1] for n, s in enumerate(sentences)
                    if n and s.rstrip().endswith("?") and ASKS_ABOUT_THE_LAST.search(s))


def question_words(text: str) -> str:
    """The sentences of a line that ask, with the sentence before one that asks about it."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    questions: list[str] = []
    for n, sentence in enumerate(sentences):
        if (sentence.rstrip().endswith("?") or QUESTION_START.search(sentence)) and not weighs_a_thought(sentence):
            # "Sometimes people get thoughts that life isn't worth living. Have you had anything like
            # that?": the question asks about the sentence before it.
            questions += [sentences[n - 1], sentence] if n and ASKS_ABOUT_THE_LAST.search(sentence) else [sentence]
    return " ".join(questions)
