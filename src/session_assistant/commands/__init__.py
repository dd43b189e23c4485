"""CLI command modules. Each exposes ``register(subparsers)``; order here is the help order."""

from session_assistant.commands import model_cmds

COMMAND_MODULES = [model_cmds]
