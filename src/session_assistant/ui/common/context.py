"""What every screen is handed: paths, pools, settings, the open practice and in-memory session state.

Built once by ``app_main`` (the composition root) and passed down; nothing looks it up globally.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from session_assistant.clock import Clock
from session_assistant.drafting.grounding import forget_cached_text
from session_assistant.paths import AppPaths
from session_assistant.ui.common.ui_settings import UiSettings
from session_assistant.ui.common.widgets import ClipboardGuard
from session_assistant.ui.common.worker import Pools


@dataclass
class SessionWork:
    """In-memory state of one appointment's session while the vault is unlocked (PHI: cleared on lock).

    ``stage`` is one of "", "recording", "transcribing", "drafting", "ready", "failed".
    """

    stage: str = ""
    progress: float | None = None  # 0..1 of the running work (the agenda shows it as a percentage)
    transcript: Any = None  # transcribe.segments.Transcript
    utterances: list = field(default_factory=list)  # drafting Utterance list the evidence ids point into
    draft: Any = None  # drafting.Draft


@dataclass
class UiContext:
    paths: AppPaths
    pools: Pools
    settings: UiSettings
    clipboard: ClipboardGuard
    clock: Clock | None = None  # None: real time (tests inject a FixedClock)
    wall: Callable[[], float] = time.time
    practice: Any = None  # app.Practice while unlocked
    sessions: dict[int, SessionWork] = field(default_factory=dict)  # appointment id -> work
    model_overrides: dict[str, str] = field(default_factory=dict)  # tests: {"llm": "...", "whisper": "..."}
    engines: Any = None  # services.engine_loaders.EngineLoaders; None: the real engines (tests pass fakes)

    def session(self, appointment_id: int) -> SessionWork:
        return self.sessions.setdefault(appointment_id, SessionWork())

    def model_name(self, kind: str) -> str | None:
        chosen = self.model_overrides.get(kind) or (self.settings.note_model if kind == "llm"
                                                    else self.settings.whisper_model)
        return chosen or None

    def save_settings(self) -> None:
        self.settings.save(self.paths.config_dir)

    def forget_phi(self) -> None:
        """Drop every in-memory clinical value (on lock)."""
        self.sessions.clear()
        self.clipboard.clear_ours()
        forget_cached_text()  # the drafting checks' caches of transcript words and lines
