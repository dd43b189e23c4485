"""SECURITY items 8 and 10 on the sealed file format itself: real files, real AES-GCM."""

from __future__ import annotations

import stat
import struct

import numpy as np
import pytest

from session_assistant.audio import file_locks, sealed
from session_assistant.audio.sealed import RecordingDamaged, SealedReader, SealedWriter

HEADER_LEN = sealed._HEADER.size + sealed._TAG_BYTES


def tone(seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * sealed.SAMPLE_RATE)) / sealed.SAMPLE_RATE
    return (np.sin(2 * np.pi * freq * t) * 12000).astype(np.int16)


def write_recording(folder, audio: np.ndarray, finish: bool = True):
    key, rec_id = sealed.new_key(), sealed.new_recording_id()
    path = folder / sealed.file_name_for(rec_id)
    writer = SealedWriter(path, key, rec_id)
    for start in range(0, audio.size, sealed.CHUNK_SAMPLES):
        writer.append(audio[start : start + sealed.CHUNK_SAMPLES])
    writer.finish() if finish else writer.close()
    return path, key, rec_id


def frame_spans(path) -> list[tuple[int, int]]:
    """(offset, total length) of each frame, parsed from the plaintext framing."""
    data = path.read_bytes()
    spans, pos = [], HEADER_LEN
    while pos < len(data):
        _, length = struct.unpack_from(">BI", data, pos)
        spans.append((pos, 5 + length))
        pos += 5 + length
    return spans


def test_round_trip_is_complete_and_exact(tmp_path):
    audio = tone(3.5)
    path, key, rec_id = write_recording(tmp_path, audio)
    reader = SealedReader(path, key)
    assert np.array_equal(reader.read_pcm16(), audio)
    info = reader.info()
    assert info.complete and info.state == "complete"
    assert info.chunks == 4 and info.samples == audio.size
    assert info.recording_id == rec_id
    assert abs(info.duration_s - 3.5) < 1e-9
    assert reader.read_float32().dtype == np.float32


def test_file_is_0600_random_name_and_never_plaintext(tmp_path):
    audio = tone(2.0)
    path, key, rec_id = write_recording(tmp_path, audio)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.name == f"{rec_id}.sealed" and len(rec_id) == 32
    data = path.read_bytes()
    assert b"RIFF" not in data and b"WAVE" not in data
    # No 32-byte run of the tone's PCM appears anywhere in the file.
    pcm = audio.astype("<i2").tobytes()
    for start in range(0, len(pcm) - 32, 997):
        assert pcm[start : start + 32] not in data


def test_wrong_key_is_refused(tmp_path):
    path, _, _ = write_recording(tmp_path, tone(1.0))
    with pytest.raises(RecordingDamaged, match="wrong key"):
        SealedReader(path, sealed.new_key())


@pytest.mark.parametrize("where", ["header_rate", "header_tag", "first_chunk", "middle_chunk", "frame_flags", "final_marker"])
def test_flipped_bit_is_detected(tmp_path, where):
    path, key, _ = write_recording(tmp_path, tone(4.0))
    spans = frame_spans(path)
    offset = {
        "header_rate": 11,
        "header_tag": HEADER_LEN - 3,
        "first_chunk": spans[0][0] + 100,
        "middle_chunk": spans[2][0] + 5000,
        "frame_flags": spans[1][0],
        "final_marker": spans[-1][0] + 8,
    }[where]
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(RecordingDamaged):
        SealedReader(path, key).info()


def _rebuild(path, order):
    data = path.read_bytes()
    spans = frame_spans(path)
    body = b"".join(data[spans[i][0] : spans[i][0] + spans[i][1]] for i in order)
    path.write_bytes(data[:HEADER_LEN] + body)


@pytest.mark.parametrize("order", [
    [1, 0, 2, 3, 4],      # swapped
    [0, 1, 1, 2, 3, 4],   # duplicated
    [0, 2, 3, 4],         # dropped from the middle
    [0, 1, 2, 4, 4],      # end marker duplicated (data after the end)
], ids=["swapped", "duplicated", "dropped", "after_end"])
def test_reordered_frames_are_detected(tmp_path, order):
    path, key, _ = write_recording(tmp_path, tone(4.0))  # 4 audio frames + end marker
    _rebuild(path, order)
    with pytest.raises(RecordingDamaged):
        SealedReader(path, key).info()


def test_frame_from_another_recording_is_detected(tmp_path):
    audio = tone(2.0)
    a, key_a, _ = write_recording(tmp_path, audio)
    b, _, _ = write_recording(tmp_path, audio)
    data_a, data_b = a.read_bytes(), b.read_bytes()
    span = frame_spans(a)[1]
    a.write_bytes(data_a[: span[0]] + data_b[span[0] : span[0] + span[1]] + data_a[span[0] + span[1] :])
    with pytest.raises(RecordingDamaged):
        SealedReader(a, key_a).info()


def test_missing_end_marker_reads_as_interrupted_with_all_chunks(tmp_path):
    audio = tone(3.0)
    path, key, _ = write_recording(tmp_path, audio, finish=False)
    reader = SealedReader(path, key)
    assert np.array_equal(reader.read_pcm16(), audio)
    info = reader.info()
    assert not info.complete and info.state == "interrupted"
    assert info.describe() == "interrupted at 00:03"


def test_truncation_is_never_complete(tmp_path):
    audio = tone(4.0)
    path, key, _ = write_recording(tmp_path, audio)
    spans = frame_spans(path)
    data = path.read_bytes()
    # Cut the end marker off: interrupted at 4 s, never complete.
    path.write_bytes(data[: spans[-1][0]])
    assert SealedReader(path, key).info().describe() == "interrupted at 00:04"
    # Cut in the middle of the third chunk: two chunks survive, the torn one is reported.
    path.write_bytes(data[: spans[2][0] + 700])
    info = SealedReader(path, key).info()
    assert (info.complete, info.chunks, info.torn_tail) == (False, 2, True)
    assert np.array_equal(SealedReader(path, key).read_pcm16(), audio[: 2 * sealed.CHUNK_SAMPLES])


def test_not_a_sealed_file(tmp_path):
    other = tmp_path / "x.sealed"
    other.write_bytes(b"RIFF....WAVEfmt " + bytes(100))
    with pytest.raises(RecordingDamaged, match="not a sealed recording"):
        SealedReader(other, sealed.new_key())


def test_writer_never_overwrites(tmp_path):
    path, _, rec_id = write_recording(tmp_path, tone(1.0))
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        SealedWriter(path, sealed.new_key(), rec_id)
    assert path.read_bytes() == before


def test_wav_out_matches(tmp_path):
    import wave

    audio = tone(1.5)
    path, key, _ = write_recording(tmp_path, audio)
    out = tmp_path / "out.wav"
    sealed.write_wav(SealedReader(path, key).read_pcm16(), 16000, str(out))
    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
        assert np.array_equal(np.frombuffer(wav.readframes(wav.getnframes()), "<i2"), audio)


def test_a_file_reads_as_being_written_only_while_its_writer_is_open(tmp_path):
    key, rec_id = sealed.new_key(), sealed.new_recording_id()
    path = tmp_path / sealed.file_name_for(rec_id)
    writer = SealedWriter(path, key, rec_id)
    writer.append(tone(1.0))
    assert file_locks.is_being_written(path)
    writer.close()
    assert not file_locks.is_being_written(path)
    assert not file_locks.is_being_written(tmp_path / "missing.sealed")
