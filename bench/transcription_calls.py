"""Speaker naming on the two-channel (call) path and with three voices, word by word, by name.

    PYTHONPATH=src flock /tmp/sa-heavy.lock nice .venv/bin/python bench/transcription_calls.py [--dialogues N]

Two channels: the fictional sessions of ``speaker_dialogues.py`` spoken by espeak-ng (voice pairs as in
``transcription_speakers.py``), the clinician's turns on channel 0 (the microphone), the client's on
channel 1 (the call's audio), one person at a time, transcribed by the app's call path
(``transcribe.channels``: each channel on its own, named by its channel). Three voices: the couple
session ``COUPLE_THREE`` (clinician and two partners), transcribed with ``speakers=3``, with and
without a voice profile of the clinician. Score: share of words under the right *name*; the
reference speaker of a word is the turn its midpoint falls in.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from speaker_dialogues import COUPLE_THREE, DIALOGUES  # noqa: E402
from transcription_speakers import PAIRS, RATE, dialogue_key, speak, transcribe_cached  # noqa: E402

from session_assistant.transcribe.channels import transcribe_call_blocks  # noqa: E402
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine  # noqa: E402
from session_assistant.transcribe.speakers import attach_voice_features, diarize  # noqa: E402
from session_assistant.transcribe.voice_profile import PASSAGE, voice_print  # noqa: E402

NAMES = {"T": "clinician", "C": "client", "D": "client 2"}
THREE_VOICES = {"T": "en-gb-x-rp+m3", "C": "en-us+f2", "D": "en-us+m1"}


def build(turns, voices: dict, folder: Path, channels: bool, seed: int = 0):
    """(audio, truth): mono, or (n, 2) with the clinician on channel 0 and everyone else on 1."""
    rng = np.random.default_rng(seed)
    pieces, truth, t = [], [], 0.0
    for who, text in turns:
        audio = speak(text, voices[who], folder, 165 if who == "T" else 150)
        pause = float(rng.uniform(0.3, 0.9))
        if channels:
            block = np.zeros((audio.size, 2), dtype=np.float32)
            block[:, 0 if who == "T" else 1] = audio
            pieces += [block, np.zeros((int(pause * RATE), 2), dtype=np.float32)]
        else:
            pieces += [audio, np.zeros(int(pause * RATE), dtype=np.float32)]
        truth.append((t, t + audio.size / RATE + pause, NAMES[who]))
        t += audio.size / RATE + pause
    return np.concatenate(pieces), truth


def _norm(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum() or ch == "'")


def score_by_text(segments, truth, turns, slack_s: float = 1.5) -> tuple[int, int, list[str]]:
    """(right, total, examples of wrong): a word is right when a turn of the name it is under, within
    ``slack_s`` of the word, holds that word. This forgives Whisper's timestamps (a word stamped a
    little early falls in the previous turn's time), not a wrong name."""
    texts = [{_norm(w) for w in text.split()} for _, text in turns]
    right = total = 0
    wrong = []
    for seg in segments:
        for w in seg.words:
            word = _norm(w.word)
            if not word:
                continue
            total += 1
            near = [k for k, (a, b, name) in enumerate(truth)
                    if name == seg.speaker and a - slack_s <= (w.start + w.end) / 2 < b + slack_s]
            if any(word in texts[k] for k in near):
                right += 1
            elif len(wrong) < 8:
                wrong.append(f"{w.word.strip()}@{w.start:.1f}s as {seg.speaker}")
    return right, total, wrong


def score(segments, truth) -> tuple[int, int]:
    right = total = 0
    for seg in segments:
        for w in seg.words:
            middle = (w.start + w.end) / 2
            who = next((name for a, b, name in truth if a <= middle < b), truth[-1][2])
            total += 1
            right += seg.speaker == who
    return right, total


def two_channels(engine, folder: Path, count: int) -> None:
    all_right = all_total = 0
    all_text = [0, 0]
    cpu = audio_s = 0.0
    for name, turns in list(DIALOGUES.items())[:count]:
        clinician, client, kind = PAIRS[name]
        frames, truth = build(turns, {"T": clinician, "C": client}, folder, channels=True)
        blocks = [frames[i:i + RATE] for i in range(0, len(frames), RATE)]
        started = time.process_time()
        transcript = transcribe_call_blocks(engine, blocks, len(frames), DecodeOptions(language="en"))
        cpu += time.process_time() - started
        audio_s += len(frames) / RATE
        right, total = score(transcript.segments, truth)
        text_right, text_total, wrong = score_by_text(transcript.segments, truth, turns)
        all_right, all_total = all_right + right, all_total + total
        all_text[0] += text_right
        all_text[1] += text_total
        print(f"  two channels, {name} ({kind}, {len(frames) / RATE / 60:.1f} min): "
              f"{100 * right / total:.1f} % of {total} words by name (turn at the word's time); "
              f"{100 * text_right / text_total:.1f} % checked by text; not in a nearby turn of that name: {wrong}",
              flush=True)
    print(f"  ALL two-channel: {100 * all_right / all_total:.1f} % of {all_total} words by name by time, "
          f"{100 * all_text[0] / all_text[1]:.1f} % checked by text; "
          f"Whisper CPU {cpu:.0f} s for {audio_s / 60:.1f} min of call ({audio_s:.0f} s per channel)")


def three_voices(engine, folder: Path) -> None:
    audio, truth = build(COUPLE_THREE, THREE_VOICES, folder, channels=False)
    key = dialogue_key("couple, three voices", COUPLE_THREE, THREE_VOICES.values())
    transcript, _, audio = transcribe_cached(engine, audio, key)  # cached as in transcription_speakers
    attach_voice_features(transcript.segments, audio, encoder=engine.voice_encoder)
    profile = voice_print(speak(PASSAGE, THREE_VOICES["T"], folder, 165), engine.voice_encoder).embedding
    for label, voice in (("without a profile", None), ("with a profile", profile)):
        segments = copy.deepcopy(transcript.segments)
        naming = diarize(segments, 3, voice)
        right, total = score(segments, truth)
        print(f"  three voices (couple, {audio.size / RATE / 60:.1f} min), {label}: {100 * right / total:.1f} % of "
              f"{total} words by name [naming: {naming.method}, confidence {naming.confidence}]", flush=True)
        segments = copy.deepcopy(transcript.segments)
        diarize(segments, 2, voice)
        right2, _ = score(segments, truth)
        print(f"    (the same set to 2 voices: {100 * right2 / total:.1f} %)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dialogues", type=int, default=len(DIALOGUES), help="how many two-channel sessions")
    parser.add_argument("--skip-three", action="store_true", help="only the two-channel path")
    parser.add_argument("--skip-calls", action="store_true", help="only the three voices")
    args = parser.parse_args()
    engine = WhisperEngine.from_registry(REPO / "models")
    assert engine.voice_encoder is not None, "speaker-ge2e is not installed"
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_three:
            print("Three voices:")
            three_voices(engine, Path(tmp))
        if not args.skip_calls:
            print("Two channels (a call):")
            two_channels(engine, Path(tmp), args.dialogues)


if __name__ == "__main__":
    main()
