"""Sealed recordings: audio that never touches the disk in plaintext (SECURITY items 8-10).

File layout (all integers big-endian)::

    header   MAGIC(8) | version u16 | sample_rate u32 | channels u16 | recording_id 16 bytes | tag 16
    frame*   flags u8 | length u32 | AES-256-GCM ciphertext+tag (length bytes)

* The key is a random 256-bit key per recording, handed in by the caller; it lives only in the
  vault, so deleting its row is the crypto-shred.
* The header carries no PHI. Its tag is GCM over an empty message with the header as AAD, so a
  changed sample rate or id, or the wrong key, fails before any audio is read.
* Each frame holds about one second of 16 kHz int16 PCM: mono, or for a call two channels
  interleaved (channel 0 the clinician's microphone, channel 1 the call's audio). The nonce is the chunk number (a key
  is never reused across recordings, so a counter nonce is unique); the AAD binds the recording id,
  the chunk number, the flags and the length. A flipped bit, a swapped, duplicated or dropped frame
  therefore fails authentication at the frame where the order breaks.
* Stop appends a FINAL frame holding the totals. A file without it is an interrupted recording:
  every intact frame stays readable, and it is never presented as complete. Bytes after the FINAL
  frame are tampering.
* Every frame is written with one ``write`` and ``fdatasync``'d, so a kill -9 loses at most the chunk
  that was being sealed.
"""

from __future__ import annotations

import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from session_assistant.audio.file_locks import create_locked, fsync_dir
from session_assistant.errors import UserError

if TYPE_CHECKING:  # numpy is imported where samples are handled: opening a vault sweeps recordings
    import numpy as np  # (headers, shredding), and every CLI command would pay for numpy at start-up

MAGIC = b"SASEAL\r\n"  # \r\n: a text-mode transfer that mangles line ends breaks the magic
FORMAT_VERSION = 1
SAMPLE_RATE = 16_000
CHANNELS = 1
CALL_CHANNELS = 2  # a telehealth call: microphone and the call's audio, one channel each
CHUNK_SAMPLES = SAMPLE_RATE  # about one second per sealed chunk
DEFAULT_MAX_SECONDS = 3 * 3600  # the longest a recording runs unless told otherwise (the sweep relies on it)
KEY_BYTES = 32
ID_BYTES = 16
FILE_SUFFIX = ".sealed"

FLAG_AUDIO = 0x00
FLAG_FINAL = 0x01

_HEADER = struct.Struct(">8sHIH16s")
_TAG_BYTES = 16
_FRAME = struct.Struct(">BI")
_FINAL_BODY = struct.Struct(">QQ")  # total samples, audio chunk count
_MAX_FRAME = 4 * CHUNK_SAMPLES * 2 + _TAG_BYTES  # generous bound; anything larger is damage
_HEADER_NONCE = b"\x00" * 12


class RecordingDamaged(UserError):
    """The sealed file failed authentication: tampered, damaged, or the wrong key."""

    exit_code = 6


def new_key() -> bytes:
    """A fresh random 256-bit recording key (store it in the vault, nowhere else)."""
    return secrets.token_bytes(KEY_BYTES)


def new_recording_id() -> str:
    """A random id (32 hex characters) that names the recording and its file."""
    return secrets.token_hex(ID_BYTES)


def file_name_for(recording_id: str) -> str:
    return f"{recording_id}{FILE_SUFFIX}"


def _chunk_nonce(index: int) -> bytes:
    return b"\x00\x00\x00\x01" + index.to_bytes(8, "big")


def _chunk_aad(rec_id: bytes, index: int, flags: int, length: int) -> bytes:
    return b"SAchunk" + rec_id + struct.pack(">QBI", index, flags, length)


