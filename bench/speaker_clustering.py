"""Clustering variants for the voice prints of real recordings, on a dev half and a held-back half.

    PYTHONPATH=src:bench flock /tmp/sa-core1.lock taskset -c 1 nice .venv/bin/python bench/speaker_clustering.py \
        [--mirror /work/.mirror] [--real /tmp/pyannote-data] [--variants main,centred,...] [--sets dev,held]
        [--prints-from DUMP | --windows | --both]

``--prints-from DUMP`` replays the prints ``speaker_errors.py --all-clips --dump DUMP`` stored (numpy
only, no encoder run); ``--windows`` prints each piece as the mean of its 1.6 s partials every 0.5 s;
``--both`` joins GE2E's and the d-vector's prints (bench/README.md, speakers17m, has the figures).

Issue 17: on real 30 s clips the clustering of a clip's 5-11 deciding prints is what names words
wrong (``speaker_errors.py``: 76-87 % of the wrong words). This bench computes each clip's pieces and
GE2E prints once (the app's ``attach_voice_features``, Whisper from the ``transcription_speakers``
cache), then runs the app's ``diarize`` with each clustering variant in place of
``voice_clusters.cluster_rows`` and scores words (midpoint in exactly one reference turn) under the
best mapping of the app's names to the people, each clip at its RTTM's number of people.

The sets were fixed before any variant was measured (speakers17m, 2026-12-02 00:50 UTC): pyannote-audio's
14 AMI clips sorted by name, every other one, starting with the first, is the **dev half**; the rest
is the **held-back half**, reported only for the variant chosen on the dev half. The real dev clips
(pyannote's ``sample`` and AMI EN2002a 30 s, ``real_room_speakers``) are dev too (already used to
choose ``CHANGE_COST``).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from real_room_speakers import best_mapping, load_clips  # noqa: E402
from transcription_speakers import read_rttm, transcribe_cached  # noqa: E402

from session_assistant.transcribe import speakers as sp  # noqa: E402
from session_assistant.transcribe import voice_clusters as vc  # noqa: E402
from session_assistant.transcribe.audio_input import load_audio  # noqa: E402
from session_assistant.transcribe.engine import WhisperEngine  # noqa: E402

AMI = ["dev00", "dev01", "trn00", "trn01", "trn02", "trn03", "trn04", "trn05", "trn06", "trn07", "trn08",
       "trn09", "tst00", "tst01"]
AMI_DEV, AMI_HELD = AMI[0::2], AMI[1::2]
MAIN_CLUSTER_ROWS = vc.cluster_rows


def _centred(table: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """The table with each print less the clip's (duration-weighted) mean print, length-normalised."""
    x = vc.unit(table[:, 2:])
    w = np.sqrt(np.clip(table[:, 1] - table[:, 0], 0.3, 10.0)) if weights is None else weights
    mean = (x * w[:, None]).sum(axis=0) / w.sum()
    out = table.copy()
    out[:, 2:] = vc.unit(x - mean)
    return out


def centred(table, count, groups=None):
    return MAIN_CLUSTER_ROWS(_centred(table), count, groups)


def centred_two(table, count, groups=None):
    """Centred for two voices only (the dev half's two-person clips gained, its 3-4 person ones lost)."""
    return MAIN_CLUSTER_ROWS(_centred(table) if count == 2 else table, count, groups)


def centred_deciding(table, count, groups=None):
    """Centred on the mean of the deciding pieces (1 s or more) only."""
    d = table[:, 1] - table[:, 0]
    w = np.where(d >= vc.BACK_CHANNEL_S, np.sqrt(np.clip(d, 0.3, 10.0)), 0.0)
    if w.sum() == 0:
        w = np.ones(len(table))
    return MAIN_CLUSTER_ROWS(_centred(table, w), count, groups)


def centred_unweighted(table, count, groups=None):
    return MAIN_CLUSTER_ROWS(_centred(table, np.ones(len(table))), count, groups)


def _from_labels(table, count, groups, seed_labels, deciding):
    """Centroids from a first split of the deciding pieces, then the app's last steps (every piece to
    its nearest centroid with the soft stretch rule, clear prints released)."""
    x = vc.unit(table[:, 2:])
    durations = table[:, 1] - table[:, 0]
    weights = np.sqrt(np.clip(durations, 0.3, 10.0))
    groups = vc.stretches(table) if groups is None else np.unique(groups, return_inverse=True)[1]
    xd, wd = x[deciding], weights[deciding]
    centres = np.array([vc.unit((xd[seed_labels == j] * wd[seed_labels == j, None]).sum(axis=0))
                        if (seed_labels == j).any() else xd[0] for j in range(count)])
    return vc.release_clear_pieces(x, durations, vc._assign(x, weights, centres, groups, vc.CHANGE_COST), groups)


