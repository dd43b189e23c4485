"""The client's response to what was just done in the room, in the client's words (the Assessment's
response to interventions): the answer when the clinician asks how it went ("How was that?" after a
role-play, "How's that?" after a step, "What's it like to hear that?" in a joint session, "How did it
feel to say it?" after words the client just said aloud).
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.joint_session import is_joint, label, names_by_role
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import WEEKDAY, without_stage
from session_assistant.drafting.wording import words_up_to

# The client's answer when the clinician asks how something just done in the room went ("How was
# that?" after a role-play, "How does that feel?" after a step taken, "How are you feeling about all
# this, right now?" at the close): the client's response to the intervention, in the client's words.
_HOW_WAS_IT = re.compile(r"\b(?:how (?:was|did) that(?: feel)?(?! to| go)|how(?: does|'s) (?:that|it) (?:feel|land)|what was that like"
                         r"|how are you feeling (?:about (?:this|all this)|now|right now)|how do you feel now|weird how"
                         r"|what are you feeling (?:now|right now)|what do you feel (?:now|right now)"
                         # what was just said or read in the room, taken in: "What's it like to hear that?" (a partner's
                         # disclosure, a letter read back)
                         r"|(?:what'?s|what is|how is|how'?s) it (?:like )?(?:to hear|hearing) (?:that|it|this|him|her|them)"
                         r"|how (?:does it feel|(?:was|is) (?:that|it)) to hear"
                         # words the client just said aloud in the room, to someone not there ("How did it feel to say it?")
                         r"|how (?:did|does) (?:it|that) feel (?:to say|saying) (?:it|that))\b", re.I)
# A bare "How's that?", the whole line, right after a step the client did in the room (elsewhere: does a time suit?)
_HOWS_THAT = re.compile(r"^(?:(?:okay|ok|good|great|right|well done|there you go)[.,!]?\s+)*how(?:'s| is) that(?: now| feeling)?\?$", re.I)
_LAST_TIME = re.compile(r"\b(?:last (?:time|week|session)|since (?:we|I|last))\b", re.I)
# "How was that to hear?" of words someone else just said in the room, not of words the answerer reports (08)
_WAS_IT_TO_HEAR = re.compile(r"\bhow (?:was|is) (?:that|it) to hear\b", re.I)
_TO_HEAR = re.compile(r"\b(?:to hear|hearing)\b", re.I)
RESPONSE_MAX_WORDS = 20
RESPONSES_MAX = 2


def response_answers(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(the client's answer, [question, answer]) for up to two such questions, in session order. In a joint
    session the partner or parent asked ("Nadia, how was that to hear?" after a softened start-up) answers
    for their side: the answer opens with who gave it ('partner (Nadia): "..."')."""
    lines = [u for u in utterances if u.speaker]
    names = names_by_role(utterances) if is_joint(utterances) else None
    found: list[tuple[str, list[int]]] = []
    for n in range(len(lines) - 1):
        utt, answer = lines[n], lines[n + 1]
        asked = [s for s in re.split(r"(?<=[.!?])\s+", utt.text.strip()) if s.endswith("?")]
        after_step = n > 0 and is_client(lines[n - 1].speaker) and bool(_HOWS_THAT.match(" ".join(without_stage(utt.text).split())))
        who = answer.speaker.strip().lower()
        if (is_client(utt.speaker) or not is_client(answer.speaker) or (who != "client" and names is None)
                or not (_HOW_WAS_IT.search(utt.text) or after_step) or _LAST_TIME.search(utt.text)):
            continue  # "Last time you agreed to ... How did that go?" reviews the week, not the room
        if asked and not after_step and not _HOW_WAS_IT.search(asked[-1]):
            continue  # "How are you feeling now? What will you do this afternoon?": the answer is to the last one
        asked_last = asked[-1] if asked else utt.text
        if _WAS_IT_TO_HEAR.search(asked_last) and n > 0 and lines[n - 1].speaker == answer.speaker:
            continue
        if who != "client" and not _TO_HEAR.search(asked_last):
            continue  # a partner or parent answers for their side only what they just heard in the room
        # up to a question the client turns to ("... Like someone's seen me. Can I say one thing?"), not the response
        said = words_up_to(re.split(r"(?<=[.!?])\s+", without_stage(answer.text)), RESPONSE_MAX_WORDS, lambda s: s.endswith("?"))
        if said and not risky(said):
            found.append((said if who == "client" else f'{label(who, names)}: "{said}"', [utt.id, answer.id]))
        if len(found) == RESPONSES_MAX:
            break
    return found


