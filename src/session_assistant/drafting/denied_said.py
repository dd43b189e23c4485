"""A model sentence that states what the client said no to when asked (issue 16, unseen 61).

"Do you ever drink in the morning, or get shaky ...?" - "No. Never in the morning." became "They had
been drinking in the morning": the model lost the no. The sentence is flagged for the clinician, beside
the note, with the question it contradicts; it is kept, because a rule cannot tell a lost negation
from a true fact told later in the session in other words.

Read by shape: a clinician's question, the client's answer that opens with a no, and a model sentence
with no negation of its own that names at least two of the question's things, one of them also in the
answer (the thing denied: "morning"), or three of them when the answer names none. Words are compared by their first five letters ("drinking" is
"drink").
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.risk_choice import hedged
from session_assistant.drafting.risk_follow_ups import DENIES
from session_assistant.drafting.risk_who import answer_words
from session_assistant.drafting.word_stems import stem
from session_assistant.drafting.wording import split_sentences

DENIED_IN_SESSION = "denied_in_session"  # flagged, kept

_NEGATED = re.compile(r"\b(?:not|no|never|nor|denied|denies|deny|denying|without|none|neither|n't)\b|n't\b", re.I)
_WORD = re.compile(r"[a-z]{4,}")
_ASKS = re.compile(r"\b(?:do|does|did|have|has|had|are|is|was|were|would|could|can|will) (?:you|he|she|they)\b", re.I)
# Words of a question that name no thing: "Do you ever ... if you go a day without?"
_EMPTY = set("""ever does doing have having been were what when where which your yours that this there then than with
without would could should about into over just like some more most much many also only even still really feel feeling
felt think thought know going want wanted things thing time times today week weeks days anything something everything
anyone someone lately recently since last right okay well sure kind sort able make made take took come came tell told
said says asked other others their them they very quite""".split())


def _things(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in _EMPTY}


def _denied_questions(source: SourceIndex) -> list[tuple[set[str], set[str], str]]:
    """(the question's things, the answer's things, the question) for each question answered with a no."""
    lines = [u for u in source.utterances if u.speaker]
    found: list[tuple[set[str], set[str], str]] = []
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker):
            continue
        asked = [s for s in split_sentences(utt.text) if s.rstrip().endswith("?")]
        said = answer_words(answer.text)
        if not asked or not DENIES.search(said) or hedged(said):  # "No. I don't know. Maybe.": no plain no
            continue
        question = asked[-1]
        # What is asked, not its preamble: "With all this, being stuck at home for two years, have you had
        # any thoughts of harming yourself?" asks about harm, not home (48).
        starts = [m.start() for m in _ASKS.finditer(question)]
        found.append((_things(question[starts[-1]:] if starts else question), _things(answer.text), question))
    return found


def denied_in_session(text: str, source: SourceIndex) -> list[str]:
    """Flags for a sentence that asserts what the client denied when asked: ``denied_in_session:<question>``."""
    if _NEGATED.search(text):
        return []
    said = _things(text)
    for question_things, answer_things, question in source.once(_denied_questions):
        shared = said & question_things
        # A bare "Nope, gave up years ago." names nothing of the question: three of its things then.
        if len(shared) >= 3 or (len(shared) >= 2 and shared & answer_things):
            return [f"{DENIED_IN_SESSION}:{question}"]
    return []
