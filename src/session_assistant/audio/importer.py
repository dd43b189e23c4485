"""Import an existing recording (wav, flac, mp3, m4a, ogg, ...) into a sealed file.

The source is only read. PyAV (FFmpeg, already present through faster-whisper) decodes it and
libswresample converts it to 16 kHz mono int16, which is sealed in ~1 s chunks exactly like a live
recording. Decoded audio is held in memory one chunk at a time.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import numpy as np

from session_assistant.audio.sealed import CHUNK_SAMPLES, SAMPLE_RATE, SealedWriter
from session_assistant.errors import DiskFull, UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".wav", ".flac", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".aac", ".webm", ".mp4")


class AudioFileError(UserError):
    """The file cannot be imported: missing, unreadable, empty, or not audio.

    Messages never name the file: a file name chosen by a user may carry a client's name.
    """


def _open_audio(path: Path):
    import av

    if not path.exists():
        raise AudioFileError("The audio file does not exist; check the path.")
    if not path.is_file():
        raise AudioFileError("Not a file: give the path of an audio file.")
    if path.stat().st_size == 0:
        raise AudioFileError("The audio file is empty; nothing was imported.")
    try:
        container = av.open(str(path), mode="r")
    except PermissionError:
        raise AudioFileError("The audio file cannot be read (permission denied).") from None
    except (av.error.FFmpegError, OSError, ValueError):
        raise AudioFileError("The file is not an audio file this app can read (wav, flac, mp3, m4a, ogg).") from None
    if not container.streams.audio:
        container.close()
        raise AudioFileError("The file holds no audio track.")
    return container


def probe_duration_s(path: Path) -> float | None:
    """The container's stated duration (for progress), or None if it does not say."""
    container = _open_audio(Path(path))
    try:
        stream = container.streams.audio[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        return container.duration / 1_000_000 if container.duration else None
    finally:
        container.close()


def decode_to_writer(path: Path, writer: SealedWriter, on_progress: ProgressFn = no_progress,
                     token: CancelToken | None = None, release: bool = True) -> float:
    """Decode ``path`` to 16 kHz mono and seal it into ``writer`` (which is finished on success;
    with ``release=False`` it stays locked until the caller, having committed the key, closes it).

    On any failure the partly written sealed file is removed, so bad input changes nothing.

    Returns:
        The sealed duration in seconds.

    Raises:
        AudioFileError: unreadable, empty or not audio.
        DiskFull: the disk filled while sealing.
        Cancelled: ``token`` was cancelled between chunks.
    """
    import av

    path = Path(path)
    total = None
    try:
        total = probe_duration_s(path)
    except AudioFileError:
        _discard(writer)
        raise
    container = _open_audio(path)
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    pending: list[np.ndarray] = []
    pending_size = 0
    try:
        stream = container.streams.audio[0]
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    block = out.to_ndarray().reshape(-1)
                    pending.append(block)
                    pending_size += block.size
                if pending_size >= CHUNK_SAMPLES:
                    pending, pending_size = _seal_full_chunks(writer, pending)
                    if token is not None:
                        token.raise_if_cancelled()
                    if total:
                        on_progress(min(writer.duration_s / total, 0.99), "Sealing imported audio")
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError:
            raise AudioFileError("The audio file is damaged; nothing was imported.") from None
        rest = np.concatenate(pending) if pending else np.zeros(0, np.int16)
        for start in range(0, rest.size, CHUNK_SAMPLES):
            writer.append(rest[start : start + CHUNK_SAMPLES])
        if writer.samples == 0:
            raise AudioFileError("The audio file holds no audio samples (it is empty).")
        writer.finish(release=release)
    except OSError as error:
        _discard(writer)
        if error.errno == errno.ENOSPC:
            raise DiskFull("The disk is full: the import was stopped and nothing was kept.") from None
        raise
    except BaseException:
        _discard(writer)
        raise
    finally:
        container.close()
    on_progress(1.0, "Imported")
    log.info("imported audio: %.1f s", writer.duration_s)
    return writer.duration_s


def _discard(writer: SealedWriter) -> None:
    writer.close()
    writer.path.unlink(missing_ok=True)


def _seal_full_chunks(writer: SealedWriter, pending: list[np.ndarray]) -> tuple[list[np.ndarray], int]:
    joined = np.concatenate(pending)
    full = joined.size - joined.size % CHUNK_SAMPLES
    for start in range(0, full, CHUNK_SAMPLES):
        writer.append(joined[start : start + CHUNK_SAMPLES])
    rest = joined[full:]
    return ([rest] if rest.size else []), rest.size
