"""The one thread that writes the vault (style rule 4: one writer, reads from anywhere).

``VaultWriter.call(fn)`` runs ``fn`` on the writer thread and returns its result (or raises its
exception) to the caller, whatever thread that is; a call made on the writer thread itself runs at
once, so a write method may call another. ``VaultWriter.submit(fn)`` queues ``fn`` the same way but
returns a ``Future`` at once (the window's ``VaultOp`` uses it so the GUI thread never waits behind
a long write); both share one queue, so writes land in the order they were asked for. Service
methods that write are marked ``@writes``; the vault's own rows (creation, migrations, sign-in,
passphrase, backup and restore records) and the audio engine's notices go through
``db.writer.call``. Only the transaction goes to the writer: model work, PDF bytes and file copies
stay on the caller's thread, so the writer's turns stay short.
Nothing on the writer thread may wait for the GUI thread (which may be waiting for the writer).

``WRITE_CHECK`` is the test flag: set it to a list and every ``VaultDatabase.transaction()`` begun
on any other thread appends where it came from (module and function names only, never data), so
a test fails if a write escapes the writer.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

WRITE_CHECK: list[str] | None = None  # tests only: a list collects writes made off the writer thread


class VaultWriter:
    """One thread, owned by the open ``VaultDatabase``; every marked write runs on it in turn."""

    def __init__(self, holds_read_lock: Callable[[], bool]) -> None:
        self._ident: int | None = None
        self.closed = False  # set once every queued write has run and the thread has stopped
        self._holds_read_lock = holds_read_lock
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault-writer",
                                        initializer=self._remember_thread)

    def _remember_thread(self) -> None:
        self._ident = threading.get_ident()

    @property
    def on_writer_thread(self) -> bool:
        return threading.get_ident() == self._ident

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the writer thread, wait for it, and hand back its result or its exception."""
        if self.on_writer_thread:
            return fn()
        if self._holds_read_lock():
            # The caller is inside ``db.read()``: waiting for the writer (which needs that lock)
            # would deadlock. Run here; the test flag reports it so it gets fixed.
            log.warning("vault write requested while holding a read; written on the calling thread")
            return fn()
        return self._pool.submit(fn).result()

    def submit(self, fn: Callable[[], T]) -> Future:
        """Queue ``fn`` on the writer thread and return its ``Future`` without waiting.

        On the writer thread itself (or inside a read, as in ``call``) ``fn`` runs at once and the
        future comes back done: waiting for a later turn of this same thread would never end.
        """
        if not (self.on_writer_thread or self._holds_read_lock()):
            return self._pool.submit(fn)
        if not self.on_writer_thread:
            log.warning("vault write requested while holding a read; written on the calling thread")
        future: Future = Future()
        try:
            future.set_result(fn())
        except BaseException as error:  # noqa: BLE001 - handed to whoever reads the future
            future.set_exception(error)
        return future

    def close(self) -> None:
        """Stop after every queued write has run (submitted ones included: none is dropped)."""
        self._pool.shutdown(wait=True)
        self.closed = True


def note_foreign_write(writer: VaultWriter) -> None:
    """Under the test flag: remember a transaction begun off the writer thread (names only)."""
    if WRITE_CHECK is None or writer.on_writer_thread:
        return
    frame, names = sys._getframe(1), []
    while frame is not None and len(names) < 6:
        module = frame.f_globals.get("__name__", "?")
        if module.startswith("session_assistant") and not module.endswith(("database", "writer")):
            names.append(f"{module}.{frame.f_code.co_name}")
        frame = frame.f_back
    WRITE_CHECK.append(f"{threading.current_thread().name}: {' <- '.join(names)}")


def writes(method: Callable[..., T]) -> Callable[..., T]:
    """Mark a method of an object with a ``db`` (a ``VaultDatabase``): it runs on the vault's writer."""

    @functools.wraps(method)
    def on_writer(self, *args: Any, **kwargs: Any) -> T:
        return self.db.writer.call(lambda: method(self, *args, **kwargs))

    return on_writer
