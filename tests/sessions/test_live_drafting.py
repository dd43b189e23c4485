"""Drafting while the session is recorded: facts extracted window by window are kept in the vault
(as draft-job checkpoints) and reused after Stop, also by a restarted app; a cancelled window is
redone, never lost; the chart's pronouns reach every prompt. Real vault; the pipeline's own logic
(jobs, checkpoints, windows, prompts) is the point, so a fake note model stands in (the real one
took minutes per test on two cores), except for the short session, drafted by the real small model."""

from __future__ import annotations

import pytest

from session_assistant.drafting.accumulator import DraftAccumulator
from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken
from session_assistant.transcribe.segments import Segment, Transcript

from engine_fakes import FakeNoteModel

pytestmark = pytest.mark.slow

TALK = [
    ("Clinician", "How did the paced breathing practice go this week?"),
    ("Client", "I practised most mornings and my chest felt less tight before the team meetings."),
    ("Clinician", "What did you notice on the mornings you skipped it?"),
    ("Client", "I woke at four, worried about the project deadline, and could not get back to sleep."),
    ("Clinician", "Let's add a short wind-down routine at night and keep the breathing in the morning."),
    ("Client", "Okay, I can switch off my phone at ten and read for a while instead."),
]


def transcript(count: int) -> Transcript:
    segments = [Segment(i, 6.0 * i, 6.0 * i + 5.5, f"{TALK[i % len(TALK)][1]} That was on day {i // 6 + 1}.",
                        speaker=TALK[i % len(TALK)][0]) for i in range(count)]
    return Transcript("en", 6.0 * count, segments)


def checkpoints(practice):
    job = practice.jobs.latest("draft", practice.appointment_id)
    return job, practice.jobs.checkpoints(job.id)


def test_facts_extracted_while_recording_are_reused_after_stop(practice_on_fakes):
    practice = practice_on_fakes
    appointment = practice.appointment_id
    full = transcript(80)
    so_far = Transcript("en", 300.0, full.segments[:60])
    extracted = practice.sessions.extract_while_recording(appointment, "soap", None, so_far)
    assert extracted >= 1
    job, saved = checkpoints(practice)
    assert job.state == "queued" and len(saved) == extracted
    assert all(c["format"] == "soap" and c["window"]["segment_ids"] for c in saved)
    covered = {i for c in saved for i in c["window"]["segment_ids"]}

    practice.sessions.store_transcript(appointment, full)  # Stop: the whole transcript
    outcome = practice.sessions.draft_session(appointment, "soap")
    draft = practice.sessions.latest_draft(appointment)
    assert draft["id"] == outcome["draft_id"] and draft["draft"]["mode"] == "windowed"
    job, after = checkpoints(practice)
    assert job.state == "done"
    assert after[:len(saved)] == saved  # the windows from the session were not redone...
    newly = {i for c in after[len(saved):] for i in c["window"]["segment_ids"]}
    assert newly and not newly & covered  # ...only the tail was extracted after Stop
    assert covered | newly == {s.id for s in full.segments}


def test_a_restarted_app_finishes_from_the_saved_windows(practice_on_fakes):
    practice = practice_on_fakes
    appointment = practice.appointment_id
    full = transcript(70)
    assert practice.sessions.extract_while_recording(appointment, "soap", None, full) >= 1
    _, saved = checkpoints(practice)
    practice.sessions.store_transcript(appointment, full)
    practice.sessions._accumulators.clear()  # what a restart loses: only memory
    practice.sessions.draft_session(appointment, "soap")
    job, after = checkpoints(practice)
    assert job.state == "done" and after[:len(saved)] == saved
    assert practice.sessions.latest_draft(appointment)["draft"]["mode"] == "windowed"


def test_a_short_session_is_drafted_whole(practice):
    appointment = practice.appointment_id
    short = transcript(6)
    assert practice.sessions.extract_while_recording(appointment, "soap", None, short) == 0
    practice.sessions.store_transcript(appointment, short)
    practice.sessions.draft_session(appointment, "soap")
    assert practice.sessions.latest_draft(appointment)["draft"]["mode"] == "direct"


def test_a_cancelled_window_stays_pending_and_is_extracted_next_time():
    model = FakeNoteModel()  # the accumulator's bookkeeping is the point, not what the model writes
    try:
        acc = DraftAccumulator(model, "soap", window_tokens=300, facts_per_section=2)
        token = CancelToken()
        token.cancel()
        with pytest.raises(Cancelled):
            acc.add_segments([s.to_dict() for s in transcript(30).segments], cancel=token)
        assert acc.windows_done == 0 and acc.pending_tokens >= 300
        assert acc.add_segments([], cancel=CancelToken()) >= 1
        assert acc.state["windows"][0]["segment_ids"][0] == 0
    finally:
        model.close()


@pytest.mark.parametrize("pronouns", ["she/her", None])
def test_the_chart_pronouns_reach_every_drafting_prompt(practice_on_fakes, monkeypatch, pronouns):
    practice = practice_on_fakes
    appointment = practice.appointment_id
    client_id = practice.appointments.get(appointment)["client_id"]
    if pronouns:
        practice.clients.update(client_id, pronouns=pronouns)
    practice.sessions.store_transcript(appointment, transcript(6))
    model = practice.sessions.llm()
    systems: list[str] = []
    generate = model.generate_json

    def spy(messages, *args, **kwargs):  # only the prompts are recorded: they are the point
        systems.append(messages[0]["content"])
        return generate(messages, *args, **kwargs)

    monkeypatch.setattr(model, "generate_json", spy)
    practice.sessions.draft_session(appointment, "soap")
    assert len(systems) >= 4
    if pronouns:
        assert all("pronouns are she/her" in s and '"She denied ..."' in s for s in systems)
    else:
        assert all("as the transcript shows" in s for s in systems)


def test_the_lines_after_the_last_window_are_read_ahead_while_recording(practice_on_fakes):
    practice = practice_on_fakes
    appointment = practice.appointment_id
    so_far = transcript(60)
    assert practice.sessions.extract_while_recording(appointment, "soap", None, so_far) >= 1
    _, saved = checkpoints(practice)
    covered = {i for c in saved for i in c["window"]["segment_ids"]}
    pending = [s for s in so_far.segments if s.id not in covered]
    read_ahead = practice.sessions.llm().prefilled[-1][-1]["content"]  # the model's cache at Stop
    assert pending and read_ahead.startswith("Transcript part")
    assert read_ahead.count("\n") == len(pending)  # a heading and every line after the last window, no other
    assert read_ahead.rstrip().endswith(pending[-1].text)