def _deciding(table, count):
    durations = table[:, 1] - table[:, 0]
    deciding = durations >= vc.BACK_CHANNEL_S
    if deciding.sum() < count * 2:
        deciding[:] = True
    return deciding


def _spectral_labels(x, count):
    a = np.clip(x @ x.T, 0, None)
    np.fill_diagonal(a, 0)
    d = a.sum(axis=1)
    d = np.where(d > 0, d, 1e-9)
    lap = np.eye(len(x)) - a / np.sqrt(np.outer(d, d))
    _, vecs = np.linalg.eigh(lap)
    emb = vc.unit(vecs[:, :count])
    if count == 2:
        return (vecs[:, 1] > 0).astype(int)
    centres = vc._spherical_kmeans(emb, np.ones(len(emb)), count)
    return (emb @ centres.T).argmax(axis=1)


def spectral(table, count, groups=None, centre=False):
    deciding = _deciding(table, count)
    t = _centred(table) if centre else table
    x = vc.unit(t[deciding, 2:])
    return _from_labels(t, count, groups, _spectral_labels(x, count), deciding)


def spectral_centred(table, count, groups=None):
    return spectral(table, count, groups, centre=True)


def _ahc_labels(x, w, count):
    clusters = [[i] for i in range(len(x))]
    sim = x @ x.T
    while len(clusters) > count:
        best, pair = -np.inf, None
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                s = sim[np.ix_(clusters[i], clusters[j])].mean()
                if s > best:
                    best, pair = s, (i, j)
        i, j = pair
        clusters[i] += clusters.pop(j)
    labels = np.zeros(len(x), dtype=int)
    for k, c in enumerate(clusters):
        labels[c] = k
    return labels


def ahc(table, count, groups=None, centre=False):
    deciding = _deciding(table, count)
    t = _centred(table) if centre else table
    x = vc.unit(t[deciding, 2:])
    return _from_labels(t, count, groups, _ahc_labels(x, None, count), deciding)


def ahc_centred(table, count, groups=None):
    return ahc(table, count, groups, centre=True)


def ahc_reseg(table, count, groups=None):
    """AHC's split as the start, then the app's k-means iterations (assign with the soft stretch
    rule, centroids again) until nothing moves: re-segmentation from a first clustering."""
    deciding = _deciding(table, count)
    x = vc.unit(table[:, 2:])
    durations = table[:, 1] - table[:, 0]
    weights = np.sqrt(np.clip(durations, 0.3, 10.0))
    groups = vc.stretches(table) if groups is None else np.unique(groups, return_inverse=True)[1]
    seed = _ahc_labels(x[deciding], None, count)
    labels = np.full(len(x), -1)
    labels[np.flatnonzero(deciding)] = seed
    for _ in range(20):
        use = deciding if (labels < 0).any() else np.ones(len(x), dtype=bool)
        centres = np.array([vc.unit((x[use & (labels == j)] * weights[use & (labels == j), None]).sum(axis=0))
                            if (use & (labels == j)).any() else x[0] for j in range(count)])
        new = vc._assign(x, weights, centres, groups, vc.CHANGE_COST)
        if np.array_equal(new, labels):
            break
        labels = new
    return vc.release_clear_pieces(x, durations, labels, groups)


def ahc_groups(table, count, groups=None):
    """AHC over the stretches (the mean print of each stretch's deciding pieces) as the start."""
    deciding = _deciding(table, count)
    x = vc.unit(table[:, 2:])
    durations = table[:, 1] - table[:, 0]
    weights = np.sqrt(np.clip(durations, 0.3, 10.0))
    g = (vc.stretches(table) if groups is None else np.unique(groups, return_inverse=True)[1])[deciding]
    ug = np.unique(g)
    if len(ug) < count:
        return MAIN_CLUSTER_ROWS(table, count, groups)
    means = vc.unit(np.array([(x[deciding][g == k] * weights[deciding][g == k, None]).sum(axis=0) for k in ug]))
    group_labels = _ahc_labels(means, None, count)
    return _from_labels(table, count, groups, group_labels[np.searchsorted(ug, g)], deciding)


def pca_centred(table, count, groups=None, dims=None):
    """Centred prints projected on their top principal directions (count - 1 + 1 of them)."""
    t = _centred(table)
    x = t[:, 2:]
    _, _, vt = np.linalg.svd(x - x.mean(axis=0), full_matrices=False)
    m = dims or count
    out = np.zeros((len(t), 2 + 64))
    out[:, :2] = t[:, :2]
    out[:, 2:2 + m] = x @ vt[:m].T
    return MAIN_CLUSTER_ROWS(out, count, groups)


