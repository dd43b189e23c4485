"""A long text read aloud in session (a letter, a written formulation) retold by the model as the
note's own analysis, kept out of the Assessment.

Why: read in 76's draft (a reformulation letter read aloud in full): nine Assessment sentences were
the letter told again line by line, in the letter's voice ("Clinician wants to say how much strength
it has taken ...", "If that happens, the clinician hopes ...", "With warm wishes, Ruth."). A
therapist strikes them: the Assessment is the clinician's reasoning, not the letter's greeting,
wishes and signature.

A passage read aloud is one long line (``PASSAGE_MIN_WORDS``) that opens as a letter ("Dear ...") or
follows a line saying it will be read ("Shall I read the letter?", "I'll read it out"). A model
sentence retells it when most of its words are the passage's (``RETOLD_SHARE``) and it shares a run
of words (``RUN``) with a sentence of it in the writer's own voice: the greeting, the signing off,
the writer's wishes and hopes. The letter's account of the client's pattern, copied, is left: it
is the clinician's formulation, which the Assessment holds.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.grounding import content_words, words
from session_assistant.drafting.transcript_input import Utterance

READ_ALOUD_RETOLD = "read_aloud_retold"
PASSAGE_MIN_WORDS = 80
ANNOUNCE_LINES = 3
RETOLD_SHARE = 0.6
RETOLD_MIN_WORDS = 3
RUN = 4
_LETTER = re.compile(r"^\W*(?:\([^)]*\)\s*)?(?:[^.?!]{0,40}[.?!]\s*)?[\"“]?dear\s+[A-Z]", re.I)
# Someone saying they will now read a text out: an offer or a promise ("Shall I read the letter?",
# "I'll read a bit", "Let me read you what I wrote"), never "I couldn't read it out".
_ANNOUNCED = re.compile(r"\b(?:shall I|I'?ll|I will|let me|I'?m going to|I want to|can I|could I|I'?d like to) (?:just )?read\b",
                        re.I)
_FIRST_SENTENCE = re.compile(r"^[^.?!]*[.?!]")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# A sentence of the letter in its writer's own voice: the greeting, the signing off, what the writer
# wants or hopes ("I want to say how much strength it has taken", "I hope we can notice
# it together", "With warm wishes, Ruth."). Told in the note they become the clinician's wishes
# given as the analysis; the letter's account of the client's pattern ("you say yes, you agree")
# is the formulation the Assessment holds, and stays.
_OWN_VOICE = re.compile(r"^\W*dear\b|\b(?:with|sending) (?:warm|warmest|best|kind|kindest|all (?:my|the)) (?:wishes|regards)\b"
                        r"|^\W*(?:yours|best wishes|warm wishes|take care)\b"
                        r"|\bI(?:'m| am)? (?:want|wanted|hope|wish|would like|'d like|grateful|glad|look forward)\b"
                        r"|\bI (?:want|hope|wish)\b", re.I)
# The note's frame words, which any retelling adds ("The client reported ...", "the clinician hopes").
_FRAME = content_words("client clinician therapist reported said stated described noted hopes wants thinks feels")


def read_aloud_passages(utterances: Sequence[Utterance]) -> list[Utterance]:
    """The lines that are a long text read aloud (see the module's docstring)."""
    found = []
    for n, utt in enumerate(utterances):
        if len(words(utt.text)) < PASSAGE_MIN_WORDS:
            continue
        opening = _FIRST_SENTENCE.match(utt.text)
        announced = (any(_ANNOUNCED.search(u.text) for u in utterances[max(0, n - ANNOUNCE_LINES):n])
                     or bool(opening and _ANNOUNCED.search(opening.group(0))))
        if _LETTER.search(utt.text) or announced:
            found.append(utt)
    return found


def _runs(text: str) -> set[tuple[str, ...]]:
    said = words(text)
    return {tuple(said[i:i + RUN]) for i in range(len(said) - RUN + 1)}


def retells_read_aloud(text: str, utterances: Sequence[Utterance]) -> bool:
    """True when a model sentence is mostly the words of a passage read aloud, copied in a run from
    a sentence of it in the writer's own voice (see ``_OWN_VOICE``)."""
    bag = content_words(text) - _FRAME
    if len(bag) < RETOLD_MIN_WORDS:
        return False
    runs = _runs(text)
    for passage in read_aloud_passages(utterances):
        if len(bag & content_words(passage.text)) < RETOLD_SHARE * len(bag):
            continue
        copied = [s for s in _SENTENCES.split(passage.text) if runs & _runs(s)]
        if any(_OWN_VOICE.search(s) for s in copied):
            return True
    return False
