"""A trained speaker encoder (GE2E, as shipped in Resemblyzer 0.1.4) run with numpy alone.

The network: 40 mel bands (16 kHz, 25 ms Hann window every 10 ms, Slaney mel scale, power
spectrum, no log) of a 1.6 s partial utterance (160 frames) -> 3 LSTM layers of 256 -> linear
256 + ReLU -> L2 norm: a 256-number "voice print" where the same voice gives nearby vectors
whatever is said. The weights come from the Resemblyzer wheel's ``pretrained.pt`` (Apache-2.0),
converted once at set-up into ``models/speaker-ge2e/encoder.npz`` (see ``model_registry``);
nothing here imports PyTorch. Verified against PyTorch + Resemblyzer to 1e-4 (bench/README.md).

All partials of an utterance run as one batch: each layer's input projection is one matrix
product over every frame, and only the recurrent product steps through time.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import glob
import threading
from pathlib import Path

import numpy as np

from session_assistant.transcribe.mel_bank import slaney_filterbank

N_FFT, HOP, N_MELS, PARTIAL_FRAMES = 400, 160, 40, 160
LAYERS = 3
_CHUNK = 20  # LSTM steps whose input projection is computed at once


_BLAS_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _openblas():
    """numpy's bundled OpenBLAS (its thread-count functions), or None where numpy uses another BLAS."""
    try:
        folder = Path(np.__file__).resolve().parent
        candidates = glob.glob(str(folder.parent / "numpy.libs" / "*openblas*")) + \
            glob.glob(str(folder / ".dylibs" / "*openblas*"))
        for path in candidates:
            lib = ctypes.CDLL(path)
            for prefix, suffix in (("scipy_openblas", "64_"), ("scipy_openblas", ""), ("openblas", "64_"), ("openblas", "")):
                setter = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                getter = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                if setter is not None and getter is not None:
                    return setter, getter
    except OSError:
        pass
    return None


@contextlib.contextmanager
def _one_blas_thread():
    """Run the LSTM's many small matrix products on one BLAS thread.

    Measured on the 2-core machine under load: OpenBLAS's second thread made each step's
    (batch x 256) @ (256 x 1024) product about 10x slower in CPU time (spinning threads),
    and the speaker work then cost more than Whisper itself. Best effort: a no-op elsewhere."""
    functions = _openblas()
    if functions is None:
        yield
        return
    setter, getter = functions
    with _BLAS_LOCK:
        before = getter()
        setter(1)
        try:
            yield
        finally:
            setter(before)


def mel_filterbank() -> np.ndarray:
    """The 40 x 201 filters GE2E was trained with."""
    return slaney_filterbank(N_FFT, N_MELS)


_WINDOW = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)  # periodic Hann


