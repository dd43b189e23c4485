"""Read a GGUF file's header metadata without loading the model (for the trained context length).

GGUF v2/v3 layout: magic "GGUF", version u32, tensor count u64, key/value count u64, then
key/value pairs (key: u64 length + bytes; value: u32 type + payload). Only scalars are decoded;
arrays (the vocabulary) are skipped.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9


class GGUFError(ValueError):
    """Not a GGUF file, or a damaged header."""


def _read(handle: BinaryIO, fmt: str):
    size = struct.calcsize(fmt)
    data = handle.read(size)
    if len(data) != size:
        raise GGUFError("truncated GGUF header")
    return struct.unpack(fmt, data)[0]


def _string(handle: BinaryIO) -> str:
    length = _read(handle, "<Q")
    if length > 1 << 24:
        raise GGUFError("implausible string length in GGUF header")
    return handle.read(length).decode("utf-8", errors="replace")


def _value(handle: BinaryIO, kind: int):
    if kind in _SCALARS:
        return _read(handle, _SCALARS[kind])
    if kind == _STRING:
        return _string(handle)
    if kind == _ARRAY:
        item_kind, count = _read(handle, "<I"), _read(handle, "<Q")
        if item_kind in _SCALARS:
            handle.seek(struct.calcsize(_SCALARS[item_kind]) * count, 1)
        else:
            for _ in range(count):
                _value(handle, item_kind)
        return None
    raise GGUFError(f"unknown GGUF value type {kind}")


def read_metadata(path: Path) -> dict:
    """Scalar header values of a GGUF file (arrays are left out)."""
    with Path(path).open("rb") as handle:
        if handle.read(4) != b"GGUF":
            raise GGUFError("not a GGUF file")
        version = _read(handle, "<I")
        if version < 2:
            raise GGUFError("GGUF version 1 is not supported")
        _read(handle, "<Q")  # tensor count
        pairs = _read(handle, "<Q")
        meta = {}
        for _ in range(pairs):
            key = _string(handle)
            value = _value(handle, _read(handle, "<I"))
            if value is not None:
                meta[key] = value
        return meta


def training_context(path: Path, default: int = 4096) -> int:
    """The context length the model was trained with (``<arch>.context_length``)."""
    meta = read_metadata(path)
    arch = meta.get("general.architecture", "")
    return int(meta.get(f"{arch}.context_length") or default)
