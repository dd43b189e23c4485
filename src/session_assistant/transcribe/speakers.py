"""Who spoke: tell the voices apart, then name which one is the clinician.

1. **Voice prints.** Each segment's audio is cut into pieces at the pauses heard in it
   (``pauses``: >= 0.25 s of quiet), not at Whisper's word times, which run over the pause
   between two people; long speech is cut in equal parts of at most 2.4 s. Each piece gets a
   GE2E voice print (``voice_encoder``) of its central 1.6 s (shorter pieces are repeated to
   fill it): one network pass per piece keeps the speaker work a small share of transcription
   time (bench/README.md). The prints are stored on the segment (``Segment.voice`` rows
   ``[start_s, end_s, *embedding]``) so speakers can be redone later without the audio.
   Without the encoder installed, MFCC means stand in.
2. **Clusters.** Pieces of at least 1 s decide the clusters (spherical k-means on cosine
   similarity, several seeds); shorter ones ("mm-hmm", "okay") only join their nearest
   cluster, so a back-channel never pulls a cluster apart (``voice_clusters``). A piece under
   the encoder's 1.6 s window whose print is about as near a neighbour's cluster (across a
   short pause) as its own takes that cluster. Each word takes the cluster of the
   piece its time overlaps most; a run shorter than 1 s (2 s with MFCC) with no pause heard around it and
   not a whole sentence follows its neighbours (a stray print inside one stretch of speech).
3. **Names.** With the clinician's voice profile, the cluster closest to it is the clinician,
   when the profile clearly lies on that cluster's side; when it lies between the clusters it
   decides nothing and the naming is the one without a profile (``PROFILE_UNCLEAR``,
   ``PROFILE_MISMATCH`` when no cluster is near it either: a profile read on another microphone).
   A profile clearly on one side but near no cluster still names (``PROFILE_LOOSE``). All three
   carry a warning (``SpeakerNaming.check``) for the clinician to check the names.
   Without one, ``roles.judge_roles`` scores what each voice said over the whole session (asks,
   reflects, proposes = clinician; reports = client): the first voice heard decides nothing.
   Only when there are no words at all does the first voice become the clinician. Others are
   client, client 2, ...; the clinician corrects with ``swap_speakers`` or ``relabel``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from session_assistant.transcribe.pauses import MAX_PIECE_S, audio_pieces, frame_levels, quiet_threshold
from session_assistant.transcribe.roles import judge_roles
from session_assistant.transcribe.segments import SAMPLE_RATE, Segment, Word
from session_assistant.transcribe.voice_clusters import (  # noqa: F401 (cluster_rows: used by callers and tests)
    BACK_CHANNEL_S, GAP_S, cluster_rows, settle_short_pieces, stretches, unit)

CLINICIAN, CLIENT = "clinician", "client"
FIRST_HEARD_S = 3.0  # a voice counts as heard once it has said this much
_PAUSE_S, _MAX_PIECE_S = 0.3, MAX_PIECE_S
# Runs of words shorter than this inside one stretch of speech follow their neighbours
# (``_smooth``): 1 s with voice prints, whose clear pieces may leave their stretch
# (``release_clear_pieces``); 2 s with the MFCC fallback's 1.5 s windows, which have no such
# step and whose folded 2 s tail window on a steady sound clusters apart from the rest.
_STRAY_RUN_S, _STRAY_RUN_MFCC_S = 1.0, 2.0
# The profile names the clinician only when it lies clearly on one cluster's side (see _profile_choice).
PROFILE_CLEAR = 0.25
PROFILE_UNCLEAR = "conversation (profile unclear)"
# A profile whose nearest cluster is less similar than this was not heard through this recording's
# microphone and room: GE2E prints carry the channel. Read on the session's microphone, the
# nearest cluster lay at 0.958-0.984 (real read voices dry and in a room, espeak-ng sessions, AMI
# dev00); read on another, at 0.68-0.81 (bench/README.md, 2026-12-01 morning,
# bench/profile_microphone.py). Where such a profile still lay clearly on one side it named the
# right person every time measured (5 of 5), so it still names, and the clinician is told.
PROFILE_MIN_MATCH = 0.9
PROFILE_LOOSE = "profile (loose match)"
PROFILE_MISMATCH = "conversation (profile did not match)"
# What the transcript's reader is told when a profile was given and did not clearly decide.
CHECK_NAMES = {
    PROFILE_LOOSE: "Your voice profile matched the voices in this recording only loosely (it may have been "
                   "recorded on another microphone); the names follow it: check them.",
    PROFILE_MISMATCH: "Your voice profile did not match the voices in this recording (it may have been "
                      "recorded on another microphone); names were chosen from the conversation: check them.",
    PROFILE_UNCLEAR: "Your voice profile did not tell the two voices apart; names were chosen from the "
                     "conversation: check them.",
}


@dataclass
class SpeakerNaming:
    """How the names were given, for the transcript's reader."""

    method: str  # "profile", PROFILE_LOOSE, "conversation", PROFILE_UNCLEAR, PROFILE_MISMATCH, "first voice", "one speaker"
    confidence: float  # 0..1
    scores: dict[str, float] = field(default_factory=dict)  # per name: profile similarity or role points
    check: str = ""  # a warning for the clinician (CHECK_NAMES) when a given profile did not decide

    def public(self) -> dict:
        return asdict(self)