_ANSWERED_BY = re.compile(r'^[a-z][a-z -]*(?: \([^)]*\))?: "')


def responses_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    said = [text if _ANSWERED_BY.match(text) else f'"{text}"' for text, _ in found]
    whose = "the client's" if len(said) == sum(not _ANSWERED_BY.match(text) for text, _ in found) else "their own"
    return f"Response to interventions, in {whose} words: " + "; ".join(said)


# In a couple or family session the clinician stops on something that just happened between them and
# names it ("That was a repair, Jo, just then. ... Did you catch it, Nadia?", "Notice that. He told you.",
# "You both turned toward each other just now"): the answer is how the work landed, and the clinician's
# words say what the work was. "Just notice that." is an instruction (EMDR, mindfulness), not a marked moment.
_MARKED = re.compile(r"^(?:(?:okay|ok|so|and|right|look),?\s+)*notice that\b(?! in your)|\b(?:just (?:then|now)|right then)\b(?![^.?!]*\?)"
                     r"|\bwhat just happened\b|\bdid you (?:catch|notice|see|hear) (?:it|that|what (?:\w+ )?(?:just )?(?:did|said))\b", re.I)
# Not a moment in the room: words recalled ("Rob, you said just now, ...") or the week's events ("Monday ... Did you notice that?").
_NOT_A_MOMENT = re.compile(r"\b(?:you said|when you said|you mentioned)\b|\b(?:" + WEEKDAY + r")s?\b|\b(?:this|last) week\b", re.I)
MARKED_MAX_WORDS = 30


def moments_marked(utterances: Sequence[Utterance], risky=lambda text: False,
                   already: str = "") -> list[tuple[str, str, list[int]]]:
    """(what the clinician marked, who answered and what, [both lines]) for up to two moments the clinician
    marked in a joint session (see ``_MARKED``); an answer quoted elsewhere in ``already`` is left out."""
    if not is_joint(utterances):
        return []
    lines = [u for u in utterances if u.speaker]
    names = names_by_role(utterances)
    found: list[tuple[str, str, list[int]]] = []
    for n in range(len(lines) - 1):
        utt, answer = lines[n], lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker) or risky(utt.text) or risky(answer.text):
            continue
        sentences = re.split(r"(?<=[.!?])\s+", without_stage(utt.text))
        first = next((k for k, s in enumerate(sentences) if _MARKED.search(s)), None)
        said = words_up_to(re.split(r"(?<=[.!?])\s+", without_stage(answer.text)), RESPONSE_MAX_WORDS)
        if first is None or _NOT_A_MOMENT.search(without_stage(utt.text)) or not said or said in already:
            continue
        marked = words_up_to(sentences[first:], MARKED_MAX_WORDS) or sentences[first]
        found.append((marked, f'{label(answer.speaker.strip().lower(), names)}: "{said}"', [utt.id, answer.id]))
        if len(found) == RESPONSES_MAX:
            break
    return found


def marked_sentence(found: Sequence[tuple[str, str, list[int]]]) -> str:
    said = "; ".join(f'"{marked}" ({answer})' for marked, answer, _ in found)
    return f"Response to interventions, a moment the clinician marked in the room: {said}"
