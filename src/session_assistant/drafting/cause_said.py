"""A cause the model joins onto a report that no line it cites gives, cut from the sentence.

Why: read in the kept Qwen drafts of session 30, the 1.5B model links two facts of a session with a
cause nobody said. "He was worried about the flight and the potential for turbulence, especially since
he had been on a call at eleven last night" (the call was the week's small talk); "he was up late due to
his sister's hair being wonky, which caused him to help his mother get to the toilet twice" (a young
carer's night: his mother's spasms, then his sister woke); "trouble sleeping, which led to nightmares".
A therapist strikes the link: a cause in a note is a formulation, and the client's or the clinician's to
make.

By rule: a closing clause opened by a causal link (", because", " due to", ", which led to", ", causing",
", especially since", ...) is cut, flagged ``CAUSE_CUT`` for the clinician, when none of the lines the
sentence cites, nor any line holding most of the clause's words, says a cause ("because", "'cause", "so",
"made me", "that's why", "due to", "since", ...). What is
left must stand as a sentence (``HEAD_MIN_WORDS``), and the clause cut must be one ("due to X, which caused
him to Y" holds Y, which may be true); otherwise the sentence is kept whole, flagged ``UNSAID_CAUSE``. Plain ", since" is left alone: "since Saturday" tells when, not why.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.grounding import SourceIndex, content_words

CAUSE_CUT = "cause_cut"  # kept, flagged: the causal clause nobody cited was cut
UNSAID_CAUSE = "unsaid_cause"  # kept whole, flagged: too little would be left without it
HEAD_MIN_WORDS = 6
_LINK_WORDS = content_words("especially mainly partly probably largely because due result which caused causing led leading "
                            "made makes resulting since feel feeling felt client")

_LINK = re.compile(r"(?:,\s+(?:especially |mainly |partly |probably |largely )?(?:because\b|due to\b|as a result\b|"
                   r"which (?:caused|led to|made|makes|leads to|was causing|were causing|is causing)\b|leading to\b|"
                   r"causing\b|resulting in\b)|,\s+especially since\b|\s+(?:because of|due to)\b)", re.I)
# A cause said in a line: the words people give reasons with. "So" counts inside a sentence only
# ("So, um" opens talk).
# "Writing the thoughts down made the mornings easier." gives the cause of the easier mornings.
_SAID = re.compile(r"\b(?:because|'cause|cos|coz|cuz|due to|caused?|causing|made|makes|make me|help(?:s|ed)|that's why|"
                   r"the reason|result|led to|leads to|trigger\w*|set (?:me|it|him|her) off|thanks to|after|since)\b"
                   r"|(?<=\w)[,]?\s+so\b", re.I)


def _lines_of(clause: str, source: SourceIndex, evidence: Sequence[int]) -> list[str]:
    """The cited lines, and any line holding most of the clause's words (the model cites loosely: "because
    I'd chosen it" may be a line it did not cite)."""
    words = {w for w in content_words(clause) - _LINK_WORDS if "'" not in w}
    least = max(1, (len(words) + 1) // 2)
    return [u.text for u in source.utterances
            if u.id in evidence or (words and len(words & content_words(u.text)) >= least)]


def without_unsaid_cause(text: str, source: SourceIndex, evidence: Sequence[int]) -> tuple[str, list[str]]:
    """(text, flags): ``text`` with its closing causal clause cut when no cited line gives a cause (see
    above). Quotes are never cut into; a sentence citing no line is left to the other checks."""
    link = _LINK.search(text)
    if not link or not evidence:
        return text, []
    head, clause = text[:link.start()].rstrip(" ,;"), text[link.start():].strip(" ,;.")
    if any(_SAID.search(line) for line in _lines_of(clause, source, evidence)):
        return text, []
    if "," in clause or ";" in clause:  # "due to X, which caused him to Y": Y may be true, a cut would lose it
        return text, [f"{UNSAID_CAUSE}:{clause}"]
    if head.count('"') % 2 or head.count("“") != head.count("”"):
        return text, []
    if len(head.split()) < HEAD_MIN_WORDS:
        return text, [f"{UNSAID_CAUSE}:{clause}"]
    return head + ".", [f"{CAUSE_CUT}:{clause}"]
