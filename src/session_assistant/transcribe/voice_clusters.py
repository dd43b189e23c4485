"""Voice prints into clusters: which pieces of speech share a voice (``speakers`` names them).

Spherical k-means on cosine similarity over the pieces of at least ``BACK_CHANNEL_S``; pieces
cut from one stretch of speech (no pause between them) move together unless a change of voice
inside the stretch clearly pays (``CHANGE_COST``, ``_chains``), or a piece's print is clearly
the other voice (``release_clear_pieces``: people hand over without a pause); shorter
pieces only join their nearest cluster, and a piece too short for a good print may follow its
neighbour (``settle_short_pieces``).
"""

from __future__ import annotations

import numpy as np

BACK_CHANNEL_S = 1.0  # shorter pieces join a cluster but never shape one
GAP_S = 0.2  # pieces further apart than this were cut at a pause, not inside speech
# A piece shorter than the encoder's window (its audio repeated to fill it) with a print within
# this much of a neighbour's cluster, across a pause under _NEAR_S, takes that cluster.
_WINDOW_S, _SETTLE_MARGIN, _NEAR_S = 1.6, 0.04, 0.5
# A piece of at least _RELEASE_MIN_S at either end of a stretch of several pieces whose print is this
# much nearer another cluster's centroid than its stretch's cluster takes the other cluster.
_RELEASE_MARGIN, _RELEASE_MIN_S = 0.04, 0.5
# Pieces of one stretch of speech share a cluster unless changing inside the stretch gains more
# than this (weighted cosine similarity) per change: a soft "a voice does not change without a
# pause", for handovers without a gap and overlaps (bench/README.md, speakers17i and speakers17j).
# 0.1 is the one setting that lost on no set measured: real recordings (pyannote's sample and
# AMI EN2002a, 119 words) 65.5 -> 70.6 % of words right; a semi-synthetic far-field set of 16
# meetings 87.1 -> 94.2 %; the 14 AMI test clips 69.0 -> 69.9 % (the three two-person ones
# unchanged, 68.7 %); the real-voice latched room 96.1 -> 96.5 %; synthetic espeak-ng dialogues
# and the dry and room real-voice sets unchanged (99.5, 99.4, 99.4 %). Lower costs split one voice
# of a close espeak-ng pair (0: 98.6 %) and lost 1.1 points over the AMI clips (0.05); infinite is
# the old hard rule.
CHANGE_COST = 0.1


def unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def _assign(x: np.ndarray, weights: np.ndarray, centres: np.ndarray, groups: np.ndarray | None,
            change_cost: float = np.inf) -> np.ndarray:
    """Each row's nearest centroid; rows of one group (pieces of one stretch of speech) go
    together, to the centroid nearest to the group as a whole. With a finite ``change_cost``
    the rows of a group may change cluster inside it, at that cost per change (``_chains``)."""
    if groups is None:
        return (x @ centres.T).argmax(axis=1)
    if np.isfinite(change_cost):
        return _chains((x @ centres.T) * weights[:, None], groups, change_cost)[0]
    totals = np.zeros((groups.max() + 1, len(centres)))
    np.add.at(totals, groups, (x @ centres.T) * weights[:, None])
    return totals.argmax(axis=1)[groups]


def _chains(scores: np.ndarray, groups: np.ndarray, cost: float) -> tuple[np.ndarray, float]:
    """(labels, total) maximising the summed ``scores`` (rows x clusters) less ``cost`` for each
    change of cluster between consecutive rows of one group (Viterbi along each stretch; all
    stretches step together, so the loop runs over the longest stretch's pieces only)."""
    n, k = scores.shape
    starts = np.concatenate([[True], groups[1:] != groups[:-1]])
    chain = np.cumsum(starts) - 1  # runs of one group in row order
    position = np.arange(n) - np.flatnonzero(starts)[chain]
    table = np.zeros((chain[-1] + 1, position.max() + 1, k))
    table[chain, position] = scores  # padding scores 0 for every cluster: a path never pays to change there
    total = table[:, 0].copy()
    back = np.zeros(table.shape, dtype=np.int64)
    for step in range(1, table.shape[1]):
        options = total[:, None, :] - cost * (1 - np.eye(k))[None]  # [chain, to, from]
        back[:, step] = options.argmax(axis=2)
        total = options.max(axis=2) + table[:, step]
    best = total.argmax(axis=1)
    path = np.zeros(table.shape[:2], dtype=np.int64)
    path[:, -1] = best
    for step in range(table.shape[1] - 1, 0, -1):
        path[:, step - 1] = back[np.arange(len(path)), step, path[:, step]]
    return path[chain, position], float(total.max(axis=1).sum())