def speaker_names(count: int) -> list[str]:
    return [CLINICIAN, CLIENT, *(f"client {i}" for i in range(2, count))][:count]


def _pieces(seg: Segment) -> list[tuple[float, float]]:
    if not seg.words:
        return [(seg.start, seg.end)]
    groups = [[seg.words[0]]]
    for word in seg.words[1:]:
        current = groups[-1]
        if word.start - current[-1].end >= _PAUSE_S or current[-1].end - current[0].start >= _MAX_PIECE_S:
            groups.append([word])
        else:
            current.append(word)
    return [(g[0].start, g[-1].end) for g in groups]


def attach_voice_features(segments: list[Segment], audio: np.ndarray, offset_s: float = 0.0,
                          encoder=None) -> None:
    """Set ``segment.voice`` for each segment; ``audio`` starts at ``offset_s`` in the recording.

    With ``encoder`` (a ``VoiceEncoder``) the rows are voice prints of the segment's pieces, all
    pieces of the call run as one batch; without it, MFCC means (the fallback)."""
    if encoder is None:
        from session_assistant.transcribe.mfcc_features import attach_mfcc_features

        attach_mfcc_features(segments, audio, offset_s)
        return
    levels = frame_levels(audio)
    threshold = quiet_threshold(levels)
    spans, pieces = [], []
    for seg in segments:
        seg.voice = None
        for start, end in _audio_pieces(seg, levels, threshold, offset_s):
            a = max(0, int((start - offset_s) * SAMPLE_RATE))
            b = min(audio.size, int((end - offset_s) * SAMPLE_RATE))
            if b - a < SAMPLE_RATE // 5:  # under 0.2 s: too little voice to print
                continue
            pieces.append(audio[a:b])
            spans.append((seg, start, end))
    for (seg, start, end), voice in zip(spans, encoder.embed_pieces(pieces)):
        row = [round(start, 3), round(end, 3), *np.round(voice, 4).tolist()]
        seg.voice = (seg.voice or []) + [row]
        seg.voice_model = getattr(encoder, "model_id", None)


def _audio_pieces(seg: Segment, levels: np.ndarray, threshold: float, offset_s: float) -> list[tuple[float, float]]:
    """The segment's speech cut at the pauses heard in the audio (recording times); where the
    audio shows no speech in the segment's span, the pieces from Whisper's word times."""
    start = min([seg.start, *(w.start for w in seg.words)])
    end = max([seg.end, *(w.end for w in seg.words)])
    found = audio_pieces(levels, threshold, start - offset_s, end - offset_s)
    return [(a + offset_s, b + offset_s) for a, b in found] or _pieces(seg)


