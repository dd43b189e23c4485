"""The stems drafting rules compare words by, so "worried" meets "worries", "riding" "ride" and
"jotted" "jot": the Snowball English stemmer (Porter 2), not roots cut by hand; and the one older
plural-only stem that ``grounding.content_words`` still keeps (why: at ``plural_stem``).
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

# A stemmer holds the word it is stemming: one per thread, as drafting runs in worker threads too.
_PER_THREAD = threading.local()


@lru_cache(maxsize=1 << 16)  # transcript words (PHI): grounding.forget_cached_text empties it on lock
def stem(word: str) -> str:
    """``word`` (lower case) without its ending: "worrying" -> "worri", "client's" -> "client"."""
    stemmer = getattr(_PER_THREAD, "stemmer", None)
    if stemmer is None:
        stemmer = _PER_THREAD.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


@lru_cache(maxsize=1 << 16)  # transcript words, as ``stem``
def plural_stem(word: str) -> str:
    """``word`` without a plural or possessive ending only ("worries" -> "worr", "client's" -> "client").
    Why not ``stem``: the grounding checks' limits (a sentence withheld when half its words are unsaid)
    were set on it, and Snowball there moved 64 sentences of the 39 kept drafts, many for the worse."""
    for suffix in ("'s", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word
