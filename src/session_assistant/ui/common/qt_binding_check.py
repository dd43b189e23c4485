"""Guard against a Qt binding that leaks references to None.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every Qt call that returns nothing. None is not
immortal before Python 3.12, so after a few thousand clicks its count reaches zero and the interpreter aborts
("none_dealloc"), taking unsaved edits with it. ``pyproject.toml`` pins a PySide6 without the bug; this check
covers a window started with another install (an upgraded environment, a bundle built elsewhere).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PROBE_CALLS = 200
# Enough references that no session could spend them (one per Qt call), far below where the count would wrap.
PADDING = 1 << 40


def none_references_lost_per_call() -> float:
    """Call a Qt method that returns nothing ``PROBE_CALLS`` times and measure what None's count lost per call."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return (before - sys.getrefcount(None)) / PROBE_CALLS


def guard_none_refcount() -> bool:
    """If the binding leaks None references, pad None's count so the app cannot abort; True when it had to."""
    if sys.version_info >= (3, 12) or none_references_lost_per_call() < 0.5:
        return False
    from PySide6 import __version__ as binding_version

    log.error("PySide6 %s leaks a reference to None on each Qt call; padding None's count so the window "
              "cannot abort. Run ./scripts/setup to install the pinned PySide6.", binding_version)
    # ob_refcnt is the first field of every object in CPython 3.11 and earlier.
    ctypes.c_ssize_t.from_address(id(None)).value += PADDING
    return True
