"""Entry point: ``session-assistant`` (CLI commands) or ``session-assistant gui`` (the window)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    import os

    if getattr(sys, "frozen", False):  # only a bundle needs it; importing multiprocessing costs every command
        import multiprocessing

        multiprocessing.freeze_support()
    os.umask(0o077)  # everything the app writes (vault, WAL, sealed audio, logs) is private to the user
    from session_assistant.logging_setup import configure_logging
    from session_assistant.paths import AppPaths

    configure_logging(AppPaths.default())
    from session_assistant.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
