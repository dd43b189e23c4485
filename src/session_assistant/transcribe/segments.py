"""Typed transcript values: words, segments and whole transcripts, with JSON-safe round trips.

Everything here is plain data so a caller can persist it (in the vault, never on disk in
plaintext) and rebuild it later with ``from_dict``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SAMPLE_RATE = 16_000  # Whisper's rate; every array in this package is 16 kHz mono float32


@dataclass
class Word:
    start: float
    end: float
    word: str
    prob: float


@dataclass
class Segment:
    """One stretch of speech: times in seconds from the start of the recording."""

    id: int
    start: float
    end: float
    text: str
    words: list[Word] = field(default_factory=list)
    confidence: float = 0.0  # mean word probability (or exp(avg_logprob) without words), 0..1
    speaker: str | None = None
    # Voice features used to tell speakers apart; kept so speakers can be (re)assigned after a
    # restart without the audio. Not part of the public JSON of the CLI.
    voice: list[float] | None = None
    # The speaker encoder that made ``voice`` (a model id; None: GE2E, the only one before
    # 2026-12-01, or the MFCC fallback). Prints of two encoders are never compared.
    voice_model: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Segment":
        words = [Word(**w) for w in data.get("words", [])]
        return cls(**{**data, "words": words})

    def public(self) -> dict:
        """The fields a user sees: id, start, end, speaker, text."""
        return {"id": self.id, "start": round(self.start, 2), "end": round(self.end, 2),
                "speaker": self.speaker, "text": self.text}


@dataclass
class Transcript:
    language: str
    duration_s: float
    segments: list[Segment] = field(default_factory=list)
    # How the speakers were named (method, confidence, scores); shown, not stored with the segments.
    speaker_naming: dict | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments).strip()

    @property
    def naming_check(self) -> str:
        """The naming's warning for the clinician (a voice profile that did not decide), or ''."""
        return (self.speaker_naming or {}).get("check", "")

    def public(self) -> dict:
        shown = {"language": self.language, "duration_s": round(self.duration_s, 2),
                 "segments": [s.public() for s in self.segments]}
        if self.speaker_naming:
            shown["speaker_naming"] = self.speaker_naming
        return shown

    def to_dict(self) -> dict:
        return {"language": self.language, "duration_s": self.duration_s,
                "segments": [s.to_dict() for s in self.segments]}

    @classmethod
    def from_dict(cls, data: dict) -> "Transcript":
        return cls(data["language"], data["duration_s"], [Segment.from_dict(s) for s in data["segments"]])
