"""The recorder with injected streams: real sealing, real resampling, fake hardware."""

from __future__ import annotations

import errno
import threading
import time

import numpy as np
import pytest
from audio_fakes import fake_factory, manual_factory, sine

from session_assistant.audio import sealed
from session_assistant.audio.capture import Recorder
from session_assistant.audio.sealed import SealedReader, SealedWriter
from session_assistant.errors import DiskFull


@pytest.fixture
def new_writer(tmp_path):
    made = {}

    def make(writer_cls=SealedWriter):
        key, rec_id = sealed.new_key(), sealed.new_recording_id()
        path = tmp_path / sealed.file_name_for(rec_id)
        made["key"], made["path"] = key, path
        return writer_cls(path, key, rec_id)

    make.made = made
    return make


def read_back(new_writer) -> tuple[np.ndarray, sealed.RecordingInfo]:
    reader = SealedReader(new_writer.made["path"], new_writer.made["key"])
    return reader.read_pcm16(), reader.info()


def test_16k_mono_is_sealed_sample_exact(new_writer):
    audio = sine(3.3, 16000)
    factory = fake_factory(audio)
    recorder = Recorder(new_writer(), factory, input_rate=16000, queue_blocks=1000)
    recorder.start()
    assert factory.streams[0].exhausted.wait(10)
    result = recorder.stop()
    pcm, info = read_back(new_writer)
    assert result.state == "stopped" and info.complete
    assert result.chunks == 4 and info.chunks == 4
    expected = np.round(audio[:, 0] * 32768).astype(np.int16)
    assert pcm.size == expected.size
    assert np.max(np.abs(pcm.astype(int) - expected)) <= 1
    assert result.overruns == 0


def test_48k_stereo_is_mixed_and_resampled_to_16k(new_writer):
    audio = sine(2.0, 48000, freq=440.0, channels=2)
    factory = fake_factory(audio)
    recorder = Recorder(new_writer(), factory, input_rate=48000, channels=2, queue_blocks=1000)
    recorder.start()
    assert factory.streams[0].exhausted.wait(10)
    recorder.stop()
    pcm, info = read_back(new_writer)
    assert abs(info.duration_s - 2.0) < 0.02
    spectrum = np.abs(np.fft.rfft(pcm[4000:12000].astype(np.float64)))
    peak_hz = np.argmax(spectrum) * 16000 / 8000
    assert abs(peak_hz - 440) <= 2
    rms = np.sqrt(np.mean((pcm[1000:-1000] / 32768.0) ** 2))
    assert abs(rms - 0.3 / np.sqrt(2)) < 0.01


def test_pause_drops_audio_and_resume_continues(new_writer):
    factory = manual_factory()
    recorder = Recorder(new_writer(), factory, input_rate=16000)
    recorder.start()
    stream = factory.stream
    first, during_pause, third = sine(1.0, 16000, 300), sine(1.0, 16000, 900), sine(1.0, 16000, 500)
    stream.push_signal(first[:11200])
    _wait_for(lambda: recorder.elapsed_s >= 0.7)
    recorder.pause()
    assert recorder.state == "paused"
    _wait_for(lambda: new_writer_chunks(recorder) == 1)  # the 0.7 s before the pause is sealed now
    recorder.resume()
    stream.push_signal(first[11200:])
    recorder.pause()
    stream.push_signal(during_pause)
    recorder.resume()
    stream.push_signal(third)
    result = recorder.stop()
    pcm, info = read_back(new_writer)
    assert result.duration_s == 2.0 and info.complete
    expected = np.round(np.concatenate([first, third])[:, 0] * 32768).astype(np.int16)
    assert np.max(np.abs(pcm.astype(int) - expected)) <= 1
    assert stream.stopped and stream.closed


def test_writer_falling_behind_is_counted_never_silent(new_writer):
    release = threading.Event()
    factory = manual_factory()
    recorder = Recorder(new_writer(), factory, input_rate=16000, queue_blocks=3,
                        on_chunk=lambda chunk: release.wait(5))
    recorder.start()
    pushed = 40
    for _ in range(pushed):
        factory.stream.push(sine(0.1, 16000))
    release.set()
    result = recorder.stop()
    assert result.dropped_blocks > 0
    assert result.overruns >= result.dropped_blocks
    kept = round(result.duration_s * 10)
    assert kept + result.dropped_blocks == pushed  # every block is either sealed or counted


