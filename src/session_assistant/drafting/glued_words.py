"""Two words the model ran together ("send thegift"), set apart when the transcript says them apart.

Why: the 1.5B model now and then drops the space between two words; the note then reads as a typo a
clinician must fix by hand. A word is split only when it is not a word of the transcript and the
transcript says its two halves side by side ("the gift"), so a real word or a name is never cut.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]{5,}")
HALF_MIN = 2


def unglued(text: str, transcript: str) -> str:
    """``text`` with each run-together pair of transcript words split as the transcript says it."""
    said = transcript.lower()
    vocab = set(re.findall(r"[a-z']+", said))

    def split(match: re.Match) -> str:
        word = match.group(0)
        if word.lower() in vocab:
            return word
        for cut in range(HALF_MIN, len(word) - HALF_MIN + 1):
            left, right = word[:cut], word[cut:]
            if left.lower() in vocab and right.lower() in vocab and re.search(
                    r"\b" + re.escape(f"{left} {right}".lower()) + r"\b", said):
                return f"{left} {right}"
        return word

    return _WORD.sub(split, text)
