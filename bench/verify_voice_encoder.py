"""Check the numpy GE2E encoder against PyTorch + Resemblyzer (run once, in a throwaway venv).

    python3 -m venv /tmp/rz-venv
    /tmp/rz-venv/bin/pip install torch==2.13.0 librosa webrtcvad-wheels
    /tmp/rz-venv/bin/pip install --no-deps .cache/wheels/Resemblyzer-0.1.4-py3-none-any.whl
    PYTHONPATH=src /tmp/rz-venv/bin/python bench/verify_voice_encoder.py models/speaker-ge2e/encoder.npz WAV...

Compares, for each WAV (16 kHz after resampling): the mel frames (librosa vs numpy), the
partial embeddings and the utterance embedding (Resemblyzer's ``embed_utterance`` slices vs the
same slices through ``VoiceEncoder.embed_partials``). Prints the largest absolute differences.
"""

import sys

import librosa
import numpy as np
import torch
from resemblyzer import VoiceEncoder as TorchEncoder
from resemblyzer import audio as rz_audio

from session_assistant.transcribe.voice_encoder import VoiceEncoder, mel_frames

torch.set_num_threads(1)
mine = VoiceEncoder.load(sys.argv[1])
theirs = TorchEncoder("cpu", verbose=False)
worst = {"mel (relative)": 0.0, "partials": 0.0, "utterance": 0.0}
for path in sys.argv[2:]:
    wav, _ = librosa.load(path, sr=16000)
    ref_mel = rz_audio.wav_to_mel_spectrogram(wav)
    my_mel = mel_frames(wav, mine.bank)
    worst["mel (relative)"] = max(worst["mel (relative)"],
                                  float(np.abs(ref_mel - my_mel).max() / (np.abs(ref_mel).max() + 1e-12)))
    embed, partials, wav_slices = theirs.embed_utterance(wav, return_partials=True)
    padded = np.pad(wav, (0, max(0, wav_slices[-1].stop - len(wav))))
    mel = rz_audio.wav_to_mel_spectrogram(padded)
    mel_slices = [slice(s.start // 160, s.start // 160 + 160) for s in wav_slices]
    mine_partials = mine.embed_partials(np.array([mel[s] for s in mel_slices]))
    mean = mine_partials.mean(axis=0)
    worst["partials"] = max(worst["partials"], float(np.abs(mine_partials - partials).max()))
    worst["utterance"] = max(worst["utterance"], float(np.abs(mean / np.linalg.norm(mean) - embed).max()))
for name, value in worst.items():
    print(f"max abs difference, {name}: {value:.2e}")
