"""``session-assistant gui``: start the desktop window."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the window)")
    # For bench/ui_startup.py: write the wall time when the first screen is on show, then quit.
    p.add_argument("--startup-stamp", type=str, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=_gui)


def _gui(ctx, args) -> int:
    from session_assistant.output_files import checked_output
    from session_assistant.ui.shell.app_main import run_gui

    if args.startup_stamp:  # like every output file: never the vault folder, never over a file
        checked_output(args.startup_stamp, ctx.paths.vault_dir)
    return run_gui(ctx.paths, startup_stamp=args.startup_stamp)
