"""Speaker naming on real conversations found in public repositories: the real dev set.

    PYTHONPATH=src:bench flock /tmp/sa-core1.lock taskset -c 1 nice .venv/bin/python bench/real_room_speakers.py \
        [--mirror /work/.mirror] [--costs inf,0.1,0.05,0.02]

No audio is kept in this repository: each clip is read with ``git show`` from a fetched snapshot
(the ``fetch`` tool puts them under ``/work/.mirror/OWNER+NAME/repo``). The clips (bench/README.md,
2026-12-01, speakers17j, says how they were found and what their licences are):

* ``sample``: pyannote/pyannote-audio ``tutorials/assets/sample.wav`` + ``sample.rttm`` (MIT): 30 s
  of two women on a call ("This is Diane in New Jersey." "And I'm Sheila in Texas"), spontaneous,
  hand-made reference turns. Two people.
* ``EN2002a``: BUTSpeechFIT/DiariZen ``example/EN2002a_30s.wav`` (MIT repository; the AMI Meeting
  Corpus, CC BY 4.0): the first 30 s of AMI meeting EN2002a, four people in one room,
  spontaneous, with overlaps; reference turns from BUTSpeechFIT/AMI-diarization-setup
  ``only_words/rttms/test/EN2002a.rttm`` (MIT). Four people (set as the voice count, as a
  clinician sets it for a family session); not one of pyannote-audio's 14 AMI clips, which stay
  the held-out check (``far_field_speakers.py --ami``, ``transcription_speakers.py``).

Each clip is transcribed once by Whisper base (cached, as in ``transcription_speakers``); its
pieces get prints from GE2E (the app's) and the d-vector (``speaker-dvector``), and are named by
the app's own ``diarize`` at the clip's number of people, for each ``CHANGE_COST`` (the soft
stretch rule; ``inf`` is the hard rule, the app's default). Score: words (midpoint in exactly one
reference turn) under the right person for the best mapping of the app's names to the people
(for two people: up to a swap). Time: each encoder's CPU seconds over Whisper's on the same audio.
"""

from __future__ import annotations

import argparse
import copy
import io
import itertools
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from far_field_speakers import prints  # noqa: E402
from transcription_speakers import transcribe_cached  # noqa: E402

from session_assistant.transcribe import voice_clusters  # noqa: E402
from session_assistant.transcribe.engine import WhisperEngine  # noqa: E402
from session_assistant.transcribe.speakers import diarize  # noqa: E402
from session_assistant.transcribe.voice_encoder import load_encoder  # noqa: E402

# (name, repository, audio path, rttm repository, rttm path, rttm file id, seconds)
CLIPS = [
    ("sample", "pyannote+pyannote-audio", "tutorials/assets/sample.wav",
     "pyannote+pyannote-audio", "tutorials/assets/sample.rttm", "sample", 30.0),
    ("EN2002a", "BUTSpeechFIT+DiariZen", "example/EN2002a_30s.wav",
     "BUTSpeechFIT+AMI-diarization-setup", "only_words/rttms/test/EN2002a.rttm", "EN2002a", 30.0),
]


def git_show(mirror: Path, repo: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(mirror / repo / "repo"), "show", f"HEAD:{path}"],
                          check=True, capture_output=True).stdout


def read_wav(data: bytes) -> np.ndarray:
    with wave.open(io.BytesIO(data)) as w:
        assert w.getframerate() == 16_000 and w.getsampwidth() == 2, "16 kHz 16-bit expected"
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, w.getnchannels())
    return (pcm.astype(np.float32).mean(axis=1) / 32768.0).astype(np.float32)


def turns_of(text: str, file_id: str, seconds: float) -> list[tuple[float, float, str]]:
    out = []
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] == "SPEAKER" and parts[1] == file_id:
            start, dur = float(parts[3]), float(parts[4])
            if start < seconds:
                out.append((start, min(start + dur, seconds), parts[7]))
    return out


def load_clips(mirror: Path):
    """[(name, audio, turns)] read from the snapshots."""
    out = []
    for name, repo, wav_path, rttm_repo, rttm_path, file_id, seconds in CLIPS:
        audio = read_wav(git_show(mirror, repo, wav_path))
        turns = turns_of(git_show(mirror, rttm_repo, rttm_path).decode("utf-8"), file_id, seconds)
        out.append((name, audio, turns))
    return out


def best_mapping(segments, turns) -> tuple[int, int]:
    """(words right under the best mapping of names to people, words scored)."""
    people = sorted({who for _, _, who in turns})
    words = [(seg.speaker, speaking.pop()) for seg in segments for w in seg.words
             for speaking in [{who for a, b, who in turns if a <= (w.start + w.end) / 2 < b}]
             if len(speaking) == 1]
    names = sorted({name for name, _ in words})
    best = max((sum(dict(zip(names, perm)).get(n) == p for n, p in words)
                for perm in itertools.permutations(people, min(len(people), len(names)))), default=0)
    return best, len(words)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--costs", default="inf,0.1,0.05,0.02", help="CHANGE_COST values to try")
    args = parser.parse_args()
    costs = [float(c) for c in args.costs.split(",")]
    engine = WhisperEngine.from_registry(REPO / "models")
    encoders = {"ge2e": load_encoder(REPO / "models", "speaker-ge2e"),
                "dvector": load_encoder(REPO / "models", "speaker-dvector")}
    assert all(encoders.values()), "speaker-ge2e and speaker-dvector must be installed"
    totals: dict[tuple[str, float], list[int]] = {}
    whisper = 0.0
    cpu = dict.fromkeys(encoders, 0.0)
    saved = voice_clusters.CHANGE_COST
    for name, audio, turns in load_clips(args.mirror):
        people = sorted({who for _, _, who in turns})
        transcript, spent, audio = transcribe_cached(engine, audio)
        whisper += spent
        line = []
        for enc_name, encoder in encoders.items():
            rows, spent = prints(transcript.segments, audio, encoder)
            cpu[enc_name] += spent
            for cost in costs:
                voice_clusters.CHANGE_COST = cost
                segs = copy.deepcopy(rows)
                diarize(segs, len(people))
                right, count = best_mapping(segs, turns)
                total = totals.setdefault((enc_name, cost), [0, 0])
                total[0] += right
                total[1] += count
                line.append(f"{enc_name}@{cost:g} {100 * right / max(count, 1):.1f}")
        voice_clusters.CHANGE_COST = saved
        print(f"  {name} ({len(people)} people, {count} words): " + ", ".join(line), flush=True)
    for (enc_name, cost), (right, count) in totals.items():
        print(f"  ALL {enc_name} CHANGE_COST {cost:g}: {100 * right / max(count, 1):.1f} % of {count} words")
    for enc_name, spent in cpu.items():
        print(f"  {enc_name} prints: {spent:.1f} s CPU = {100 * spent / max(whisper, 1e-9):.1f} % of Whisper's {whisper:.1f} s")


if __name__ == "__main__":
    main()
