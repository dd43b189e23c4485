"""A far-field dev set for speaker naming: short two-person "meetings" built from real read speech.

    PYTHONPATH=src nice .venv/bin/python bench/far_field_dialogues.py [--write DIR] [--turns FILE]

**Semi-synthetic.** The voices are real people (``/work/shared/eval/speech``: LibriSpeech
test-clean CC BY 4.0, LJ Speech and LibriVox public domain, CMU ARCTIC BSD-style, the JFK
inaugural address public domain; see that folder's README), but the conversation is made here:
each person's recording is cut at its own pauses (``real_voice_dialogues._stretches``) and the
stretches are laid out as alternating turns. It exists so that a threshold or a method can be
tuned on something other than the three 30 s AMI clips of pyannote-audio's tests (which then
stay a held-back check), and it imitates what makes those clips hard:

* **short and lopsided**: 35-50 s, one person about two thirds of the speech;
* **short turns**: about a third of the second person's turns are back-channels of 0.5-2 s;
* **handovers without a pause and overlaps**: gaps between turns of -0.6..+0.5 s (a negative
  gap is an overlap), and now and then a back-channel spoken *inside* the other's turn;
* **a laptop microphone in an office**: each voice through sox ``reverb`` (the nearer person
  drier, the further one wetter and 3-8 dB quieter), both through one band limit (120-6500 Hz)
  and office noise (low-heavy, 18-26 dB under the speech).

Nothing is random between runs (fixed seeds; sox writes 32-bit float, no dither), so the audio,
and Whisper's cached segments keyed by it, are the same every time. The audio is built at run
time from the shared files and never shipped; ``--turns`` writes only the reference timings.

Limits: read speech, not conversation; each person still comes from their own recording (their
own microphone and room before this one), which the common room and band limit blur but do not
remove; few people (11), so pairs repeat a person with other speech.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from real_voice_dialogues import PEOPLE as _READ_PEOPLE, RATE, _load, _split_long, _stretches

PEOPLE = {name: sex for name, (sex, _) in _READ_PEOPLE.items()}
FILES = {name: files for name, (_, files) in _READ_PEOPLE.items()}
# More people from the shared set (sex by ear and by F0: 2412 213 Hz, 1995 197 Hz, axb 228 Hz,
# aew 109 Hz, the ARCTIC reader of a0010/a0024 132 Hz; JFK is a man).
for name, sex, files in [
    ("ls2412", "female", ["audio/librispeech/2412-153948-0000.flac"]),
    ("ls1995", "female", ["audio/librispeech/1995-1837-0001.wav"]),
    ("axb", "female", [f"audio/cmu_arctic/cmu_arctic_us_axb_a000{i}.wav" for i in (4, 5, 6)]),
    ("aew", "male", [f"audio/cmu_arctic/cmu_arctic_us_aew_a000{i}.wav" for i in (1, 2, 3)]),
    ("arctic", "male", ["audio/cmu_arctic/arctic_a0010.wav", "audio/cmu_arctic/arctic_a0024.wav"]),
    ("jfk", "male", ["audio/jfk/jfk.flac"]),
]:
    PEOPLE[name], FILES[name] = sex, files

# (first person: the one who talks most, second person, where in the first person's speech to start (s)).
# The second person's speech starts where their last dialogue stopped (see ``all_dialogues``).
PAIRS = [
    ("lj", "ls1272", 0), ("sonnets", "sense", 0), ("lj", "sonnets", 40), ("ls1272", "ls1089", 0),
    ("sense", "aew", 0), ("lj", "ls2412", 80), ("sonnets", "ls1995", 40), ("ls1272", "jfk", 20),
    ("lj", "axb", 120), ("sonnets", "ls1089", 80), ("ls1089", "arctic", 0), ("lj", "sense", 160),
    ("sonnets", "lj", 110), ("ls1272", "sense", 30), ("lj", "aew", 200), ("ls2412", "ls1995", 0),
]


@dataclass
class Meeting:
    name: str
    kind: str
    audio: np.ndarray
    turns: list[tuple[float, float, int]]  # (start_s, end_s, person 0 or 1); turns may overlap
    people: tuple[str, str]


def speech_of(person: str) -> list[np.ndarray]:
    """All of a person's stretches in recording order (long ones cut near 3 s at quiet frames)."""
    return [c for rel in FILES[person] for piece in _stretches(_load(rel)) for c in _split_long(piece, 3.0)]


