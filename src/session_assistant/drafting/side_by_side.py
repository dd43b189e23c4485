"""One window's sections on two instances of the note model at once: the tail left at Stop.

Why: after Stop only the last window is left, and ``window_workers`` gives each instance whole
windows, so on two cores the second instance had nothing to do while the first wrote four
sections one after another (on one core ~60 s for a 600-token therapy window; writing is most of
it). Here the first instance reads the window once (``NoteModel.prefill``: system prompt and
transcript part, the start every section's prompt shares), the others take a copy of that cache
(``NoteModel.take_cache_from``) and the instances take the sections in turn, each reading only its
own request. Each section's prompt is the one the sections get one after another, decoding is
greedy, and the sections are kept in their order, so the window's facts are the same.
"""

from __future__ import annotations

import threading
from typing import Callable, Sequence

from session_assistant.drafting.note_model import NoteModel
from session_assistant.drafting.shared_work import EitherCancel, raise_first_error, start_workers
from session_assistant.jobs.progress import CancelToken

PassResult = tuple[list[dict], str | None]


def passes_side_by_side(model: NoteModel, helpers: Sequence[NoteModel], shared_start: list[dict], count: int,
                        run_pass: Callable[[NoteModel, int, CancelToken], PassResult],
                        cancel: CancelToken | None) -> list[PassResult]:
    """``run_pass(model, index, cancel)`` for every pass index, on ``model`` and the ``helpers`` at
    once; the results in pass order. ``shared_start`` (the messages every pass's prompt starts with)
    is read once, by ``model``, then copied to each helper.

    Raises: Cancelled (the caller's token), or the first failing pass's error.
    """
    stop = EitherCancel(cancel)
    failed: list[NoteModel] = []

    def load(helper: NoteModel) -> None:  # beside the reading: a sibling's context takes a second or two
        try:
            helper.load()
        except Exception:  # noqa: BLE001 - e.g. no memory for a second context: the first writes them all
            failed.append(helper)

    loading = [threading.Thread(target=load, args=(h,), name="draft-section-load", daemon=True) for h in helpers]
    for thread in loading:
        thread.start()
    try:
        model.prefill(shared_start, cancel=stop)
    finally:
        for thread in loading:
            thread.join()
    helpers = [h for h in helpers if h not in failed]
    for helper in helpers:
        helper.take_cache_from(model)  # where it cannot, the helper reads the window itself: slower, same facts

    results: dict[int, PassResult] = {}
    errors: dict[int, BaseException] = {}

    def deliver(index: int, result: PassResult | None, error: BaseException | None) -> None:
        if error is not None:
            errors[index] = error
        else:
            results[index] = result

    threads = start_workers([model, *helpers], count, lambda worker, index: run_pass(worker, index, stop),
                            deliver, stop, "draft-section")
    for thread in threads:
        thread.join()
    raise_first_error(errors, cancel)
    return [results[i] for i in range(count)]
