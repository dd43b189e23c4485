"""CLI command modules. Each exposes ``register(subparsers)``; order here is the help order."""

from session_assistant.commands import model_cmds, practice_cmds, transcribe_cmds, vault_cmds

COMMAND_MODULES = [vault_cmds, practice_cmds, transcribe_cmds, model_cmds]