def _spherical_kmeans(x: np.ndarray, weights: np.ndarray, k: int, seed: int = 0, restarts: int = 16,
                      groups: np.ndarray | None = None, change_cost: float = np.inf) -> np.ndarray:
    """Centroids (k x dim, unit) maximising the weighted cosine similarity of rows to their
    centroid; ``groups``: rows that must share a cluster carry the same group number.

    16 restarts, not 8: three voices recounted from 19 prints of seven lines (the pieces of 2.4 s)
    settled in a local optimum that merged two men, 0.07 under the true split's objective, which 16
    restarts find for every seed tried; every speaker bench scored the same (bench/README.md,
    2026-12-01, speakers17g). The clustering is milliseconds; the voice prints are the cost."""
    rng = np.random.default_rng(seed)
    best, best_score = None, -np.inf
    for _ in range(restarts):
        centres = [x[rng.choice(len(x), p=weights / weights.sum())]]
        for _ in range(1, k):  # k-means++ on cosine distance: far rows are likelier seeds
            far = np.clip(1.0 - np.max(x @ np.array(centres).T, axis=1), 0, None) * weights
            centres.append(x[rng.choice(len(x), p=far / far.sum())] if far.sum() > 0 else x[rng.integers(len(x))])
        centres = np.array(centres)
        labels = None
        for _ in range(50):
            new = _assign(x, weights, centres, groups, change_cost)
            if labels is not None and np.array_equal(new, labels):
                break
            labels = new
            for j in range(k):
                if (labels == j).any():
                    centres[j] = unit((x[labels == j] * weights[labels == j, None]).sum(axis=0))
        score = float(((x * centres[labels]).sum(axis=1) * weights).sum())
        if groups is not None and np.isfinite(change_cost):
            score -= change_cost * int(((labels[1:] != labels[:-1]) & (groups[1:] == groups[:-1])).sum())
        if score > best_score:
            best, best_score = centres, score
    return best


def stretches(table: np.ndarray) -> np.ndarray:
    """A group number per row: rows that touch (pieces cut from one stretch of speech, with no
    pause between them) share one."""
    gaps = table[1:, 0] - table[:-1, 1]
    return np.concatenate([[0], np.cumsum(~((gaps > -0.05) & (gaps < GAP_S)))])


def cluster_rows(table: np.ndarray, count: int, groups: np.ndarray | None = None) -> np.ndarray:
    """A cluster label for each voice row (``[start, end, *features]``).

    Pieces cut from one stretch of speech (no pause between them) join one cluster together: a
    voice does not change without a pause. For two close voices the k-means objective is flat,
    and piece by piece the restarts settled on a split of one voice as often as on the two
    people (the female pair of the synthetic sessions: 93 % of words right; with the stretches
    99.5 %, bench/README.md, 2026-11-30 evening). ``groups``: a group number per row, rows that
    must share a cluster (default: the stretches)."""
    durations = table[:, 1] - table[:, 0]
    features = table[:, 2:]
    if features.shape[1] < 64:  # MFCC rows from the fallback
        from session_assistant.transcribe.mfcc_features import cluster_voices

        return cluster_voices(features, durations, count)
    x = unit(features)
    deciding = durations >= BACK_CHANNEL_S
    if deciding.sum() < count * 2:
        deciding[:] = True
    weights = np.sqrt(np.clip(durations, 0.3, 10.0))
    groups = stretches(table) if groups is None else np.unique(groups, return_inverse=True)[1]
    deciding_groups = np.unique(groups[deciding], return_inverse=True)[1]
    centres = _spherical_kmeans(x[deciding], weights[deciding], count, groups=deciding_groups,
                                change_cost=CHANGE_COST)
    return release_clear_pieces(x, durations, _assign(x, weights, centres, groups, CHANGE_COST), groups)


