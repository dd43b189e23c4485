"""Diarization error of speaker attribution on synthesized two-voice conversations.

    nice .venv/bin/python bench/transcription_speakers.py

Each conversation: 12 turns spoken by espeak-ng with two voices (alternating, 0.8 s pauses,
known turn boundaries). The pipeline transcribes it offline and attributes speakers.
Printed: word-level speaker error (share of spoken time, word by word, given to the wrong
speaker) and frame-level DER (10 ms frames, 0.25 s collar around each reference boundary;
reference = turn spans from first to last audible sample (pauses
between sentences inside a turn count as speech, so 'missed' is inflated), hypothesis = word spans; DER = (missed + false alarm + confusion) /
reference speech). Clusters are matched to voices by the app's rule (first voice = clinician),
so a wrong clinician/client naming counts as error too.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np

from session_assistant.transcribe.audio_input import load_audio
from session_assistant.transcribe.engine import WhisperEngine
from session_assistant.transcribe.pipeline import transcribe_audio

REPO = Path(__file__).resolve().parents[1]
RATE, PAUSE = 16_000, 0.8
TURNS = [
    "Good morning. Come in and take a seat. How has your week been since we last met?",
    "Honestly it has been a difficult week. I have not been sleeping well and work has been very stressful.",
    "I am sorry to hear that. Can you tell me more about what has been keeping you awake at night?",
    "I keep thinking about the meeting with my manager. I worry that I will lose my job if the project fails.",
    "That sounds like a lot of pressure. What do you notice in your body when those thoughts come up?",
    "My chest feels tight and my heart races. Sometimes I get up and walk around the kitchen for an hour.",
    "Last time we talked about a breathing exercise. Have you had a chance to try it this week?",
    "I tried it twice. It helped a little the first time, but the second time I felt too restless.",
    "Okay.",
    "And my sister called on Sunday, which was nice, but we argued about our parents again.",
    "Let us practise the exercise together now, and then plan one small step for the coming week.",
    "Yes, I would like that. I think having a plan would make me feel more in control.",
]
PAIRS = {
    "male en-us+m3 / female en-gb+f2": ("en-us+m3", "en-gb+f2"),
    "male en-us+m1 / male en-gb+m4 (same sex)": ("en-us+m1", "en-gb+m4"),
}


def build(voices, folder: Path):
    pieces, truth, t = [], [], 0.0
    for i, text in enumerate(TURNS):
        raw, wav = folder / f"r{i}.wav", folder / f"t{i}.wav"
        subprocess.run(["espeak-ng", "-v", voices[i % 2], "-s", "160", "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", str(wav)], check=True)
        audio = load_audio(wav)
        pieces += [audio, np.zeros(int(PAUSE * RATE), dtype=np.float32)]
        loud = np.flatnonzero(np.abs(audio) > 0.02)  # reference span: first to last audible sample
        truth.append((t + loud[0] / RATE, t + (loud[-1] + 1) / RATE, i % 2))
        t += audio.size / RATE + PAUSE
    return np.concatenate(pieces), truth


def scores(segments, truth, total_s):
    names = ("clinician", "client")
    frames = int(total_s * 100) + 1
    ref = np.full(frames, -1)
    hyp = np.full(frames, -1)
    scored = np.ones(frames, dtype=bool)
    for start, end, who in truth:
        ref[int(start * 100):int(end * 100)] = who
        for edge in (start, end):
            scored[max(0, int((edge - 0.25) * 100)):int((edge + 0.25) * 100)] = False
    wrong = total = 0.0
    for seg in segments:
        who = names.index(seg.speaker) if seg.speaker in names else 2
        for w in seg.words:
            hyp[int(w.start * 100):int(w.end * 100)] = who
            mid = (w.start + w.end) / 2
            true = next((s for s in truth if mid < s[1] + PAUSE / 2), truth[-1])[2]  # nearest turn
            total += w.end - w.start
            wrong += (w.end - w.start) * (who != true)
    r, h = ref[scored], hyp[scored]
    speech = (r >= 0).sum()
    missed = ((r >= 0) & (h < 0)).sum()
    false_alarm = ((r < 0) & (h >= 0)).sum()
    confusion = ((r >= 0) & (h >= 0) & (r != h)).sum()
    return wrong / total, (missed + false_alarm + confusion) / speech, missed / speech, false_alarm / speech, confusion / speech


def main() -> None:
    engine = WhisperEngine.from_registry(REPO / "models")
    with tempfile.TemporaryDirectory() as tmp:
        for label, voices in PAIRS.items():
            audio, truth = build(voices, Path(tmp))
            transcript = transcribe_audio(engine, audio, "en", speakers=2)
            word_err, der, miss, fa, conf = scores(transcript.segments, truth, audio.size / RATE)
            print(f"{label}: {audio.size / RATE:.0f} s, word-level speaker error {100 * word_err:.1f} %, "
                  f"DER {100 * der:.1f} % (missed {100 * miss:.1f}, false alarm {100 * fa:.1f}, "
                  f"confusion {100 * conf:.1f})")


if __name__ == "__main__":
    main()