VARIANTS = {"main": MAIN_CLUSTER_ROWS, "centred": centred, "centred_two": centred_two, "centred_deciding": centred_deciding,
            "centred_unweighted": centred_unweighted,
            "spectral": spectral, "spectral_centred": spectral_centred, "ahc": ahc, "ahc_centred": ahc_centred,
            "pca_centred": pca_centred, "ahc_reseg": ahc_reseg, "ahc_groups": ahc_groups}


def clips(mirror: Path, real: Path, sets: list[str]):
    rttm = {}
    for path in sorted(real.glob("*.rttm")):
        rttm.update(read_rttm(path))
    out = {}
    if "dev" in sets:
        out["real dev"] = [(n, a, t) for n, a, t in load_clips(mirror)]
        out["AMI dev half"] = [(c, load_audio(real / f"{c}.wav"), rttm[c]) for c in AMI_DEV]
    if "held" in sets:
        out["AMI held-back half"] = [(c, load_audio(real / f"{c}.wav"), rttm[c]) for c in AMI_HELD]
    return out


class _Replay:
    """Prints stored by ``speaker_errors.py --dump``, handed back in the pieces' order."""

    model_id = "replayed"

    def __init__(self, table: np.ndarray) -> None:
        self.table = table

    def embed_pieces(self, pieces):
        assert len(pieces) == len(self.table), "the dump was made from other pieces"
        return self.table[:, 2:]


class _Both:
    """GE2E's and the d-vector's prints of each piece, each unit length, side by side (cosine of
    the joined print = the mean of the two encoders' cosines)."""

    model_id = "ge2e+dvector"

    def __init__(self, ge2e, dvector) -> None:
        self.encoders = (ge2e, dvector)

    def embed_pieces(self, pieces):
        return np.hstack([vc.unit(np.asarray(e.embed_pieces(pieces), dtype=np.float64)) for e in self.encoders])


class _Windows:
    """The encoder, printing a piece as the mean of its partials (overlapping sub-windows)."""

    def __init__(self, encoder) -> None:
        self.encoder, self.model_id = encoder, getattr(encoder, "model_id", None)

    def embed_pieces(self, pieces):
        return np.array([self.encoder.embed_audio(p) for p in pieces])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--real", type=Path, default=Path("/tmp/pyannote-data"))
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--sets", default="dev")
    parser.add_argument("--prints-from", type=Path,
                        help="replay each clip's GE2E prints from speaker_errors.py --dump DIR (no encoder run)")
    parser.add_argument("--both", action="store_true", help="GE2E and d-vector prints joined")
    parser.add_argument("--windows", action="store_true",
                        help="each piece's print the mean of its 1.6 s partials every 0.5 s (not only the central one)")
    args = parser.parse_args()
    variants = args.variants.split(",")
    engine = WhisperEngine.from_registry(REPO / "models")
    prepared = {}
    for set_name, items in clips(args.mirror, args.real, args.sets.split(",")).items():
        prepared[set_name] = []
        for name, audio, turns in items:
            transcript, _, audio = transcribe_cached(engine, audio)
            segs = copy.deepcopy(transcript.segments)
            encoder = _Windows(engine.voice_encoder) if args.windows else engine.voice_encoder
            if args.both:
                from session_assistant.transcribe.voice_encoder import load_encoder

                encoder = _Both(engine.voice_encoder, load_encoder(REPO / "models", "speaker-dvector"))
            if args.prints_from and not (args.prints_from / f"{name}.npz").exists():
                continue  # trn01, trn02: under two pieces, no words scored (not dumped)
            if args.prints_from:
                encoder = _Replay(np.load(args.prints_from / f"{name}.npz")["table"])
            sp.attach_voice_features(segs, audio, encoder=encoder)
            prepared[set_name].append((name, segs, turns))
    for variant in variants:
        sp.cluster_rows = VARIANTS[variant]
        for set_name, items in prepared.items():
            right = total = 0
            per_clip, shown, two = [], [], [0, 0]
            for name, segs, turns in items:
                people = len({who for _, _, who in turns})
                work = copy.deepcopy(segs)
                sp.diarize(work, people)
                r, n = best_mapping(work, turns)
                right, total = right + r, total + n
                if n:
                    per_clip.append(100 * r / n)
                    shown.append(f"{name} {100 * r / n:.1f}")
                if people == 2:
                    two[0], two[1] = two[0] + r, two[1] + n
            # two-person clips: dev00 (dev half), dev01 and trn03 (held-back half), sample (real dev)
            print(f"{variant:<20} {set_name:<20} {100 * right / max(total, 1):5.1f} % of {total} words, median "
                  f"{statistics.median(per_clip) if per_clip else 0:.1f} %; two-person "
                  f"{100 * two[0] / max(two[1], 1):.1f} % of {two[1]}  [{', '.join(shown)}]", flush=True)
    sp.cluster_rows = MAIN_CLUSTER_ROWS


if __name__ == "__main__":
    main()
