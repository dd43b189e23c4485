"""Speaker naming on two-person dialogues cut from real recorded speech (``real_voice_dialogues``).

    PYTHONPATH=src flock /tmp/sa-core0.lock taskset -c 0 nice .venv/bin/python \
        bench/transcription_real_dialogues.py [--room] [--latched] [--fixture [NAME ...]]

Each dialogue is transcribed once by Whisper base (cached under ``bench/out/speakers_cache``,
keyed by the audio, which is the same on every build); then speakers are attributed by the
code on ``PYTHONPATH`` (for "before" figures, point it at an older tree's ``src``: the clustering
lives in ``voice_clusters.py`` as well as ``speakers.py``). ``--room``: both voices through one
synthetic room and microphone; ``--latched``: gaps of 0.05-0.25 s between turns. The reference
speaker of a word is the turn its midpoint falls in; a midpoint in a gap between turns goes to
the nearer turn. Scores: words under the right name up to a swap ("perm": read speech has no
clinician, so without a profile the conversation's naming is a coin toss), and, where the first
person has speech the dialogue does not use, with a voice profile made from it: the profile's
owner must be named clinician. ``--fixture`` writes the segments with their voice rows, the
turns and the profiles to ``tests/fixtures/speakers/real_dialogues.json`` (no audio).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from real_voice_dialogues import DIALOGUES, LATCHED, RATE, build, profile_audio  # noqa: E402
from transcription_speakers import transcribe_cached, word_scores  # noqa: E402

from session_assistant.transcribe.engine import WhisperEngine  # noqa: E402
from session_assistant.transcribe.speakers import attach_voice_features, diarize  # noqa: E402
from session_assistant.transcribe.voice_profile import voice_print  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "speakers" / "real_dialogues.json"


def reference_of(turns):
    starts = np.array([a for a, _, _ in turns])
    ends = np.array([b for _, b, _ in turns])

    def reference(t: float) -> int:
        inside = np.nonzero((starts <= t) & (t < ends))[0]
        if inside.size:
            return turns[int(inside[0])][2]
        distance = np.minimum(np.abs(starts - t), np.abs(ends - t))
        return turns[int(distance.argmin())][2]
    return reference


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixture", nargs="*", metavar="NAME",
                        help="write the test fixture of voice rows (of the dialogues named, default all)")
    parser.add_argument("--room", action="store_true", help="both voices through one room and microphone")
    parser.add_argument("--latched", action="store_true", help=f"gaps of {LATCHED[0]}-{LATCHED[1]} s between turns")
    args = parser.parse_args()
    engine = WhisperEngine.from_registry(REPO / "models")
    assert engine.voice_encoder is not None, "speaker-ge2e is not installed"
    totals: dict[str, list[int]] = {}
    whisper_cpu = speaker_cpu = 0.0
    fixture = {}
    for spec in DIALOGUES:
        d = build(*spec, room=args.room, gaps=LATCHED if args.latched else (0.2, 0.8))
        reading = profile_audio(spec[1], spec[3], room=args.room)
        profile = voice_print(reading, engine.voice_encoder).embedding if reading is not None else None
        transcript, cpu, audio = transcribe_cached(engine, d.audio)
        whisper_cpu += cpu
        segs = copy.deepcopy(transcript.segments)
        started = time.process_time()
        attach_voice_features(segs, audio, encoder=engine.voice_encoder)
        with_rows = copy.deepcopy(segs)
        diarize(segs, 2)
        speaker_cpu += time.process_time() - started
        variants = {"now": segs}
        if profile is not None:
            variants["now + profile"] = copy.deepcopy(with_rows)
            diarize(variants["now + profile"], 2, clinician_voice=profile)
        reference = reference_of(d.turns)
        line = [f"{d.name} ({d.kind}, {d.audio.size / RATE / 60:.1f} min)"]
        for name in sorted(variants):
            named, perm, count = word_scores(variants[name], reference)
            score = named if name.endswith("profile") else perm
            totals.setdefault(name, [0, 0])
            totals[name][0] += round(score * count)
            totals[name][1] += count
            line.append(f"{name} {100 * score:.1f} %" + (" by name" if name.endswith("profile") else " perm"))
        print(f"  {'; '.join(line)} ({count} words)", flush=True)
        if args.fixture is not None and (not args.fixture or spec[0] in args.fixture):
            fixture[d.name] = {"kind": d.kind, "people": list(d.people), "turns": [list(t) for t in d.turns],
                               "profile": None if profile is None else np.round(profile, 4).tolist(),
                               "segments": [s.to_dict() for s in with_rows]}
    for name, (right, count) in sorted(totals.items()):
        print(f"  ALL, {name}: {100 * right / count:.1f} % of {count} words")
    print(f"CPU: Whisper {whisper_cpu:.1f} s, speaker work {speaker_cpu:.1f} s = "
          f"{100 * speaker_cpu / whisper_cpu:.1f} %")
    if args.fixture is not None:
        source = ("Two-person dialogues cut from real read speech in /work/shared/eval/speech (LibriSpeech CC BY 4.0, "
                  "LJ Speech and LibriVox public domain) by bench/real_voice_dialogues.py: Whisper base segments with "
                  "GE2E voice rows, reference turns (person 0 or 1), a profile of person 0 from speech the dialogue "
                  "does not use. Written by bench/transcription_real_dialogues.py --fixture.")
        suffix = ("_room" if args.room else "") + ("_latched" if args.latched else "")
        path = FIXTURE.with_name(f"{FIXTURE.stem}{suffix}.json")
        path.write_text(json.dumps({"source": source, "dialogues": fixture}) + "\n", encoding="utf-8")
        print(f"{path}: {path.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
