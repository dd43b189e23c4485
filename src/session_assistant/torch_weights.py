"""Read the tensors of a PyTorch checkpoint into numpy arrays, without PyTorch.

Used once, at set-up, to turn the speaker encoder's ``pretrained.pt`` into a plain ``.npz`` the
app reads with numpy alone. A checkpoint is a pickle, and unpickling runs whatever callables it
names; this reader therefore allows exactly the handful of names a tensor checkpoint uses
(tensor rebuild, storage types, OrderedDict) and refuses anything else, so a tampered file cannot
execute code. Both layouts are read: the legacy one (several pickles, then the raw storages, as
``pretrained.pt`` is) and the zip one (``data.pkl`` beside ``data/<key>`` blobs).
"""

from __future__ import annotations

import collections
import io
import pickle
import struct
import zipfile
from pathlib import Path

import numpy as np

_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
_STORAGE_DTYPES = {
    "FloatStorage": np.float32, "DoubleStorage": np.float64, "HalfStorage": np.float16,
    "LongStorage": np.int64, "IntStorage": np.int32, "ShortStorage": np.int16,
    "CharStorage": np.int8, "ByteStorage": np.uint8, "BoolStorage": np.bool_,
}


class _StorageType:
    def __init__(self, name: str) -> None:
        self.dtype = np.dtype(_STORAGE_DTYPES[name])


class _Storage:
    """A storage whose bytes arrive later (legacy layout) or at once (zip layout)."""

    def __init__(self, dtype: np.dtype, numel: int) -> None:
        self.dtype, self.numel = dtype, numel
        self.array: np.ndarray | None = None


class _LazyTensor:
    def __init__(self, storage: _Storage, offset: int, size: tuple, stride: tuple) -> None:
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def materialise(self) -> np.ndarray:
        base = self.storage.array
        if not self.size:
            return base[self.offset].copy()
        item = base.itemsize
        view = np.lib.stride_tricks.as_strided(base[self.offset:], self.size, tuple(s * item for s in self.stride))
        return np.ascontiguousarray(view)


def _rebuild_tensor(storage, offset, size, stride, *_ignored):
    return _LazyTensor(storage, offset, size, stride)


class _Unpickler(pickle.Unpickler):
    def __init__(self, handle, load_storage) -> None:
        super().__init__(handle)
        self._load_storage = load_storage

    def find_class(self, module: str, name: str):
        if module == "torch._utils" and name in ("_rebuild_tensor_v2", "_rebuild_tensor"):
            return _rebuild_tensor
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name)
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        raise pickle.UnpicklingError(f"checkpoint names {module}.{name}, which a weights file has no need of")

    def persistent_load(self, saved_id):
        if saved_id[0] != "storage":
            raise pickle.UnpicklingError("unknown persistent object in checkpoint")
        return self._load_storage(saved_id[1:])


def _materialise(obj):
    if isinstance(obj, _LazyTensor):
        return obj.materialise()
    if isinstance(obj, dict):
        return type(obj)((k, _materialise(v)) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return type(obj)(_materialise(v) for v in obj)
    return obj


def _load_legacy(data: bytes):
    handle = io.BytesIO(data)
    refuse = _Unpickler(handle, lambda _: None)
    if refuse.load() != _LEGACY_MAGIC:
        raise ValueError("not a PyTorch checkpoint")
    refuse.load()  # protocol version
    refuse.load()  # system info (endianness, type sizes)
    storages: dict[str, _Storage] = {}

    def storage(fields):
        storage_type, key, _location, numel, view = fields
        if view is not None:
            raise ValueError("storage views are not supported")
        return storages.setdefault(key, _Storage(storage_type.dtype, numel))

    result = _Unpickler(handle, storage).load()
    keys = _Unpickler(handle, lambda _: None).load()
    for key in keys:
        target = storages[key]
        (count,) = struct.unpack("<q", handle.read(8))
        raw = handle.read(count * target.dtype.itemsize)
        target.array = np.frombuffer(raw, dtype=target.dtype).copy()
    return _materialise(result)


def _load_zip(data: bytes):
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    pickle_name = next(n for n in names if n.endswith("/data.pkl") or n == "data.pkl")
    prefix = pickle_name[: -len("data.pkl")]

    def storage(fields):
        storage_type, key, _location, numel = fields[:4]
        loaded = _Storage(storage_type.dtype, numel)
        loaded.array = np.frombuffer(archive.read(f"{prefix}data/{key}"), dtype=loaded.dtype).copy()
        return loaded

    return _materialise(_Unpickler(io.BytesIO(archive.read(pickle_name)), storage).load())


def load_checkpoint(source: bytes | Path):
    """The checkpoint's object tree with every tensor as a numpy array."""
    data = source.read_bytes() if isinstance(source, Path) else source
    return _load_zip(data) if data[:2] == b"PK" else _load_legacy(data)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as an .npz that is byte-for-byte the same every time (fixed entry dates,
    sorted names), so its SHA-256 can be recorded in the model registry."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue())
