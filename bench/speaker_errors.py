"""Where speaker naming goes wrong on real recordings, word by word, and why.

    PYTHONPATH=src:bench flock /tmp/sa-core1.lock taskset -c 1 nice .venv/bin/python bench/speaker_errors.py \
        [--mirror /work/.mirror] [--real /tmp/pyannote-data] [--all-clips] [--words] [--dump DIR] [--synthetic]

The real dev clips (``real_room_speakers``: pyannote's ``sample`` and AMI EN2002a 30 s) and the
two-person AMI clips of pyannote-audio's ``tests/data`` (dev00, dev01, trn03; ``--all-clips``: all
14 at their number of people). Each is transcribed once (cached, ``transcription_speakers``),
printed with GE2E and named by the app's own steps (``speakers.diarize`` taken apart, so each
piece's cluster is seen). Scored words: midpoint in exactly one reference turn, best mapping of
names to people (a meeting has no clinician: names wrong with the clusters right are the
difference between ``transcription_speakers``' "by name" and "perm" figures, not counted here).
Each wrong word gets one cause, first that applies:

* ``smoothed``: its piece's cluster was right, the word moved (``_smooth`` / ``_piece_of``);
* ``mixed piece``: the print's piece holds another person for 25 % or more of its speech (a turn
  change or an overlap inside one piece: cut finer there);
* ``stretch``: a pure piece forced into its stretch's (no pause) cluster, which is another person's;
* ``print``: a pure piece in another person's cluster; ``print: clustering`` when its print is
  nearer its own person's true centroid (the mean of that person's other pure pieces) than any
  other person's, so right centroids would have named it; ``print: encoder`` when it is not.
``--words`` prints every scored word: time, reference person, the app's person, Whisper segment.
"""

from __future__ import annotations

import argparse
import collections
import copy
import itertools
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from real_room_speakers import load_clips  # noqa: E402
from transcription_speakers import read_rttm, transcribe_cached  # noqa: E402

from session_assistant.transcribe import speakers as sp  # noqa: E402
from session_assistant.transcribe.audio_input import load_audio  # noqa: E402
from session_assistant.transcribe.engine import WhisperEngine  # noqa: E402
from session_assistant.transcribe.voice_clusters import cluster_rows, settle_short_pieces, stretches  # noqa: E402

DUMP = None  # --dump DIR: each clip's voice rows, labels and true people, for offline study
CAUSES = ("smoothed", "mixed piece", "stretch", "print: clustering", "print: encoder")


def speaking_at(turns, t):
    return {who for a, b, who in turns if a <= t < b}


def piece_people(turns, a, b, step=0.02):
    """{person: seconds speaking alone} inside [a, b)."""
    out = collections.Counter()
    for t in np.arange(a, b, step):
        who = speaking_at(turns, t)
        if len(who) == 1:
            out[next(iter(who))] += step
    return out


def _nearest_true(table, majority, p):
    """The person whose true centroid (their other pure pieces, leave-one-out) is nearest piece p."""
    x = table[:, 2:] / np.linalg.norm(table[:, 2:], axis=1, keepdims=True)
    best, best_sim = None, -2.0
    for person in {m for m, share in majority if m is not None}:
        mates = [i for i, (m, share) in enumerate(majority) if m == person and share >= 0.75 and i != p]
        if not mates:
            continue
        centre = x[mates].mean(axis=0)
        sim = float(x[p] @ centre / np.linalg.norm(centre))
        if sim > best_sim:
            best, best_sim = person, sim
    return best


