"""Speak therapy sessions of bench/therapy_eval with espeak-ng, two voices, into one WAV file.

    .venv/bin/python bench/session_audio.py OUT.wav 01 05 08 [--minutes 10] [--pause 0]

The input of ``bench/import_to_draft.py``: clinician ``en+m3``, client ``en+f3``, 160 words a
minute, 16 kHz mono 16-bit. ``--pause`` adds that many seconds of silence between turns (default
0: turns back to back, as measured on 2026-12-01); ``--minutes`` stops after the turn that passes
that length (a shorter clip). What was spoken goes to OUT.txt (a reference for WER). Keep the audio outside the repository (e.g. /work/drafts/NAME/).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

SESSIONS = Path(__file__).resolve().parent / "therapy_eval" / "sessions"
VOICES = {"Clinician": "en+m3", "Client": "en+f3"}
RATE = 16000


def speak(text: str, voice: str, folder: Path, wpm: int) -> np.ndarray:
    raw, wav = folder / "raw.wav", folder / "turn.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(wav)], check=True)
    with wave.open(str(wav), "rb") as handle:
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16)


def turns(numbers: list[str]) -> list[tuple[str, str]]:
    out = []
    for number in numbers:
        path = next(SESSIONS.glob(f"{number}_*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines():
            who, _, words = line.partition(":")
            if words.strip() and who.strip() in VOICES:
                out.append((who.strip(), words.strip()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("sessions", nargs="+", help="session numbers, e.g. 01 05 08")
    parser.add_argument("--minutes", type=float, default=0.0)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--wpm", type=int, default=160)
    args = parser.parse_args()
    pieces, length, words, spoken = [], 0, 0, []
    gap = np.zeros(int(args.pause * RATE), dtype=np.int16)
    with tempfile.TemporaryDirectory() as folder:
        for who, text in turns(args.sessions):
            audio = speak(text, VOICES[who], Path(folder), args.wpm)
            pieces += [audio, gap]
            length += audio.size + gap.size
            words += len(text.split())
            spoken.append(f"{who}: {text}")
            if args.minutes and length >= args.minutes * 60 * RATE:
                break
    with wave.open(str(args.out), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(np.concatenate(pieces).tobytes())
    args.out.with_suffix(".txt").write_text("\n".join(spoken) + "\n", encoding="utf-8")  # the reference
    print(f"{args.out}: {length / RATE / 60:.1f} min, {words} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