def mel_frames(audio: np.ndarray, bank: np.ndarray, first: int = 0, count: int | None = None) -> np.ndarray:
    """Mel power frames (n_frames x 40) of 16 kHz audio, centred frames with zero padding;
    ``first``/``count`` compute only those frames (the same values as slicing the whole)."""
    padded = np.pad(np.asarray(audio, dtype=np.float32), N_FFT // 2)
    available = 1 + (padded.size - N_FFT) // HOP - first
    count = available if count is None else min(count, available)
    if count < 1:
        return np.zeros((0, N_MELS), dtype=np.float32)
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(first, first + count)[:, None]
    spectrum = np.fft.rfft(padded[index] * _WINDOW, N_FFT)
    power = (spectrum.real ** 2 + spectrum.imag ** 2).astype(np.float32)
    return power @ bank.T


class VoiceEncoder:
    """The GE2E encoder over numpy weights: ``embed_partials`` and ``embed_audio``."""

    model_id = "speaker-ge2e"

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        self._layers = []
        for layer in range(LAYERS):
            w_ih = np.asarray(weights[f"lstm.weight_ih_l{layer}"], dtype=np.float32)
            w_hh = np.asarray(weights[f"lstm.weight_hh_l{layer}"], dtype=np.float32)
            bias = np.asarray(weights[f"lstm.bias_ih_l{layer}"]) + np.asarray(weights[f"lstm.bias_hh_l{layer}"])
            # PyTorch stacks the gates i, f, g, o; reordered to i, f, o, g so the three sigmoid
            # gates are one contiguous block (one call instead of three per step).
            order = np.concatenate([np.arange(0, 2), np.array([3, 2])])
            size = w_hh.shape[1]
            rows = np.concatenate([np.arange(k * size, (k + 1) * size) for k in order])
            # The three sigmoid gates' rows are halved here (exact: a power of two), since
            # sigmoid(x) = (tanh(x / 2) + 1) / 2 and the step then needs one tanh over all four gates.
            half = np.ones(4 * size, dtype=np.float32)
            half[:3 * size] = 0.5
            self._layers.append((np.ascontiguousarray(w_ih[rows].T * half), np.ascontiguousarray(w_hh[rows].T * half),
                                 bias[rows].astype(np.float32) * half))
        self._linear_w = np.ascontiguousarray(np.asarray(weights["linear.weight"], dtype=np.float32).T)
        self._linear_b = np.asarray(weights["linear.bias"], dtype=np.float32)
        self.bank = mel_filterbank()

    @classmethod
    def load(cls, path: Path) -> "VoiceEncoder":
        with np.load(Path(path), allow_pickle=False) as data:
            return cls({k: data[k] for k in data.files})

    def embed_partials(self, mels: np.ndarray) -> np.ndarray:
        """Embeddings (batch x 256, unit length) of mel partials shaped (batch, frames, 40)."""
        with _one_blas_thread():
            return self._embed(mels)

    def _embed(self, mels: np.ndarray) -> np.ndarray:
        batch, steps, _ = mels.shape
        x = np.ascontiguousarray(mels.astype(np.float32).transpose(1, 0, 2))  # time-major
        hidden = np.zeros((batch, self._linear_w.shape[0]), dtype=np.float32)
        for w_ih, w_hh, bias in self._layers:
            size = w_hh.shape[0]
            hidden = np.zeros((batch, size), dtype=np.float32)
            cell = np.zeros((batch, size), dtype=np.float32)
            outputs = np.empty((steps, batch, size), dtype=np.float32)
            gates = np.empty((batch, 4 * size), dtype=np.float32)
            sig, g = gates[:, :3 * size], gates[:, 3 * size:]
            in_gate, forget, out_gate = sig[:, :size], sig[:, size:2 * size], sig[:, 2 * size:]
            flat = x.reshape(steps * batch, -1)
            # The input projection runs over _CHUNK steps at a time: one product over all 160
            # steps of a 128-piece batch is 84 MB, read back step by step from memory; a chunk
            # stays in cache (with the one tanh: 10-25 % less speaker time, bench/README.md, speakers17l).
            for t0 in range(0, steps, _CHUNK):
                t1 = min(steps, t0 + _CHUNK)
                projected = (flat[t0 * batch:t1 * batch] @ w_ih + bias).reshape(t1 - t0, batch, 4 * size)
                for t in range(t0, t1):
                    np.matmul(hidden, w_hh, out=gates)
                    gates += projected[t - t0]
                    np.tanh(gates, out=gates)  # the sigmoid gates were halved in __init__
                    sig += 1.0
                    sig *= 0.5
                    cell *= forget
                    g *= in_gate
                    cell += g
                    np.tanh(cell, out=hidden)
                    hidden *= out_gate
                    outputs[t] = hidden
            x = outputs
        raw = np.maximum(hidden @ self._linear_w + self._linear_b, 0.0)
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        return raw / np.where(norms > 0, norms, 1.0)

    def embed_pieces(self, pieces: list[np.ndarray], batch: int = 128) -> np.ndarray:
        """One voice print (len(pieces) x 256) per piece of audio: its central partial (1.6 s,
        a shorter piece repeated to fill it), the cheapest print of a short piece.

        Only the central 160 mel frames are computed, and the mel products run on one BLAS
        thread like the LSTM (threads spinning over a 201 x 40 product cost 2.7x the CPU time
        on the loaded 2-core machine; bench/README.md)."""
        if not pieces:
            return np.zeros((0, self._linear_w.shape[1]), dtype=np.float32)
        with _one_blas_thread():
            mels = np.stack([self._central_partial(np.asarray(p, dtype=np.float32)) for p in pieces])
            return np.concatenate([self._embed(mels[i:i + batch]) for i in range(0, len(mels), batch)])

    def _central_partial(self, audio: np.ndarray) -> np.ndarray:
        needed = (PARTIAL_FRAMES - 1) * HOP
        if audio.size < needed:
            audio = np.tile(audio, int(np.ceil(needed / max(audio.size, 1))))[:needed]
        total = 1 + audio.size // HOP  # frames of the whole piece, as ``mel_frames`` counts them
        return mel_frames(audio, self.bank, (total - PARTIAL_FRAMES) // 2, PARTIAL_FRAMES)

    def partials(self, audio: np.ndarray, hop_frames: int | None = 50) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """Cut audio into 160-frame mel partials every ``hop_frames`` (``None``: only the central
        one, the cheapest print of a short piece); returns (mels, frame spans).

        Audio shorter than one partial is repeated to fill it (a "mm-hmm" stays that voice; zero
        padding would feed the network silence it was not trained on)."""
        audio = np.asarray(audio, dtype=np.float32)
        needed = (PARTIAL_FRAMES - 1) * HOP
        if 0 < audio.size < needed:
            audio = np.tile(audio, int(np.ceil(needed / audio.size)))[:needed]
        frames = mel_frames(audio, self.bank)
        if len(frames) < PARTIAL_FRAMES:
            return np.zeros((0, PARTIAL_FRAMES, N_MELS), dtype=np.float32), []
        if hop_frames is None:
            start = (len(frames) - PARTIAL_FRAMES) // 2
            return frames[None, start:start + PARTIAL_FRAMES], [(start, start + PARTIAL_FRAMES)]
        starts = list(range(0, len(frames) - PARTIAL_FRAMES + 1, hop_frames))
        if len(frames) - (starts[-1] + PARTIAL_FRAMES) > hop_frames // 2:
            starts.append(len(frames) - PARTIAL_FRAMES)  # cover the tail
        return np.stack([frames[s:s + PARTIAL_FRAMES] for s in starts]), [(s, s + PARTIAL_FRAMES) for s in starts]

    def embed_audio(self, audio: np.ndarray) -> np.ndarray | None:
        """One unit-length voice print for a stretch of one person's speech (mean of its partials)."""
        mels, _ = self.partials(audio)
        if not len(mels):
            return None
        mean = self.embed_partials(mels).mean(axis=0)
        return mean / np.linalg.norm(mean)


def load_encoder(models_dir: Path, name: str | None = None):
    """The installed encoder (the default speaker model, or ``name``), or None when it is not
    installed (callers then fall back to the classical features, and ``models`` shows what is
    missing). Its ``model_id`` says which encoder made a print: prints of two encoders are never
    compared (a stored voice profile is checked against it)."""
    from session_assistant import model_registry
    from session_assistant.errors import ModelUnavailable

    try:
        model = model_registry.resolve(Path(models_dir), "speaker", name)
    except ModelUnavailable:
        return None
    if (model.path / "embedder.onnx").is_file():
        from session_assistant.transcribe.dvector_encoder import DVectorEncoder

        encoder = DVectorEncoder.load(model.path / "embedder.onnx")
    else:
        encoder = VoiceEncoder.load(model.path / "encoder.npz")
    encoder.model_id = model.id
    return encoder
