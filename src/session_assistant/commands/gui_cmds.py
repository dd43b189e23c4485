"""``session-assistant gui``: start the desktop window."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the window)")
    p.add_argument("--quit-after-ms", type=int, default=None, help=argparse.SUPPRESS)  # start-up benchmark
    p.set_defaults(handler=_gui)


def _gui(ctx, args) -> int:
    from session_assistant.ui.app_main import run_gui

    return run_gui(ctx.paths, quit_after_ms=args.quit_after_ms)
