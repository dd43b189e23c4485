"""Where secrets come from: the environment (scripts, tests) or a prompt, never argv."""

from __future__ import annotations

import getpass
import os
import sys

from session_assistant.errors import UserError

PASSPHRASE_ENV = "SESSION_ASSISTANT_PASSPHRASE"
NEW_PASSPHRASE_ENV = "SESSION_ASSISTANT_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "SESSION_ASSISTANT_RECOVERY_KEY"


def read_secret(env: str, prompt: str, confirm: bool = False) -> str:
    """A secret from ``env`` (scripts, tests) or asked at the terminal; never from argv."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"No passphrase: set {env} or run from a terminal to be asked. Nothing was changed.")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != value:
        raise UserError("The two entries differ; nothing was changed.")
    return value



def read_passphrase() -> str:
    return read_secret(PASSPHRASE_ENV, "Vault passphrase: ")


def read_new_passphrase() -> str:
    return read_secret(NEW_PASSPHRASE_ENV, "New passphrase: ", confirm=True)


def read_recovery_key() -> str:
    return read_secret(RECOVERY_KEY_ENV, "Recovery key: ")