def format_mmss(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


class SealedWriter:
    """Appends sealed chunks to a new file. Not thread-safe: one writer thread owns it."""

    def __init__(self, path: Path, key: bytes, recording_id: str, sample_rate: int = SAMPLE_RATE,
                 channels: int = CHANNELS) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a recording key is 32 bytes")
        if channels not in (CHANNELS, CALL_CHANNELS):
            raise ValueError("a recording has one channel, or two for a call")
        self.channels = channels
        self.path = Path(path)
        self._aead = AESGCM(key)
        self._rec_id = bytes.fromhex(recording_id)
        self.sample_rate = sample_rate
        self.chunks = 0  # audio chunks sealed (the end marker is not counted)
        self._index = 0  # frame number: the nonce and part of the AAD
        self.samples = 0  # per channel
        self.bytes_written = 0
        self._closed = False
        self._finished = False
        header = _HEADER.pack(MAGIC, FORMAT_VERSION, sample_rate, channels, self._rec_id)
        tag = self._aead.encrypt(_HEADER_NONCE, b"", header)
        self._fd = create_locked(self.path)
        try:
            self._write_durably(header + tag)
            fsync_dir(self.path.parent)
        except BaseException:
            os.close(self._fd)
            self.path.unlink(missing_ok=True)
            raise

    def _write_durably(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        (getattr(os, "fdatasync", None) or os.fsync)(self._fd)
        self.bytes_written += len(data)

    def _seal(self, flags: int, body: bytes) -> None:
        length = len(body) + _TAG_BYTES
        aad = _chunk_aad(self._rec_id, self._index, flags, length)
        sealed = self._aead.encrypt(_chunk_nonce(self._index), body, aad)
        self._write_durably(_FRAME.pack(flags, length) + sealed)
        self._index += 1

    def append(self, pcm16: np.ndarray) -> None:
        """Seal one chunk of int16 samples (normally ``CHUNK_SAMPLES`` of them): a 1-D array for
        mono, an (n, 2) array for a call."""
        if self._closed or self._finished:
            raise ValueError("recording already finished")
        import numpy as np

        samples = np.ascontiguousarray(pcm16, dtype="<i2")
        wanted = 1 if self.channels == CHANNELS else 2
        if samples.ndim != wanted or samples.size == 0 or (wanted == 2 and samples.shape[1] != self.channels):
            raise ValueError("a chunk is a non-empty array of samples with the recording's channels")
        self._seal(FLAG_AUDIO, samples.tobytes())
        self.chunks += 1
        self.samples += samples.shape[0]

    def finish(self, release: bool = True) -> None:
        """Write the end marker: from now on the file reads as a complete recording.

        With ``release=False`` the file stays open and locked until ``close()``: an import keeps
        it so until its key is committed, or a sweep could take the file for an orphan.
        """
        if self._closed or self._finished:
            return
        self._seal(FLAG_FINAL, _FINAL_BODY.pack(self.samples, self.chunks))
        self._finished = True
        if release:
            self.close()

    def close(self) -> None:
        """Close without an end marker (the file then reads as interrupted)."""
        if not self._closed:
            self._closed = True
            os.close(self._fd)

    @property
    def duration_s(self) -> float:
        return self.samples / self.sample_rate


@dataclass(frozen=True)
class RecordingInfo:
    """What a full pass over a sealed file found."""

    recording_id: str
    sample_rate: int
    complete: bool
    chunks: int
    samples: int
    torn_tail: bool  # an interrupted file whose last frame was cut short by the crash

    @property
    def duration_s(self) -> float:
        return self.samples / self.sample_rate

    @property
    def state(self) -> str:
        return "complete" if self.complete else "interrupted"

    def describe(self) -> str:
        if self.complete:
            return f"complete, {format_mmss(self.duration_s)}"
        return f"interrupted at {format_mmss(self.duration_s)}"


class SealedReader:
    """Decrypts a sealed file in memory. Raises ``RecordingDamaged`` on any failed check."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = Path(path)
        self._aead = AESGCM(key) if len(key) == KEY_BYTES else None
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(_HEADER.size + _TAG_BYTES)
        except FileNotFoundError:
            raise UserError("The recording's audio file is missing.") from None
        if len(head) < _HEADER.size + _TAG_BYTES or not head.startswith(MAGIC):
            raise RecordingDamaged("This file is not a sealed recording, or its header is damaged.")
        header, tag = head[: _HEADER.size], head[_HEADER.size :]
        _, version, rate, channels, rec_id = _HEADER.unpack(header)
        if version != FORMAT_VERSION:
            raise RecordingDamaged(f"Sealed recording format {version} is not supported by this version.")
        if self._aead is None:
            raise RecordingDamaged("The recording could not be opened: wrong key or damaged header.")
        try:
            self._aead.decrypt(_HEADER_NONCE, tag, header)
        except InvalidTag:
            raise RecordingDamaged("The recording could not be opened: wrong key or damaged header.") from None
        if channels not in (CHANNELS, CALL_CHANNELS) or rate <= 0:
            raise RecordingDamaged("The recording header names an unsupported layout.")
        self.sample_rate = rate
        self.channels = channels
        self._rec_id = rec_id
        self.recording_id = rec_id.hex()
        self._data_start = _HEADER.size + _TAG_BYTES
        self._info: RecordingInfo | None = None

    def _frames(self) -> Iterator[tuple[int, bytes | None]]:
        """Yield (flags, plaintext) in order; a torn last frame yields (-1, None) and stops."""
        index, total, final_seen = 0, 0, False
        with open(self.path, "rb") as handle:
            handle.seek(self._data_start)
            while True:
                prefix = handle.read(_FRAME.size)
                if not prefix:
                    break
                if final_seen:
                    raise RecordingDamaged("The recording has data after its end marker (tampered).")
                if len(prefix) < _FRAME.size:
                    yield -1, None
                    return
                flags, length = _FRAME.unpack(prefix)
                if flags not in (FLAG_AUDIO, FLAG_FINAL) or not _TAG_BYTES <= length <= _MAX_FRAME:
                    raise RecordingDamaged(f"Chunk {index} of the recording is damaged (at {format_mmss(total / self.sample_rate)}).")
                sealed = handle.read(length)
                if len(sealed) < length:
                    yield -1, None  # the chunk in flight when the writer died
                    return
                try:
                    body = self._aead.decrypt(_chunk_nonce(index), sealed, _chunk_aad(self._rec_id, index, flags, length))
                except InvalidTag:
                    raise RecordingDamaged(
                        f"Chunk {index} failed authentication at {format_mmss(total / self.sample_rate)}: "
                        "the recording was altered, reordered or damaged."
                    ) from None
                if flags == FLAG_FINAL:
                    final_seen = True
                    yield flags, body
                else:
                    total += len(body) // (2 * self.channels)
                    yield flags, body
                index += 1

    def blocks(self) -> Iterator[np.ndarray]:
        """Yield each chunk's samples (int16, mono: a call's two channels are mixed), checking
        every frame and the end marker."""
        import numpy as np

        for block in self.channel_blocks():
            yield block[:, 0] if block.shape[1] == 1 else block.mean(axis=1).astype(np.int16)

    def channel_blocks(self) -> Iterator[np.ndarray]:
        """Yield each chunk as an int16 (samples, channels) array, checking as ``blocks`` does."""
        import numpy as np

        chunks = samples = 0
        complete = torn = False
        for flags, body in self._frames():
            if flags == -1:
                torn = True
            elif flags == FLAG_FINAL:
                want_samples, want_chunks = _FINAL_BODY.unpack(body)
                if (want_samples, want_chunks) != (samples, chunks):
                    raise RecordingDamaged("The recording's end marker does not match its chunks (tampered).")
                complete = True
            else:
                if len(body) % (2 * self.channels):
                    raise RecordingDamaged(f"Chunk {chunks} holds a partial sample (damaged).")
                block = np.frombuffer(body, dtype="<i2").reshape(-1, self.channels)
                chunks += 1
                samples += block.shape[0]
                yield block
        self._info = RecordingInfo(self.recording_id, self.sample_rate, complete, chunks, samples, torn)

    def info(self) -> RecordingInfo:
        """Verify the whole file (decrypting every chunk, keeping none) and describe it."""
        if self._info is None:
            for _ in self.blocks():
                pass
        assert self._info is not None
        return self._info

    def read_pcm16(self) -> np.ndarray:
        import numpy as np

        blocks = list(self.blocks())
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int16)

    def read_float32(self) -> np.ndarray:
        """The whole recording as float32 in [-1, 1) at ``sample_rate`` (16 kHz): transcription input."""
        import numpy as np

        return self.read_pcm16().astype(np.float32) / 32768.0


def write_wav(pcm16: np.ndarray, sample_rate: int, out) -> None:
    """Write decrypted audio as a WAV file (only where the user asks for one); (n, 2) as stereo."""
    import wave

    import numpy as np

    with wave.open(out, "wb") as wav:
        wav.setnchannels(1 if pcm16.ndim == 1 else pcm16.shape[1])
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(np.ascontiguousarray(pcm16, dtype="<i2").tobytes())
