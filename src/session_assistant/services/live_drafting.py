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
from session_assistant.drafting.draft_result import Draft
from session_assistant.drafting.window_workers import extract_windows
from session_assistant.jobs.progress import CancelToken, ProgressFn
from session_assistant.jobs.queue import JobQueue

# ~4 minutes of conversation. On two cores a window's extraction takes about as long as its
# prompt (~10 s) plus its facts (~20-35 s), so the tail left at Stop fits the one-minute target.
WINDOW_TOKENS = 600
FACTS_PER_SECTION = 4


class JobCheckpointStore:
    """The accumulator's state kept as the draft job's checkpoints, one per extracted window."""

    def __init__(self, jobs: JobQueue, job_id: int, fmt: str) -> None:
        self.jobs, self.job_id, self.format = jobs, job_id, fmt
        # The lines and speakers of each saved window, read once: a save compares the state with these,
        # not with every checkpoint read back from the vault (a long session's saves read them all each time).
        self._saved = [_lines_and_speakers(w) for w in self._windows()]

    def _windows(self) -> list[dict]:
        return [c["window"] for c in self.jobs.checkpoints(self.job_id)
                if isinstance(c, dict) and c.get("format") == self.format and "window" in c]

    def load(self) -> dict | None:
        windows = self._windows()
        if not windows:
            return None
        return {"version": STATE_VERSION, "format": self.format, "windows": windows}

    def save(self, state: dict) -> None:
        windows = state["windows"]
        if [_lines_and_speakers(w) for w in windows[:len(self._saved)]] == self._saved:
            for window in windows[len(self._saved):]:
                self.jobs.save_checkpoint(self.job_id, {"format": self.format, "window": window})
        else:  # a window was dropped (its speakers changed): the checkpoints become the state's, in one step
            self.jobs.replace_checkpoints(self.job_id, [{"format": self.format, "window": w} for w in windows],
                                          lambda c: isinstance(c, dict) and c.get("format") == self.format)
        self._saved = [_lines_and_speakers(w) for w in windows]

    @property
    def has_windows(self) -> bool:
        return bool(self._saved)

    def window_cut(self) -> dict:
        """How the saved windows were cut ({"window_tokens", "facts_per_section"}), for the rest to be
        cut the same way: an import's windows (the windowed ``draft_note``, 1,000 tokens) differ
        from a live session's. Empty for windows saved before the cut was kept with them (live ones)."""
        windows = self._windows()
        first = windows[0] if windows else {}
        return {key: first[key] for key in ("window_tokens", "facts_per_section") if first.get(key)}


def _lines_and_speakers(window: dict) -> tuple:
    return list(window["segment_ids"]), list(window.get("speakers") or [])


def accumulator(model: NoteModel, store: JobCheckpointStore, fmt: str, subject: str = "client",
                facts_per_section: int | None = None, pronouns: str | None = None,
                window_tokens: int = WINDOW_TOKENS) -> DraftAccumulator:
    """An accumulator that resumes from (and saves to) the draft job's checkpoints."""
    return DraftAccumulator(model.load(), fmt, subject=subject, store=store, window_tokens=window_tokens,
                            facts_per_section=facts_per_section or FACTS_PER_SECTION, pronouns=pronouns)


def resumed_accumulator(model: NoteModel, store: JobCheckpointStore, fmt: str, pronouns: str | None,
                        facts_per_section: int | None) -> DraftAccumulator:
    """An accumulator going on from the saved windows, cutting the rest as they were cut."""
    cut = store.window_cut()
    return accumulator(model, store, fmt, pronouns=pronouns,
                       facts_per_section=cut.get("facts_per_section") or facts_per_section,
                       window_tokens=cut.get("window_tokens") or WINDOW_TOKENS)


def drafting_helpers(model: NoteModel, cores: int | None = None) -> list[NoteModel]:
    """Other instances of the note model for the cores drafting leaves idle once transcription is
    done (``NoteModel.sibling``): none on one core, none for a model that has no ``sibling``."""
    sibling = getattr(model, "sibling", None)
    helper = sibling(cores) if sibling is not None and cores != 1 else None
    return [helper] if helper is not None else []


def finish_windows(acc: DraftAccumulator, utterances: list, helpers: list[NoteModel], on_progress: ProgressFn,
                   cancel: CancelToken | None) -> Draft:
    """The rest of a session whose first windows are saved: extract the others (with ``helpers``
    beside the model, ``window_workers``), then compose the note from all of them."""
    acc.queue(utterances)
    extract_windows(acc, helpers, on_progress=lambda f, m: on_progress(0.9 * f, m), cancel=cancel)
    return acc.finish(on_progress=lambda f, m: on_progress(0.9 + 0.1 * f, m), cancel=cancel)
