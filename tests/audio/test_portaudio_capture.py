"""A real recording through PortAudio: espeak-ng speech played into a PulseAudio null sink,
captured from its monitor by the recorder, sealed, decrypted and compared with what was played."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest
from virtual_device import best_match, load_16k, play, speech_wav, virtual_audio_env

from session_assistant.audio import devices, sealed
from session_assistant.audio.capture import Recorder
from session_assistant.audio.sealed import SealedReader, SealedWriter

# One PulseAudio null sink serves every test that plays into it: scripts/test runs them alone, in turn.
pytestmark = pytest.mark.audio_device


@pytest.fixture(scope="module")
def pulse_env():
    env = virtual_audio_env()
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield env
    for k, v in saved.items():
        os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)


def test_devices_are_listed_with_names_channels_and_rates(pulse_env):
    found = devices.list_input_devices()
    names = [d.name for d in found]
    assert "pulse" in names
    pulse = devices.resolve_device("pulse")
    assert pulse.max_input_channels >= 1 and pulse.default_samplerate > 0
    assert devices.resolve_device(str(pulse.index)) == pulse
    with pytest.raises(devices.NoSuchDevice, match="recordings devices"):
        devices.resolve_device("no such microphone")
    rate, channels = devices.choose_settings(pulse)
    assert rate in devices.PREFERRED_RATES and channels == 1


@pytest.mark.parametrize("forced", [None, (48000, 2)], ids=["chosen_settings", "48k_stereo_resampled"])
def test_speech_played_into_the_virtual_device_is_recorded_sealed_and_matches(pulse_env, tmp_path, forced):
    speech = speech_wav(tmp_path)
    reference = load_16k(speech)
    device = devices.resolve_device("pulse")
    rate, channels = forced or devices.choose_settings(device)
    key, rec_id = sealed.new_key(), sealed.new_recording_id()
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    path = recordings / sealed.file_name_for(rec_id)
    recorder = Recorder(SealedWriter(path, key, rec_id), devices.portaudio_stream_factory(device),
                        input_rate=rate, channels=channels)
    recorder.start()
    levels = []
    sampler_stop = threading.Event()

    def sample_levels():
        while not sampler_stop.wait(0.2):
            levels.append(recorder.level.peak_dbfs)

    sampler = threading.Thread(target=sample_levels)
    sampler.start()
    try:
        # PulseAudio through ALSA can take a moment before the first block arrives: play only once
        # the stream is really delivering, as a clinician would start talking after the meter moves.
        _wait_for(lambda: recorder.elapsed_s >= 0.5)
        play(speech, pulse_env)
        threading.Event().wait(0.7)
    finally:
        result = recorder.stop()
        sampler_stop.set()
        sampler.join()
    assert result.state == "stopped"
    assert result.overruns == result.dropped_blocks + result.input_overflows  # counted, never silent
    reader = SealedReader(path, key)
    info = reader.info()
    recorded = reader.read_float32()
    assert info.complete and info.duration_s >= len(reference) / 16000
    score, lag = best_match(recorded, reference)
    assert score > 0.8, f"recording does not match the speech played (correlation {score:.2f})"
    assert max(levels) > -30, "the live meter never saw the speech"
    for file in recordings.iterdir():
        data = file.read_bytes()
        assert b"RIFF" not in data
        pcm = (reference[8000:8016] * 32768).astype("<i2").tobytes()
        assert pcm not in data
    print(f"capture: rate={rate} ch={channels} correlation={score:.3f} lag={lag / 16000:.2f}s "
          f"duration={info.duration_s:.1f}s")


def _wait_for(predicate, timeout: float = 10.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        done.wait(0.02)
    raise AssertionError("the input stream delivered no audio")
