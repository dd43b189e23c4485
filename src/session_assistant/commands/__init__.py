"""CLI command modules. Each exposes ``register(subparsers)``; order here is the help order."""

from session_assistant.commands import (chart_cmds, document_cmds, draft_cmds, gui_cmds, model_cmds, practice_cmds,
                                        recording_cmds, selfcheck_cmds, session_cmds, transcribe_cmds, vault_cmds)

COMMAND_MODULES = [vault_cmds, practice_cmds, chart_cmds, recording_cmds, session_cmds, transcribe_cmds, draft_cmds,
                   document_cmds, model_cmds, gui_cmds, selfcheck_cmds]
