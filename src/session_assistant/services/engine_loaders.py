"""How the practice loads its heavy engines, chosen once by the composition root.

``SessionPipeline`` asks ``EngineLoaders`` for Whisper and for the note model instead of naming
faster-whisper and llama.cpp itself, so a caller can hand it other engines: the window's tests
give small fakes (tests/engine_fakes.py) and keep the real models for the engine tests and the
end-to-end tests. The defaults are the product's engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


def load_whisper(models_dir: Path, name: str | None):
    """faster-whisper from ``models/`` (``name`` None: the registry's default)."""
    from session_assistant.transcribe.engine import WhisperEngine

    return WhisperEngine.from_registry(models_dir, name)


def load_note_model(models_dir: Path, name: str | None):
    """The llama.cpp note model from ``models/``, not loaded yet (``load()`` reads the weights)."""
    from session_assistant.drafting import NoteModel

    return NoteModel.from_registry(models_dir, name)


@dataclass(frozen=True)
class EngineLoaders:
    """``whisper(models_dir, name)`` and ``llm(models_dir, name)``: each returns an engine with the
    interface of ``WhisperEngine`` or ``NoteModel``."""

    whisper: Callable[[Path, str | None], Any] = load_whisper
    llm: Callable[[Path, str | None], Any] = load_note_model