def analyse(name, transcript, audio, turns, encoder, show_words, tally):
    people = sorted({who for _, _, who in turns})
    count = len(people)
    segs = copy.deepcopy(transcript.segments)
    sp.attach_voice_features(segs, audio, encoder=encoder)
    original = {(round(w.start, 3), round(w.end, 3)): k for k, s in enumerate(segs) for w in s.words}
    rows = [(i, r) for i, s in enumerate(segs) for r in (s.voice or [])]
    if len(rows) < 2:
        print(f"{name} ({count} people): no speech heard", flush=True)
        return
    table = np.array([r for _, r in rows], dtype=np.float64)
    groups = stretches(table)
    labels = settle_short_pieces(table, cluster_rows(table, count, groups))
    final = copy.deepcopy(segs)
    sp.diarize(final, count)
    # piece -> majority person; cluster -> person by the best mapping of words
    majority = []
    for a, b, *_ in table:
        who = piece_people(turns, a, b)
        total = sum(who.values())
        top = who.most_common(1)[0] if who else (None, 0)
        majority.append((top[0], top[1] / total if total else 0.0))
    words = []
    for seg in final:
        for w in seg.words:
            who = speaking_at(turns, (w.start + w.end) / 2)
            if len(who) != 1:
                continue
            mid = (w.start + w.end) / 2
            overlap = np.minimum(table[:, 1], w.end) - np.maximum(table[:, 0], w.start)
            p = int(overlap.argmax()) if overlap.max() > 0 else int(np.abs(table[:, :2].mean(1) - mid).argmin())
            words.append(dict(t=mid, word=w.word.strip(), ref=next(iter(who)), app=seg.speaker, piece=p,
                              seg=original.get((round(w.start, 3), round(w.end, 3)), -1)))
    names = sorted({w["app"] for w in words})
    best = max(itertools.permutations(people, min(count, len(names))),
               key=lambda perm: sum(dict(zip(names, perm)).get(w["app"]) == w["ref"] for w in words))
    to_person = dict(zip(names, best))
    # the cluster a name stands for: the piece label most words under that name carry
    name_cluster = collections.defaultdict(collections.Counter)
    for w in words:
        name_cluster[w["app"]][int(labels[w["piece"]])] += 1
    cluster_person = {c.most_common(1)[0][0]: to_person.get(n) for n, c in name_cluster.items()}
    seg_people = collections.defaultdict(set)
    for w in words:
        seg_people[w["seg"]].add(w["ref"])
    right = 0
    causes = collections.Counter()
    for w in words:
        ok = to_person.get(w["app"]) == w["ref"]
        right += ok
        cause = ""
        if not ok:
            p = w["piece"]
            maj, share = majority[p]
            piece_ok = cluster_person.get(int(labels[p])) == w["ref"]
            mates = np.flatnonzero(groups == groups[p])
            if piece_ok:
                cause = "smoothed"
            elif maj != w["ref"] or share < 0.75:
                cause = "mixed piece"
            elif len(mates) > 1 and any(majority[m][0] != w["ref"] for m in mates):
                cause = "stretch"
            else:
                cause = "print: clustering" if _nearest_true(table, majority, p) == w["ref"] else "print: encoder"
            causes[cause] += 1
        w["cause"] = cause
        w["mixed_seg"] = len(seg_people[w["seg"]]) > 1
        turn = next((a, b) for a, b, who in turns if who == w["ref"] and a <= w["t"] < b)
        w["short_turn"] = turn[1] - turn[0] < 1.5
    if DUMP:
        np.savez(DUMP / f"{name}.npz", table=table, labels=labels, groups=groups,
                 majority=np.array([m or "" for m, _ in majority]), share=np.array([v for _, v in majority]))
    tally["words"] += len(words)
    tally["right"] += right
    for c, n in causes.items():
        tally[c] += n
    wrong = [w for w in words if w["cause"]]
    tally["wrong in mixed Whisper segments"] += sum(w["mixed_seg"] for w in wrong)
    tally["wrong in turns under 1.5 s"] += sum(w["short_turn"] for w in wrong)
    oracle = sum(majority[w["piece"]][0] == w["ref"] for w in words)
    tally["oracle"] += oracle
    print(f"{name} ({count} people, {len(words)} words): {100 * right / max(len(words), 1):.1f} % best mapping; "
          f"each piece its true person {100 * oracle / max(len(words), 1):.1f} %; wrong {len(wrong)}: "
          + ", ".join(f"{c} {causes[c]}" for c in CAUSES if causes[c])
          + f"; of them in mixed Whisper segments {sum(w['mixed_seg'] for w in wrong)}, in turns < 1.5 s "
          f"{sum(w['short_turn'] for w in wrong)}", flush=True)
    if show_words:
        for w in words:
            p = w["piece"]
            print(f"   {w['t']:6.2f} seg{w['seg']:<2} piece{p:<3}[{table[p, 0]:.2f}-{table[p, 1]:.2f} c{labels[p]} "
                  f"g{groups[p]} {majority[p][0]} {majority[p][1]:.2f}] ref {w['ref']:<8} app {w['app']:<9} "
                  f"{'!' + w['cause'] if w['cause'] else ''} {w['word']}")


