"""Where secrets come from: the environment (scripts, tests) or a prompt, never argv."""

from __future__ import annotations

import getpass
import os
import sys

from session_assistant.errors import UserError

PASSPHRASE_ENV = "SESSION_ASSISTANT_PASSPHRASE"
NEW_PASSPHRASE_ENV = "SESSION_ASSISTANT_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "SESSION_ASSISTANT_RECOVERY_KEY"


def _from_env_or_prompt(env: str, prompt: str, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"No passphrase: set {env} or run from a terminal to be asked.")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != value:
        raise UserError("The two entries differ; nothing was changed.")
    return value


def read_passphrase() -> str:
    return _from_env_or_prompt(PASSPHRASE_ENV, "Vault passphrase: ")


def read_new_passphrase() -> str:
    return _from_env_or_prompt(NEW_PASSPHRASE_ENV, "New passphrase: ", confirm=True)


def read_recovery_key() -> str:
    return _from_env_or_prompt(RECOVERY_KEY_ENV, "Recovery key: ")
