"""Hands recorded chunks to a LiveTranscriber that may not be ready yet (the model is loading)."""

from __future__ import annotations

import threading

import numpy as np


class LiveFeed:
    """``on_chunk`` runs on the recorder's writer thread; ``attach`` on the GUI thread.

    Chunks that arrive before the transcriber exists are kept (in memory only) and fed first,
    so the live transcript starts at the recording's first second.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[np.ndarray] = []
        self.live = None

    def on_chunk(self, samples: np.ndarray) -> None:
        with self._lock:
            if self.live is None:
                self._pending.append(samples)
            else:
                self.live.feed(samples)

    def attach(self, live) -> None:
        with self._lock:
            for block in self._pending:
                live.feed(block)
            self._pending.clear()
            self.live = live

    def forget(self) -> None:
        with self._lock:
            self._pending.clear()
            self.live = None