def diarize(segments: list[Segment], count: int = 2, clinician_voice: np.ndarray | None = None) -> SpeakerNaming:
    """Attribute speech to ``count`` voices and name them; the segments are replaced in place by
    pieces split where the voice changes inside a Whisper segment (Whisper often runs one turn
    into the next). Segments without voice rows take the previous speaker."""
    rows = [(i, r) for i, s in enumerate(segments) for r in (s.voice or [])]
    deciding = sum(1 for _, r in rows if r[1] - r[0] >= BACK_CHANNEL_S)
    # Too little speech to tell voices apart (fewer than two pieces of a second or more per voice):
    # a forced split put one person's "Good morning." (0.7 s, a poor print) under a second name.
    if count < 2 or len(rows) < count or deciding < 2 * count:
        for s in segments:
            s.speaker = CLINICIAN
        return SpeakerNaming("one speaker", 1.0 if count < 2 else 0.0)
    table = np.array([r for _, r in rows], dtype=np.float64)
    owner = np.array([i for i, _ in rows])
    groups = stretches(table)
    for i, seg in enumerate(segments):
        if not seg.words and (owner == i).any():  # a line without word times is one voice (a recount's lines)
            groups[owner == i] = groups[owner == i][0]
    labels = cluster_rows(table, count, groups)
    prints = table.shape[1] - 2 >= 64  # voice prints, not the MFCC fallback
    if prints:
        labels = settle_short_pieces(table, labels)
    pieces = _split_segments(segments, table, labels, owner, _STRAY_RUN_S if prints else _STRAY_RUN_MFCC_S)
    name_of, naming = _name_clusters(pieces, table, labels, count, clinician_voice)
    out: list[Segment] = []
    previous = CLINICIAN
    for seg, label in pieces:
        if label >= 0:
            previous = name_of[label]
        seg.speaker = previous
        seg.id = len(out)
        out.append(seg)
    segments[:] = out
    return naming


def assign_speakers(segments: list[Segment], count: int = 2, clinician_voice: np.ndarray | None = None) -> list[Segment]:
    """``diarize`` for callers that only want the segments back."""
    diarize(segments, count, clinician_voice)
    return segments


def _split_segments(segments, table, labels, owner, min_run_s: float) -> list[tuple[Segment, int]]:
    centres = (table[:, 0] + table[:, 1]) / 2
    pieces: list[tuple[Segment, int]] = []
    for i, seg in enumerate(segments):
        mine = owner == i
        if not mine.any():
            pieces.append((seg, -1))
            continue
        seg_labels, seg_centres = labels[mine], centres[mine]
        if not seg.words:
            weights = table[mine, 1] - table[mine, 0]
            pieces.append((seg, int(np.bincount(seg_labels, weights=weights).argmax())))
            continue
        rows = table[mine]
        word_pieces = [_piece_of(w, rows, seg_centres) for w in seg.words]
        # A pause was heard before word i when it is in another piece and that piece starts
        # after a gap: a voice may change there. Pieces cut from one stretch of speech touch.
        paused = [i == 0 or (p != q and rows[p, 0] - rows[q, 1] >= GAP_S)
                  for i, (q, p) in enumerate(zip([None, *word_pieces], word_pieces))]
        word_labels = [int(seg_labels[p]) for p in word_pieces]
        pieces.extend(_split_by_label(seg, _smooth(seg.words, word_labels, paused, min_run_s)))
    return pieces


def _piece_of(word: Word, rows: np.ndarray, centres: np.ndarray) -> int:
    """The piece the word's time overlaps most (a word Whisper stretched over a pause lies mostly
    in its own voice's speech); a word in no piece takes the nearest one."""
    overlap = np.minimum(rows[:, 1], word.end) - np.maximum(rows[:, 0], word.start)
    if overlap.max() > 0:
        return int(overlap.argmax())
    return int(np.abs(centres - (word.start + word.end) / 2).argmin())


