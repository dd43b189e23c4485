"""Drift and start-offset correction of a two-device call (audio.channel_align), on a simulated clock.

Two devices whose crystals disagree by 0.1 % and which start 0.3 s apart, blocks arriving late by
a random 0-60 ms: clicks made at the same true moment on both must end up at the same frame of the
two-channel output (within 20 ms) for a whole 10-minute session; without the correction they would
be 0.9 s apart by the end.
"""

from __future__ import annotations

import numpy as np

from session_assistant.audio.channel_align import ChannelAligner

RATE = 16_000
CLICKS = np.arange(5.0, 600.0, 10.0)  # true seconds at which both people "click"


def _device(true_rate: float, starts_at: float, seconds: float, rng) -> list[tuple[float, np.ndarray]]:
    """(arrival time, block) of a device capturing 100 ms blocks at ``true_rate`` from ``starts_at``."""
    total = int((seconds - starts_at) * true_rate)
    signal = np.zeros(total, dtype=np.int16)
    for t in CLICKS:
        index = int((t - starts_at) * true_rate)
        if 0 <= index < total:
            signal[index] = 30000
    blocks = []
    for start in range(0, total - 1600, 1600):
        captured = starts_at + (start + 1600) / true_rate
        blocks.append((captured + 0.005 + rng.uniform(0, 0.06), signal[start:start + 1600]))
    return blocks


def _run(aligner: ChannelAligner, mic, call) -> np.ndarray:
    events = sorted([(t, 0, b) for t, b in mic] + [(t, 1, b) for t, b in call], key=lambda e: e[0])
    out = [aligner.push(channel, block, t) for t, channel, block in events]
    out.append(aligner.flush())
    return np.concatenate(out)


def _click_positions(column: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.abs(column.astype(np.int32)) > 15000)


def test_clicks_made_together_stay_together_despite_drift_start_offset_and_jitter():
    rng = np.random.default_rng(7)
    mic = _device(RATE, 0.0, 600.0, rng)
    call = _device(RATE * 0.999, 0.3, 600.0, rng)  # 0.1 % slow and started 0.3 s later
    aligner = ChannelAligner()
    frames = _run(aligner, mic, call)
    assert frames.shape[1] == 2
    left, right = _click_positions(frames[:, 0]), _click_positions(frames[:, 1])
    # A stretched click is smeared over two samples at most: take each click's first sample.
    left = left[np.insert(np.diff(left) > 100, 0, True)]
    right = right[np.insert(np.diff(right) > 100, 0, True)]
    assert len(left) == len(right) == len(CLICKS) - 0  # every click survives on both channels
    worst = np.abs(left - right).max() / RATE
    assert worst < 0.020, f"channels drifted apart by {worst * 1000:.1f} ms"
    # About 0.3 s of silence in front of the late device, then ~0.6 s stretched in over ten minutes.
    assert 0.25 * RATE < aligner.inserted[1] < 1.1 * RATE
    print(f"worst misalignment {worst * 1000:.1f} ms; inserted {aligner.inserted} samples")


def test_without_correction_the_same_devices_would_drift_apart():
    rng = np.random.default_rng(7)
    mic = _device(RATE, 0.0, 600.0, rng)
    call = _device(RATE * 0.999, 0.3, 600.0, rng)
    naive = min(sum(b.size for _, b in mic), sum(b.size for _, b in call))
    left = np.concatenate([b for _, b in mic])[:naive]
    right = np.concatenate([b for _, b in call])[:naive]
    gap = np.abs(_click_positions(left)[-1] - _click_positions(right)[-1]) / RATE
    assert gap > 0.5  # the correction above is what keeps them together


def test_a_device_that_stops_delivering_is_padded_and_both_channels_end_equal():
    aligner = ChannelAligner(stall_s=1.0)
    out = []
    for k in range(50):  # 5 s of the microphone, the call device gives 1 s and then nothing
        out.append(aligner.push(0, np.full(1600, 100, np.int16), 0.1 * (k + 1)))
        if k < 10:
            out.append(aligner.push(1, np.full(1600, 200, np.int16), 0.1 * (k + 1)))
    assert sum(len(o) for o in out) > 3 * RATE  # not held back in memory
    out.append(aligner.flush())
    frames = np.concatenate(out)
    assert len(frames) == 50 * 1600 + aligner.inserted[0]
    assert (frames[:, 0] == 100).sum() == 50 * 1600
