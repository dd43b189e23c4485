"""bench/speaker_errors.py's cause of a wrong word: who speaks in a piece, and whose true centroid
its print is nearest (leave-one-out)."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
speaker_errors = pytest.importorskip("speaker_errors")


def test_a_piece_counts_each_person_alone_and_leaves_overlaps_out():
    turns = [(0.0, 2.0, "A"), (1.5, 3.0, "B")]
    people = speaker_errors.piece_people(turns, 0.0, 3.0)
    assert people["A"] == pytest.approx(1.5, abs=0.05)
    assert people["B"] == pytest.approx(1.0, abs=0.05)


def test_a_print_is_judged_against_the_other_pieces_of_each_person():
    a, b = np.eye(4)[0], np.eye(4)[1]
    prints = [a, a + 0.1 * b, b, b + 0.1 * a, 0.6 * a + 0.4 * b]
    table = np.array([[i, i + 1, *p] for i, p in enumerate(prints)], dtype=float)
    majority = [("A", 1.0), ("A", 1.0), ("B", 1.0), ("B", 1.0), ("B", 1.0)]
    # the last piece is B's but its print is nearer A's centroid: the encoder's miss, not the clustering's
    assert speaker_errors._nearest_true(table, majority, 4) == "A"
    assert speaker_errors._nearest_true(table, majority, 3) == "B"
