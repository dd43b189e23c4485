"""bench/speaker_clustering.py: the dev and held-back halves of the AMI clips stay as fixed before
any variant was measured, and the centring it tries leaves unit prints around the clip's mean."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
speaker_clustering = pytest.importorskip("speaker_clustering")


def test_the_ami_halves_are_disjoint_and_fixed():
    dev, held = speaker_clustering.AMI_DEV, speaker_clustering.AMI_HELD
    assert not set(dev) & set(held) and len(dev) + len(held) == 14
    assert dev == ["dev00", "trn00", "trn02", "trn04", "trn06", "trn08", "tst00"]
    assert {"dev01", "trn03"} <= set(held)  # two of the three two-person clips are held back


def test_centring_takes_the_clip_mean_away_and_keeps_unit_prints():
    rng = np.random.default_rng(0)
    common = rng.normal(size=256) * 3
    prints = common + rng.normal(size=(6, 256))
    table = np.column_stack([np.arange(6.0), np.arange(6.0) + 1.5, prints])
    out = speaker_clustering._centred(table)
    assert np.allclose(np.linalg.norm(out[:, 2:], axis=1), 1.0)
    assert np.allclose(out[:, :2], table[:, :2])
    raw = prints / np.linalg.norm(prints, axis=1, keepdims=True)
    assert np.mean(out[:, 2:] @ out[:, 2:].T) < np.mean(raw @ raw.T)
