"""Real-time factor offline and live, Stop-to-transcript time, and live-vs-offline WER on a long
input built from real speech.

    nice .venv/bin/python bench/transcription_speed.py --minutes 10 [--repeat 1]

The input concatenates the clips of ../shared/eval/speech (real read speech, 7.5 min) in manifest
order with 0.4 s pauses, repeating them to reach --minutes; the reference is their transcripts.
Offline: one ``engine.transcribe`` pass + speaker attribution. Live: 1 s blocks fed to a
``LiveTranscriber`` with ``transcribe_ready`` after each block (the worker keeps up, as during a
session), then ``finish`` is timed: that is Stop-to-transcript. Wall time is noisy on a shared
machine, so process CPU time is printed too (CPU s / audio s; on 2 free cores wall ~ CPU / 2).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import jiwer
import numpy as np
from whisper_normalizer.english import EnglishTextNormalizer

from session_assistant.transcribe.audio_input import load_audio
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine
from session_assistant.transcribe.live import LiveTranscriber
from session_assistant.transcribe.pipeline import transcribe_audio

REPO = Path(__file__).resolve().parents[1]
RATE = 16_000


def build_input(speech: Path, minutes: float) -> tuple[np.ndarray, str]:
    rows = [json.loads(line) for line in (speech / "manifest.jsonl").read_text().splitlines() if line.strip()]
    clips = [(load_audio(speech / r["file"]), r["reference_text"]) for r in rows]
    pause = np.zeros(int(0.4 * RATE), dtype=np.float32)
    pieces, text, total, i = [], [], 0, 0
    while total < minutes * 60 * RATE:
        audio, ref = clips[i % len(clips)]
        pieces += [audio, pause]
        text.append(ref)
        total += audio.size + pause.size
        i += 1
    return np.concatenate(pieces), " ".join(text)


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def live_pass(engine, audio, options):
    live = LiveTranscriber(engine, options)
    for i in range(0, audio.size, RATE):
        live.feed(audio[i:i + RATE])
        live.transcribe_ready()
    pending = live.pending_seconds
    transcript, stop_wall, stop_cpu = timed(live.finish)
    return transcript, (stop_wall, stop_cpu), pending, len(live.windows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--speech", type=Path, default=REPO.parent / "shared" / "eval" / "speech")
    parser.add_argument("--models", type=Path, default=REPO / "models")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    audio, reference = build_input(args.speech, args.minutes)
    audio_s = audio.size / RATE
    norm = EnglishTextNormalizer()
    engine = WhisperEngine.from_registry(args.models)
    options = DecodeOptions(language="en")
    print(f"input: {audio_s / 60:.1f} min of real speech, {os.cpu_count()} cores, load avg {os.getloadavg()[0]:.1f}")
    results: dict[str, list[float]] = {k: [] for k in ("off_wall", "off_cpu", "live_wall", "live_cpu", "stop", "stop_cpu")}
    for _ in range(args.repeat):
        offline, wall, cpu = timed(lambda: transcribe_audio(engine, audio, "en", speakers=2))
        results["off_wall"].append(wall)
        results["off_cpu"].append(cpu)
        (live, stop, pending, windows), wall, cpu = timed(lambda: live_pass(engine, audio, options))
        results["live_wall"].append(wall)
        results["live_cpu"].append(cpu)
        results["stop"].append(stop[0])
        results["stop_cpu"].append(stop[1])
    med = {k: statistics.median(v) for k, v in results.items()}
    ref = norm(reference)
    wer_off, wer_live = jiwer.wer(ref, norm(offline.text)), jiwer.wer(ref, norm(live.text))
    print(f"offline pass (+speakers): {audio_s / med['off_wall']:5.1f}x real time wall, "
          f"CPU {med['off_cpu'] / audio_s:.3f} s per audio s  (median of {args.repeat})")
    print(f"live (all windows+finish): {audio_s / med['live_wall']:5.1f}x real time wall, "
          f"CPU {med['live_cpu'] / audio_s:.3f} s per audio s, {windows} windows")
    print(f"Stop-to-transcript: {med['stop']:.1f} s wall, {med['stop_cpu']:.1f} CPU s "
          f"(audio left at Stop: {pending:.1f} s)")
    print(f"WER vs reference: offline {100 * wer_off:.2f} %, live {100 * wer_live:.2f} %, "
          f"difference {100 * (wer_live - wer_off):+.2f} points; live vs offline text: "
          f"{100 * jiwer.wer(norm(offline.text), norm(live.text)):.2f} %")


if __name__ == "__main__":
    main()
