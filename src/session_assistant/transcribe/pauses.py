"""Where one voice can hand over to another: the real pauses in the audio.

Speaker pieces used to be cut from Whisper's word times, but Whisper stretches a turn's last word
(or the next turn's first) over the 0.3-0.9 s pause between two people, so no piece ended at the
turn change and the words on either side of it shared one voice print (bench/README.md). The
pauses are found in the samples instead: 20 ms frames, a level threshold set from the
recording's own quiet and loud frames, runs of quiet frames of at least ``MIN_PAUSE_S``.
Energy, not a neural VAD: it is cheap (the speaker work must stay a few per cent of Whisper's
time) and the question is only "is this a gap between words", never "is this speech".
"""

from __future__ import annotations

import numpy as np

from session_assistant.transcribe.segments import SAMPLE_RATE

FRAME = SAMPLE_RATE // 50  # 20 ms
MIN_PAUSE_S = 0.25  # turn-taking gaps are rarely shorter; pauses inside a word (stops) are < 0.1 s
# Longer speech is cut in equal parts (a print covers its central 1.6 s). 2.4 s, not 3.2: where a
# reply follows without a pause, the part that holds it holds less of the other voice, and the
# clusters get more prints to settle on; at least as good on every speaker bench (synthetic
# sessions, real voices dry, in a room and latched, three voices, AMI clips), better on several;
# 13 % more pieces, so up to 13 % more encoder time (bench/README.md, 2026-12-01, speakers17g).
MAX_PIECE_S = 2.4
MIN_PIECE_S = 0.2  # under this there is too little voice to print


def frame_levels(audio: np.ndarray) -> np.ndarray:
    """Level of each 20 ms frame in dB (full scale = 0)."""
    usable = audio[: audio.size // FRAME * FRAME].astype(np.float32).reshape(-1, FRAME)
    power = np.einsum("ij,ij->i", usable, usable) / FRAME
    return 10.0 * np.log10(power + 1e-10)


def quiet_threshold(levels: np.ndarray) -> float:
    """Frames below this level count as a pause: a third of the way from the recording's noise
    floor (10th percentile) to its speech level (95th), and never less than 6 dB above the floor
    (a room with hum and a digital silence both work)."""
    if levels.size == 0:
        return 0.0
    floor, loud = np.percentile(levels, [10, 95])
    return float(floor + max(6.0, (loud - floor) / 3.0))


def speech_spans(levels: np.ndarray, threshold: float, first: int, last: int,
                 min_pause_s: float = MIN_PAUSE_S) -> list[tuple[int, int]]:
    """Frame spans [a, b) of speech between ``first`` and ``last``, split at quiet runs of at
    least ``min_pause_s``; quiet at either end is trimmed off."""
    first, last = max(0, first), min(levels.size, last)
    if last <= first:
        return []
    loud = levels[first:last] >= threshold
    if not loud.any():
        return []
    min_gap = max(1, int(round(min_pause_s * SAMPLE_RATE / FRAME)))
    spans, start, quiet_run = [], None, 0
    for i, is_loud in enumerate(loud):
        if is_loud:
            if start is None:
                start = i
            quiet_run = 0
            end = i + 1
        elif start is not None:
            quiet_run += 1
            if quiet_run >= min_gap:
                spans.append((first + start, first + end))
                start = None
    if start is not None:
        spans.append((first + start, first + end))
    return spans


def audio_pieces(levels: np.ndarray, threshold: float, start_s: float, end_s: float,
                 max_piece_s: float = MAX_PIECE_S) -> list[tuple[float, float]]:
    """Times (s, relative to the levels' audio) of the speech pieces between ``start_s`` and
    ``end_s``: cut at pauses, long ones cut in equal parts of at most ``max_piece_s``, the
    shortest (under ``MIN_PIECE_S``) dropped."""
    frame_s = FRAME / SAMPLE_RATE
    pieces = []
    for a, b in speech_spans(levels, threshold, int(np.floor(start_s / frame_s)), int(np.ceil(end_s / frame_s))):
        t0, t1 = a * frame_s, b * frame_s
        parts = max(1, int(np.ceil((t1 - t0) / max_piece_s - 1e-9)))
        step = (t1 - t0) / parts
        pieces += [(t0 + k * step, t0 + (k + 1) * step) for k in range(parts)]
    return [(a, b) for a, b in pieces if b - a >= MIN_PIECE_S]
