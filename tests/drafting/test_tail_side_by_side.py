"""The tail left at Stop, sooner, with the same facts: its sections side by side on a second instance
of the real tiny model (which takes a copy of what the first has read, not reading the window again),
and its lines read ahead while the session is still recorded. What the model writes is not judged,
only that each way writes what the tail drafted alone writes, and what each instance had to read.
In DAP: three sections (two for the first instance, one for the helper) show the same as SOAP's four,
for three quarters of the tiny model's work."""

from __future__ import annotations

import llama_cpp

from session_assistant.drafting import DraftAccumulator, NoteModel
from session_assistant.drafting.transcript_input import source_block
from session_assistant.drafting.window_workers import extract_windows

from bench_turns import session_segments

SESSION = "01_cbt_panic.txt"
FORMAT = "dap"


def prompt_tokens_read(model: NoteModel) -> int:
    """Prompt tokens this instance's context has evaluated since its counters were last reset."""
    return llama_cpp.llama_perf_context(model._llm._ctx.ctx).n_p_eval


def reset_counters(*models: NoteModel) -> None:
    for model in models:
        if model.loaded:
            llama_cpp.llama_perf_context_reset(model._llm._ctx.ctx)


def tail_of(model: NoteModel, segments: list[dict]) -> DraftAccumulator:
    """An accumulator whose first window is kept and whose rest (shorter than a window) is the tail."""
    acc = DraftAccumulator(model, FORMAT, window_tokens=300, facts_per_section=2)
    acc.add_segments(segments)
    assert acc.windows_done == 1 and 0 < acc.pending_tokens < acc.window_tokens
    return acc


def test_the_tail_side_by_side_and_read_ahead_writes_the_facts_of_the_tail_alone_reading_less(two_models):
    """One test, not two: both ways are compared with the same tail drafted alone, which costs a
    window and a tail of the model's work each time it is drafted."""
    first, second = two_models
    segments = session_segments(SESSION, 20)
    alone = tail_of(first, segments)
    reset_counters(first)
    extract_windows(alone, [], tail=True)
    read_alone = prompt_tokens_read(first)
    expected = alone.state["windows"][-1]

    # Side by side: the helper writes some of the one window's sections.
    both = tail_of(first, segments)
    block = source_block(both.planned_windows(tail=True)[0], "Transcript part")
    second.close()  # made at Stop, as the app's helper is
    assert extract_windows(both, [second], tail=True) == 1
    assert both.state["windows"][-1]["facts"] == expected["facts"]
    assert both.state["windows"][-1]["segment_ids"] == expected["segment_ids"]
    assert second.loaded  # the helper wrote sections of the one window left...
    read = prompt_tokens_read(second)
    assert 0 < read < first.count_tokens(block)  # ...reading its requests, not the window again

    # Read ahead: the tail's lines but the last four were read while recording.
    ahead = tail_of(first, segments[:16])
    ahead.read_ahead()  # while recording: the next window's lines so far
    ahead.queue(segments)  # Stop: four more lines
    tail = ahead.planned_windows(tail=True)[0]
    # The heading is read with the window before the tail either way (the start the two share).
    window_block = first.count_tokens(source_block(tail, "Transcript part")) - first.count_tokens(
        source_block([], "Transcript part"))
    new_lines = sum(first.count_tokens(u.line()) for u in tail if u.id >= 16)
    reset_counters(first)
    extract_windows(ahead, [], tail=True)
    read_ahead = prompt_tokens_read(first)
    assert ahead.state["windows"][-1]["facts"] == expected["facts"]
    assert read_alone - read_ahead >= window_block - new_lines - 8  # all but the new lines was read before Stop
