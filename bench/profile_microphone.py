"""A clinician's voice profile read on another microphone than the session's (issue 17).

    PYTHONPATH=src taskset -c 0 nice -n 10 .venv/bin/python bench/profile_microphone.py [--collect]

The real-voice dialogues of ``real_voice_dialogues.py`` that have a profile (four: the first
person's speech the dialogue does not use), in three conditions (dry, one room, one room with
quick handovers), each named with a profile read on the same microphone as the dialogue and one
read on the other (dry for the room conditions, the room for the dry one). ``--collect`` runs the
voice encoder over the dialogues (Whisper's segments come from the cache of
``transcription_real_dialogues.py``; a cache miss stops it, so Whisper never runs here) and keeps
the segments with their voice rows and both profiles in ``bench/out/profile_microphone.json``;
without it the naming is scored from that file (seconds, no model).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from real_voice_dialogues import DIALOGUES, LATCHED, _in_one_room, build, profile_audio  # noqa: E402
from speaker_dialogues import DIALOGUES as SCRIPTED  # noqa: E402
from transcription_real_dialogues import reference_of  # noqa: E402
from transcription_speakers import PAIRS, dialogue_key, speak, text_scores, transcribe_cached, word_scores  # noqa: E402
from transcription_speakers import build as build_scripted  # noqa: E402

from session_assistant.transcribe.segments import Segment  # noqa: E402
from session_assistant.transcribe.speakers import attach_voice_features, diarize  # noqa: E402

OUT = REPO / "bench" / "out" / "profile_microphone.json"
OUT_SCRIPTED = REPO / "bench" / "out" / "profile_microphone_scripted.json"
CONDITIONS = {"dry": (False, (0.2, 0.8)), "room": (True, (0.2, 0.8)), "room, latched": (True, LATCHED)}


def collect() -> None:
    from session_assistant.transcribe.voice_encoder import load_encoder
    from session_assistant.transcribe.voice_profile import voice_print

    encoder = load_encoder(REPO / "models")
    assert encoder is not None, "speaker-ge2e is not installed"
    data = []
    for condition, (room, gaps) in CONDITIONS.items():
        for spec in DIALOGUES:
            if spec[3] is None:
                continue
            d = build(*spec, room=room, gaps=gaps)
            transcript, _, audio = transcribe_cached(None, d.audio)  # None: a cache miss fails here
            segs = copy.deepcopy(transcript.segments)
            attach_voice_features(segs, audio, encoder=encoder)
            profiles = {mic: voice_print(profile_audio(spec[1], spec[3], room=in_room), encoder).embedding
                        for mic, in_room in (("same", room), ("other", not room))}
            data.append({"condition": condition, "name": d.name, "turns": [list(t) for t in d.turns],
                         "profiles": {k: np.round(v, 5).tolist() for k, v in profiles.items()},
                         "segments": [s.to_dict() for s in segs]})
            print(f"  {condition}: {d.name}", flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data), encoding="utf-8")


def collect_scripted() -> None:
    """The four espeak-ng therapy sessions of ``transcription_speakers.py`` (where what each voice
    says can name the roles), recorded dry; the profile read dry (the same microphone) or in the
    room of ``real_voice_dialogues`` (another)."""
    import tempfile

    from session_assistant.transcribe.voice_encoder import load_encoder
    from session_assistant.transcribe.voice_profile import PASSAGE, voice_print

    encoder = load_encoder(REPO / "models")
    data = []
    with tempfile.TemporaryDirectory() as folder:
        for name, turns in SCRIPTED.items():
            clinician, client, _ = PAIRS[name]
            audio, truth = build_scripted(turns, (clinician, client), Path(folder))
            transcript, _, audio = transcribe_cached(None, audio, dialogue_key(name, turns, (clinician, client)))
            segs = copy.deepcopy(transcript.segments)
            attach_voice_features(segs, audio, encoder=encoder)
            reading = speak(PASSAGE, clinician, Path(folder), 165)
            profiles = {"same": voice_print(reading, encoder).embedding,
                        "other": voice_print(_in_one_room([reading, np.zeros_like(reading)], 17), encoder).embedding}
            data.append({"condition": "scripted", "name": name, "truth": [list(t) for t in truth],
                         "script": [list(t) for t in turns],
                         "profiles": {k: np.round(v, 5).tolist() for k, v in profiles.items()},
                         "segments": [s.to_dict() for s in segs]})
            print(f"  scripted: {name}", flush=True)
    OUT_SCRIPTED.write_text(json.dumps(data), encoding="utf-8")


def _scripted_reference(truth):
    def reference(t):
        return next((who for a, b, who in truth if a <= t < b), truth[-1][2])
    return reference


def score() -> None:
    """Words under the right name (the profile's owner named clinician); the espeak-ng sessions
    by the script's text, as ``transcription_speakers.py`` scores them."""
    data = json.loads(OUT.read_text(encoding="utf-8")) if OUT.is_file() else []
    data += json.loads(OUT_SCRIPTED.read_text(encoding="utf-8")) if OUT_SCRIPTED.is_file() else []
    totals: dict[tuple[str, str], list[int]] = {}
    for item in data:
        scripted = "script" in item
        reference = _scripted_reference(item["truth"]) if scripted else reference_of(item["turns"])
        line = [f"{item['condition']}: {item['name']}"]
        for mic in ("none", "same", "other"):
            segs = [Segment.from_dict(copy.deepcopy(s)) for s in item["segments"]]
            profile = None if mic == "none" else np.array(item["profiles"][mic])
            naming = diarize(segs, 2, clinician_voice=profile)
            named, _, count = word_scores(segs, reference)
            if scripted:
                named, count = text_scores(segs, [tuple(t) for t in item["script"]], reference)
            total = totals.setdefault((item["condition"], mic), [0, 0, 0])
            total[0] += round(named * count)
            total[1] += count
            check = getattr(naming, "check", "")  # the code before the guard had none
            total[2] += bool(check)
            scores = " ".join(f"{k} {v:.3f}" for k, v in sorted(naming.scores.items()))
            line.append(f"{mic}: {100 * named:.1f} % ({naming.method}{', check' if check else ''}; {scores})")
        print("  " + " | ".join(line), flush=True)
    for (condition, mic), (right, count, checks) in totals.items():
        print(f"  ALL {condition}, profile {mic}: {100 * right / count:.1f} % of {count} words by name; "
              f"{checks} told to check the names")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--collect", action="store_true", help="run the voice encoder and keep the rows")
    parser.add_argument("--collect-scripted", action="store_true", help="the same for the espeak-ng sessions")
    args = parser.parse_args()
    if args.collect:
        collect()
    if args.collect_scripted:
        collect_scripted()
    score()


if __name__ == "__main__":
    main()
