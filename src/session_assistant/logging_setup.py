"""Rotating logs under the user log folder. Log lines carry ids and event names, never PHI."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback

from session_assistant.paths import AppPaths


def configure_logging(paths: AppPaths, level: int = logging.INFO) -> None:
    paths.ensure()
    handler = logging.handlers.RotatingFileHandler(
        paths.log_dir / "session-assistant.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Third-party libraries may log user content (file names, decoded text): keep them quiet.
    for noisy in ("faster_whisper", "pyhanko", "fontTools", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    def excepthook(kind, value, tb):
        # The traceback names code locations only; the message itself may quote data, so it is dropped.
        logging.getLogger("crash").error("unhandled %s\n%s", kind.__name__, "".join(traceback.format_tb(tb)))
        sys.__excepthook__(kind, value, tb)

    sys.excepthook = excepthook
