"""Extract a finished transcript's windows two at a time, each on its own instance of the note model.

Why: an import (or a Resume, or Draft again) drafts a long session after transcription, when both
cores are free, but one llama.cpp thread (``note_model.drafting_threads``, chosen for a live session
where Whisper holds the other core) leaves the second core idle. Two threads inside one llama.cpp
context would meet at a barrier after every layer; two contexts of the same GGUF (mmapped, so the
weights are in memory once), one thread each, on two worker threads (ctypes releases the GIL while
llama.cpp computes) run side by side.

The note is the same: the windows are cut exactly as one window after another cuts them
(``DraftAccumulator.planned_windows``), each window's prompts are the same, decoding is greedy, and
the extracts are kept in window order (a checkpoint each), so the composition sees the same facts in
the same order. A window that finished after one that failed or was cancelled is not kept: a resume
redoes it (never more than one window per helper).
"""

from __future__ import annotations

import queue
import threading
from typing import Sequence

from session_assistant.drafting.accumulator import DraftAccumulator
from session_assistant.drafting.note_model import NoteModel
from session_assistant.drafting.shared_work import EitherCancel, raise_first_error, start_workers
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress


def extract_windows(acc: DraftAccumulator, helpers: Sequence[NoteModel], *, tail: bool = True,
                    on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> int:
    """Extract every pending window (with ``tail``, the last, shorter one too) with ``acc``'s model
    and the ``helpers`` at once; returns the windows kept. Call it from one thread, as the
    accumulator's other methods.

    Raises: Cancelled (the caller's token), or the first failing window's error.
    """
    windows = acc.planned_windows(tail=tail)
    if not windows:
        return 0
    if len(windows) == 1 and helpers:  # the tail at Stop: the helpers write some of its sections
        record = acc.extract_window(acc.model, windows[0], acc.windows_done + 1, on_progress, cancel, helpers)
        acc.commit_window(record)
        on_progress(1.0, f"Drafting part {acc.windows_done}: done")
        return 1
    models = [acc.model, *helpers][:len(windows)]
    first = acc.windows_done + 1
    stop = EitherCancel(cancel)
    results: queue.Queue = queue.Queue()
    report_lock = threading.Lock()
    shares = [0.0] * len(windows)
    shown = [0.0]

    def report(index: int, fraction: float, message: str) -> None:  # from either worker
        with report_lock:
            shares[index] = max(shares[index], fraction)
            shown[0] = max(shown[0], sum(shares) / len(windows))
            on_progress(shown[0], message)

    def extract(model: NoteModel, index: int) -> dict:
        return acc.extract_window(model, windows[index], first + index,
                                  lambda f, m, i=index: report(i, min(f, 0.99), m), stop)

    threads = start_workers(models, len(windows), extract, lambda *outcome: results.put(outcome), stop,
                            "draft-window")
    finished: dict[int, dict] = {}
    errors: dict[int, BaseException] = {}
    kept = 0
    while any(t.is_alive() for t in threads) or not results.empty():
        try:
            index, record, error = results.get(timeout=0.2)
        except queue.Empty:
            continue
        if error is not None:
            errors[index] = error
            continue
        finished[index] = record
        while kept in finished:  # in window order (each a checkpoint); a failed window stops it
            acc.commit_window(finished.pop(kept))
            report(kept, 1.0, f"Drafting part {first + kept}: done")
            kept += 1
    for thread in threads:
        thread.join()
    raise_first_error(errors, cancel)
    return kept
