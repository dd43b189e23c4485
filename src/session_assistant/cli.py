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

from session_assistant.errors import UserError, VaultBusy
from session_assistant.paths import AppPaths
from session_assistant.plain_text import json_printable, one_line, printable

log = logging.getLogger(__name__)


class CliContext:
    """What a command handler needs: paths, output mode, and a lazily unlocked practice."""

    def __init__(self, paths: AppPaths, as_json: bool, busy_wait_s: float | None = None) -> None:
        self.paths = paths
        self.as_json = as_json
        self.busy_wait_s = busy_wait_s  # None: the vault's default wait for a busy vault
        self._practice = None

    def practice(self):
        """Unlock the vault (passphrase from SESSION_ASSISTANT_PASSPHRASE or a prompt)."""
        if self._practice is None:
            from session_assistant.app import open_practice
            from session_assistant.commands.secrets import read_passphrase

            self._practice = open_practice(self.paths, read_passphrase(), on_busy=_say_busy,
                                           busy_wait_s=self.busy_wait_s)
            for notice in self._practice.vault.signin_notices:
                print(f"note: {notice}", file=sys.stderr)
            self._mention_notices()
        return self._practice

    def _mention_notices(self) -> None:
        """The start-up sweep may have shredded audio untranscribed or missed a file: say so on
        every command, until the clinician has read the notices."""
        count = len(self._practice.recordings.notices())
        if count:
            print(f"note: {count} unread notice(s) about recordings: session-assistant recordings notices",
                  file=sys.stderr)

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


def _say_busy() -> None:
    from session_assistant.vault.database import BUSY_WAITING

    print(BUSY_WAITING, file=sys.stderr, flush=True)


# SQLite stores integers in 64 bits: a larger number reaching a query raises OverflowError.
_INT_LIMIT = 2 ** 63 - 1


def _bounded_int(text: str) -> int:
    """``type=int`` for every option: a whole number SQLite can hold, refused in one line otherwise."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
    if abs(value) > _INT_LIMIT:
        raise argparse.ArgumentTypeError("that number is out of range")
    return value


def _busy_wait_seconds(text: str) -> float:
    """``--busy-wait``: a number of seconds from 0 (one try) to a day, refused in one line otherwise."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of seconds") from None
    if not 0 <= value <= 86400:
        raise argparse.ArgumentTypeError("give between 0 and 86400 seconds")
    return value


class CliParser(argparse.ArgumentParser):
    """Every (sub)parser: numbers are range-checked, and a usage error is one line."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.register("type", int, _bounded_int)

    def error(self, message: str):
        self.exit(2, f"error: {self.prog}: {message} (see --help)\n")


def _plain(data: Any) -> str:
    if isinstance(data, dict):
        return "\n".join(f"{k}: {one_line(v)}" for k, v in data.items())
    if isinstance(data, list):
        return "\n".join(_plain(item) if not isinstance(item, dict) else
                         "  ".join(f"{k}={one_line(v)}" for k, v in item.items()) for item in data)
    return str(data)


class _VersionAction(argparse._VersionAction):
    """``--version``, reading the version only when asked (see ``session_assistant.__getattr__``)."""

    def __call__(self, parser, namespace, values, option_string=None):
        import session_assistant

        self.version = f"session-assistant {session_assistant.__version__}"
        super().__call__(parser, namespace, values, option_string)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--vault", type=Path, metavar="DIR", help="vault folder (default: the user data folder)")
    parser.add_argument("--models-dir", type=Path, metavar="DIR", help="models folder (default: models/ beside the app)")
    parser.add_argument("--json", action="store_true", help="machine-readable output (here or after the command)")
    parser.add_argument("--busy-wait", type=_busy_wait_seconds, metavar="SECONDS",
                        help="how long a change waits for a vault busy in another window or process "
                             "before giving up (default: 30)")


class _Unsure(Exception):
    """The global options alone could not be read: the full parser will say what is wrong."""


class _CommandFinder(CliParser):
    def error(self, message: str):
        raise _Unsure(message)


def command_given(argv: list[str]) -> str | None:
    """The command ``argv`` names, read past the global options (abbreviations included) by the same
    argparse rules as the full parser; None when there is none or the options do not parse."""
    finder = _CommandFinder(prog="session-assistant", add_help=False)
    finder.add_argument("-h", "--help", "--version", action="store_true", dest="top_level")
    _add_global_options(finder)
    finder.add_argument("command", nargs="?")
    finder.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        found, _ = finder.parse_known_args(argv)
    except _Unsure:
        return None
    return None if found.top_level else found.command  # the top-level help lists every command


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole CLI; given ``argv`` that names a command, only that command's module is imported
    and built (its parsers are the same: the commands of other modules are simply absent)."""
    from session_assistant.commands import command_modules, module_of

    parser = CliParser(prog="session-assistant", description="Offline session notes for therapists.")
    parser.add_argument("--version", action=_VersionAction)
    _add_global_options(parser)
    # Some commands declare their own --json (dest cmd_json); it means the same as the global one.
    parser.set_defaults(cmd_json=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(only=module_of(command_given(argv)) if argv is not None else None):
        module.register(sub)
    _accept_json_after_the_command(parser)
    return parser


def _accept_json_after_the_command(parser: argparse.ArgumentParser) -> None:
    """Give every (sub)command a ``--json`` of its own, so ``clients add ... --json`` works as well
    as ``--json clients add ...``. Its default is SUPPRESS: a subcommand that was not given
    ``--json`` leaves the global flag's value alone instead of resetting it to False."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for child in set(action.choices.values()):
            if "--json" not in child._option_string_actions:
                child.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                                   help="machine-readable output")
            _accept_json_after_the_command(child)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0 if args.command is None else 2
    paths = AppPaths.default(vault_dir=args.vault, models_dir=args.models_dir)
    paths.ensure()
    args.json = args.cmd_json = bool(args.json or args.cmd_json)  # one meaning, wherever it was given
    ctx = CliContext(paths, args.json, args.busy_wait)
    try:
        return int(args.handler(ctx, args) or 0)
    except UserError as error:
        log.info("command %s failed: %s", args.command, type(error).__name__)
        print(f"error: {one_line(error)}", file=sys.stderr)
        return error.exit_code
    except Exception as error:  # noqa: BLE001 - only SQLite's "database is locked" becomes a line here
        from session_assistant.vault.database import BUSY_WAIT_S, busy_gave_up, is_busy_error

        if not is_busy_error(error):  # a busy error outside a transaction (a checkpoint, a migration)
            raise
        print(f"error: {busy_gave_up(BUSY_WAIT_S if args.busy_wait is None else args.busy_wait)}", file=sys.stderr)
        return VaultBusy.exit_code
    except KeyboardInterrupt:
        print("error: interrupted; nothing further was changed.", file=sys.stderr)
        return 130
    finally:
        ctx.close()
