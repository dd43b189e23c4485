"""A finding of the client's mental status that the model, not the clinician, wrote (issue 16).

Mental status is the clinician's checklist to fill: without it the Objective holds only what was
said or done in the room. The 1.5B model still writes "The clinician observed that the client's
mood was low" (88), "The client's mood and affect have also improved" (05), "the client's behaviour
was increasingly anxious and repetitive, with ... a tendency to act on his thoughts" (96, an OCD
note) or gives the client's week as the clinician's finding ("The clinician observed that the
client was busy with work", 87). ``unsaid_observation`` asks only whether a clinician line uses the
domain's word, and "mood" or "behaviours" are said in most sessions; here the finding itself (what
the mood or the client was) must be in a clinician's line: "You sound really low" holds "mood was
low". Such a sentence is withheld and shown beside the note, never rewritten.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, content_stems
from session_assistant.drafting.risk import is_client

MODEL_OBSERVATION = "model_observation"

_DOMAIN = r"(?:mood|affect|behaviou?rs?|appearance|demeanou?r|speech|thoughts?|thinking|presentation|eye contact)"
_VERB = r"(?:was|were|is|are|has|have|had|seemed|seems|appeared|appears|looked|looks|remained|became)"
# "the clinician observed that the client ...": the finding is what follows "client"
_OBSERVED_CLIENT = re.compile(r"\b(?:clinician|therapist|counsell?or)\b[^.;]{0,20}?\b(?:observed|noted|noticed|saw)\b"
                              r"(?: that)? (?:the )?client(?:'s)?\s+(?P<rest>.+)", re.I)
# "The client's mood and affect have also improved": a domain given a state in the note's own voice
_DOMAIN_STATED = re.compile(r"\bclient'?s\s+(?:(?:overall|general)\s+)?" + _DOMAIN + r"(?:,?\s+(?:and\s+)?" + _DOMAIN
                            + r")*\s+" + _VERB + r"\b(?P<rest>.+)", re.I)
# The model's echo of the prompt's slot names listing what was done ("the client's interventions
# included introducing the worry decision tree", 65) tells what the clinician did, not what the client
# was: left to the checks of acts and approaches. The same slots given a state ("activities and exercises
# were characterized by a strong sense of self-blame", 05) are a finding all the same.
_SLOT_SUBJECT = re.compile(r"^(?:interventions?|activities|exercises|homework|treatment|goals?)(?:\s+and\s+\w+)?\s+"
                           r"(?:included|includes|involved|involves|consisted|used)\b", re.I)
# The finding is the head clause: what follows ", with", ", as evidenced" qualifies it.
_HEAD_END = re.compile(r",|;|\s+(?:with|as evidenced|as shown|indicating|which|despite|because|due to)\b", re.I)
_FILLER = {"also", "increasingly", "slightly", "somewhat", "quite", "generally", "overall", "still", "more", "less",
           "much", "some", "lot", "characterized", "characterised", "described", "being", "showed", "showing",
           "observed", "noted", "mood", "affect", "behaviour", "behavior",
           "behaviours", "behaviors", "speech", "thought", "thoughts", "appearance", "demeanour", "demeanor"}


# A clinician's line that voices what they see in the client: "You sound really low", "you seem tense",
# "I notice you're smiling". "What's on the low side?" or "Tired. Late night?" (88, 97) ask, and see nothing.
_VOICED = re.compile(r"\byou(?:'re| are| sound| look| seem| appear)\b|\bI (?:notice|noticed|see|can see|saw|can tell)\b", re.I)


# Domains only the clinician sees: a client reports their mood or thoughts, never their own affect or speech,
# so such a finding in the Subjective is the model's observation all the same (101: "The client's speech
# was described as anxious and empty").
SEEN_ONLY = re.compile(r"\bclient'?s\s+(?:(?:overall|general)\s+)?(?:affect|speech|appearance|demeanou?r|eye contact|presentation)\b",
                       re.I)


def _finding(text: str) -> str | None:
    """The head clause of what the sentence says the client was, or None when it claims no observation."""
    found = _OBSERVED_CLIENT.search(text)
    if found:
        rest = found.group("rest")
        if _SLOT_SUBJECT.match(rest):
            return None
    else:
        found = _DOMAIN_STATED.search(text)
        if not found:
            return None
        rest = found.group("rest")
    return _HEAD_END.split(rest, maxsplit=1)[0]


def model_observation(text: str, source: SourceIndex) -> list[str]:
    """The words of a claimed observation of the client (a mental-status domain given a state, or the
    client said to be or do something as the clinician's finding) that the clinician line saying most of it
    lacks; empty when the claim is none or one clinician line that voices what they see holds every
    word of it. Without speakers nobody's
    line can be told the clinician's, so every such finding is the model's."""
    finding = _finding(text)
    if finding is None:
        return []
    stems = {s: w for w, s in ((w, next(iter(content_stems(w)), "")) for w in re.findall(r"[A-Za-z][A-Za-z'-]+", finding))
             if s and w.lower() not in _FILLER}
    if not stems:
        return []
    lines = [content_stems(line.text) for line in source.utterances
             if line.speaker and not is_client(line.speaker) and _VOICED.search(line.text)]
    # one line must say it all: "low" from one line and "mood" from another is no one's observation
    best = max(lines, key=lambda said: len(stems.keys() & said), default=set())
    return [w.lower() for s, w in stems.items() if s not in best]
