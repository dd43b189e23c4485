"""Numbered pieces of work taken in turn by several instances of the note model, one thread each.

Both ``window_workers`` (whole windows) and ``side_by_side`` (one window's sections) share it: each
worker takes the lowest index left until none is left or ``stop`` is set; the first failure sets
``stop`` so the others end after their current piece.
"""

from __future__ import annotations

import threading
from typing import Callable, Sequence, TypeVar

from session_assistant.drafting.note_model import NoteModel
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken

Result = TypeVar("Result")


class EitherCancel(CancelToken):
    """Cancelled by the caller's token or by a worker that failed (the others stop too)."""

    def __init__(self, outer: CancelToken | None) -> None:
        super().__init__()
        self._outer = outer

    @property
    def cancelled(self) -> bool:
        return super().cancelled or (self._outer is not None and self._outer.cancelled)

    def raise_if_cancelled(self) -> None:
        if self.cancelled:
            raise Cancelled()


def start_workers(models: Sequence[NoteModel], count: int, run: Callable[[NoteModel, int], Result],
                  deliver: Callable[[int, Result | None, BaseException | None], None], stop: EitherCancel,
                  name: str) -> list[threading.Thread]:
    """One started thread per model running ``run(model, index)`` for the indices ``0..count-1`` in
    turn; each outcome goes to ``deliver(index, result, error)`` from the worker's thread."""
    todo = list(range(count))
    lock = threading.Lock()

    def work(model: NoteModel) -> None:
        while True:
            with lock:
                if stop.cancelled or not todo:
                    return
                index = todo.pop(0)
            try:
                result = run(model, index)
            except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
                stop.cancel()
                deliver(index, None, error)
                return
            deliver(index, result, None)

    threads = [threading.Thread(target=work, args=(m,), name=f"{name}-{n}", daemon=True)
               for n, m in enumerate(models)]
    for thread in threads:
        thread.start()
    return threads


def raise_first_error(errors: dict[int, BaseException], cancel: CancelToken | None) -> None:
    """The lowest-numbered real failure, else Cancelled if any piece or the caller's token was."""
    if errors:
        real = [errors[i] for i in sorted(errors) if not isinstance(errors[i], Cancelled)]
        raise real[0] if real else Cancelled()
    if cancel is not None:
        cancel.raise_if_cancelled()
