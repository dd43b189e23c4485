"""Issue 15 item 12(e): one flipped byte costs one second of a sealed recording, not all of it.

The strict reader still refuses the damaged file (authenticity: never presented as complete);
salvage gives back every chunk that authenticates, in its true place, with silence where a chunk
was lost, and says the recording is damaged.
"""

from __future__ import annotations

import json
import wave

import numpy as np
import pytest
from audio_vault import AUDIO_TEST_PASSPHRASE
from test_sealed_format import frame_spans, tone, write_recording

from sa_testing import run_cli
from session_assistant.audio import sealed
from session_assistant.audio.salvage import salvage
from session_assistant.audio.sealed import CHUNK_SAMPLES, RecordingDamaged, SealedReader


def _flip(path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _chunk(audio: np.ndarray, index: int) -> np.ndarray:
    return audio[index * CHUNK_SAMPLES:(index + 1) * CHUNK_SAMPLES]


@pytest.fixture
def ten_seconds(tmp_path):
    audio = tone(10.0, 330.0) + tone(10.0, 1234.0) // 3
    path, key, _ = write_recording(tmp_path, audio)
    return path, key, audio


def test_one_flipped_byte_in_a_chunk_loses_only_that_chunk(ten_seconds):
    path, key, audio = ten_seconds
    offset, length = frame_spans(path)[4]
    _flip(path, offset + length // 2)
    with pytest.raises(RecordingDamaged):
        SealedReader(path, key).read_pcm16()  # the strict reader still refuses it

    result = salvage(path, key)

    assert result.damaged and result.end_marker and not result.header_damaged
    assert (result.intact_chunks, result.lost_chunks) == (9, 1)
    assert result.lost_spans == ((4.0, 5.0),)
    assert result.pcm16.size == audio.size
    for index in range(10):
        got = _chunk(result.pcm16, index)
        assert np.array_equal(got, np.zeros_like(got) if index == 4 else _chunk(audio, index)), index
    assert "00:04-00:05" in result.describe()


def test_a_flipped_length_field_is_resynchronised(ten_seconds):
    path, key, audio = ten_seconds
    offset, _ = frame_spans(path)[6]
    _flip(path, offset + 2)  # the length: the frame's end can no longer be found from it
    result = salvage(path, key)
    assert result.lost_chunks == 1 and result.intact_chunks == 9
    assert np.array_equal(result.pcm16[:6 * CHUNK_SAMPLES], audio[:6 * CHUNK_SAMPLES])
    assert np.array_equal(result.pcm16[7 * CHUNK_SAMPLES:], audio[7 * CHUNK_SAMPLES:])


def test_a_damaged_header_tag_keeps_every_chunk_but_still_reads_as_damaged(ten_seconds):
    path, key, audio = ten_seconds
    _flip(path, sealed._HEADER.size + 3)
    with pytest.raises(RecordingDamaged):
        SealedReader(path, key)
    result = salvage(path, key)
    assert result.header_damaged and result.damaged and result.lost_chunks == 0
    assert np.array_equal(result.pcm16, audio)


def test_swapped_chunks_are_never_placed_where_they_do_not_belong(ten_seconds):
    path, key, audio = ten_seconds
    spans = frame_spans(path)
    data = bytearray(path.read_bytes())
    (a, la), (b, lb) = spans[2], spans[3]
    assert la == lb
    data[a:a + la], data[b:b + lb] = data[b:b + lb], data[a:a + la]
    path.write_bytes(bytes(data))
    result = salvage(path, key)
    assert result.damaged and result.lost_chunks >= 1
    for index in range(10):
        got = _chunk(result.pcm16, index)
        assert np.array_equal(got, _chunk(audio, index)) or not got.any(), index  # genuine here, or silence


def test_the_wrong_key_salvages_nothing(ten_seconds):
    path, _, _ = ten_seconds
    with pytest.raises(RecordingDamaged):
        salvage(path, sealed.new_key())
    _flip(path, sealed._HEADER.size + 3)  # with a damaged header too: still refused, and quickly
    with pytest.raises(RecordingDamaged):
        salvage(path, sealed.new_key())


def test_an_interrupted_recording_with_damage_says_its_end_is_missing(tmp_path):
    audio = tone(5.0)
    path, key, _ = write_recording(tmp_path, audio, finish=False)
    offset, length = frame_spans(path)[1]
    _flip(path, offset + 100)
    result = salvage(path, key)
    assert not result.end_marker and result.damaged and result.lost_chunks == 1
    assert np.array_equal(result.pcm16[2 * CHUNK_SAMPLES:], audio[2 * CHUNK_SAMPLES:])
    assert "end of the recording" in result.describe()


# -- through the real CLI, on a vault ----------------------------------------------------------------
def _cli(vault_dir, *args):
    return run_cli("--vault", str(vault_dir), *args, passphrase=AUDIO_TEST_PASSPHRASE)


def _wav_samples(path) -> np.ndarray:
    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (16000, 1)
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")


def test_salvage_from_the_command_line(practice, tmp_path):
    vault_dir, appointment = practice.paths.vault_dir, practice.test_appointment_id
    practice.close()
    source = tmp_path / "visit.wav"
    with wave.open(str(source), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(tone(6.0, 500.0).tobytes())
    done = _cli(vault_dir, "recordings", "import", str(source), "--appointment", str(appointment),
                "--consent", "given")
    assert done.returncode == 0, done.stderr
    rec_id = done.stdout.strip()
    whole = tmp_path / "whole.wav"
    assert _cli(vault_dir, "recordings", "play", rec_id, "--out", str(whole)).returncode == 0
    original = _wav_samples(whole)
    sealed_file = vault_dir / "recordings" / sealed.file_name_for(rec_id)
    offset, length = frame_spans(sealed_file)[2]
    _flip(sealed_file, offset + length - 5)
    damaged_bytes = sealed_file.read_bytes()

    played = _cli(vault_dir, "recordings", "play", rec_id, "--out", str(tmp_path / "again.wav"))
    assert played.returncode != 0 and "recordings salvage" in played.stderr
    assert not (tmp_path / "again.wav").exists()

    out = tmp_path / "salvaged.wav"
    done = _cli(vault_dir, "--json", "recordings", "salvage", rec_id, "--out", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["damaged"] and report["lost_chunks"] == 1 and report["lost_spans_s"] == [[2.0, 3.0]]
    got = _wav_samples(out)
    assert got.size == original.size
    lost = slice(2 * CHUNK_SAMPLES, 3 * CHUNK_SAMPLES)
    assert not got[lost].any()
    keep = np.ones(got.size, dtype=bool)
    keep[lost] = False
    assert np.array_equal(got[keep], original[keep])
    text = _cli(vault_dir, "recordings", "salvage", rec_id, "--out", str(tmp_path / "as-text.wav"))
    assert text.returncode == 0 and "DAMAGED" in text.stdout and "NOT encrypted" in text.stdout

    before = out.read_bytes()
    again = _cli(vault_dir, "recordings", "salvage", rec_id, "--out", str(out))
    assert again.returncode != 0 and "already exists" in again.stderr and str(tmp_path) not in again.stderr
    assert out.read_bytes() == before
    for inside in (vault_dir / "salvaged.wav", vault_dir / "recordings" / "salvaged.wav",
                   vault_dir / "recordings" / ".." / "x.wav"):
        refused = _cli(vault_dir, "recordings", "salvage", rec_id, "--out", str(inside))
        assert refused.returncode != 0 and "inside the vault folder" in refused.stderr
        assert not inside.exists()
    assert sealed_file.read_bytes() == damaged_bytes  # salvage never "repairs" the evidence
    audit = json.loads(_cli(vault_dir, "--json", "audit", "list").stdout)
    assert any(r["action"] == "recording_decrypted" and "for salvage" in r["detail"] for r in audit)
