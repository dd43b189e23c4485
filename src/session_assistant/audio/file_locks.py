"""Who holds a recording file: the advisory lock a ``SealedWriter`` keeps while it writes.

Start-up recovery, the retention sweep and the orphan sweep (any process) ask here before they
touch a sealed file; the writer creates its file here, locked from the first byte. The lock is an
``flock`` the kernel drops when the writer's process dies, so a killed recorder's file is free.
Without ``fcntl`` (Windows) an open file cannot be deleted anyway, so the answers are permissive.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


def create_locked(path: Path) -> int:
    """Create the file (O_EXCL: never append to or clobber a recording; 0600 from the first byte)
    and hold its "being written" lock, which start-up recovery and the orphan sweep respect.

    A sweep in another process may hold the new, still unlocked file for a moment and remove it
    as an orphan: the lock is waited for, and if the name no longer leads to our file it is made
    again, so nothing is ever written to a file that is gone.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(5):
        fd = os.open(path, flags, 0o600)
        try:
            if fcntl is None:
                return fd
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                if os.path.samestat(os.fstat(fd), os.stat(path)):
                    return fd
            except FileNotFoundError:
                pass
        except BaseException:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        os.close(fd)
    raise OSError(errno.EBUSY, "the recordings folder is being swept; try again")


@contextmanager
def held_for_removal(path: Path) -> Iterator[bool]:
    """Hold a sealed file's lock exclusively while deciding to remove it: yields False when a
    writer holds it (a recording or an import still running), True when no writer can be or
    start writing it until the block ends."""
    if fcntl is None:
        yield True
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def is_being_written(path: Path) -> bool:
    """True while a live ``SealedWriter`` (in any process) holds the file open.

    The lock is an advisory ``flock`` that the kernel drops when the writer's process dies, so a
    file whose recorder was killed reads as not being written. Without ``fcntl`` (Windows) the
    answer is False; there an open file cannot be deleted anyway.
    """
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops our shared lock, if we got it
    return False


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
