"""Write the real-recording fixture of the speaker tests (``tests/fixtures/speakers/ami_clips.json``).

    PYTHONPATH=src nice .venv/bin/python bench/speaker_fixture.py [--real /tmp/pyannote-data]

Three AMI-derived clips of pyannote-audio's ``tests/data`` (MIT licence, fetched from
pyannote/pyannote-audio at b749285c; see bench/README.md): Whisper's segments from the bench's
cache (``bench/out/speakers_cache``), each with its voice rows (GE2E prints of the pieces cut at
the audio's pauses), the clip's RTTM turns, and the profile the bench uses (the same person's
solo speech in *other* clips). The audio itself (1.9 MB a clip) stays out of the repository; the
tests run the naming (clusters, smoothing, names) on these rows. Rewrite the fixture when the
pieces or the prints change.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from transcription_speakers import read_rttm, solo_audio, transcribe_cached  # noqa: E402

from session_assistant.transcribe.audio_input import load_audio  # noqa: E402
from session_assistant.transcribe.engine import WhisperEngine  # noqa: E402
from session_assistant.transcribe.speakers import attach_voice_features  # noqa: E402
from session_assistant.transcribe.voice_profile import speech_only  # noqa: E402

CASES = [("dev00", "MEE009", ("dev01",)), ("dev01", "MEE009", ("dev00",)), ("trn03", "MÉO069", ("trn00", "trn01"))]
OUT = REPO / "tests" / "fixtures" / "speakers" / "ami_clips.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", type=Path, default=Path("/tmp/pyannote-data"))
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (another encoder's rows: another file)")
    args = parser.parse_args()
    engine = WhisperEngine.from_registry(REPO / "models")
    rttm = {}
    for path in sorted(args.real.glob("*.rttm")):
        rttm.update(read_rttm(path))
    clips = {}
    for clip, owner, profile_clips in CASES:
        transcript, _, audio = transcribe_cached(engine, load_audio(args.real / f"{clip}.wav"))
        attach_voice_features(transcript.segments, audio, encoder=engine.voice_encoder)
        solo = np.concatenate([solo_audio(load_audio(args.real / f"{c}.wav"), rttm[c], owner) for c in profile_clips])
        profile = engine.voice_encoder.embed_audio(speech_only(solo))
        clips[clip] = {"owner": owner, "profile_from": list(profile_clips),
                       "profile": np.round(profile, 4).tolist(),
                       "turns": [[a, b, who] for a, b, who in rttm[clip]],
                       "segments": [s.to_dict() for s in transcript.segments]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    source = ("AMI-derived clips of pyannote-audio tests/data (MIT licence, pyannote/pyannote-audio at b749285c): "
              f"Whisper base segments with {engine.voice_encoder.model_id} voice rows, RTTM turns, profile from the "
              "owner's solo speech in other clips. Written by bench/speaker_fixture.py.")
    args.out.write_text(json.dumps({"source": source, "clips": clips}, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {args.out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