def release_clear_pieces(x: np.ndarray, durations: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """A piece at either end of a stretch of several pieces whose print is clearly nearer another
    cluster's centroid (by ``_RELEASE_MARGIN``) than its stretch's takes that cluster.

    "A voice does not change without a pause" holds for turns spoken with pauses of 0.25 s or
    more; real people often hand over faster (gaps of 0.05-0.25 s, or none), and the pieces on
    both sides of the handover then form one stretch and were forced into one cluster (two
    replies of an AMI meeting clip share a stretch with the other man's speech; real voices with
    such gaps had 6.5 % of their words under the wrong name, 4.1 % with this release:
    bench/README.md, 2026-12-01). The stretch still decides the clusters (the close synthetic
    female pair needs it); only a clear print leaves it afterwards.
    ``x``: unit prints; the centroids are those of the clusters as assigned."""
    sizes = np.bincount(groups)[groups]
    candidates = (sizes > 1) & (durations >= _RELEASE_MIN_S)
    present = np.unique(labels)
    if not candidates.any() or present.size < 2:
        return labels
    centres = unit(np.array([x[labels == c].mean(axis=0) for c in present]))
    sims = x @ centres.T
    own = sims[np.arange(len(x)), np.searchsorted(present, labels)]
    clear = candidates & (sims.max(axis=1) - own >= _RELEASE_MARGIN)
    return np.where(clear & _at_an_edge(clear, groups), present[sims.argmax(axis=1)], labels)


def _at_an_edge(clear: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """The clear pieces that run from either end of their stretch without a gap: another person
    comes in at the end of someone's speech (or stops at its start); one odd print in the middle
    of one person's speech (a laugh, a raised voice) is not a turn."""
    edge = np.zeros_like(clear)
    for group in np.unique(groups[clear]):
        members = np.nonzero(groups == group)[0]
        for run in (members, members[::-1]):
            for i in run:
                if not clear[i]:
                    break
                edge[i] = True
    return edge


def settle_short_pieces(table: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """A piece shorter than the encoder's window whose print is about as near the cluster of a
    neighbouring piece (across a short pause) as its own takes that neighbour's cluster.

    A piece under 1.6 s is repeated to fill the window, a poorer print; with two close voices it
    lands by a hair in the other's cluster (three voices: the clinician's "Welcome, both of
    you," and "Is that right?", 0.02-0.03 nearer a partner: 94.2 % of words right, 96.5 % when
    settled; the two-voice sessions and the real clips unchanged for margins of 0.03-0.06 and
    pauses of 0.5-0.7 s, bench/README.md). A turn change after a short pause with a print that
    clearly belongs to the other voice (the partners' changes: 0.08-0.09) keeps its cluster."""
    x = unit(table[:, 2:])
    present = np.unique(labels)
    centres = np.array([unit(x[labels == c].mean(axis=0)) for c in present])
    sims = x @ centres.T  # columns in the order of ``present``
    column = {c: k for k, c in enumerate(present)}
    settled = labels.copy()
    for i in range(len(table)):
        if table[i, 1] - table[i, 0] >= _WINDOW_S:
            continue
        candidates = []
        if i > 0 and table[i, 0] - table[i - 1, 1] < _NEAR_S:
            candidates.append(labels[i - 1])
        if i + 1 < len(table) and table[i + 1, 0] - table[i, 1] < _NEAR_S:
            candidates.append(labels[i + 1])
        candidates = [c for c in candidates if c != labels[i]]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: sims[i, column[c]])
        if sims[i, column[labels[i]]] - sims[i, column[best]] < _SETTLE_MARGIN:
            settled[i] = best
    return settled