def _take(stretches: list[np.ndarray], cursor: list[int], seconds: float) -> list[np.ndarray]:
    """About ``seconds`` of stretches from ``cursor`` on, wrapping round."""
    out, total = [], 0.0
    while total < seconds:
        piece = stretches[cursor[0] % len(stretches)]
        cursor[0] += 1
        out.append(piece)
        total += piece.size / RATE
    return out


def _skip(stretches: list[np.ndarray], seconds: float) -> int:
    total, i = 0.0, 0
    while total < seconds and i < len(stretches):
        total += stretches[i].size / RATE
        i += 1
    return i


def _back_channel(piece: np.ndarray, rng) -> np.ndarray:
    """0.5-2 s from the start of a stretch, cut at its quietest frame there (a word or two)."""
    if piece.size / RATE <= 2.0:
        return piece
    levels = 10 * np.log10((piece[: piece.size // 320 * 320].reshape(-1, 320) ** 2).mean(axis=1) + 1e-10)
    target = int(rng.uniform(0.5, 1.8) * 50)
    window = range(max(25, target - 8), min(len(levels) - 1, target + 8))
    cut = min(window, key=lambda i: levels[i]) * 320
    return piece[:cut]


def _long_term_spectrum(audio: np.ndarray, n: int = 1024) -> np.ndarray:
    frames = audio[: audio.size // n * n].reshape(-1, n) * np.hanning(n)
    return np.sqrt((np.abs(np.fft.rfft(frames, axis=1)) ** 2).mean(axis=0) + 1e-12)


def _same_channel(tracks: list[np.ndarray]) -> list[np.ndarray]:
    """Each track filtered so its long-term spectrum is the pair's average (smoothed over 1/3
    octave or so): each person's own microphone and room colouring, which GE2E also hears, is
    taken out before the common room, as if both had spoken into one microphone."""
    spectra = [_long_term_spectrum(t[np.abs(t) > 1e-4]) for t in tracks]
    common = np.sqrt(spectra[0] * spectra[1])
    out = []
    for track, spectrum in zip(tracks, spectra):
        gain = np.convolve(common / spectrum, np.ones(9) / 9, mode="same")
        size = 1 << int(np.ceil(np.log2(track.size)))
        freqs = np.fft.rfftfreq(size)
        shaped = np.interp(freqs, np.fft.rfftfreq(1024), gain)
        out.append(np.fft.irfft(np.fft.rfft(track, size) * shaped, size)[: track.size].astype(np.float32))
    return out


def _sox(audio: np.ndarray, effects: list[str]) -> np.ndarray:
    """``audio`` through sox's ``effects`` as raw 32-bit float (no dither: the same every run)."""
    raw = ["-t", "f32", "-r", str(RATE), "-c", "1"]
    done = subprocess.run(["sox", "-D", *raw, "-", *raw, "-", *effects], input=audio.astype("<f4").tobytes(),
                          check=True, capture_output=True)
    out = np.frombuffer(done.stdout, dtype="<f4")
    return np.pad(out, (0, max(0, audio.size - out.size)))[: audio.size].copy()


def _office_noise(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(n)
    brown = np.cumsum(white) * 0.03
    brown -= np.convolve(brown, np.ones(800) / 800, mode="same")  # a fan's rumble, no drift
    hum = 0.3 * np.sin(2 * np.pi * 100 * np.arange(n) / RATE)
    noise = brown / brown.std() + 0.35 * white + hum
    return noise / noise.std()


def build(name: str, first: str, second: str, cursors: dict, seed: int, same_channel: bool = False) -> Meeting:
    rng = np.random.default_rng(seed)
    speech = {p: speech_of(p) for p in (first, second)}
    length = rng.uniform(35, 50)
    tracks = [np.zeros(int((length + 10) * RATE), np.float32) for _ in range(2)]
    turns: list[tuple[float, float, int]] = []
    t, who = float(rng.uniform(0.2, 0.8)), 0 if rng.random() < 0.7 else 1

    def place(audio: np.ndarray, start: float, person: int) -> float:
        a = int(start * RATE)
        tracks[person][a:a + audio.size] += audio
        turns.append((round(start, 3), round(start + audio.size / RATE, 3), person))
        return start + audio.size / RATE

    while t < length:
        person = (first, second)[who]
        if who == 1 and rng.random() < 0.35:  # a back-channel: "mm-hmm", "yes, exactly"
            end = place(_back_channel(_take(speech[person], cursors[person], 0.1)[0], rng), t, who)
        else:
            goal = rng.uniform(2.5, 7.0) if who == 0 else rng.uniform(1.2, 3.5)
            end = t
            for k, piece in enumerate(_take(speech[person], cursors[person], goal)):
                start = end + (rng.uniform(0.1, 0.35) if k else 0.0)  # pauses between one person's sentences
                end = place(piece, start, who)
            if who == 0 and end - t > 3.0 and rng.random() < 0.2:  # the other says "mm" inside this turn
                inside = _back_channel(_take(speech[second], cursors[second], 0.1)[0], rng)[: int(0.8 * RATE)]
                place(inside, rng.uniform(t + 1.0, end - 1.0), 1)
        spoken = end - turns[-1][0]
        gap = rng.uniform(-0.6, 0.5)
        gap = max(gap, -0.4 * spoken)  # an overlap never hides most of a turn
        t, who = end + gap, 1 - who
    turns.sort()
    total = max(b for _, b, _ in turns) + 0.5
    tracks = [track[: int(total * RATE)] for track in tracks]
    if same_channel:
        tracks = _same_channel(tracks)
    # The room: the first person nearer the laptop than the second.
    reverberance = rng.uniform(35, 65)
    near = ["reverb", "-w", f"{reverberance:.0f}", "50", "60", "0", "5", "-4"]
    far = ["reverb", "-w", f"{reverberance + 15:.0f}", "40", "80", "0", "12", "0"]
    voices = [_sox(tracks[0], near), _sox(tracks[1], far)]
    dry = [track for track in tracks]
    voices = [v + 0.5 * d for v, d in zip(voices, dry)]  # direct path (sox -w gives the wet part only)
    level = [np.sqrt(np.mean(d[np.abs(d) > 1e-4] ** 2)) for d in voices]
    quieter = 10 ** (-rng.uniform(3, 8) / 20)
    mixed = voices[0] / level[0] * 0.1 + voices[1] / level[1] * 0.1 * quieter
    mixed = _sox(mixed, ["sinc", "120-6500"])
    noise = _office_noise(mixed.size, seed + 1) * 0.1 * 10 ** (-rng.uniform(18, 26) / 20)
    audio = (mixed + noise).astype(np.float32)
    audio *= 0.5 / max(1e-6, float(np.abs(audio).max()))
    return Meeting(name, f"{PEOPLE[first]}/{PEOPLE[second]}", audio, turns, (first, second))


def all_meetings(same_channel: bool = False) -> list[Meeting]:
    cursors: dict[str, list[int]] = {}
    out = []
    for k, (first, second, skip_s) in enumerate(PAIRS):
        cursors[first] = [_skip(speech_of(first), skip_s)]
        cursors.setdefault(second, [0])
        out.append(build(f"{first}-{second}", first, second, cursors, 1700 + k, same_channel))
    return out


def main() -> None:
    import argparse

    from session_assistant.audio.sealed import write_wav

    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=Path, help="write each meeting's WAV and turns there, to listen")
    parser.add_argument("--turns", type=Path, help="write every meeting's reference turns (JSON, no audio)")
    args = parser.parse_args()
    reference = {}
    for m in all_meetings():
        speech = [sum(b - a for a, b, w in m.turns if w == k) for k in (0, 1)]
        short = sum(1 for a, b, w in m.turns if w == 1 and b - a <= 2.0)
        ends = sorted(m.turns)
        overlap = sum(max(0.0, min(b1, b2) - a2) for (a1, b1, _), (a2, b2, _) in zip(ends, ends[1:]))
        print(f"{m.name} ({m.kind}): {m.audio.size / RATE:.0f} s, {len(m.turns)} turns ({short} of <= 2 s by "
              f"the second person), speech {speech[0]:.0f} / {speech[1]:.0f} s, overlap {overlap:.1f} s")
        reference[m.name] = {"kind": m.kind, "people": list(m.people), "turns": [list(t) for t in m.turns]}
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            write_wav((np.clip(m.audio, -1, 1) * 32767).astype("<i2"), RATE, str(args.write / f"{m.name}.wav"))
    if args.turns:
        lines = [f"{json.dumps(name)}: {json.dumps(value)}" for name, value in reference.items()]
        args.turns.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
