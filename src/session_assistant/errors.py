"""Errors the user can act on. Their message is one clear line, free of PHI."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; the CLI prints ``str(error)`` and exits with ``exit_code``."""

    exit_code = 2


class NotFound(UserError):
    exit_code = 3


class VaultLocked(UserError):
    exit_code = 4


class WrongPassphrase(UserError):
    exit_code = 5


class VaultCorrupt(UserError):
    exit_code = 6


class ImmutableRecord(UserError):
    exit_code = 7


class DiskFull(UserError):
    exit_code = 8


class ModelUnavailable(UserError):
    exit_code = 9


class Cancelled(Exception):
    """Raised inside long work when its cancel token is set."""


class VaultBusy(UserError):
    """Another window or process held the vault's write lock for longer than the app waits."""

    exit_code = 16
