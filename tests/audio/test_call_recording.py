"""A telehealth call recorded on a real vault from two (fake) streams: two channels in one sealed
file, at different device rates, started and stopped together; a device that cannot be opened
leaves nothing behind. The real-PortAudio version is test_call_portaudio.py."""

from __future__ import annotations

import numpy as np
import pytest
from audio_fakes import fake_factory, sine

from session_assistant.audio import sealed
from session_assistant.audio.devices import AudioUnavailable


def _dominant_hz(signal: np.ndarray, rate: int = 16000) -> float:
    spectrum = np.abs(np.fft.rfft(signal.astype(np.float32)))
    return float(np.fft.rfftfreq(signal.size, 1 / rate)[spectrum.argmax()])


def test_call_is_sealed_as_two_aligned_channels_from_devices_at_different_rates(practice, recordings):
    mic = fake_factory(sine(2.0, 48000, freq=440, channels=2), speed=1.0)
    far = fake_factory(sine(2.0, 44100, freq=1000), speed=1.0)
    active = recordings.start_call(practice.test_appointment_id, mic, (48000, 2), far, (44100, 1),
                                   consent_now="given")
    assert mic.streams[0].exhausted.wait(10) and far.streams[0].exhausted.wait(10)
    summary = recordings.finish(active)
    assert summary["state"] == "complete"
    reader = recordings.open_reader(active.id)
    assert reader.channels == 2
    frames = np.concatenate(list(reader.channel_blocks()))
    assert frames.shape[1] == 2 and abs(frames.shape[0] / 16000 - 2.0) < 0.3
    body = slice(4000, frames.shape[0] - 4000)
    assert abs(_dominant_hz(frames[body, 0]) - 440) < 5  # the microphone stays on channel 0
    assert abs(_dominant_hz(frames[body, 1]) - 1000) < 5  # the call's audio on channel 1
    mixed = reader.read_pcm16()  # playback and the mono readers hear both
    assert mixed.ndim == 1 and mixed.size == frames.shape[0]
    assert all(s._stop.is_set() for s in mic.streams + far.streams)  # both stopped together
    for name in practice.paths.recordings_dir.iterdir():
        assert b"RIFF" not in name.read_bytes()


def test_a_call_device_that_cannot_be_opened_stores_nothing_and_closes_the_microphone(practice, recordings):
    mic = fake_factory(sine(1.0, 16000))

    def broken(**_kwargs):
        raise AudioUnavailable("The input device 'monitor' could not be opened.")

    with pytest.raises(AudioUnavailable):
        recordings.start_call(practice.test_appointment_id, mic, (16000, 1), broken, (16000, 1), consent_now="given")
    folder = practice.paths.recordings_dir
    assert not list(folder.iterdir())
    with practice.vault.db.read() as conn:
        assert conn.execute("SELECT count(*) FROM recordings").fetchone()[0] == 0
    assert mic.streams[0]._stop.is_set()  # closed again: nothing half-open


def test_sealed_format_keeps_old_mono_files_and_refuses_three_channels(tmp_path):
    key, rec_id = sealed.new_key(), sealed.new_recording_id()
    writer = sealed.SealedWriter(tmp_path / "a.sealed", key, rec_id, channels=2)
    with pytest.raises(ValueError):
        writer.append(np.zeros(100, dtype=np.int16))  # a mono chunk in a call file
    writer.append(np.stack([np.full(100, 7, np.int16), np.full(100, -7, np.int16)], axis=1))
    writer.finish()
    reader = sealed.SealedReader(tmp_path / "a.sealed", key)
    info = reader.info()
    assert (reader.channels, info.samples, info.complete) == (2, 100, True)
    assert next(reader.channel_blocks())[0].tolist() == [7, -7]
    with pytest.raises(ValueError):
        sealed.SealedWriter(tmp_path / "b.sealed", key, sealed.new_recording_id(), channels=3)