def test_portaudio_overflow_status_is_counted(new_writer):
    factory = fake_factory(sine(1.0, 16000), overflow_every=4)
    recorder = Recorder(new_writer(), factory, input_rate=16000, queue_blocks=1000)
    recorder.start()
    factory.streams[0].exhausted.wait(10)
    result = recorder.stop()
    assert result.input_overflows == 2 and result.overruns == 2


def test_hard_cap_stops_the_recording_by_itself(new_writer):
    factory = fake_factory(sine(5.0, 16000), loop=True)
    recorder = Recorder(new_writer(), factory, input_rate=16000, max_seconds=2.0, queue_blocks=1000)
    recorder.start()
    assert recorder.wait(10), "the cap should end the recording without stop()"
    assert recorder.finished
    result = recorder.stop()
    _, info = read_back(new_writer)
    assert result.state == "capped" and info.complete and info.duration_s == 2.0


def test_level_meter_and_warnings(new_writer):
    quiet_then_loud = np.concatenate([np.zeros((16000 * 6, 1), np.float32), sine(2.0, 16000, amplitude=0.5),
                                      np.sign(sine(6.0, 16000, amplitude=1.0))])
    factory = manual_factory()
    recorder = Recorder(new_writer(), factory, input_rate=16000, queue_blocks=1000, warn_after_s=5)
    recorder.start()
    factory.stream.push_signal(quiet_then_loud[: 16000 * 6])
    _wait_for(lambda: recorder.warning is not None)
    assert "No sound" in recorder.warning
    factory.stream.push_signal(quiet_then_loud[16000 * 6 : 16000 * 8])
    _wait_for(lambda: recorder.elapsed_s >= 8.0)
    assert recorder.warning is None
    assert abs(recorder.level.rms_dbfs - (-9.03)) < 0.1 and abs(recorder.level.peak_dbfs - (-6.02)) < 0.1
    factory.stream.push_signal(quiet_then_loud[16000 * 8 :])
    _wait_for(lambda: recorder.warning is not None)
    assert "clipping" in recorder.warning
    result = recorder.stop()
    assert result.warnings == ["silent", "clipping"]


def test_on_chunk_gets_each_sealed_chunk(new_writer):
    got = []
    factory = fake_factory(sine(2.5, 16000))
    recorder = Recorder(new_writer(), factory, input_rate=16000, queue_blocks=1000, on_chunk=got.append)
    recorder.start()
    factory.streams[0].exhausted.wait(10)
    recorder.stop()
    pcm, _ = read_back(new_writer)
    assert [c.size for c in got] == [16000, 16000, 8000]
    assert np.array_equal(np.concatenate(got), pcm.astype(np.float32) / 32768.0)


class _FillsAfterTwoChunks(SealedWriter):
    def _write_durably(self, data: bytes) -> None:
        if self.chunks >= 2 and self.bytes_written:
            raise OSError(errno.ENOSPC, "No space left on device")
        super()._write_durably(data)


def test_disk_full_stops_with_clear_error_and_keeps_what_was_sealed(new_writer):
    factory = fake_factory(sine(5.0, 16000))
    recorder = Recorder(new_writer(_FillsAfterTwoChunks), factory, input_rate=16000, queue_blocks=1000)
    recorder.start()
    assert recorder.wait(10)
    with pytest.raises(DiskFull, match="disk is full"):
        recorder.stop()
    pcm, info = read_back(new_writer)
    assert (info.complete, info.chunks, pcm.size) == (False, 2, 32000)
    assert recorder.state == "failed"


def new_writer_chunks(recorder) -> int:
    return recorder._writer.chunks


def _wait_for(predicate, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def test_audio_flowing_only_once_the_device_delivers_its_first_block(new_writer):
    """A device can take a second to start: "Recording" waits for the first block, not for start()."""
    factory = manual_factory()
    recorder = Recorder(new_writer(), factory, input_rate=16000, queue_blocks=1000)
    recorder.start()
    assert not recorder.audio_flowing
    assert recorder.wait_for_audio(0.05) is False  # started, but nothing heard yet
    stream = factory.stream
    stream.push(np.zeros((stream.blocksize, 1), dtype=np.float32))
    assert recorder.wait_for_audio(1.0) is True and recorder.audio_flowing
    recorder.stop()
