"""Vault keys: a random raw SQLCipher key, wrapped under the passphrase and under a recovery key.

The envelope file (``vault.keys``) holds only salts, KDF parameters and AES-256-GCM ciphertexts;
it carries no PHI. Changing the passphrase rewraps the same vault key, so the database itself is
never re-encrypted. Argon2id parameters are pinned in the envelope so a later release can raise
them without locking anyone out.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from session_assistant.errors import UserError, WrongPassphrase

ENVELOPE_VERSION = 1
VAULT_KEY_BYTES = 32
# Argon2id, RFC 9106 "second recommended" profile scaled to unlock in well under 2 s on 2 cores.
DEFAULT_KDF = {"name": "argon2id", "time_cost": 3, "memory_kib": 65536, "parallelism": 2}
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I: read aloud and typed by hand
_RECOVERY_GROUPS = 8
_RECOVERY_GROUP_LEN = 5


# What a key file may say. Bounds are generous (a later release may raise the Argon2id cost)
# but finite: a damaged or hostile file must not make the unlock allocate gigabytes or run for
# hours, nor crash in the KDF or the cipher.
_KDF_BOUNDS = {"time_cost": (1, 16), "memory_kib": (8192, 1024 * 1024), "parallelism": (1, 16)}
_MAX_KEY_FILE_BYTES = 64 * 1024
DAMAGED_KEY_FILE = "The vault key file is damaged; restore the vault from a backup."


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text, length: int | None = None, minimum: int = 1) -> bytes:
    """Strict base64 of the expected size; anything else is a damaged key file (ValueError)."""
    if not isinstance(text, str):
        raise ValueError("not text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if (length is not None and len(data) != length) or len(data) < minimum:
        raise ValueError("wrong length")
    return data


def _checked_kdf(kdf) -> dict:
    if not isinstance(kdf, dict):
        raise ValueError("kdf is not an object")
    if kdf.get("name") != "argon2id":
        return dict(kdf)  # derive_key refuses it with its own message
    for name, (low, high) in _KDF_BOUNDS.items():
        value = kdf.get(name)
        if type(value) is not int or not low <= value <= high:
            raise ValueError(f"kdf {name} out of range")
    return dict(kdf)


def derive_key(secret: str, salt: bytes, kdf: dict) -> bytes:
    if kdf.get("name") != "argon2id":
        raise UserError("The vault key file names an unknown key derivation; it cannot be opened.")
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=int(kdf["time_cost"]),
        memory_cost=int(kdf["memory_kib"]),
        parallelism=int(kdf["parallelism"]),
        hash_len=32,
        type=Type.ID,
    )


def new_recovery_key() -> str:
    """Eight groups of five characters (200 bits), shown once at vault creation."""
    groups = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUP_LEN))
        for _ in range(_RECOVERY_GROUPS)
    ]
    return "-".join(groups)


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) != _RECOVERY_GROUPS * _RECOVERY_GROUP_LEN:
        raise WrongPassphrase("That recovery key is not the right length (8 groups of 5 characters).")
    return "-".join(cleaned[i : i + _RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), _RECOVERY_GROUP_LEN))


def passphrase_forms(passphrase: str) -> list[str]:
    """The forms of a typed passphrase to try, the one new wraps use first.

    The same visible text can arrive as different code points: "é" is one character (NFC) from most
    keyboards but "e" plus a combining accent (NFD) from others (macOS file dialogs, some input
    methods, a passphrase pasted from elsewhere). New wraps use NFC, so any form opens them. Vaults
    wrapped before normalisation used the raw text, which may have been either form, so the raw
    text and its NFD form are tried after NFC. An ASCII passphrase has only one form: one attempt.
    """
    forms = [unicodedata.normalize("NFC", passphrase), passphrase, unicodedata.normalize("NFD", passphrase)]
    return list(dict.fromkeys(forms))


@dataclass
class Wrap:
    """One copy of the vault key, encrypted under a key derived from a secret."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    kdf: dict

    @classmethod
    def seal(cls, vault_key: bytes, secret: str, label: str, kdf: dict | None = None) -> "Wrap":
        kdf = dict(kdf or DEFAULT_KDF)
        salt, nonce = os.urandom(16), os.urandom(12)
        wrapping_key = derive_key(secret, salt, kdf)
        ciphertext = AESGCM(wrapping_key).encrypt(nonce, vault_key, label.encode())
        return cls(salt, nonce, ciphertext, kdf)

    def open(self, secret: str, label: str) -> bytes:
        wrapping_key = derive_key(secret, self.salt, self.kdf)
        try:
            return AESGCM(wrapping_key).decrypt(self.nonce, self.ciphertext, label.encode())
        except InvalidTag:
            raise WrongPassphrase("Wrong passphrase: the vault was not unlocked.") from None

    def to_json(self) -> dict:
        return {"salt": _b64(self.salt), "nonce": _b64(self.nonce), "ciphertext": _b64(self.ciphertext), "kdf": self.kdf}

    @classmethod
    def from_json(cls, data: dict) -> "Wrap":
        """Raises ValueError/KeyError/TypeError on any field of the wrong type, size or encoding."""
        return cls(_unb64(data["salt"], minimum=16), _unb64(data["nonce"], 12),
                   _unb64(data["ciphertext"], VAULT_KEY_BYTES + 16), _checked_kdf(data["kdf"]))


