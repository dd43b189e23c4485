"""The one contract for long work: ``on_progress(fraction, message)`` plus a cancel token.

Every long engine function takes both and checks the token between units of work
(Whisper segments, generated tokens, sealed chunks), raising ``Cancelled``.
"""

from __future__ import annotations

import threading
from typing import Callable, Protocol

from session_assistant.errors import Cancelled


class ProgressCallback(Protocol):
    def __call__(self, fraction: float, message: str) -> None: ...


def no_progress(fraction: float, message: str) -> None:
    """A progress callback for callers that don't show progress."""


class CancelToken:
    """Thread-safe flag set by the caller; long work polls it via ``raise_if_cancelled``."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


ProgressFn = Callable[[float, str], None]
