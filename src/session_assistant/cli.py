"""The headless interface: ``session-assistant [--vault DIR] [--json] COMMAND``.

Commands live in ``session_assistant.commands``; each module's ``register(subparsers)`` adds its
parsers and sets ``handler=function(ctx, args) -> int``. Errors the user can fix are ``UserError``:
one clear line on stderr, a non-zero exit, and nothing changed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable

from session_assistant import __version__
from session_assistant.errors import UserError
from session_assistant.paths import AppPaths
from session_assistant.plain_text import json_printable, one_line, printable

log = logging.getLogger(__name__)


class CliContext:
    """What a command handler needs: paths, output mode, and a lazily unlocked practice."""

    def __init__(self, paths: AppPaths, as_json: bool) -> None:
        self.paths = paths
        self.as_json = as_json
        self._practice = None

    def practice(self):
        """Unlock the vault (passphrase from SESSION_ASSISTANT_PASSPHRASE or a prompt)."""
        if self._practice is None:
            from session_assistant.app import open_practice
            from session_assistant.commands.secrets import read_passphrase

            self._practice = open_practice(self.paths, read_passphrase())
        return self._practice

    def emit(self, data: Any, text: str | Callable[[], str] | None = None) -> None:
        """Print JSON with --json, else the readable text (or a plain rendering of data)."""
        # Records may hold control characters (typed before they were refused, or in free text): a
        # printed value must never clear the screen or move the cursor, so everything is escaped.
        if self.as_json:
            print(json_printable(json.dumps(data, indent=2, ensure_ascii=False, default=str)))
            return
        if callable(text):
            text = text()
        print(printable(text if text is not None else _plain(data)))

    def close(self) -> None:
        if self._practice is not None:
            self._practice.close()
            self._practice = None


def _plain(data: Any) -> str:
    if isinstance(data, dict):
        return "\n".join(f"{k}: {one_line(v)}" for k, v in data.items())
    if isinstance(data, list):
        return "\n".join(_plain(item) if not isinstance(item, dict) else
                         "  ".join(f"{k}={one_line(v)}" for k, v in item.items()) for item in data)
    return str(data)


def build_parser() -> argparse.ArgumentParser:
    from session_assistant.commands import COMMAND_MODULES

    parser = argparse.ArgumentParser(prog="session-assistant", description="Offline session notes for therapists.")
    parser.add_argument("--version", action="version", version=f"session-assistant {__version__}")
    parser.add_argument("--vault", type=Path, metavar="DIR", help="vault folder (default: the user data folder)")
    parser.add_argument("--models-dir", type=Path, metavar="DIR", help="models folder (default: models/ beside the app)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0 if args.command is None else 2
    paths = AppPaths.default(vault_dir=args.vault, models_dir=args.models_dir)
    paths.ensure()
    ctx = CliContext(paths, args.json)
    try:
        return int(args.handler(ctx, args) or 0)
    except UserError as error:
        log.info("command %s failed: %s", args.command, type(error).__name__)
        print(f"error: {one_line(error)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("error: interrupted; nothing further was changed.", file=sys.stderr)
        return 130
    finally:
        ctx.close()