@dataclass
class KeyEnvelope:
    vault_id: str
    passphrase_wrap: Wrap
    recovery_wrap: Wrap

    @classmethod
    def create(cls, passphrase: str) -> tuple["KeyEnvelope", bytes, str]:
        """A new vault key, wrapped twice. Returns (envelope, vault_key, recovery_key)."""
        vault_key = os.urandom(VAULT_KEY_BYTES)
        recovery_key = new_recovery_key()
        envelope = cls(
            vault_id=secrets.token_hex(8),
            passphrase_wrap=Wrap.seal(vault_key, unicodedata.normalize("NFC", passphrase), "passphrase"),
            recovery_wrap=Wrap.seal(vault_key, recovery_key, "recovery"),
        )
        return envelope, vault_key, recovery_key

    def unlock(self, passphrase: str) -> bytes:
        forms = passphrase_forms(passphrase)
        for form in forms[:-1]:
            try:
                return self.passphrase_wrap.open(form, "passphrase")
            except WrongPassphrase:
                continue
        return self.passphrase_wrap.open(forms[-1], "passphrase")

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        try:
            return self.recovery_wrap.open(normalise_recovery_key(recovery_key), "recovery")
        except WrongPassphrase:
            raise WrongPassphrase("Wrong recovery key: the vault was not unlocked.") from None

    def rewrap_passphrase(self, vault_key: bytes, new_passphrase: str) -> None:
        self.passphrase_wrap = Wrap.seal(vault_key, unicodedata.normalize("NFC", new_passphrase), "passphrase",
                                         self.passphrase_wrap.kdf)

    def to_json(self) -> dict:
        return {
            "format": "session-assistant-vault-keys",
            "version": ENVELOPE_VERSION,
            "vault_id": self.vault_id,
            "passphrase": self.passphrase_wrap.to_json(),
            "recovery": self.recovery_wrap.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict) -> "KeyEnvelope":
        if not isinstance(data, dict):
            raise ValueError("not an object")
        if data.get("format") != "session-assistant-vault-keys" or data.get("version") != ENVELOPE_VERSION:
            raise UserError("The vault key file is not one this version understands.")
        if not isinstance(data["vault_id"], str) or not 0 < len(data["vault_id"]) <= 64:
            raise ValueError("bad vault id")
        return cls(data["vault_id"], Wrap.from_json(data["passphrase"]), Wrap.from_json(data["recovery"]))

    def save(self, path: Path) -> None:
        atomic_write(path, json.dumps(self.to_json(), indent=1).encode())

    @classmethod
    def load(cls, path: Path) -> "KeyEnvelope":
        try:
            with path.open("rb") as handle:
                raw = handle.read(_MAX_KEY_FILE_BYTES + 1)
            if len(raw) > _MAX_KEY_FILE_BYTES:
                raise ValueError("too large")
            return cls.from_json(json.loads(raw))
        except (FileNotFoundError, UserError):
            raise
        except IsADirectoryError:
            raise UserError(DAMAGED_KEY_FILE) from None
        except PermissionError:
            raise UserError("The vault key file cannot be read (permission denied); nothing was changed.") from None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise UserError(DAMAGED_KEY_FILE) from None


def atomic_write(path: Path, data: bytes, *, sync_folder: bool = True) -> None:
    """Write-then-rename with fsync so a crash leaves either the old file or the new one.

    ``sync_folder=False`` skips the folder fsync (a third of the cost): after a power cut the
    folder may still name the previous file, never an empty or half-written one.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not sync_folder:
        return
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