def _order_heard(pieces, count: int) -> list[int]:
    """Clusters in the order their voices are first heard: by when each has spoken
    ``FIRST_HEARD_S``, so one stray print at the start does not make a voice "first" (three
    voices: the clinician's 1.3 s opening, printed nearer a partner, named the partners the
    wrong way round; bench/README.md, 2026-11-30 evening)."""
    spoken, heard = [0.0] * count, {}
    for seg, label in pieces:
        if label >= 0 and label not in heard:
            spoken[label] += seg.end - seg.start
            if spoken[label] >= FIRST_HEARD_S:
                heard[label] = seg.start
    return sorted(heard, key=heard.get) + sorted((c for c in range(count) if c not in heard), key=lambda c: -spoken[c])


def _name_clusters(pieces, table, labels, count, clinician_voice) -> tuple[dict[int, str], SpeakerNaming]:
    first_seen = _order_heard(pieces, count)
    by_profile, check = None, ""
    if clinician_voice is not None and table.shape[1] - 2 == np.asarray(clinician_voice).size:
        by_profile = _profile_choice(table, labels, count, np.asarray(clinician_voice, dtype=np.float64))
    matched = by_profile is not None and max(by_profile[1].values()) >= PROFILE_MIN_MATCH
    if by_profile is not None and abs(by_profile[2]) >= PROFILE_CLEAR:
        clinician, similarity, _ = by_profile
        others = sorted((v for c, v in similarity.items() if c != clinician), reverse=True)
        margin = similarity[clinician] - (others[0] if others else 0.0)
        confidence = round(float(1 / (1 + np.exp(-margin / 0.05))), 3)
        method, scores = "profile" if matched else PROFILE_LOOSE, similarity
        check = CHECK_NAMES.get(method, "")
    else:
        texts = {c: " ".join(seg.text for seg, label in pieces if label == c) for c in range(count)}
        verdict = judge_roles(texts)
        clinician, confidence, scores = verdict.clinician, verdict.confidence, verdict.per_voice
        method = "conversation" if by_profile is None else PROFILE_UNCLEAR if matched else PROFILE_MISMATCH
        check = CHECK_NAMES.get(method, "")
        if clinician is None:
            clinician, confidence, method = first_seen[0], 0.5, "first voice"
    names = speaker_names(count)
    order = [clinician] + [c for c in first_seen if c != clinician]
    name_of = {c: names[k] for k, c in enumerate(order)}
    return name_of, SpeakerNaming(method, confidence, {name_of[c]: round(v, 3) for c, v in scores.items()}, check)


def _profile_choice(table, labels, count, clinician_voice) -> tuple[int, dict[int, float], float] | None:
    """(cluster nearest to the profile, each cluster's similarity to it, where the profile lies
    on the line between the nearest cluster's centroid (+0.5) and the runner-up's (-0.5)).

    The similarities alone do not say whether the profile tells the clusters apart: two
    clusters of one voice (a 30 s clip where one person speaks 29 s), or of two close voices
    recorded far-field, are both about as similar to a short profile, and the larger gap of
    0.015-0.03 then named the clinician by chance (real AMI clips: 75.4 % -> 32.8 % of words
    under the right name, bench/README.md). Measured along the line between the centroids, a
    profile of either voice in the synthetic sessions lies at 0.40-0.48 (the close female
    pair too), an undecided one at 0.06-0.15."""
    x = unit(table[:, 2:])
    profile = unit(clinician_voice)
    present = [c for c in range(count) if (labels == c).any()]
    if len(present) < 2:
        return None
    centres = {c: unit(x[labels == c].mean(axis=0)) for c in present}
    similarity = {c: float(centres[c] @ profile) if c in centres else -1.0 for c in range(count)}
    nearest, runner_up = sorted(present, key=similarity.get, reverse=True)[:2]
    axis = centres[nearest] - centres[runner_up]
    spread = float(axis @ axis)
    position = float(profile @ axis) / spread if spread > 1e-9 else 0.0
    return nearest, similarity, position


