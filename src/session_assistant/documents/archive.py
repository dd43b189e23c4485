"""The encrypted client-export container (format described in docs/export-format.md).

Layout, all integers big-endian::

    magic      8 bytes   b"SAEXPORT"
    version    1 byte    1
    hlen       4 bytes   length of the header
    header     hlen      UTF-8 JSON: format, version, kdf {name, time_cost, memory_kib,
                         parallelism, salt}, cipher "AES-256-GCM", nonce (base64)
    body       rest      AES-256-GCM ciphertext (with its 16-byte tag) of a ZIP archive

The key is Argon2id(passphrase, salt) with the parameters in the header; the whole prefix
(magic, version, hlen, header) is the GCM associated data, so a changed parameter or a flipped
bit anywhere fails decryption instead of yielding something half-right. The ZIP itself is never
written to disk in plaintext: it is built and read in memory.
"""

from __future__ import annotations

import base64
import io
import json
import os
import struct
import zipfile
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from session_assistant.errors import UserError, WrongPassphrase

MAGIC = b"SAEXPORT"
CONTAINER_VERSION = 1
FORMAT = "session-assistant-client-export"
# Argon2id as for the vault key: about a second on a small laptop, 64 MiB of memory.
KDF = {"name": "argon2id", "time_cost": 3, "memory_kib": 65536, "parallelism": 2}
MIN_PASSPHRASE_CHARS = 12
_PREFIX = struct.Struct(">8sBI")
_MAX_HEADER = 4096


class NotAnExport(UserError):
    """The file is not an export container, or it is damaged before the encrypted body."""


@dataclass(frozen=True)
class Sealed:
    """The container bytes and the header as written (no secrets in it)."""

    data: bytes
    header: dict


def _derive(passphrase: str, salt: bytes, kdf: dict) -> bytes:
    if kdf.get("name") != "argon2id":
        raise NotAnExport("The export names an unknown key derivation; it cannot be opened.")
    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=int(kdf["time_cost"]),
                           memory_cost=int(kdf["memory_kib"]), parallelism=int(kdf["parallelism"]),
                           hash_len=32, type=Type.ID)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise UserError(f"Choose an export passphrase of at least {MIN_PASSPHRASE_CHARS} characters "
                        "(a few random words work well); nothing was written.")


def seal(files: dict[str, bytes], passphrase: str, *, kdf: dict | None = None) -> Sealed:
    """Zip ``files`` in memory and encrypt the archive under ``passphrase``.

    Args:
        files: Archive member name -> contents.
        passphrase: At least ``MIN_PASSPHRASE_CHARS`` characters.
        kdf: Argon2id parameters (tests lower the cost); defaults to ``KDF``.
    """
    check_passphrase(passphrase)
    kdf = dict(kdf or KDF)
    salt, nonce = os.urandom(16), os.urandom(12)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, content in files.items():
            # A fixed date keeps archives of the same chart byte-comparable after decryption.
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    header = {"format": FORMAT, "version": CONTAINER_VERSION,
              "kdf": {**kdf, "salt": base64.b64encode(salt).decode("ascii")},
              "cipher": "AES-256-GCM", "nonce": base64.b64encode(nonce).decode("ascii")}
    header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
    prefix = _PREFIX.pack(MAGIC, CONTAINER_VERSION, len(header_bytes)) + header_bytes
    body = AESGCM(_derive(passphrase, salt, kdf)).encrypt(nonce, buffer.getvalue(), prefix)
    return Sealed(prefix + body, header)


def read_header(data: bytes) -> tuple[dict, bytes, bytes]:
    """Parse the unencrypted prefix; returns (header, prefix bytes, encrypted body)."""
    if len(data) < _PREFIX.size or not data.startswith(MAGIC):
        raise NotAnExport("The file is not a Session Assistant client export.")
    _, version, hlen = _PREFIX.unpack_from(data)
    if version != CONTAINER_VERSION:
        raise NotAnExport(f"The export uses container version {version}; this release reads version "
                          f"{CONTAINER_VERSION}. Update the app to open it.")
    if hlen > _MAX_HEADER or len(data) < _PREFIX.size + hlen + 16:
        raise NotAnExport("The export file is damaged or truncated.")
    try:
        header = json.loads(data[_PREFIX.size:_PREFIX.size + hlen])
    except ValueError:
        raise NotAnExport("The export file is damaged (its header cannot be read).") from None
    if header.get("format") != FORMAT or header.get("cipher") != "AES-256-GCM":
        raise NotAnExport("The file is not a Session Assistant client export.")
    return header, data[:_PREFIX.size + hlen], data[_PREFIX.size + hlen:]


def unseal(data: bytes, passphrase: str) -> dict[str, bytes]:
    """Decrypt and unzip a container; returns member name -> contents.

    Raises:
        NotAnExport: Not an export, or damaged before the body.
        WrongPassphrase: The passphrase is wrong or the body was altered (GCM cannot tell which).
    """
    header, prefix, body = read_header(data)
    try:
        kdf = header["kdf"]
        salt = base64.b64decode(kdf["salt"])
        nonce = base64.b64decode(header["nonce"])
    except (KeyError, ValueError, TypeError):
        raise NotAnExport("The export file is damaged (its header is incomplete).") from None
    try:
        plain = AESGCM(_derive(passphrase, salt, kdf)).decrypt(nonce, body, prefix)
    except InvalidTag:
        raise WrongPassphrase("The export passphrase is wrong, or the file was altered; nothing was read.") from None
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
