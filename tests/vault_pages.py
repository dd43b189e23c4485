"""Decrypt every SQLCipher 4 page of a vault (main file and WAL) so a test can look inside,
including at freed space: proof that a shredded key is gone, not merely unreachable by SQL.

SQLCipher 4 page layout (raw 256-bit key, so no KDF): page 1 starts with the 16-byte salt; each
page ends with a reserve of 80 bytes (16-byte IV, 64-byte HMAC-SHA512); the rest is AES-256-CBC.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
WAL_HEADER, WAL_FRAME_HEADER = 32, 24


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = 16 if first else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def decrypted_pages(key: bytes, db_path: Path) -> list[bytes]:
    """Plaintext of every page in ``vault.db`` and every frame in ``vault.db-wal``."""
    pages = []
    data = Path(db_path).read_bytes()
    for n in range(len(data) // PAGE):
        pages.append(_decrypt_page(key, data[n * PAGE : (n + 1) * PAGE], first=n == 0))
    wal = Path(str(db_path) + "-wal")
    if wal.exists():
        raw = wal.read_bytes()
        pos = WAL_HEADER
        while pos + WAL_FRAME_HEADER + PAGE <= len(raw):
            page_no = int.from_bytes(raw[pos : pos + 4], "big")
            pages.append(_decrypt_page(key, raw[pos + WAL_FRAME_HEADER : pos + WAL_FRAME_HEADER + PAGE],
                                       first=page_no == 1))
            pos += WAL_FRAME_HEADER + PAGE
    return pages


def looks_like_sqlite_page1(page1_plain: bytes) -> bool:
    """Decrypted page 1 (after the salt) holds the SQLite header fields: page size 4096, 64/32/32."""
    return page1_plain[0:2] == (PAGE).to_bytes(2, "big") and page1_plain[5:8] == bytes([64, 32, 32])