def synthetic_words(engine) -> None:
    """The espeak-ng sessions with a profile: every word wrong by the time rule (the reference is
    the turn at the word's midpoint) and whether it is wrong by the script's text too."""
    import difflib
    import tempfile

    from speaker_dialogues import DIALOGUES
    from transcription_speakers import PAIRS, _norm, build, dialogue_key, speak

    from session_assistant.transcribe.voice_profile import PASSAGE, voice_print

    names = ("clinician", "client")
    totals = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name, turns in DIALOGUES.items():
            clinician, client, _ = PAIRS[name]
            audio, truth = build(turns, (clinician, client), Path(tmp))
            profile = voice_print(speak(PASSAGE, clinician, Path(tmp), 165), engine.voice_encoder).embedding
            transcript, _, audio = transcribe_cached(engine, audio, dialogue_key(name, turns, (clinician, client)))
            segs = copy.deepcopy(transcript.segments)
            sp.attach_voice_features(segs, audio, encoder=engine.voice_encoder)
            sp.diarize(segs, 2, clinician_voice=profile)
            script = [(_norm(tok), 0 if who == "T" else 1) for who, text in turns for tok in text.split()]
            said = [(seg.speaker, w) for seg in segs for w in seg.words]
            matcher = difflib.SequenceMatcher(None, [t for t, _ in script], [_norm(w.word) for _, w in said],
                                              autojunk=False)
            by_text = [None] * len(said)
            for a, b, size in matcher.get_matching_blocks():
                for k in range(size):
                    by_text[b + k] = script[a + k][1]
            for (speaker, w), text_ref in zip(said, by_text):
                mid = (w.start + w.end) / 2
                time_ref = next((who for a, b, who in truth if a <= mid < b), truth[-1][2])
                wrong_time, wrong_text = speaker != names[time_ref], text_ref is not None and speaker != names[text_ref]
                totals["words"] += 1
                totals["wrong by time"] += wrong_time
                totals["wrong by text"] += wrong_text
                totals["wrong by time only"] += wrong_time and not wrong_text
                if wrong_time or wrong_text:
                    turn = next(((a, b) for a, b, who in truth if a <= mid < b), truth[-1][:2])
                    print(f"   {name[:12]:<12} {mid:7.2f} [{w.start:.2f}-{w.end:.2f}] turn {turn[0]:.2f}-{turn[1]:.2f} "
                          f"app {speaker:<9} time {names[time_ref]:<9} text {names[text_ref] if text_ref is not None else '?':<9} "
                          f"{w.word.strip()}")
    print(f"ALL synthetic + profile: {dict(totals)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--real", type=Path, default=Path("/tmp/pyannote-data"))
    parser.add_argument("--all-clips", action="store_true")
    parser.add_argument("--words", action="store_true")
    parser.add_argument("--dump", type=Path, help="write each clip's rows and labels there (npz)")
    parser.add_argument("--synthetic", action="store_true", help="only the espeak-ng sessions with a profile")
    args = parser.parse_args()
    global DUMP
    DUMP = args.dump
    engine = WhisperEngine.from_registry(REPO / "models")
    if args.synthetic:
        synthetic_words(engine)
        return
    encoder = engine.voice_encoder
    sets = {"real dev": [(n, a, t) for n, a, t in load_clips(args.mirror)]}
    rttm = {}
    for path in sorted(args.real.glob("*.rttm")):
        rttm.update(read_rttm(path))
    clips = sorted(rttm) if args.all_clips else ["dev00", "dev01", "trn03"]
    sets["AMI"] = [(c, load_audio(args.real / f"{c}.wav"), rttm[c]) for c in clips]
    for set_name, items in sets.items():
        tally = collections.Counter()
        for name, audio, turns in items:
            transcript, _, audio = transcribe_cached(engine, audio)
            analyse(name, transcript, audio, turns, encoder, args.words, tally)
        n = max(tally["words"], 1)
        print(f"ALL {set_name}: {100 * tally['right'] / n:.1f} % of {tally['words']} words; pieces given their true "
              f"person {100 * tally['oracle'] / n:.1f} %; wrong: "
              + ", ".join(f"{c} {tally[c]}" for c in CAUSES)
              + f"; in mixed Whisper segments {tally['wrong in mixed Whisper segments']}, in turns < 1.5 s "
              f"{tally['wrong in turns under 1.5 s']}\n", flush=True)


if __name__ == "__main__":
    main()
