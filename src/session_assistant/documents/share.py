"""Copies for the client: AES-256 encrypted PDFs under a generated word passphrase, still signed.

Order matters. Encrypting a signed PDF rewrites the whole file and destroys the signature, so the
shared copy is encrypted first (pypdf, ``algorithm="AES-256"``: ``/V 5 /R 6``; pypdf's default
would be RC4) and then signed by pyHanko, which can add a signature to an encrypted file once it
has the password. The result opens only with the passphrase and still verifies as unmodified.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass
from functools import lru_cache

from pypdf import PdfReader, PdfWriter

from session_assistant.documents.identity import SigningIdentity
from session_assistant.documents.signing import sign_pdf
from session_assistant.paths import resource

PASSPHRASE_WORDS = 6  # 6 x log2(7776) = 77.5 bits from the EFF large list


@dataclass(frozen=True)
class SharedCopy:
    """The encrypted, signed copy and the passphrase to show the clinician once.

    Attributes:
        data: The PDF bytes.
        passphrase: Words separated by spaces; never stored, never logged.
        sha256: Hash of ``data`` for the audit trail.
    """

    data: bytes
    passphrase: str
    sha256: str

    def __repr__(self) -> str:  # the passphrase must not end up in a log line via repr()
        return f"SharedCopy(bytes={len(self.data)}, sha256={self.sha256[:12]}…)"


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    words = tuple(
        line.strip()
        for line in resource("wordlists", "eff_large_wordlist.txt").read_text("utf-8").splitlines()
        if line.strip()
    )
    if len(set(words)) < 7000:
        raise RuntimeError("the passphrase word list is incomplete")
    return words


def new_passphrase(words: int = PASSPHRASE_WORDS) -> str:
    """Random words from the EFF large list, chosen with ``secrets``."""
    if words < 5:
        raise ValueError("a passphrase needs at least five words")
    vocabulary = _words()
    return " ".join(secrets.choice(vocabulary) for _ in range(words))


def encrypt_pdf(pdf: bytes, passphrase: str) -> bytes:
    """Encrypt with AES-256 (PDF 2.0 security handler, ``/V 5 /R 6``)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    # A random owner password nobody keeps: the client gets the user passphrase only.
    writer.encrypt(user_password=passphrase, owner_password=secrets.token_urlsafe(32), algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def share_copy(pdf: bytes, identity: SigningIdentity, passphrase: str | None = None) -> SharedCopy:
    """Encrypt an UNSIGNED rendered PDF under a new passphrase, then sign it.

    Args:
        pdf: The rendered document before signing (a signed one would lose its signature).
        identity: The clinician's signing identity.
        passphrase: Use this instead of generating one (tests).

    Returns:
        The shared copy; show ``passphrase`` once and do not store it.
    """
    if b"/ByteRange" in pdf:
        raise ValueError("share_copy needs the unsigned document; encrypting would break its signature")
    passphrase = passphrase or new_passphrase()
    signed = sign_pdf(encrypt_pdf(pdf, passphrase), identity, user_password=passphrase)
    return SharedCopy(data=signed.data, passphrase=passphrase, sha256=hashlib.sha256(signed.data).hexdigest())
