"""Slaney-normalised mel filters (librosa's defaults), shared by the speaker encoders: GE2E
(``voice_encoder``) and the d-vector (``dvector_encoder``) each build their bank from it. Apart from
both so that neither encoder's module imports the other's."""

from __future__ import annotations

import numpy as np

from session_assistant.transcribe.segments import SAMPLE_RATE


def _hz_to_slaney_mel(hz: np.ndarray) -> np.ndarray:
    hz = np.asarray(hz, dtype=np.float64)
    linear = hz / (200.0 / 3)
    log_part = 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(hz >= 1000.0, log_part, linear)


def _slaney_mel_to_hz(mel: np.ndarray) -> np.ndarray:
    linear = (200.0 / 3) * mel
    log_part = 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - 15.0))
    return np.where(mel >= 15.0, log_part, linear)


def slaney_filterbank(n_fft: int, n_mels: int) -> np.ndarray:
    """``n_mels`` x (1 + n_fft/2) Slaney-normalised triangular filters (librosa's defaults)."""
    mel_points = _slaney_mel_to_hz(np.linspace(_hz_to_slaney_mel(0.0), _hz_to_slaney_mel(SAMPLE_RATE / 2), n_mels + 2))
    fft_freqs = np.linspace(0, SAMPLE_RATE / 2, 1 + n_fft // 2)
    widths = np.diff(mel_points)
    ramps = mel_points[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_points[2:] - mel_points[:-2]))[:, None]
    return weights.astype(np.float32)
