"""An imported (long) session's draft, after transcription: its windows are draft-job checkpoints,
so a cancelled or killed draft resumes after the last finished window, cut the same way (as
``draft_note`` cut them, kept with each window, not the live session's 600 tokens). Real vault,
real tiny model (SmolLM2-135M); what it writes is not judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken
from session_assistant.transcribe.segments import Segment, Transcript

pytestmark = pytest.mark.slow
SESSION = Path(__file__).resolve().parents[2] / "bench" / "therapy_eval" / "sessions" / "05_cpt_trauma.txt"
# The session service's windowing made small: the first TURNS turns of a bench session (~360
# tokens) are over its direct limit and drafted in three windows (two to finish before a cancel,
# one after them), as a whole session (~6,300 tokens) is in seven of the app's 1,000 tokens, for
# a fraction of the tiny model's work. In DAP: what is tested does not depend on the format, and
# its three sections are three generations a window, where SOAP's are four (SmolLM2, one thread:
# 188 s of CPU for the three model tests in SOAP with 250-token windows, 143 s so; bench/README.md).
WINDOWING = {"direct_limit": 200, "window_tokens": 150}
TURNS = 17
FORMAT = "dap"


def long_transcript(speaker=str.strip, turns: int = TURNS) -> Transcript:
    """The first ``turns`` turns of a bench therapy session, each speaker named ``speaker(name)``."""
    segments = []
    for line in SESSION.read_text(encoding="utf-8").splitlines():
        who, _, words = line.partition(":")
        if words.strip() and len(segments) < turns:
            n = len(segments)
            segments.append(Segment(n, 5.0 * n, 5.0 * n + 4.5, words.strip(), speaker=speaker(who.strip())))
    return Transcript("en", 5.0 * len(segments), segments)


def windowed(practice):
    """``practice`` drafting with the small windows, one at a time (which windows are done is then plain)."""
    practice.sessions.windowing = dict(WINDOWING)
    practice.sessions.drafting_cores = 1
    return practice


def saved_windows(practice, appointment: int) -> list[list[int]]:
    job = practice.jobs.latest("draft", appointment)
    return [c["window"]["segment_ids"] for c in practice.jobs.checkpoints(job.id)]


def second_appointment(practice) -> int:
    client = practice.appointments.get(practice.appointment_id)["client_id"]
    return practice.appointments.add(client, "2026-11-27T10:00", 50)


def test_a_cancelled_import_draft_resumes_after_its_last_window(practice):
    windowed(practice)
    appointment = practice.appointment_id
    practice.sessions.store_transcript(appointment, long_transcript())
    token = CancelToken()

    def cancel_after_two_windows(fraction: float, message: str) -> None:
        if message == "Drafting part 2: done":
            token.cancel()

    with pytest.raises(Cancelled):
        practice.sessions.draft_session(appointment, FORMAT, on_progress=cancel_after_two_windows, token=token)
    assert practice.sessions.latest_draft(appointment) is None  # one outcome: cancelled, no draft
    assert practice.jobs.latest("draft", appointment).state == "cancelled"
    before = saved_windows(practice, appointment)
    assert len(before) == 2
    model = practice.sessions.llm()
    asked = []
    generate = model.generate_json

    def spy(messages, *args, **kwargs):
        asked.append(messages[-1]["content"])
        return generate(messages, *args, **kwargs)

    model.generate_json = spy
    try:
        practice.sessions.draft_session(appointment, FORMAT)
    finally:
        del model.generate_json
    after = saved_windows(practice, appointment)
    assert after[:2] == before  # the two finished windows were kept...
    done = {i for w in before for i in w}
    assert not any(f"[{i}] " in prompt for i in done for prompt in asked)  # ...and not shown to the model again
    assert practice.jobs.latest("draft", appointment).state == "done"
    assert practice.sessions.latest_draft(appointment)["draft"]["mode"] == "windowed"
    job = practice.jobs.latest("draft", appointment)
    cut = [c["window"]["window_tokens"] for c in practice.jobs.checkpoints(job.id)]
    assert cut == [WINDOWING["window_tokens"]] * 3  # the rest cut as the draft cut it, not as a live session's 600
    # Cut as one uninterrupted draft cuts them.
    other = second_appointment(practice)
    practice.sessions.store_transcript(other, long_transcript())
    practice.sessions.draft_session(other, FORMAT)
    assert saved_windows(practice, other) == after

