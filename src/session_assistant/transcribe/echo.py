"""A call without headphones: the client's voice, played by the laptop's speaker, reaches the
clinician's microphone too, and Whisper writes it down a second time on the microphone's
channel, where it would be named "clinician". Those words are the call channel's words again,
at the same moment (the two channels are kept within ~20 ms of each other, bench/README.md), so
they are found by text and time and left out; the call channel keeps them under the client's
name.

A word on the microphone is an echo when it is the same word (case and punctuation aside) as a
word on the call channel, in the same order as its neighbours (a ``difflib`` alignment), no
more than ``MAX_LAG_S`` away. A run of ``MIN_RUN`` or more echoed words (or a whole segment of
echo, such as an echoed "mm-hmm") is cut out, and what is left of the segment stays unless it
is still mostly echo: the clinician's own words around an echo stay. The clinician repeating the client's words back (a reflection) is not an
echo: it comes after the client has spoken, seconds away rather than at the same moment.
"""

from __future__ import annotations

import bisect
import difflib
import re

import numpy as np

from session_assistant.transcribe.segments import Segment, Word

MAX_LAG_S = 0.75  # Whisper's word times on the two channels differ by a few tenths at most
MOSTLY = 0.6  # share of echoed words that makes what is left of a segment an echo as a whole
MIN_RUN = 3  # shorter runs inside the clinician's own speech are left (common words repeat)


def _token(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower())


def _echoed(words: list[Word], call: list[tuple[str, float]], call_times: list[float]) -> list[bool]:
    """For each word of one microphone segment: is it a call word at the same moment?
    ``call`` is (token, time) sorted by time; ``call_times`` its times."""
    times = [(w.start + w.end) / 2 for w in words]
    lo = bisect.bisect_left(call_times, times[0] - 2 * MAX_LAG_S)
    hi = bisect.bisect_right(call_times, times[-1] + 2 * MAX_LAG_S)
    nearby = call[lo:hi]
    echoed = [False] * len(words)
    if not nearby:
        return echoed
    mine = [_token(w.word) for w in words]
    matcher = difflib.SequenceMatcher(None, mine, [token for token, _ in nearby], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            if mine[a + k] and abs(times[a + k] - nearby[b + k][1]) <= MAX_LAG_S:
                echoed[a + k] = True
    return echoed


def _kept_pieces(seg: Segment, echoed: list[bool]) -> list[Segment]:
    """The segment without its runs of ``MIN_RUN`` or more echoed words, and without what is
    left that is still mostly echo."""
    runs, start = [], 0  # (first, end, echoed)
    for i in range(1, len(echoed) + 1):
        if i == len(echoed) or echoed[i] != echoed[start]:
            runs.append((start, i, echoed[start]))
            start = i
    keep = [not (is_echo and (end - first >= MIN_RUN or end - first == len(echoed))) for first, end, is_echo in runs]
    pieces, words, flags = [], [], []
    for (first, end, _), kept in zip(runs + [(0, 0, False)], keep + [False]):
        if kept:
            words += seg.words[first:end]
            flags += echoed[first:end]
        elif words:
            if sum(flags) < MOSTLY * len(flags):
                text = "".join(w.word for w in words).strip()
                confidence = round(float(np.mean([w.prob for w in words])), 4)
                pieces.append(Segment(seg.id, words[0].start, words[-1].end, text, words, confidence, seg.speaker))
            words, flags = [], []
    if len(pieces) == 1 and len(pieces[0].words) == len(seg.words):
        return [seg]
    return pieces


def drop_echoes(microphone: list[Segment], call: list[Segment]) -> tuple[list[Segment], int]:
    """The microphone's segments without the call's words heard again; and how many words went."""
    call_words = sorted(((_token(w.word), (w.start + w.end) / 2) for s in call for w in s.words),
                        key=lambda item: item[1])
    call_times = [t for _, t in call_words]
    kept, dropped = [], 0
    for seg in microphone:
        if not seg.words or not call_words:
            kept.append(seg)
            continue
        pieces = _kept_pieces(seg, _echoed(seg.words, call_words, call_times))
        dropped += len(seg.words) - sum(len(p.words) for p in pieces)
        kept.extend(pieces)
    return kept, dropped
