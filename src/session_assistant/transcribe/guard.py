"""Guard against Whisper's known hallucinations on silence, noise and music.

Whisper, given no speech, tends to invent stock phrases from its subtitle training data
("Thank you for watching", "Subtitles by ...") or loop on one phrase. Silero VAD removes most
of that input up front; this guard catches what slips through, segment by segment, using the
decoder's own signals (no-speech probability, average log-probability, compression ratio) and
text checks (blocklisted phrases, runaway repetition, a segment repeating its predecessor).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

# Normalised (lower case, letters/digits/spaces) phrases Whisper emits on non-speech.
BLOCKLIST: tuple[str, ...] = (
    "thank you for watching",
    "thanks for watching",
    "thank you for listening",
    "thank you so much for watching",
    "please subscribe",
    "like and subscribe",
    "subscribe to my channel",
    "don t forget to subscribe",
    "subtitles by",
    "subtitles made by",
    "subtitled by",
    "captions by",
    "captioning by",
    "transcribed by",
    "translated by",
    "amara org",
    "see you in the next video",
    "see you next time",
    "the end",
    "you",
    "thank you",
    "bye",
    "music",
    "applause",
    "silence",
)
# Phrases that are hallucinations wherever they appear in a segment (not ordinary speech).
_ALWAYS_BAD = ("subtitles by", "subtitled by", "captions by", "amara org", "thanks for watching",
               "thank you for watching", "please subscribe", "subscribe to my channel")


@dataclass(frozen=True)
class GuardSettings:
    no_speech_prob: float = 0.6  # with a low log-probability: the decoder thinks it is not speech
    logprob_with_no_speech: float = -0.7
    min_avg_logprob: float = -1.2  # below this the text is a guess whatever else holds
    max_compression_ratio: float = 2.4  # gzip ratio of the text: loops compress very well
    min_confidence_for_stock_phrase: float = 0.85  # a short blocklisted phrase must be very certain
    max_repeats: int = 3  # the same n-gram repeated more often than this is a loop


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def compression_ratio(text: str) -> float:
    raw = text.encode("utf-8")
    return len(raw) / max(1, len(zlib.compress(raw)))


def collapse_repetition(text: str, max_repeats: int = 3) -> str:
    """Cut runaway repetition: a word sequence (1-8 words) repeated more than ``max_repeats``
    times in a row is kept once."""
    words = text.split()
    for size in range(1, 9):
        out: list[str] = []
        i = 0
        while i < len(words):
            unit = words[i:i + size]
            reps = 1
            while words[i + reps * size:i + (reps + 1) * size] == unit and len(unit) == size:
                reps += 1
            if reps > max_repeats:
                out.extend(unit)
                i += reps * size
            else:
                out.append(words[i])
                i += 1
        words = out
    return " ".join(words)


def rejection_reason(text: str, no_speech_prob: float, avg_logprob: float, confidence: float,
                     previous_text: str | None, settings: GuardSettings = GuardSettings()) -> str | None:
    """Why this segment is a hallucination, or None to keep it. Reasons are codes, not text."""
    norm = normalise(text)
    if not norm:
        return "empty"
    if no_speech_prob > settings.no_speech_prob and avg_logprob < settings.logprob_with_no_speech:
        return "no_speech"
    if avg_logprob < settings.min_avg_logprob:
        return "low_logprob"
    if compression_ratio(text) > settings.max_compression_ratio and len(norm) > 40:
        return "compression"
    if any(phrase in norm for phrase in _ALWAYS_BAD):
        return "blocklist"
    if norm in BLOCKLIST and (confidence < settings.min_confidence_for_stock_phrase
                              or no_speech_prob > 0.3):
        return "blocklist"
    if previous_text is not None and norm == normalise(previous_text) and len(norm.split()) >= 2:
        return "repeat_of_previous"
    return None
