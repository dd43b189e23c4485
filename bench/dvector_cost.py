"""What the d-vector's prints cost against Whisper, and what cheaper settings do to them.

    PYTHONPATH=src:bench flock /tmp/sa-core1.lock taskset -c 1 nice .venv/bin/python bench/dvector_cost.py \
        [--whisper-now] [LABEL/STRIDE/WINDOWS ...]   # e.g. one/40/1 s80/80/0; "ge2e/0/0" times GE2E instead

The pieces are the app's (``attach_voice_features``) on the real dev set (``real_room_speakers``)
and the three two-person AMI clips (``/tmp/pyannote-data``, held out: read them only to check). For
each setting of ``dvector_encoder.PIECE_STRIDE`` (frames between a piece's windows) and
``PIECE_WINDOWS`` (its central windows kept; 0 = all, the package's recipe), in one process on one
core: the prints' CPU seconds over Whisper's CPU seconds for the same audio (cached; with
``--whisper-now`` Whisper is timed again in this process, the cache left as it is), how alike
each piece's print is to the recipe's (cosine), and words under the right person on the dev set and
on the AMI clips (best mapping of names to people; for two people, up to a swap) with the hard
stretch rule and the soft one (``CHANGE_COST`` 0.1, 0.05). Prints are never cached here (the
far-field bench's cache is keyed by encoder, not by these settings).
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from real_room_speakers import best_mapping, load_clips  # noqa: E402
from transcription_speakers import read_rttm, transcribe_cached  # noqa: E402

from session_assistant.transcribe import dvector_encoder, voice_clusters  # noqa: E402
from session_assistant.transcribe.audio_input import load_audio  # noqa: E402
from session_assistant.transcribe.engine import DecodeOptions, WhisperEngine  # noqa: E402
from session_assistant.transcribe.speakers import attach_voice_features, diarize  # noqa: E402
from session_assistant.transcribe.voice_encoder import load_encoder  # noqa: E402

AMI = Path("/tmp/pyannote-data")


def cases(mirror: Path = Path("/work/.mirror")):
    out = [("dev", name, audio, turns) for name, audio, turns in load_clips(mirror)]
    rttm: dict = {}
    for path in sorted(AMI.glob("*.rttm")):
        rttm.update(read_rttm(path))
    out += [("ami", clip, load_audio(AMI / f"{clip}.wav"), rttm[clip]) for clip in ("dev00", "dev01", "trn03")]
    return out


def cosines(rows, reference) -> list[float]:
    return [float(np.dot(a[2:], b[2:]) / np.linalg.norm(a[2:]) / np.linalg.norm(b[2:]))
            for one, other in zip(rows, reference) for sa, sb in zip(one, other)
            for a, b in zip(sa.voice or [], sb.voice or [])]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--whisper-now", action="store_true", help="time Whisper again in this process")
    parser.add_argument("settings", nargs="*", help="LABEL/STRIDE/WINDOWS")
    args = parser.parse_args()
    settings = [(label, int(stride), int(windows)) for label, stride, windows in
                (item.split("/") for item in args.settings)]
    engine = WhisperEngine.from_registry(REPO / "models")
    encoders = {"dvector": load_encoder(REPO / "models", "speaker-dvector"),
                "ge2e": load_encoder(REPO / "models", "speaker-ge2e")}
    data, whisper = [], 0.0
    for kind, name, audio, turns in cases():
        transcript, cpu, audio = transcribe_cached(engine, audio)
        if args.whisper_now:
            started = time.process_time()
            engine.transcribe(audio, DecodeOptions(language="en"))
            cpu = time.process_time() - started
        whisper += cpu
        data.append((kind, transcript, audio, turns))
    for encoder in encoders.values():  # first runs allocate; keep that out of the timings
        encoder.embed_pieces([np.random.default_rng(0).standard_normal(40_000).astype(np.float32) * 0.1])
    reference = None
    for label, stride, windows in [("recipe", 40, 0), *settings]:
        dvector_encoder.PIECE_STRIDE, dvector_encoder.PIECE_WINDOWS = stride, windows
        encoder = encoders["ge2e" if label == "ge2e" else "dvector"]
        rows, spent = [], 0.0
        for _, transcript, audio, _ in data:
            segs = copy.deepcopy(transcript.segments)
            started = time.process_time()
            attach_voice_features(segs, audio, encoder=encoder)
            spent += time.process_time() - started
            rows.append(segs)
        reference = reference or rows
        alike = cosines(rows, reference)
        scores = []
        for cost in (np.inf, 0.1, 0.05):
            voice_clusters.CHANGE_COST = cost
            totals = {"dev": [0, 0], "ami": [0, 0]}
            for (kind, _, _, turns), segs in zip(data, rows):
                segs = copy.deepcopy(segs)
                diarize(segs, len({who for _, _, who in turns}))
                right, count = best_mapping(segs, turns)
                totals[kind][0] += right
                totals[kind][1] += count
            scores.append(f"@{cost:g} dev {100 * totals['dev'][0] / totals['dev'][1]:.1f} "
                          f"AMI {100 * totals['ami'][0] / totals['ami'][1]:.1f}")
        voice_clusters.CHANGE_COST = np.inf
        print(f"{label} (stride {stride}, windows {windows or 'all'}): {spent:.2f} s = "
              f"{100 * spent / whisper:.1f} % of Whisper's {whisper:.1f} s; cosine to the recipe's prints "
              f"min {min(alike):.3f} mean {np.mean(alike):.4f}; " + "; ".join(scores), flush=True)


if __name__ == "__main__":
    main()
