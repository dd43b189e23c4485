"""Words the sentence length limit glued together, parted again.

Why: each sentence the model writes is a JSON string the grammar holds to ``SENTENCE_MAX_CHARS``;
near the limit only the tokens that still fit may be sampled, and a word's usual token carries its
leading space, so the model takes the same word without it: "send thegift" (67: "I'll send the
gift with a card"). The text goes on in the next item, so the glued word stays in a kept sentence.
A last word of an item at the limit that the session never says, and that parts into two words it
does say after a short grammar word ("the" + "gift"), is parted; nothing else is touched.
"""

from __future__ import annotations

import re

from session_assistant.drafting.formats import SENTENCE_MAX_CHARS
from session_assistant.drafting.grounding import content_words, words

AT_LIMIT = 4  # an item this close to the limit was held to it
LAST_WORDS = 2  # the limit bites on the last token or two
_WORD = re.compile(r"[A-Za-z]+")
# The first part is a short word of the grammar ("the" + "gift"): a compound the session does not say
# ("homework") parts into two words it does, and is a word all the same.
_FIRST = {"a", "an", "the", "to", "of", "and", "or", "in", "on", "at", "by", "for", "with", "from", "his", "her", "their",
          "my", "your", "its", "it", "is", "was", "be", "this", "that", "some", "any", "no", "not", "will", "can", "as"}


def _known(word: str, said: set[str]) -> bool:
    low = word.lower()
    return low in said or bool(content_words(low) & said)


def parted(word: str, said: set[str]) -> str | None:
    """``word`` as a short grammar word and a word the session says ("thegift" -> "the gift"), or
    None when it is said itself or parts no such way."""
    if len(word) < 5 or _known(word, said):
        return None
    for cut in range(1, len(word) - 1):
        first, second = word[:cut], word[cut:]
        if len(second) >= 3 and first.lower() in _FIRST and _known(second, said):
            return f"{first} {second}"
    return None


def unglued(items: list[dict], source_text: str) -> list[dict]:
    """The items, with the glued last words of those the limit held parted (see the module's docstring)."""
    said: set[str] | None = None
    out = []
    for item in items:
        text = str(item.get("text", ""))
        if item.get("system") or len(text) < SENTENCE_MAX_CHARS - AT_LIMIT:
            out.append(item)
            continue
        if said is None:
            said = set(words(source_text)) | content_words(source_text)
        tail = list(_WORD.finditer(text))[-LAST_WORDS:]
        for match in reversed(tail):
            fixed = parted(match.group(0), said)
            if fixed:
                text = text[:match.start()] + fixed + text[match.end():]
        out.append({**item, "text": text})
    return out
