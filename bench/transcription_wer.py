"""Word error rate of the transcription pipeline vs plain faster-whisper on real speech.

    nice .venv/bin/python bench/transcription_wer.py [--speech ../shared/eval/speech] [--limit N]

Both sides are normalised with Whisper's English normaliser (whisper-normalizer) and scored with
jiwer over the whole set (corpus WER: total errors / total reference words).
Plain: WhisperModel(base, int8, cpu_threads=cores).transcribe(beam_size=5, language="en"), nothing
else. Pipeline: session_assistant's engine (VAD, no conditioning on previous text, word
timestamps, hallucination guard), language "en" and also auto-detected.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import jiwer
from whisper_normalizer.english import EnglishTextNormalizer

from session_assistant.transcribe.audio_input import load_audio
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--speech", type=Path, default=REPO.parent / "shared" / "eval" / "speech")
    parser.add_argument("--models", type=Path, default=REPO / "models")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.speech / "manifest.jsonl").read_text().splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    norm = EnglishTextNormalizer()
    engine = WhisperEngine.from_registry(args.models)
    plain_model = engine._model  # the very same loaded model: only the decoding recipe differs
    systems = {
        "plain faster-whisper (beam 5, en)": lambda a: " ".join(
            s.text for s in plain_model.transcribe(a, beam_size=5, language="en")[0]),
        "pipeline (en)": lambda a: engine.transcribe(a, DecodeOptions(language="en")).text,
        "pipeline (language auto)": lambda a: engine.transcribe(a, DecodeOptions()).text,
    }
    refs, hyps, seconds = [], {k: [] for k in systems}, {k: 0.0 for k in systems}
    audio_s = 0.0
    for row in rows:
        audio = load_audio(args.speech / row["file"])
        audio_s += audio.size / 16000
        refs.append(norm(row["reference_text"]))
        for name, run in systems.items():
            t = time.perf_counter()
            hyps[name].append(norm(run(audio)))
            seconds[name] += time.perf_counter() - t
    print(f"{len(rows)} files, {audio_s / 60:.1f} min of speech, {os.cpu_count()} cores")
    for name in systems:
        pairs = [(r, h) for r, h in zip(refs, hyps[name]) if r]
        wer = jiwer.wer([r for r, _ in pairs], [h for _, h in pairs])
        per_file = statistics.median(jiwer.wer(r, h) for r, h in pairs)
        print(f"{name:<36} WER {100 * wer:5.2f} %  (median per file {100 * per_file:4.1f} %)  "
              f"{audio_s / seconds[name]:4.1f}x real time")


if __name__ == "__main__":
    main()
