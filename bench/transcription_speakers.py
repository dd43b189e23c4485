"""Speaker naming accuracy, word by word, with the app's own names; before (main) against now.

    PYTHONPATH=src flock /tmp/sa-heavy.lock nice .venv/bin/python bench/transcription_speakers.py \
        [--old /work/main/src/session_assistant/transcribe/speakers.py] [--real /tmp/pyannote-data] [--fresh]
        [--all-clips]

Synthetic: the four fictional sessions of ``speaker_dialogues.py`` spoken by espeak-ng, each in
a voice pair (male/female, male/male, female/female), pauses of 0.3-0.9 s between turns, short
back-channel turns. Each is transcribed once by Whisper; then speakers are attributed by
* before: the ``speakers.py`` given by ``--old`` (main's; a copy of an older commit's file works
  too: ``git show REV:src/session_assistant/transcribe/speakers.py > /tmp/old.py``), with the
  same GE2E encoder. Only ``speakers.py`` is swapped: it still imports this tree's
  ``voice_clusters.py``, so for a change there run the older tree's ``src`` on ``PYTHONPATH``
  instead (``--old /nonexistent`` skips the comparison);
* new: this tree's code: GE2E voice prints, clusters, clinician named from the conversation;
* "+ profile": the same, given a voice profile made from a separate espeak reading of
  ``voice_profile.PASSAGE`` in the clinician's voice.
Score = share of words whose speaker is right *by name* (clinician/client); "perm" forgives a
swap of the two names. The reference speaker of a word is the turn its midpoint falls in; the
synthetic sessions are also scored against the script's text (``text_scores``: Whisper's words
aligned to what was spoken), because Whisper often starts a turn's first word in the pause before
it, where the time rule counts it to the previous speaker.

Real: the two-speaker AMI-derived clips in pyannote-audio's ``tests/data`` (MIT; dev00, dev01,
trn03, 30 s each, RTTM reference). Words whose midpoint lies in no reference turn or in an
overlap are left out. A meeting has no clinician, so without a profile the score is up to a
swap; with a profile (made from the same person in other clips: MEE009 from dev01 for dev00 and
back, MÉO069 from trn00 + trn01 for trn03) the profile's owner must be named clinician.

Time: CPU seconds of Whisper against CPU seconds of the speaker work (voice prints + naming).

Whisper's segments are cached under ``bench/out/speakers_cache`` (keyed by the audio's SHA-256,
with the Whisper CPU seconds they cost), so a change to the speaker code re-scores in seconds;
``--fresh`` transcribes again.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from speaker_dialogues import DIALOGUES  # noqa: E402

from session_assistant.transcribe.audio_input import load_audio  # noqa: E402
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine  # noqa: E402
from session_assistant.transcribe.segments import Transcript  # noqa: E402
from session_assistant.transcribe.speakers import attach_voice_features, diarize  # noqa: E402
from session_assistant.transcribe.voice_profile import PASSAGE, speech_only, voice_print  # noqa: E402

RATE = 16_000
CACHE = REPO / "bench" / "out" / "speakers_cache"
FRESH = False  # --fresh: ignore the cache
BEFORE_CPU = [0.0]  # the --old code's speaker work, CPU seconds


def transcribe_cached(engine, audio: np.ndarray, key: str | None = None) -> tuple[Transcript, float, np.ndarray]:
    """(transcript, Whisper CPU seconds, audio), from the cache when seen before.

    Real clips are keyed by their audio. Spoken dialogues differ by sox's random dither on every
    build, so they are keyed by ``key`` (what was spoken, by which voices) and the audio Whisper
    heard is kept with the segments and returned instead of the new build."""
    key = key or hashlib.sha256(np.ascontiguousarray(audio, dtype=np.float32).tobytes()).hexdigest()[:24]
    path, heard = CACHE / f"{key}.json", CACHE / f"{key}.npy"
    if path.is_file() and not FRESH:
        data = json.loads(path.read_text(encoding="utf-8"))
        if heard.is_file():
            audio = np.load(heard)
        return Transcript.from_dict(data["transcript"]), data["whisper_cpu_s"], audio
    started = time.process_time()
    transcript = engine.transcribe(audio, DecodeOptions(language="en"))
    cpu = time.process_time() - started
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"transcript": transcript.to_dict(), "whisper_cpu_s": cpu}), encoding="utf-8")
    np.save(heard, np.asarray(audio, dtype=np.float32))
    return transcript, cpu, audio


def dialogue_key(name: str, turns, voices) -> str:
    spoken = json.dumps([name, list(voices), [list(t) for t in turns]], ensure_ascii=False)
    return "dialogue-" + hashlib.sha256(spoken.encode("utf-8")).hexdigest()[:16]


PAIRS = {  # (clinician, client) espeak-ng voices; checked to differ (en-gb+variant is ignored by espeak-ng)
    "sleep and work": ("en-us+f2", "en-gb-x-rp+m3", "female/male"),
    "grief": ("en-us+m1", "en-gb-x-rp+m4", "male/male"),
    "panic psychoeducation": ("en-gb-x-rp+f4", "en-us+f3", "female/female"),
    "couple conflict": ("en-gb-x-rp+m3", "en-us+f2", "male/female"),
}


def speak(text: str, voice: str, folder: Path, speed: int) -> np.ndarray:
    raw, wav = folder / "raw.wav", folder / "turn.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", str(wav)], check=True)
    return load_audio(wav)


def build(turns, voices, folder: Path, seed: int = 0):
    rng = np.random.default_rng(seed)
    pieces, truth, t = [], [], 0.0
    for who, text in turns:
        speaker = 0 if who == "T" else 1
        audio = speak(text, voices[speaker], folder, 165 if speaker == 0 else 150)
        pause = float(rng.uniform(0.3, 0.9))
        pieces += [audio, np.zeros(int(pause * RATE), dtype=np.float32)]
        truth.append((t, t + audio.size / RATE + pause, speaker))
        t += audio.size / RATE + pause
    return np.concatenate(pieces), truth


def word_scores(segments, reference) -> tuple[float, float, int]:
    """(named accuracy, accuracy up to a swap, words scored); ``reference(t)`` -> 0, 1 or None."""
    names = ("clinician", "client")
    right = swapped = total = 0
    for seg in segments:
        for w in seg.words:
            true = reference((w.start + w.end) / 2)
            if true is None:
                continue
            total += 1
            right += seg.speaker == names[true]
            swapped += seg.speaker == names[1 - true]
    return right / max(total, 1), max(right, swapped) / max(total, 1), total


def _norm(token: str) -> str:
    return "".join(ch for ch in token.lower() if ch.isalnum())


def text_scores(segments, turns, reference) -> tuple[float, int]:
    """(named accuracy, words scored) with each word's reference taken from the script: Whisper's
    words are aligned to the spoken text (difflib), a matched word belongs to the turn it was
    spoken in; an unmatched one (a Whisper error such as "MMVM" for "Mm-hmm") falls back to the
    turn at its midpoint. The time rule alone counts a turn's first word as the previous person's
    whenever Whisper starts it early, in the pause (bench/README.md, 2026-11-30 evening)."""
    import difflib

    names = ("clinician", "client")
    script = [(_norm(tok), 0 if who == "T" else 1) for who, text in turns for tok in text.split()]
    said = [(seg.speaker, w) for seg in segments for w in seg.words]
    matcher = difflib.SequenceMatcher(None, [t for t, _ in script], [_norm(w.word) for _, w in said], autojunk=False)
    truth = [None] * len(said)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            truth[b + k] = script[a + k][1]
    right = 0
    for (speaker, w), true in zip(said, truth):
        true = reference((w.start + w.end) / 2) if true is None else true
        right += speaker == names[true]
    return right / max(len(said), 1), len(said)


def load_old(path: Path):
    spec = importlib.util.spec_from_file_location("old_speakers", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def attribute(transcript, audio, engine, old, profile):
    """{variant: segments} and the CPU seconds of the new speaker work."""
    out = {}
    if old is not None:
        segs = copy.deepcopy(transcript.segments)
        started = time.process_time()
        old.attach_voice_features(segs, audio, encoder=engine.voice_encoder)
        with_prints = copy.deepcopy(segs)
        old.diarize(segs, 2)
        BEFORE_CPU[0] += time.process_time() - started
        out["before"] = segs
        if profile is not None:
            old.diarize(with_prints, 2, clinician_voice=profile)
            out["before + profile"] = with_prints
    segs = copy.deepcopy(transcript.segments)
    started = time.process_time()
    attach_voice_features(segs, audio, encoder=engine.voice_encoder)
    with_prints = copy.deepcopy(segs)
    naming = diarize(segs, 2)
    cpu = time.process_time() - started
    out["new"] = segs
    if profile is not None:
        profiled = diarize(with_prints, 2, clinician_voice=profile)
        out["new + profile"] = with_prints
        print(f"    [with the profile: {profiled.method}, confidence {profiled.confidence}, {profiled.scores}]")
    return out, cpu, naming


def synthetic(engine, old, folder: Path) -> tuple[float, float]:
    whisper_cpu = speaker_cpu = 0.0
    totals: dict[str, list[int]] = {}
    for name, turns in DIALOGUES.items():
        clinician, client, kind = PAIRS[name]
        audio, truth = build(turns, (clinician, client), folder)
        reading = speak(PASSAGE, clinician, folder, 165)
        profile = voice_print(reading, engine.voice_encoder).embedding
        transcript, cpu, audio = transcribe_cached(engine, audio, dialogue_key(name, turns, (clinician, client)))
        whisper_cpu += cpu
        variants, cpu, naming = attribute(transcript, audio, engine, old, profile)
        speaker_cpu += cpu

        def reference(t):
            return next((who for a, b, who in truth if a <= t < b), truth[-1][2])

        line = [f"{name} ({kind}, {audio.size / RATE / 60:.1f} min, client opens: {turns[0][0] == 'C'})"]
        for variant, segs in variants.items():
            named, perm, count = word_scores(segs, reference)
            by_text, _ = text_scores(segs, turns, reference)
            totals.setdefault(variant, [0, 0, 0, 0])
            totals[variant][0] += round(named * count)
            totals[variant][1] += round(perm * count)
            totals[variant][2] += count
            totals[variant][3] += round(by_text * count)
            line.append(f"{variant} {100 * named:.1f} % (perm {100 * perm:.1f}; by text {100 * by_text:.1f})")
        line.append(f"[naming: {naming.method}, confidence {naming.confidence}]")
        print("  " + "; ".join(line), flush=True)
    for variant, (named, perm, count, by_text) in totals.items():
        print(f"  ALL synthetic, {variant}: {100 * named / count:.1f} % of {count} words by name "
              f"(perm {100 * perm / count:.1f} %; reference from the script's text: {100 * by_text / count:.1f} %)")
    return whisper_cpu, speaker_cpu


def read_rttm(path: Path) -> dict[str, list[tuple[float, float, str]]]:
    turns: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and parts[0] == "SPEAKER":
            start, dur = float(parts[3]), float(parts[4])
            turns.setdefault(parts[1], []).append((start, start + dur, parts[7]))
    return turns


def solo_audio(audio, turns, person) -> np.ndarray:
    """The stretches where only ``person`` speaks."""
    keep = np.zeros(audio.size, dtype=bool)
    for a, b, who in turns:
        if who == person:
            keep[int(a * RATE):int(b * RATE)] = True
    for a, b, who in turns:
        if who != person:
            keep[int(a * RATE):int(b * RATE)] = False
    return audio[keep]


def real(engine, old, folder: Path) -> tuple[float, float]:
    rttm = {}
    for path in sorted(folder.glob("*.rttm")):
        rttm.update(read_rttm(path))
    cases = [("dev00", "MEE009", ("dev01",)), ("dev01", "MEE009", ("dev00",)), ("trn03", "MÉO069", ("trn00", "trn01"))]
    whisper_cpu = speaker_cpu = 0.0
    for clip, owner, profile_clips in cases:
        audio = load_audio(folder / f"{clip}.wav")
        # These clips hold only 4-19 s of the owner alone, under the app's 10 s minimum for a
        # profile, so the print is made directly from whatever there is.
        solo = np.concatenate([solo_audio(load_audio(folder / f"{c}.wav"), rttm[c], owner) for c in profile_clips])
        profile = engine.voice_encoder.embed_audio(speech_only(solo))
        profile_clip = f"{'+'.join(profile_clips)}, {speech_only(solo).size / RATE:.0f} s"
        people = sorted({who for _, _, who in rttm[clip]}, key=lambda p: p != owner)  # owner first = "clinician"
        transcript, cpu, audio = transcribe_cached(engine, audio)
        whisper_cpu += cpu
        variants, cpu, _ = attribute(transcript, audio, engine, old, profile)
        speaker_cpu += cpu

        def reference(t):
            speaking = {who for a, b, who in rttm[clip] if a <= t < b}
            return people.index(speaking.pop()) if len(speaking) == 1 else None

        line = [f"{clip} ({len(people)} speakers, profile of {owner} from {profile_clip})"]
        for variant, segs in variants.items():
            named, perm, count = word_scores(segs, reference)
            shown = f"{100 * named:.1f} % by name" + ("" if variant.endswith("profile") else f", perm {100 * perm:.1f} %")
            line.append(f"{variant} {shown} ({count} words)")
        print("  " + "; ".join(line), flush=True)
    return whisper_cpu, speaker_cpu


def all_clips(engine, folder: Path) -> None:
    """Every clip of ``folder`` with speech, set to its RTTM's number of people (as a clinician sets
    the voices of a couple or family session), scored up to the best mapping of the app's names to
    the people, on words alone in one reference turn (bench/README.md, 2026-12-01, speakers17g)."""
    import itertools

    rttm = {}
    for path in sorted(folder.glob("*.rttm")):
        rttm.update(read_rttm(path))
    right = total = 0
    for clip in sorted(rttm):
        people = sorted({who for _, _, who in rttm[clip]})
        transcript, _, audio = transcribe_cached(engine, load_audio(folder / f"{clip}.wav"))
        segs = copy.deepcopy(transcript.segments)
        attach_voice_features(segs, audio, encoder=engine.voice_encoder)
        diarize(segs, len(people))
        words = [(seg.speaker, speaking.pop()) for seg in segs for w in seg.words
                 for speaking in [{who for a, b, who in rttm[clip] if a <= (w.start + w.end) / 2 < b}]
                 if len(speaking) == 1]
        names = sorted({name for name, _ in words})
        best = max((sum(dict(zip(names, perm)).get(n) == p for n, p in words)
                    for perm in itertools.permutations(people, min(len(people), len(names)))), default=0)
        right, total = right + best, total + len(words)
        print(f"  {clip} ({len(people)} people): {100 * best / max(len(words), 1):.1f} % of {len(words)} words")
    print(f"  ALL clips at their number of people: {100 * right / max(total, 1):.1f} % of {total} words")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, default=Path("/work/main/src/session_assistant/transcribe/speakers.py"))
    parser.add_argument("--real", type=Path, default=Path("/tmp/pyannote-data"))
    parser.add_argument("--fresh", action="store_true", help="transcribe again instead of using the cache")
    parser.add_argument("--all-clips", action="store_true", help="only every AMI clip at its number of people")
    args = parser.parse_args()
    global FRESH
    FRESH = args.fresh
    engine = WhisperEngine.from_registry(REPO / "models")
    assert engine.voice_encoder is not None, "speaker-ge2e is not installed"
    if args.all_clips:
        print("All AMI clips (pyannote-audio tests/data), each at its RTTM's number of people:")
        all_clips(engine, args.real)
        return
    old = load_old(args.old) if args.old.is_file() else None
    with tempfile.TemporaryDirectory() as tmp:
        print("Synthetic sessions (espeak-ng):")
        w1, s1 = synthetic(engine, old, Path(tmp))
        w2 = s2 = 0.0
        if args.real.is_dir():
            print("Real two-speaker clips (pyannote-audio tests/data, AMI):")
            w2, s2 = real(engine, old, args.real)
    print(f"CPU: Whisper {w1 + w2:.1f} s, speaker work {s1 + s2:.1f} s = {100 * (s1 + s2) / (w1 + w2):.1f} % "
          f"of transcription; the --old code's speaker work {BEFORE_CPU[0]:.1f} s = "
          f"{100 * BEFORE_CPU[0] / (w1 + w2):.1f} %")


if __name__ == "__main__":
    main()
