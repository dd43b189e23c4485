"""What the clinician said the coming sessions will work on, quoted from the last third of the session
where the plan is made ("We'll also keep working on the grief about the marriage", "Next week I'd like to
go back to the younger part"); none is the model's.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import IN_ROOM_NOW

# What the clinician said the coming sessions will work on ("We'll also keep working on the grief
# about the marriage"), from the last third of the session where the plan is made.
_WE_WILL = re.compile(r"\b(?:we'?ll|we will|we'?re going to|we are going to|we can)\s+(?:also\s+)?(?:keep|continue|start|work|look|"
                      r"do|try|practi[sc]e|build|move|add|go over|begin|talk about|come back to)\b", re.I)
PLANNED_MIN_WORDS = 6
# "We can work on that together." names no work: its object is a pronoun for something said before.
_VAGUE_END = re.compile(r"\b(?:on|at|with|do|try|about|to) (?:that|it|them|this)(?: together| then| too| again| as well)?[.!]?$", re.I)
PLANNED_MAX = 2
# "That's a belief we can look at." ends on its preposition: the work it names is the sentence before.
_DANGLING = re.compile(r"\b(?:at|on|with|about|to|for|into|of|over|through|around)[.!]?$", re.I)
# Work for the rest of this session is not the plan: "We'll do that in a minute." (31, said before the
# safety plan was written in the room).
# ... and a stretch of minutes of the exercise under way ("We'll keep going like that for a couple of
# minutes."), unless the minutes are a daily practice ("for a few minutes every evening").
_LATER_TODAY = re.compile(IN_ROOM_NOW.pattern + r"|\bbefore you (?:go|leave)\b"
                          r"|\bfor (?:a couple of|a few|two|three|a) (?:more )?(?:minutes?|breaths?|rounds?)\b"
                          r"(?![^.?!]*\b(?:each|every|a day|daily|twice|when|before|after|at night|in the (?:morning|evening)))", re.I)


# Work named for the next session, whatever the verb: "Next week I'd like to go back to the younger part",
# "I think next time we look at the evenings", "We'll fill in the rest next time"; never the client's
# homework ("next time you feel it") nor the visit itself ("see you next week").
_NEXT_WORK = re.compile(r"(?<!the )(?<!over )\bnext (?:time|week|session)\b(?! you\b)", re.I)  # "the next week": the coming one
_WE_WORK = re.compile(r"\b(?:we|we'll|we will|I'd like to|I would like to|I want to|let's)\b", re.I)
_NOT_WORK = re.compile(r"\b(?:see (?:you|me)|meet|come (?:in|back)|book)\b|\b(?:it|that|this|them) for next\b", re.I)
_SUBJECT = re.compile(r"\b(?:I|you|we|he|she|they|it|that)\b", re.I)
_OPENER = re.compile(r"^(?:(?:good|great|okay|ok|so|right|soon|and),?\s+)*(?:I think,?\s+)?", re.I)
FRAGMENT_MAX_WORDS = 10
_NAMED_BY_PRONOUN = re.compile(r"\b(?:do|try|practi[sc]e|work on|look at|go over) (?:that|it|this)\b", re.I)
BEFORE_MAX_WORDS = 25


def _planned(sentences: list[str], n: int) -> str | None:
    """The work a sentence names for coming sessions, with a fragment after it that says what it is
    ("... we start the assessment on the memory next session. Picking the image, the belief.")."""
    sentence = sentences[n]
    if (sentence.endswith("?") or len(sentence.split()) < PLANNED_MIN_WORDS or _VAGUE_END.search(sentence)
            or _LATER_TODAY.search(sentence)):
        return None
    match = _WE_WILL.search(sentence)
    if match:
        planned = sentence[match.start():]
        # "We can talk about it with your mum.": a pronoun names no topic
        vague = re.search(r"\b(?:talk about|come back to) (?:it|that|this|them)\b", planned, re.I)
        return None if _DANGLING.search(planned) or vague else planned
    if not (_NEXT_WORK.search(sentence) and _WE_WORK.search(sentence)) or _NOT_WORK.search(sentence):
        return None
    after = sentences[n + 1] if n + 1 < len(sentences) else ""
    if after and not after.endswith("?") and len(after.split()) <= FRAGMENT_MAX_WORDS and not _SUBJECT.search(after):
        sentence += " " + after
    before = sentences[n - 1] if n else ""
    if _NAMED_BY_PRONOUN.search(sentence) and before.endswith("?") and len(before.split()) <= BEFORE_MAX_WORDS:
        # "Would it help to plan what you'd say to him? We could do that next time.": the question names "that"
        return _OPENER.sub("", before) + " " + sentence
    return _OPENER.sub("", sentence)


def planned_work(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    """(the clinician's sentence, line) for what the clinician said coming sessions will do."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int]] = []
    for utt in lines[len(lines) * 2 // 3:]:
        if is_client(utt.speaker):
            continue
        sentences = re.split(r"(?<=[.!?])\s+", utt.text.strip())
        for n in range(len(sentences)):
            said = _planned(sentences, n)
            if said:
                found.append((said, utt.id))
                break
        if len(found) == PLANNED_MAX:
            break
    return found


def planned_sentence(found: Sequence[tuple[str, int]]) -> str:
    return "Planned, as said in session: " + "; ".join(f'"{text[0].upper() + text[1:]}"' for text, _ in found)
