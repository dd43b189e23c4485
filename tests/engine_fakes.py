"""Small stand-ins for Whisper and the note model, for the window tests where the model is a
neighbour, not the thing under test (the real models stay in the engine and end-to-end tests).

Both keep the real engines' contracts: typed results, ``on_progress`` and a ``CancelToken``
checked between segments or tokens, and (the note model) answers that satisfy the JSON schema the
caller asks for, so the drafting, grounding and summary code above them runs for real. Their
output is fixed: a test may assert on it, which it never may on a real model's wording.

    window = build_window(paths, engines=fake_engines())
"""

from __future__ import annotations

import json
import time

import numpy as np

from session_assistant.drafting.note_model import ContextExceeded, Generation
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken, no_progress
from session_assistant.services.engine_loaders import EngineLoaders
from session_assistant.transcribe.engine import DecodeOptions
from session_assistant.transcribe.segments import SAMPLE_RATE, Segment, Transcript, Word

# What the fake transcriber "hears", in turn; the fake note model writes about the same things,
# so its sentences share words with the transcript and are grounded by the real grounding code.
HEARD = ("How have you been sleeping since we last met?",
         "Badly. I wake up at three and keep thinking about work.",
         "What do you do when you wake up like that?",
         "I check my phone and then I cannot sleep again until morning.",
         "Let us try a breathing exercise every evening before bed.",
         "I can try the breathing exercise this week.")
WRITTEN = ("Client reported sleeping badly and waking in the night.",
           "Client described thinking about work at night.",
           "Client checks the phone after waking and cannot sleep again.",
           "Clinician suggested a breathing exercise every evening before bed.",
           "Client agreed to try the breathing exercise this week.",
           "Sleep and the evening routine will be reviewed next session.")


