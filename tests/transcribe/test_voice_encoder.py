"""The numpy speaker encoder: converted without PyTorch, safe to load, and it tells voices apart."""

from __future__ import annotations

import io
import pickle
import zipfile

import numpy as np
import pytest

from sa_testing import MODELS_DIR, REPO
from session_assistant import model_registry
from session_assistant.torch_weights import load_checkpoint
from session_assistant.transcribe.voice_encoder import VoiceEncoder, load_encoder
from transcribe_samples import read_wav, speak


@pytest.fixture(scope="module")
def encoder() -> VoiceEncoder:
    found = load_encoder(MODELS_DIR, "speaker-ge2e")  # GE2E-specific (central 1.6 s partial, weights)
    assert found is not None, f"speaker-ge2e is not installed; {model_registry.SETUP_HINT}"
    return found


def test_a_checkpoint_that_names_any_other_callable_is_refused():
    class Exploit:
        def __reduce__(self):
            import os

            return (os.system, ("echo owned",))

    for payload in (pickle.dumps(Exploit(), protocol=2),):
        legacy = pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2) + payload
        with pytest.raises(pickle.UnpicklingError, match="posix.system|os.system|no need"):
            load_checkpoint(legacy)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("archive/data.pkl", pickle.dumps(Exploit(), protocol=2))
    with pytest.raises(pickle.UnpicklingError):
        load_checkpoint(archive.getvalue())


def test_the_converted_weights_are_the_registry_file_byte_for_byte(tmp_path):
    wheels = sorted((REPO / ".cache" / "wheels").glob("[Rr]esemblyzer-*.whl"))
    if not wheels:
        pytest.fail(f"the resemblyzer wheel is not in .cache/wheels; {model_registry.SETUP_HINT}")
    (tmp_path / "wheels").mkdir()
    (tmp_path / "wheels" / wheels[0].name).symlink_to(wheels[0])
    model = model_registry.known("speaker-ge2e")
    model_registry.assemble(model, tmp_path / "wheels", tmp_path / "models")
    built = tmp_path / "models" / "speaker-ge2e" / "encoder.npz"
    assert model_registry.sha256_of(built) == model.files[0].sha256
    state = {m.id: m.state for m in model_registry.list_models(tmp_path / "models")}
    assert state["speaker-ge2e"] == "verified"
    with np.load(built) as weights:
        assert weights["lstm.weight_ih_l0"].shape == (1024, 40) and "similarity_weight" not in weights.files


def test_two_espeak_voices_land_apart_and_each_voice_near_itself(encoder, tmp_path):
    lines = ["I have not been sleeping well, and work has been very stressful this week.",
             "Can you tell me more about what has been keeping you awake at night?"]
    prints = {}
    for voice in ("en-us+m3", "en+f2", "en-us+m1"):
        for k, text in enumerate(lines):
            prints[voice, k] = encoder.embed_audio(read_wav(speak(text, voice, tmp_path / f"{voice}{k}.wav")))
    voices = ("en-us+m3", "en+f2", "en-us+m1")
    for voice in voices:
        same = float(prints[voice, 0] @ prints[voice, 1])
        for other in voices:
            if other != voice:
                assert same > float(prints[voice, 0] @ prints[other, 1]) + 0.02, (voice, other)
    assert all(abs(np.linalg.norm(p) - 1) < 1e-5 for p in prints.values())


def test_a_back_channel_shorter_than_a_partial_still_gets_a_voice_print(encoder, tmp_path):
    short = read_wav(speak("Mm-hmm.", "en+f2", tmp_path / "mm.wav"))
    assert short.size < 1.6 * 16000
    embedding = encoder.embed_audio(short)
    assert embedding is not None and embedding.shape == (256,)


def test_piece_prints_equal_the_central_partial_of_the_whole_piece(encoder, tmp_path):
    # embed_pieces computes only the central 160 mel frames (the speaker work's cost, issue 17);
    # they must be the frames the full computation would have cut out, for any piece length.
    audio = read_wav(speak("I have not been sleeping well, and work has been very stressful this week. "
                           "Can you tell me more about what keeps you awake?", "en-us+m3", tmp_path / "a.wav"))
    lengths = [3_200, 25_440, 25_441, 25_599, 25_600, 25_760, 40_001, 51_200]
    pieces = [audio[1_000:1_000 + n] for n in lengths]
    reference = encoder.embed_partials(np.concatenate([encoder.partials(p, hop_frames=None)[0] for p in pieces]))
    fast = encoder.embed_pieces(pieces)
    assert fast.shape == (len(pieces), 256)
    assert np.abs(fast - reference).max() < 1e-5
    assert encoder.embed_pieces([]).shape == (0, 256)


def _textbook_lstm(weights, mels: np.ndarray) -> np.ndarray:
    """GE2E as PyTorch computes it (gates i, f, g, o; sigmoid by exp; float64), step by step."""
    x = mels.astype(np.float64)
    for layer in range(3):
        w_ih, w_hh = weights[f"lstm.weight_ih_l{layer}"].astype(np.float64), weights[f"lstm.weight_hh_l{layer}"].astype(np.float64)
        bias = weights[f"lstm.bias_ih_l{layer}"].astype(np.float64) + weights[f"lstm.bias_hh_l{layer}"]
        h = np.zeros((x.shape[0], w_hh.shape[1]))
        c = np.zeros_like(h)
        outputs = []
        for t in range(x.shape[1]):
            i, f, g, o = np.split(x[:, t] @ w_ih.T + h @ w_hh.T + bias, 4, axis=1)
            c = c / (1 + np.exp(-f)) + np.tanh(g) / (1 + np.exp(-i))
            h = np.tanh(c) / (1 + np.exp(-o))
            outputs.append(h)
        x = np.stack(outputs, axis=1)
    raw = np.maximum(h @ weights["linear.weight"].T.astype(np.float64) + weights["linear.bias"], 0.0)
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


def test_the_fast_lstm_gives_the_textbook_prints(encoder, tmp_path):
    # The step folds the sigmoid gates into one tanh (their weights halved at load) and computes
    # the input projection a few steps at a time (issue 17: the speaker work's cost). The prints
    # must stay those of the plain network, whatever the batch and a last chunk's length.
    audio = read_wav(speak("Can you tell me more about what has been keeping you awake at night?",
                           "en-us+m3", tmp_path / "a.wav"))
    mels, _ = encoder.partials(audio, hop_frames=40)
    mels = np.concatenate([mels, mels[:, :, ::-1]])[:, :157]  # 157 steps: a short last chunk
    with np.load(MODELS_DIR / "speaker-ge2e" / "encoder.npz") as data:
        weights = {k: data[k] for k in data.files}
    expected = _textbook_lstm(weights, mels)
    assert np.abs(encoder.embed_partials(mels) - expected).max() < 1e-5
    assert np.abs(encoder.embed_partials(mels[:1]) - expected[:1]).max() < 1e-5
