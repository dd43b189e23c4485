"""A speaker fix reaches the windows already drafted: a window saved (a cancelled import's, or one
extracted while recording) whose lines have another speaker now is drafted again from the corrected
lines, so the resumed draft never composes sentences written about the wrong person; a window whose
lines kept their speakers is kept and not shown to the model again. Real vault and job store; the
imports are drafted by the real tiny model (SmolLM2-135M), what it writes is not judged."""

from __future__ import annotations

import pytest

from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken
from session_assistant.transcribe.segments import Transcript

from engine_fakes import FakeNoteModel
from session_assistant.drafting.accumulator import DraftAccumulator
from test_import_draft_windows import FORMAT, saved_windows, second_appointment, windowed
from test_import_draft_windows import long_transcript as first_turns
from test_live_drafting import transcript as short_talk

pytestmark = pytest.mark.slow


def long_transcript() -> Transcript:
    """A bench session's first turns, in three small windows (test_import_draft_windows), named as
    transcription names speakers (lower case)."""
    return first_turns(str.lower)


def cancelled_after_two_windows(practice) -> list[list[int]]:
    windowed(practice)
    appointment = practice.appointment_id
    practice.sessions.store_transcript(appointment, long_transcript())
    token = CancelToken()

    def cancel(fraction: float, message: str) -> None:
        if message == "Drafting part 2: done":
            token.cancel()

    with pytest.raises(Cancelled):
        practice.sessions.draft_session(appointment, FORMAT, on_progress=cancel, token=token)
    before = saved_windows(practice, appointment)
    assert len(before) == 2
    return before


def resume_asking(practice, fmt: str = FORMAT) -> list[str]:
    """Resume the draft; returns the user prompts the model was given."""
    model = practice.sessions.llm()
    asked = []
    generate = model.generate_json

    def spy(messages, *args, **kwargs):
        asked.append(messages[-1]["content"])
        return generate(messages, *args, **kwargs)

    model.generate_json = spy
    try:
        practice.sessions.draft_session(practice.appointment_id, fmt)
    finally:
        del model.generate_json
    assert practice.jobs.latest("draft", practice.appointment_id).state == "done"
    return asked


def speakers_now(practice) -> dict[int, str]:
    return {s.id: s.speaker for s in practice.sessions.transcript(practice.appointment_id).segments}


def saved_speakers(practice) -> dict[int, str]:
    job = practice.jobs.latest("draft", practice.appointment_id)
    return {i: who for c in practice.jobs.checkpoints(job.id)
            for i, who in zip(c["window"]["segment_ids"], c["window"].get("speakers", []))}


def test_a_swap_after_a_cancelled_import_redrafts_its_saved_windows_with_the_new_roles(practice):
    before = cancelled_after_two_windows(practice)
    practice.speaker_labels.swap_speakers(practice.appointment_id)
    now = speakers_now(practice)
    asked = resume_asking(practice)
    for i in (i for window in before for i in window):  # every saved line was shown again, with its new name
        assert any(f"[{i}] {now[i]}: " in prompt for prompt in asked), i
    assert saved_speakers(practice) == now  # every window of the resumed draft was drafted with today's roles
    other = second_appointment(practice)  # cut as one uninterrupted draft cuts them
    practice.sessions.store_transcript(other, long_transcript())
    practice.sessions.draft_session(other, FORMAT)
    assert saved_windows(practice, practice.appointment_id) == saved_windows(practice, other)


def test_one_reassigned_line_redrafts_its_window_only(practice):
    before = cancelled_after_two_windows(practice)
    line = before[0][3]
    old = speakers_now(practice)[line]
    practice.speaker_labels.reassign_segment(practice.appointment_id, line, "client" if old == "clinician" else "clinician")
    now = speakers_now(practice)
    asked = resume_asking(practice)
    assert any(f"[{line}] {now[line]}: " in prompt for prompt in asked)  # its window was drafted again...
    assert not any(f"[{i}] " in prompt for i in before[1] for prompt in asked)  # ...the untouched one was not
    after = saved_windows(practice, practice.appointment_id)
    assert before[1] in after and before[0] in after  # the window was cut as before (its lines only)
    assert saved_speakers(practice) == now


def lower_case(transcript: Transcript) -> Transcript:
    for segment in transcript.segments:
        segment.speaker = segment.speaker.lower()
    return transcript


def test_windows_extracted_while_recording_follow_a_swap_made_after_stop(practice_on_fakes):
    practice = practice_on_fakes
    appointment = practice.appointment_id
    full = lower_case(short_talk(80))
    assert practice.sessions.extract_while_recording(appointment, "soap", None, Transcript("en", 300.0, full.segments[:60])) >= 1
    live = [i for window in saved_windows(practice, appointment) for i in window]
    practice.sessions.store_transcript(appointment, full)  # Stop
    practice.speaker_labels.swap_speakers(appointment)  # before the draft: the live accumulator is still in memory
    now = speakers_now(practice)
    asked = resume_asking(practice, "soap")
    for i in live:
        assert any(f"[{i}] {now[i]}: " in prompt for prompt in asked), i
    assert saved_speakers(practice) == now


def test_a_redrafted_window_is_composed_in_its_place():
    model = FakeNoteModel(seconds_per_token=0)  # the order of the windows is the point, not their words
    try:
        acc = DraftAccumulator(model, "soap", window_tokens=300, facts_per_section=2)
        segments = [s.to_dict() for s in lower_case(short_talk(40)).segments]
        assert acc.add_segments(segments) >= 3
        first = list(acc.state["windows"][0]["segment_ids"])
        segments[first[1]]["speaker"] = "client" if segments[first[1]]["speaker"] == "clinician" else "clinician"
        asked = []
        generate = model.generate_json
        model.generate_json = lambda messages, *a, **k: asked.append(messages[-1]["content"]) or generate(messages, *a, **k)
        acc.queue(segments)
        draft = acc.finish()
        assert any(f"[{first[1]}] {segments[first[1]]['speaker']}: " in prompt for prompt in asked)
        assert acc.redrafted == [first] and acc.state["windows"][-1]["segment_ids"] == first  # drafted again, last...
        cited = [item["evidence"][0] for item in draft.model_raw["sections"]["subjective"] if item.get("evidence")]
        assert cited and cited == sorted(cited)  # ...but composed first, where its lines are
    finally:
        model.close()