class FakeWhisper:
    """``WhisperEngine``'s interface: one fixed line per ``seconds_per_line`` of audio that holds
    sound; silence gives no segments, and ``lines=()`` hears nothing at all (as Whisper's voice
    filter does with a pure tone). A line's text depends on its time in the recording only, so
    live windows and a whole-file pass agree."""

    name = "fake-whisper"
    voice_encoder = None  # speakers fall back to MFCC features, as without the encoder installed

    def __init__(self, lines=HEARD, seconds_per_line: float = 5.0, seconds_per_call: float = 0.0) -> None:
        self.lines = tuple(lines)
        self.seconds_per_line = seconds_per_line
        self.seconds_per_call = seconds_per_call  # a test that must see "transcribing" can slow it
        self.calls = 0

    def transcribe(self, audio, options: DecodeOptions = DecodeOptions(), on_progress=no_progress,
                   token: CancelToken | None = None, offset_s: float = 0.0, first_id: int = 0) -> Transcript:
        token = token or CancelToken()
        token.raise_if_cancelled()
        self.calls += 1
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        duration = audio.size / SAMPLE_RATE
        step = int(self.seconds_per_line * SAMPLE_RATE)
        segments: list[Segment] = []
        for begin in range(0, audio.size, step):
            if self.seconds_per_call:
                time.sleep(self.seconds_per_call * step / max(audio.size, 1))
            token.raise_if_cancelled()
            piece = audio[begin:begin + step]
            if not self.lines or piece.size < SAMPLE_RATE // 2 or float(np.sqrt(np.mean(piece ** 2))) < 0.005:
                continue
            start = round(offset_s + begin / SAMPLE_RATE, 3)
            end = round(offset_s + (begin + piece.size) / SAMPLE_RATE, 3)
            text = self.lines[int(start // self.seconds_per_line) % len(self.lines)]
            segments.append(Segment(first_id + len(segments), start, end, text, _words(text, start, end),
                                    confidence=0.9))
            on_progress(min(1.0, (begin + piece.size) / audio.size), "transcribing")
        on_progress(1.0, "transcribed")
        return Transcript(options.language or "en", duration, segments)


def _words(text: str, start: float, end: float) -> list[Word]:
    pieces = text.split()
    step = (end - start) / len(pieces)
    return [Word(round(start + i * step, 3), round(start + (i + 1) * step, 3), f" {w}", 0.9)
            for i, w in enumerate(pieces)]


class FakeNoteModel:
    """``NoteModel``'s interface: ``generate_json`` returns the smallest answer the schema allows
    (one item per list unless more are required, the first allowed value of each choice), with
    sentences from ``WRITTEN`` in turn. Streams one token per ``seconds_per_token`` and checks the
    cancel token between tokens, as the real model does."""

    def __init__(self, model_id: str = "fake-note-model", *, seconds_per_token: float = 0.01,
                 context_size: int = 8192) -> None:
        self.model_id = model_id
        self.seconds_per_token = seconds_per_token
        self.context_size = context_size
        self.loads = 0
        self.calls = 0
        self.prefilled: list[list[dict]] = []
        self._loaded = False
        self._written = 0

    @property
    def loaded(self) -> bool:
        return self._loaded

    def load(self) -> "FakeNoteModel":
        if not self._loaded:
            self.loads += 1
            self._loaded = True
        return self

    def close(self) -> None:
        self._loaded = False

    def prefill(self, messages: list[dict], *, cancel: CancelToken | None = None) -> None:
        """The Summary form's warm-up: the fake has no cache to fill; it only loads and notes the call."""
        if cancel is not None:
            cancel.raise_if_cancelled()
        self.load()
        self.prefilled.append(messages)

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 4)  # about what a BPE tokenizer gives for English

    def prompt_tokens(self, messages: list[dict]) -> int:
        return sum(self.count_tokens(m["content"]) + 8 for m in messages) + 8

    def generate_json(self, messages: list[dict], schema: dict, max_tokens: int, *,
                      cancel: CancelToken | None = None, on_token=None, latin_only: bool | None = None) -> Generation:
        self.load()
        self.calls += 1
        needed = self.prompt_tokens(messages) + max_tokens
        if needed > self.context_size:
            raise ContextExceeded(f"The input needs about {needed} tokens but model '{self.model_id}' "
                                  f"holds {self.context_size}; nothing was drafted.")
        started = time.monotonic()
        text = json.dumps(self._answer(schema))
        count = min(max_tokens, self.count_tokens(text))
        for n in range(1, count + 1):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            if self.seconds_per_token:
                time.sleep(self.seconds_per_token)
            if on_token is not None:
                on_token(n)
        return Generation(text, "stop", count, time.monotonic() - started)

    def _answer(self, schema: dict):
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type")
        if kind == "object":
            return {key: self._answer(sub) for key, sub in schema.get("properties", {}).items()}
        if kind == "array":
            least, most = schema.get("minItems", 0), schema.get("maxItems", 1)
            return [self._answer(schema.get("items", {})) for _ in range(min(max(least, 1), most))]
        if kind == "string":
            return self._sentence(schema.get("minLength", 0), schema.get("maxLength", 400))
        if kind == "integer":
            return int(schema.get("minimum", 0))
        if kind == "number":
            return float(schema.get("minimum", 0))
        if kind == "boolean":
            return False
        return None

    def _sentence(self, least: int, most: int) -> str:
        text = WRITTEN[self._written % len(WRITTEN)]
        self._written += 1
        return text.ljust(least, ".")[:most]


def fake_engines(whisper: FakeWhisper | None = None, llm: FakeNoteModel | None = None) -> EngineLoaders:
    """Loaders for the composition root (``build_window(engines=...)``, ``create_practice``, ...):
    the given fakes, or default ones (a fake note model reports the model name it was asked for,
    as the real one reports its id)."""
    whisper = whisper or FakeWhisper()
    return EngineLoaders(whisper=lambda models_dir, name: whisper,
                         llm=lambda models_dir, name: llm or FakeNoteModel(name or "fake-note-model"))