def _ends_sentence(word: Word) -> bool:
    return word.word.strip().endswith((".", "?", "!"))


def _smooth(words: list[Word], labels: list[int], paused: list[bool], min_run_s: float = _STRAY_RUN_S) -> list[int]:
    """Give runs of words shorter than ``min_run_s`` the label of the longer neighbouring run,
    unless the run is a whole sentence or has a pause heard on both sides.

    A voice change needs a place to happen: between two sentences (Whisper often writes a reply
    as its own sentence at the end of the other voice's segment, "... at night? Mm-hmm.") or at a
    pause. A short run inside one stretch of speech is a stray print. Smoothing runs bounded by
    pauses too moved more words to the wrong voice than it saved once pieces were cut at the
    pauses (bench/README.md, 2026-11-30 evening). Runs of 1-2 s are no longer smoothed: real
    people hand over without a pause, and a piece whose print is clearly the other voice
    (``release_clear_pieces``) was smoothed back into the turn before it (bench/README.md,
    2026-12-01); a stray print of under a second still is. The MFCC fallback keeps 2 s: it has
    no release, and on one steady sound its runs of 1-2 s under the other label cut every line
    in two (the window tests' fake transcriber; bench/README.md, 2026-12-01 morning)."""
    labels = list(labels)
    bounded = lambda a, b: (a == 0 or _ends_sentence(words[a - 1])) and _ends_sentence(words[b])  # noqa: E731
    heard = lambda a, b: paused[a] and (b + 1 == len(words) or paused[b + 1])  # noqa: E731
    while True:
        runs = []  # [first, last, label]
        for i, lab in enumerate(labels):
            if runs and runs[-1][2] == lab:
                runs[-1][1] = i
            else:
                runs.append([i, i, lab])
        if len(runs) < 2:
            return labels
        span = lambda r: words[r[1]].end - words[r[0]].start if r else -1.0  # noqa: E731
        short = [k for k, (a, b, _) in enumerate(runs)
                 if span(runs[k]) < min_run_s and not bounded(a, b) and not heard(a, b)]
        if not short:
            return labels
        k = short[0]  # in order: shortest-first cost 7 % of the words on the real clips (bench/README.md)
        a, b, _ = runs[k]
        left = runs[k - 1] if k > 0 else None
        right = runs[k + 1] if k + 1 < len(runs) else None
        target = left if span(left) >= span(right) else right
        labels[a:b + 1] = [target[2]] * (b - a + 1)


def _split_by_label(seg: Segment, labels: list[int]) -> list[tuple[Segment, int]]:
    if len(set(labels)) == 1:
        return [(seg, labels[0])]
    pieces = []
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            words = seg.words[start:i]
            text = "".join(w.word for w in words).strip()
            confidence = round(float(np.mean([w.prob for w in words])), 4)
            voice = [r for r in (seg.voice or []) if words[0].start <= (r[0] + r[1]) / 2 <= words[-1].end] or None
            pieces.append((Segment(seg.id, words[0].start, words[-1].end, text, words, confidence, None, voice),
                           labels[start]))
            start = i
    return pieces


def relabel(segments: list[Segment], mapping: dict[str, str]) -> None:
    """Rename speakers in place, e.g. ``{"clinician": "client", "client": "clinician"}``."""
    for s in segments:
        if s.speaker in mapping:
            s.speaker = mapping[s.speaker]


def swap_speakers(segments: list[Segment]) -> None:
    """The common correction: clinician and client were the wrong way round."""
    relabel(segments, {CLINICIAN: CLIENT, CLIENT: CLINICIAN})
