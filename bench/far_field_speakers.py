"""Speaker naming on the far-field dev set (``far_field_dialogues``) and, once, on the AMI clips.

    PYTHONPATH=src flock /tmp/sa-core1.lock taskset -c 1 nice .venv/bin/python bench/far_field_speakers.py \
        [--ami /tmp/pyannote-data] [--thresholds 0.85,0.88,...]

Each meeting is transcribed once by Whisper base (cached under ``bench/out/speakers_cache``); its
pieces get voice prints from both encoders (GE2E, the app's default, and the d-vector,
``speaker-dvector``), each timed in CPU seconds (one thread; pin the process to one core). Then
the same pieces are named by several methods, all of the app's code:

* ``ge2e``, ``dvector``: one encoder's prints;
* ``second@T``: GE2E first; where its two clusters' centroids are more alike than T (GE2E is
  unsure: the far-field meetings), the d-vector's prints decide instead (its cost is paid only
  there);
* ``concat``: both prints side by side (each unit, then the pair) for every piece.

Scores: words under the right person up to a swap ("perm": read speech and meetings have no
clinician), on words whose midpoint lies in exactly one reference turn. With ``--ami`` the three
two-person AMI clips are scored the same way, plus by name with a profile of the first person
made from other clips (as ``transcription_speakers.py`` does): the held-back check, run once.
Time: the speaker work of each method as a share of Whisper's CPU time on the same audio.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from far_field_dialogues import all_meetings  # noqa: E402
from transcription_speakers import CACHE, read_rttm, solo_audio, transcribe_cached, word_scores  # noqa: E402

from session_assistant.transcribe.audio_input import load_audio  # noqa: E402
from session_assistant.transcribe.engine import WhisperEngine  # noqa: E402
from session_assistant.transcribe.speakers import attach_voice_features, diarize  # noqa: E402
from session_assistant.transcribe.voice_clusters import cluster_rows, unit  # noqa: E402
from session_assistant.transcribe.voice_encoder import load_encoder  # noqa: E402
from session_assistant.transcribe.voice_profile import speech_only  # noqa: E402


def prints(segments, audio, encoder) -> tuple[list, float]:
    """(segments with the encoder's voice rows, CPU seconds), cached by audio and encoder."""
    key = hashlib.sha256(np.ascontiguousarray(audio, dtype=np.float32).tobytes()).hexdigest()[:24]
    path = CACHE / f"rows-{encoder.model_id}-{key}.json"
    segs = copy.deepcopy(segments)
    if path.is_file():
        data = json.loads(path.read_text())
        for seg, rows in zip(segs, data["rows"]):
            seg.voice = rows
        return segs, data["cpu_s"]
    started = time.process_time()
    attach_voice_features(segs, audio, encoder=encoder)
    cpu = time.process_time() - started
    path.write_text(json.dumps({"rows": [s.voice for s in segs], "cpu_s": cpu}))
    return segs, cpu


def centroid_similarity(segments) -> float:
    """How alike the two clusters' centroids are (weighted by sqrt of piece length)."""
    rows = [r for s in segments for r in (s.voice or [])]
    if len(rows) < 4:
        return 0.0
    table = np.array(rows, dtype=np.float64)
    labels = cluster_rows(table, 2)
    if len(set(labels.tolist())) < 2:
        return 1.0
    x = unit(table[:, 2:])
    w = np.sqrt(np.clip(table[:, 1] - table[:, 0], 0.3, 10.0))
    c = unit(np.array([(x[labels == k] * w[labels == k, None]).sum(axis=0) for k in (0, 1)]))
    return float(c[0] @ c[1])


def concat(ge2e, dvec):
    out = copy.deepcopy(ge2e)
    for seg, other in zip(out, dvec):
        if seg.voice:
            seg.voice = [[*a[:2], *(unit(np.array(a[2:])) / np.sqrt(2)), *(unit(np.array(b[2:])) / np.sqrt(2))]
                         for a, b in zip(seg.voice, other.voice)]
    return out


def methods(ge2e, dvec, thresholds, profile=None):
    """{method: (diarized segments, which encoders it paid for)}."""
    def named(segs, clinician=None):
        segs = copy.deepcopy(segs)
        diarize(segs, 2, clinician_voice=clinician)
        return segs

    sim = centroid_similarity(ge2e)
    out = {"ge2e": (named(ge2e), {"ge2e"}), "dvector": (named(dvec), {"dvector"}),
           "concat": (named(concat(ge2e, dvec)), {"ge2e", "dvector"})}
    for t in thresholds:
        out[f"second@{t:g}"] = out["dvector"][0], {"ge2e", "dvector"}
        if sim <= t:
            out[f"second@{t:g}"] = out["ge2e"]
    if profile is not None:
        out["ge2e + profile"] = named(ge2e, profile["ge2e"]), {"ge2e"}
        out["dvector + profile"] = named(dvec, profile["dvector"]), {"dvector"}
        for t in thresholds:
            out[f"second@{t:g} + profile"] = out["dvector + profile" if sim > t else "ge2e + profile"]
    return out, sim


def run(cases, engine, encoders, thresholds) -> None:
    """``cases``: (name, audio, reference(t) -> 0/1/None, {encoder: profile} or None)."""
    totals, whisper, cost = {}, 0.0, {}
    for name, audio, reference, profile_audio in cases:
        transcript, cpu, audio = transcribe_cached(engine, audio)
        whisper += cpu
        rows, cpus = {}, {}
        for enc_name, encoder in encoders.items():
            rows[enc_name], cpus[enc_name] = prints(transcript.segments, audio, encoder)
        profile = None if profile_audio is None else {
            k: e.embed_audio(speech_only(profile_audio)) for k, e in encoders.items()}
        found, sim = methods(rows["ge2e"], rows["dvector"], thresholds, profile)
        line = []
        for method, (segs, paid) in found.items():
            by_name, perm, count = word_scores(segs, reference)
            score = by_name if method.endswith("profile") else perm
            t = totals.setdefault(method, [0, 0])
            t[0] += round(score * count)
            t[1] += count
            if not method.endswith("profile"):
                cost[method] = cost.get(method, 0.0) + sum(cpus[e] for e in paid)
            if method in ("ge2e", "dvector", "concat", "ge2e + profile", "dvector + profile"):
                line.append(f"{method} {100 * score:.1f}")
        print(f"  {name}: centroids {sim:.3f}; " + ", ".join(line) + f" ({count} words)", flush=True)
    for method, (right, count) in totals.items():
        extra = "" if method.endswith("profile") else f"; speaker work {100 * cost[method] / whisper:.1f} % of Whisper"
        print(f"  ALL {method}: {100 * right / max(count, 1):.1f} % of {count} words{extra}")
    print(f"  Whisper CPU {whisper:.1f} s")


def dev_cases(same_channel: bool = False):
    for m in all_meetings(same_channel):
        def reference(t, turns=m.turns):
            speaking = {w for a, b, w in turns if a <= t < b}
            return speaking.pop() if len(speaking) == 1 else None
        yield m.name + f" ({m.kind})", m.audio, reference, None


def ami_cases(folder: Path):
    rttm = {}
    for path in sorted(folder.glob("*.rttm")):
        rttm.update(read_rttm(path))
    for clip, owner, profile_clips in [("dev00", "MEE009", ("dev01",)), ("dev01", "MEE009", ("dev00",)),
                                       ("trn03", "MÉO069", ("trn00", "trn01"))]:
        people = sorted({who for _, _, who in rttm[clip]}, key=lambda p: p != owner)
        solo = np.concatenate([solo_audio(load_audio(folder / f"{c}.wav"), rttm[c], owner) for c in profile_clips])

        def reference(t, turns=rttm[clip], people=people):
            speaking = {who for a, b, who in turns if a <= t < b}
            return people.index(speaking.pop()) if len(speaking) == 1 else None
        yield clip, load_audio(folder / f"{clip}.wav"), reference, solo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ami", type=Path, help="score the three AMI clips (the held-back check) instead")
    parser.add_argument("--thresholds", default="0.85,0.87,0.88,0.89,0.9,0.91,0.92,0.93")
    parser.add_argument("--same-channel", action="store_true",
                        help="the dev set with each person's long-term spectrum made the pair's average")
    parser.add_argument("--change-cost", type=float, help="voice_clusters.CHANGE_COST for every method "
                        "(default: the app's, the hard rule; the dev set was tuned with 0, 0.02-0.2)")
    args = parser.parse_args()
    if args.change_cost is not None:
        from session_assistant.transcribe import voice_clusters

        voice_clusters.CHANGE_COST = args.change_cost
    engine = WhisperEngine.from_registry(REPO / "models")
    encoders = {"ge2e": load_encoder(REPO / "models", "speaker-ge2e"),
                "dvector": load_encoder(REPO / "models", "speaker-dvector")}
    assert all(encoders.values()), "speaker-ge2e and speaker-dvector must be installed"
    thresholds = [float(t) for t in args.thresholds.split(",")]
    if args.ami:
        print("AMI clips dev00, dev01, trn03 (held back):")
        run(ami_cases(args.ami), engine, encoders, thresholds)
    else:
        print("Far-field dev set (semi-synthetic, bench/far_field_dialogues.py):")
        run(dev_cases(args.same_channel), engine, encoders, thresholds)


if __name__ == "__main__":
    main()
