"""A telehealth call through real PortAudio devices: two virtual sources (scripts/virtual-audio.sh:
the monitors of the null sinks sa_test and sa_call, as the ALSA inputs sa_mic_in and sa_call_in).
A male espeak-ng voice (the clinician) is played into the "microphone", a female one (the client)
into the "call", taking turns; `record --call` seals both as two channels of one recording;
`sessions transcribe` names every word by its channel. One person speaks at a time, so every word
must be under the right name (issue 17: 100 % on the two-channel path).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import wave

import numpy as np
import pytest
from audio_vault import AUDIO_TEST_PASSPHRASE
from sa_testing import MODELS_DIR, run_cli
from virtual_device import virtual_audio_env

# One PulseAudio null sink serves every test that plays into it: scripts/test runs them alone, in turn.
pytestmark = pytest.mark.audio_device

CLINICIAN_VOICE, CLIENT_VOICE = "en-gb-x-rp+m3", "en-us+f2"
# The two people's words share no word, so a word's text says who said it, whatever its timing.
TURNS = [
    ("clinician", "Good morning. How have you been sleeping since our last appointment?"),
    ("client", "Honestly, badly. I keep waking around four."),
    ("clinician", "What do you notice in your body when that happens?"),
    ("client", "My chest feels tight and my heart races."),
    ("clinician", "Could you try writing those worries down before bed this week?"),
    ("client", "Okay. I can keep a notebook beside my lamp."),
]
SINKS = {"clinician": "sa_test", "client": "sa_call"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


VOCABULARY = {who: set().union(*(_words(t) for w, t in TURNS if w == who)) for who in SINKS}
assert not VOCABULARY["clinician"] & VOCABULARY["client"]


@pytest.fixture
def vault(practice):
    folder, appointment = practice.paths.vault_dir, practice.test_appointment_id
    practice.close()
    return folder, appointment


@pytest.fixture
def pulse(monkeypatch):
    env = virtual_audio_env()
    if "ALSA_CONFIG_PATH" not in env:
        pytest.skip("no ALSA configuration to name the two virtual inputs")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def _speak(folder, who: str, index: int, text: str):
    path = folder / f"turn{index}.wav"
    voice = CLINICIAN_VOICE if who == "clinician" else CLIENT_VOICE
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(path), text], check=True, capture_output=True)
    return path


def _cli(vault_dir, *args, **kw):
    return run_cli("--vault", str(vault_dir), "--models-dir", str(MODELS_DIR), *args,
                   passphrase=AUDIO_TEST_PASSPHRASE, **kw)


def _record_call(vault_dir, appt, mic: str, call: str, during) -> dict:
    """`record --call` from two inputs while ``during()`` plays; stopped as Ctrl-C would; its JSON."""
    proc = subprocess.Popen([sys.executable, "-m", "session_assistant", "--vault", str(vault_dir), "--json",
                             "record", "--appointment", str(appt), "--call", "--mic", mic, "--call-audio", call,
                             "--seconds", "120", "--consent", "given"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "SESSION_ASSISTANT_PASSPHRASE": AUDIO_TEST_PASSPHRASE})
    try:
        _wait_for_start(proc)
        time.sleep(3.0)  # PulseAudio through ALSA may take a moment to deliver the first blocks
        during()
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    summary = json.loads(out)
    assert summary["state"] == "complete" and summary["channels"] == 2
    return summary


def _play(sink: str, wav, env) -> None:
    subprocess.run(["paplay", f"--device={sink}", str(wav)], check=True, env={**os.environ, **env}, timeout=60)


def _stereo(vault_dir, recording_id: str, folder) -> np.ndarray:
    wav_out = folder / "call.wav"
    assert _cli(vault_dir, "recordings", "play", recording_id, "--out", str(wav_out)).returncode == 0
    with wave.open(str(wav_out)) as wav:
        assert wav.getnchannels() == 2  # left the microphone, right the call
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, 2).astype(np.float32)


@pytest.mark.slow
def test_a_call_on_two_virtual_devices_names_every_word_by_its_channel(vault, pulse, tmp_path):
    vault_dir, appt = vault
    turns = [(who, _speak(tmp_path, who, i, text)) for i, (who, text) in enumerate(TURNS)]
    done = _cli(vault_dir, "record", "--appointment", str(appt), "--call", "--mic", "sa_mic_in",
                "--call-audio", "sa_mic_in", "--consent", "given")
    assert done.returncode != 0 and "same input" in done.stderr  # one device cannot be both people
    done = _cli(vault_dir, "record", "--appointment", str(appt), "--call", "--mic", "sa_mic_in", "--consent", "given")
    assert done.returncode != 0 and "--call-audio" in done.stderr

    def dialogue():
        for who, wav in turns:  # one person at a time, each into their own device
            _play(SINKS[who], wav, pulse)
            time.sleep(0.8)

    summary = _record_call(vault_dir, appt, "sa_mic_in", "sa_call_in", dialogue)
    frames = _stereo(vault_dir, summary["id"], tmp_path)
    assert abs(frames.shape[0] / 16000 - summary["duration_s"]) < 0.001  # both channels that long
    print(f"call: {summary['duration_s']:.2f} s on both channels; the devices delivered "
          f"{summary['alignment']['received_s']} s, alignment inserted {summary['alignment']['inserted_s']} s")

    done = _cli(vault_dir, "--json", "sessions", "transcribe", summary["id"], "--language", "en", timeout=900)
    assert done.returncode == 0, done.stderr
    transcript = json.loads(done.stdout)
    scored = wrong = 0
    unknown = []
    for segment in transcript["segments"]:
        for word in _words(segment["text"]):
            owner = next((who for who, vocabulary in VOCABULARY.items() if word in vocabulary), None)
            if owner is None:
                unknown.append(word)
                continue
            scored += 1
            wrong += owner != segment["speaker"]
    spoken = sum(len(_words(t)) for _, t in TURNS)
    print(f"call transcript: {scored} of {spoken} words scored, {wrong} under the wrong name; "
          f"not in the script: {unknown}")
    assert scored >= 0.7 * spoken  # Whisper heard most of it
    assert wrong == 0  # 100 %: every word under the name of the channel it was spoken on
    speakers = [s["speaker"] for s in transcript["segments"]]
    assert speakers[0] == "clinician" and set(speakers) == {"clinician", "client"}


@pytest.mark.slow
def test_the_two_channels_of_a_call_stay_in_step_within_20_ms(vault, pulse, tmp_path):
    """Both inputs on one source (sa_mic_in and sa_mic_twin_in): a click reaches the two streams at
    the same true moment, so where it lands on each channel of the recording is the alignment error."""
    vault_dir, appt = vault
    click = _click(tmp_path / "click.wav")

    def clicks():
        for _ in range(6):
            _play("sa_test", click, pulse)
            time.sleep(2.0)

    summary = _record_call(vault_dir, appt, "sa_mic_in", "sa_mic_twin_in", clicks)
    frames = _stereo(vault_dir, summary["id"], tmp_path)
    assert abs(frames.shape[0] / 16000 - summary["duration_s"]) < 0.001
    received = summary["alignment"]["received_s"]
    offsets = [_offset_s(frames, slice(a, a + 32000)) for a in _click_starts(frames[:, 0])]
    print(f"call: devices delivered {received} s, alignment inserted {summary['alignment']['inserted_s']} s; "
          f"each click's offset between the channels: {[round(o * 1000, 1) for o in offsets]} ms")
    assert len(offsets) == 6
    assert all(abs(offset) < 0.020 for offset in offsets)  # in step within 20 ms, start to end
    assert abs(received[0] - received[1]) < 0.2  # both streams ran the whole call (to a block or two)


def _click(path):
    """A 30 ms 2 kHz burst: sharp enough to time, unlike anything espeak says."""
    rate = 48000
    t = np.arange(int(0.03 * rate)) / rate
    burst = (0.8 * np.sin(2 * np.pi * 2000 * t) * np.hanning(t.size) * 32767).astype("<i2")
    samples = np.concatenate([np.zeros(rate // 10, "<i2"), burst, np.zeros(rate // 10, "<i2")])
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return path


def _offset_s(frames: np.ndarray, part: slice) -> float:
    """Where the click is on the right channel minus where it is on the left, within ``part`` of the
    call (the loudest 2 kHz burst there)."""
    found = []
    for channel in (0, 1):
        x = frames[part, channel]
        t = np.arange(480) / 16000
        kernel = np.sin(2 * np.pi * 2000 * t) * np.hanning(480)
        energy = np.convolve(np.abs(np.convolve(x, kernel, mode="same")), np.ones(160), mode="same")
        found.append(int(energy.argmax()))
    return (found[1] - found[0]) / 16000


def _click_starts(column: np.ndarray) -> list[int]:
    """A window start (1 s before) for each click on one channel."""
    loud = np.flatnonzero(np.abs(column) > 0.3 * np.abs(column).max())
    firsts = loud[np.insert(np.diff(loud) > 16000, 0, True)]
    return [max(0, int(i) - 16000) for i in firsts]


def _wait_for_start(proc) -> None:
    for _ in range(200):
        line = proc.stderr.readline()
        if line.startswith("Recording call "):
            return
        if not line:
            break
    raise AssertionError(f"record --call did not start: {proc.communicate(timeout=30)}")
