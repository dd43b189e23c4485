"""Two windows at once (``window_workers``): with a second instance of the real tiny model beside
the first, a long transcript's windows are cut the same, and each window's facts are the same as
when one model extracts them one after another. What the model writes is not judged, only that
both ways write the same. Small windows of a bench session's first turns, in DAP: four windows (two
for each instance) show the same as the six SOAP windows of 250 tokens these tests once drafted,
for about a third of the tiny model's work (bench/README.md, ci26); nothing here depends on the
format or the size of a window."""

from __future__ import annotations

import threading

import pytest

from session_assistant.drafting import DraftAccumulator
from session_assistant.drafting.window_workers import extract_windows
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken

from bench_turns import session_segments

SESSION = "05_cpt_trauma.txt"
TURNS = 24
FORMAT = "dap"
WINDOW_TOKENS = 150


def windows_of(acc: DraftAccumulator) -> list[tuple[list[int], dict]]:
    return [(w["segment_ids"], w["facts"]) for w in acc.state["windows"]]


def test_two_windows_at_once_write_the_same_facts_as_one_after_another(two_models):
    first, second = two_models
    segments = session_segments(SESSION, TURNS)
    serial = DraftAccumulator(first, FORMAT, window_tokens=WINDOW_TOKENS, facts_per_section=2)
    serial.add_segments(segments)
    serial.finish()
    both = DraftAccumulator(first, FORMAT, window_tokens=WINDOW_TOKENS, facts_per_section=2)
    both.queue(segments)
    kept = extract_windows(both, [second], tail=True)
    assert kept == len(serial.state["windows"]) >= 4  # the tail too: finish() finds nothing left
    assert both.pending_tokens == 0
    assert windows_of(both) == windows_of(serial)
    assert second.loaded  # the helper did extract windows


def test_a_cancel_keeps_only_windows_in_order_and_stops_both_workers(two_models):
    first, second = two_models
    segments = session_segments(SESSION, TURNS)
    acc = DraftAccumulator(first, FORMAT, window_tokens=WINDOW_TOKENS, facts_per_section=2)
    acc.queue(segments)
    planned = [[u.id for u in w] for w in acc.planned_windows(tail=True)]
    token = CancelToken()

    def cancel_after_first_window(fraction: float, message: str) -> None:
        if message == "Drafting part 1: done":
            token.cancel()

    with pytest.raises(Cancelled):
        extract_windows(acc, [second], tail=True, on_progress=cancel_after_first_window, cancel=token)
    assert not [t for t in threading.enumerate() if t.name.startswith("draft-window")]  # both stopped
    kept = [w["segment_ids"] for w in acc.state["windows"]]
    assert kept == planned[:len(kept)] and 1 <= len(kept) < len(planned)  # a prefix, in order
    rest = DraftAccumulator(first, FORMAT, window_tokens=WINDOW_TOKENS, facts_per_section=2, store=acc.store)
    rest.queue(segments)
    assert [[u.id for u in w] for w in rest.planned_windows(tail=True)] == planned[len(kept):]
