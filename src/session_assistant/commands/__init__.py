"""CLI command modules. Each exposes ``register(subparsers)``; order here is the help order.

``COMMANDS`` names the commands each module registers, so the CLI can import and build only the
module of the command it was given (a command's start-up then pays for nothing else); ``--help``
without a command, and anything unrecognised, build them all. A test checks the names against
what each module registers.
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS: dict[str, tuple[str, ...]] = {
    "vault_cmds": ("init", "passphrase", "backup", "accept-state", "restore", "audit"),
    "practice_cmds": ("profile", "clients", "appointments", "notes"),
    "chart_cmds": ("assessments", "diagnoses", "plans", "summary"),
    "recording_cmds": ("record", "recordings", "shred"),
    "session_cmds": ("sessions",),
    "transcribe_cmds": ("transcribe",),
    "draft_cmds": ("draft",),
    "document_cmds": ("export", "verify"),
    "model_cmds": ("models",),
    "gui_cmds": ("gui",),
    "selfcheck_cmds": ("self-check",),
}


def command_module(module_name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{module_name}")


def module_of(command: str | None) -> str | None:
    """The module that registers ``command`` (None for no or an unknown command)."""
    return next((module for module, names in COMMANDS.items() if command in names), None)


def command_modules(only: str | None = None) -> list[ModuleType]:
    """The command modules in help order; with ``only``, just that one."""
    return [command_module(name) for name in COMMANDS if only is None or name == only]
