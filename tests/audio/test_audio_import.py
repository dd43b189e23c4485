"""Import: real files in five formats, encoded with FFmpeg (PyAV), decoded and sealed."""

from __future__ import annotations

import hashlib
import os
import stat

import av
import numpy as np
import pytest

from session_assistant.audio import sealed
from session_assistant.audio.importer import AudioFileError, decode_to_writer
from session_assistant.audio.sealed import SealedReader, SealedWriter

FORMATS = {  # suffix: (container format, codec, sample rate, channels)
    ".wav": ("wav", "pcm_s16le", 44100, 2),
    ".flac": ("flac", "flac", 48000, 1),
    ".mp3": ("mp3", "libmp3lame", 44100, 2),
    ".m4a": ("ipod", "aac", 48000, 2),
    ".ogg": ("ogg", "libopus", 48000, 1),
}


def encode(path, seconds=2.5, freq=440.0, fmt=None):
    container_fmt, codec, rate, channels = fmt or FORMATS[path.suffix]
    t = np.arange(int(seconds * rate)) / rate
    wave = (0.4 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    with av.open(str(path), "w", format=container_fmt) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "stereo" if channels == 2 else "mono"
        frame_size = stream.codec_context.frame_size or 1024
        for start in range(0, wave.size, frame_size):
            piece = wave[start : start + frame_size]
            planar = np.repeat(piece[None, :], channels, axis=0)
            frame = av.AudioFrame.from_ndarray(planar, format="fltp", layout=stream.layout.name)
            frame.sample_rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def new_writer(folder):
    key, rec_id = sealed.new_key(), sealed.new_recording_id()
    path = folder / sealed.file_name_for(rec_id)
    return SealedWriter(path, key, rec_id), key, path


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_import_seals_16k_mono_and_leaves_source_untouched(tmp_path, suffix):
    source = encode(tmp_path / f"session{suffix}")
    digest_before = hashlib.sha256(source.read_bytes()).hexdigest()
    mtime_before = source.stat().st_mtime_ns
    out_dir = tmp_path / "recordings"
    out_dir.mkdir()
    writer, key, path = new_writer(out_dir)
    progress = []
    duration = decode_to_writer(source, writer, on_progress=lambda f, m: progress.append(f))
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest_before
    assert source.stat().st_mtime_ns == mtime_before
    assert abs(duration - 2.5) < 0.1  # codec priming/padding adds a few ms
    reader = SealedReader(path, key)
    info = reader.info()
    assert info.complete and info.sample_rate == 16000
    pcm = reader.read_pcm16()
    spectrum = np.abs(np.fft.rfft(pcm[8000:24000].astype(np.float64)))
    assert abs(np.argmax(spectrum) * 16000 / 16000 - 440) <= 2
    assert progress[-1] == 1.0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    # Nothing of the plaintext: not the source's container header, not a run of its decoded samples.
    # (A bare 3-byte marker such as b"ID3" turns up in ~80 KB of ciphertext about once in 200 runs.)
    assert source.read_bytes()[:64] not in data
    plain = pcm.tobytes()
    assert not any(plain[i:i + 32] in data for i in range(0, len(plain) - 32, 2048))


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"These are session notes, not audio.\n" * 50, "not an audio file"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 20, "not an audio file|damaged|no audio"),
], ids=["empty", "text", "broken_wav"])
def test_bad_files_get_a_clear_error(tmp_path, content, message):
    source = tmp_path / "bad.wav"
    source.write_bytes(content)
    writer, key, path = new_writer(tmp_path)
    with pytest.raises(AudioFileError, match=message):
        decode_to_writer(source, writer)
    assert not path.exists(), "a failed import leaves no sealed file behind"


def test_missing_file_and_folder(tmp_path):
    writer, _, _ = new_writer(tmp_path)
    with pytest.raises(AudioFileError, match="does not exist"):
        decode_to_writer(tmp_path / "nope.mp3", writer)
    writer, _, _ = new_writer(tmp_path)
    with pytest.raises(AudioFileError, match="Not a file"):
        decode_to_writer(tmp_path, writer)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    source = encode(tmp_path / "locked.wav")
    os.chmod(source, 0)
    writer, _, _ = new_writer(tmp_path)
    with pytest.raises(AudioFileError, match="cannot be read"):
        decode_to_writer(source, writer)


def test_cancel_removes_the_partial_recording(tmp_path):
    from session_assistant.errors import Cancelled
    from session_assistant.jobs.progress import CancelToken

    source = encode(tmp_path / "long.flac", seconds=4.0)
    token = CancelToken()
    writer, _, path = new_writer(tmp_path)
    with pytest.raises(Cancelled):
        decode_to_writer(source, writer, on_progress=lambda f, m: token.cancel(), token=token)
    assert not path.exists()


def test_zero_length_audio_stream_is_empty(tmp_path):
    import wave

    source = tmp_path / "silent.wav"
    with wave.open(str(source), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
    assert source.stat().st_size == 44
    writer, _, _ = new_writer(tmp_path)
    with pytest.raises(AudioFileError, match="no audio samples"):
        decode_to_writer(source, writer)
