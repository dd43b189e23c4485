"""Salvage the intact chunks of a damaged sealed recording (issue 15, item 12e).

``SealedReader`` refuses a recording at its first failed chunk: a partial file is never presented
as complete (SECURITY 10). One flipped byte on a failing disk would then cost the whole session,
though every other chunk is still intact and authentic. Salvage keeps authenticity and gives
those chunks back:

* every chunk returned passed AES-GCM authentication under the recording's key, with its own
  chunk number in the nonce and AAD, so it is genuine audio of this recording at its true place;
* a chunk that fails, and any chunk out of order (swapped or duplicated), is reported lost and
  replaced by silence of its length, so what follows keeps its timing;
* after damage to a frame's length field the reader resynchronises by searching for the next
  frame that authenticates at a plausible chunk number;
* the result always says damaged: it is never reported as the complete recording.

Kept apart from ``sealed.py`` (the format and its strict reader) so that reader stays small and
strict; this module only reads, with the same constants.
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from session_assistant.audio import sealed
from session_assistant.audio.sealed import (_FINAL_BODY, _FRAME, _HEADER, _HEADER_NONCE, _MAX_FRAME, _TAG_BYTES,
                                            CHUNK_SAMPLES, FLAG_AUDIO, FLAG_FINAL, KEY_BYTES, SAMPLE_RATE,
                                            RecordingDamaged, _chunk_aad, _chunk_nonce)

# A frame prefix is flags (0 or 1) then a big-endian length below 2**17 (_MAX_FRAME is 128,016):
# two known zero bytes make a false candidate rare in ciphertext (about one in 2**23 positions).
# A lookahead, so overlapping candidates are all found (a zero byte just before a frame would
# otherwise swallow its start).
_PREFIX_CANDIDATE = re.compile(rb"(?=[\x00\x01]\x00[\x00\x01])", re.DOTALL)
_SEARCH_AHEAD = 64  # chunk numbers tried at a resynchronised position (a minute of audio)


@dataclass(frozen=True)
class SalvageResult:
    """What could be recovered: intact chunks in place, lost ones as silence, and where the losses are."""

    recording_id: str
    sample_rate: int
    pcm16: np.ndarray
    intact_chunks: int
    lost_chunks: int
    lost_spans: tuple[tuple[float, float], ...]  # (start, end) in seconds of each run of lost chunks
    end_marker: bool  # the recording's end marker was found and authenticated
    header_damaged: bool

    @property
    def damaged(self) -> bool:
        return bool(self.lost_chunks or self.header_damaged or not self.end_marker)

    def describe(self) -> str:
        spans = ", ".join(f"{sealed.format_mmss(a)}-{sealed.format_mmss(b)}" for a, b in self.lost_spans)
        total = self.intact_chunks + self.lost_chunks
        parts = [f"{self.intact_chunks} of {total} chunk(s) intact "
                 f"({sealed.format_mmss(self.pcm16.size / self.sample_rate)} long in all)"]
        if self.lost_chunks:
            parts.append(f"{self.lost_chunks} damaged chunk(s) replaced by silence at {spans}")
        if self.header_damaged:
            parts.append("the file's header is damaged (the audio chunks still authenticate)")
        if not self.end_marker:
            parts.append("the end of the recording is missing or damaged, so more may have been lost after it")
        return "; ".join(parts)


def _decrypt(aead: AESGCM, rec_id: bytes, view, pos: int, index: int) -> tuple[int, int, bytes] | None:
    """(flags, length, plaintext) when a frame at ``pos`` authenticates as chunk ``index``, else None."""
    if pos + _FRAME.size > len(view):
        return None
    flags, length = _FRAME.unpack_from(view, pos)
    end = pos + _FRAME.size + length
    if flags not in (FLAG_AUDIO, FLAG_FINAL) or not _TAG_BYTES <= length <= _MAX_FRAME or end > len(view):
        return None
    try:
        body = aead.decrypt(_chunk_nonce(index), bytes(view[pos + _FRAME.size:end]),
                            _chunk_aad(rec_id, index, flags, length))
    except InvalidTag:
        return None
    return flags, length, body


def _resync(aead: AESGCM, rec_id: bytes, view, pos: int, index: int) -> tuple[int, int, tuple] | None:
    """The next frame after damage at ``pos`` (expected chunk ``index``): (position, chunk, frame)."""
    candidates = [pos]
    if pos + _FRAME.size <= len(view):
        _, length = _FRAME.unpack_from(view, pos)
        candidates.append(pos + _FRAME.size + length)  # the damage spared the length field
    for p in candidates:
        for j in range(index + 1, index + _SEARCH_AHEAD):
            found = _decrypt(aead, rec_id, view, p, j)
            if found:
                return p, j, found
    for match in _PREFIX_CANDIDATE.finditer(view, pos + 1):
        p = match.start()
        for j in range(index, index + _SEARCH_AHEAD):
            found = _decrypt(aead, rec_id, view, p, j)
            if found:
                return p, j, found
    return None


def salvage(path: Path, key: bytes) -> SalvageResult:
    """Every chunk of ``path`` that still authenticates, in place; lost chunks as silence.

    Raises:
        RecordingDamaged: not a sealed file, the wrong key, or no chunk at all authenticates.
    """
    if len(key) != KEY_BYTES:
        raise RecordingDamaged("The recording could not be opened: wrong key.")
    aead = AESGCM(key)
    with open(path, "rb") as handle:
        size = handle.seek(0, 2)
        head_size = _HEADER.size + _TAG_BYTES
        if size < head_size:
            raise RecordingDamaged("This file is not a sealed recording, or its header is damaged.")
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            header = bytes(view[:_HEADER.size])
            _magic, _version, rate, channels, rec_id = _HEADER.unpack(header)
            try:
                aead.decrypt(_HEADER_NONCE, bytes(view[_HEADER.size:head_size]), header)
                header_damaged = False
            except InvalidTag:
                # A wrong key fails here too: only a first chunk that authenticates tells them apart
                # (and keeps a wrong key from a slow search of the whole file). Recordings are written
                # at 16 kHz, so a damaged rate field is not trusted.
                header_damaged, rate, channels = True, SAMPLE_RATE, 1
                if not _first_chunks_authenticate(aead, rec_id, view, head_size):
                    raise RecordingDamaged("The recording could not be opened: wrong key or damaged header.") from None
            chunks, end_marker = _walk(aead, rec_id, view, head_size, 2 if channels == 2 else 1)
    if not any(isinstance(c, np.ndarray) for c in chunks):
        raise RecordingDamaged("No part of the recording could be authenticated: all of it is damaged.")
    return _assemble(rec_id.hex(), rate, chunks, end_marker, header_damaged)


def _first_chunks_authenticate(aead: AESGCM, rec_id: bytes, view, pos: int, frames: int = 8) -> bool:
    """True when one of the first ``frames`` frames (following their length fields) authenticates."""
    for index in range(frames):
        if _decrypt(aead, rec_id, view, pos, index):
            return True
        if pos + _FRAME.size > len(view):
            return False
        pos += _FRAME.size + _FRAME.unpack_from(view, pos)[1]
    return False


def _walk(aead: AESGCM, rec_id: bytes, view, pos: int, channels: int = 1) -> tuple[list, tuple[int, int] | None]:
    """Chunks in order: an int16 array when intact, an int (its sample count) when lost. A call's
    two channels are mixed to mono, as a recording is played back."""
    chunks: list = []
    end_marker = None
    index = 0
    while pos + _FRAME.size <= len(view):
        found = _decrypt(aead, rec_id, view, pos, index)
        if found is None:
            again = _resync(aead, rec_id, view, pos, index)
            if again is None:
                break  # nothing after this authenticates: a damaged or torn tail
            new_pos, new_index, found = again
            _, length = _FRAME.unpack_from(view, pos)
            exact = new_index == index + 1 and new_pos == pos + _FRAME.size + length
            guess = (length - _TAG_BYTES) // (2 * channels) if exact else CHUNK_SAMPLES  # the length field survived
            chunks += [guess] * (new_index - index)
            pos, index = new_pos, new_index
        flags, length, body = found
        pos += _FRAME.size + length
        index += 1
        if flags == FLAG_FINAL:
            end_marker = _FINAL_BODY.unpack(body)
            break  # bytes after the end marker are not part of the recording
        pcm = np.frombuffer(body[: len(body) // (2 * channels) * 2 * channels], dtype="<i2")
        chunks.append(pcm.reshape(-1, channels).mean(axis=1).astype("<i2") if channels == 2 else pcm.copy())
    return chunks, end_marker


def _assemble(recording_id: str, rate: int, chunks: list, end_marker, header_damaged: bool) -> SalvageResult:
    if end_marker is not None and len(chunks) < end_marker[1]:
        chunks += [CHUNK_SAMPLES] * (end_marker[1] - len(chunks))  # lost chunks just before the marker
    pieces, spans, position, lost = [], [], 0, 0
    for chunk in chunks:
        if isinstance(chunk, int):
            lost += 1
            start, position = position, position + chunk
            pieces.append(np.zeros(chunk, dtype="<i2"))
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], position)
            else:
                spans.append((start, position))
        else:
            pieces.append(chunk)
            position += chunk.size
    pcm = np.concatenate(pieces) if pieces else np.zeros(0, dtype="<i2")
    return SalvageResult(recording_id, rate, pcm, len(chunks) - lost, lost,
                         tuple((a / rate, b / rate) for a, b in spans), end_marker is not None, header_damaged)
