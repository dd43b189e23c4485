"""Drafting while the session is recorded.

As the live transcript grows, the note's facts are extracted window by window (the drafting
``DraftAccumulator``), so after Stop only the last window and the composition remain. Each
extracted window is a checkpoint of the appointment's draft job, in the vault: extracts quote the
session, so they are PHI and never touch the disk in the clear, and a crash loses no finished
window.
"""

from __future__ import annotations

from session_assistant.drafting import DraftAccumulator, NoteModel
from session_assistant.drafting.accumulator import STATE_VERSION
from session_assistant.jobs.queue import JobQueue

# ~4 minutes of conversation. On two cores a window's extraction takes about as long as its
# prompt (~10 s) plus its facts (~20-35 s), so the tail left at Stop fits the one-minute target.
WINDOW_TOKENS = 600
FACTS_PER_SECTION = 4


class JobCheckpointStore:
    """The accumulator's state kept as the draft job's checkpoints, one per extracted window."""

    def __init__(self, jobs: JobQueue, job_id: int, fmt: str) -> None:
        self.jobs, self.job_id, self.format = jobs, job_id, fmt
        self._saved = len(self._windows())

    def _windows(self) -> list[dict]:
        return [c["window"] for c in self.jobs.checkpoints(self.job_id)
                if isinstance(c, dict) and c.get("format") == self.format and "window" in c]

    def load(self) -> dict | None:
        windows = self._windows()
        if not windows:
            return None
        return {"version": STATE_VERSION, "format": self.format, "windows": windows}

    def save(self, state: dict) -> None:
        for window in state["windows"][self._saved:]:
            self.jobs.save_checkpoint(self.job_id, {"format": self.format, "window": window})
        self._saved = len(state["windows"])

    @property
    def has_windows(self) -> bool:
        return self._saved > 0


def accumulator(model: NoteModel, store: JobCheckpointStore, fmt: str, subject: str = "client",
                facts_per_section: int | None = None, pronouns: str | None = None) -> DraftAccumulator:
    """An accumulator that resumes from (and saves to) the draft job's checkpoints."""
    return DraftAccumulator(model.load(), fmt, subject=subject, store=store, window_tokens=WINDOW_TOKENS,
                            facts_per_section=facts_per_section or FACTS_PER_SECTION, pronouns=pronouns)
