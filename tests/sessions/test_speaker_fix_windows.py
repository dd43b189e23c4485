"""A speaker fix reaches the windows already drafted: a window saved (one extracted while recording;
a cancelled import's: test_import_draft_windows.py, with the real tiny model) whose lines have another
speaker now is drafted again from the corrected lines, so the resumed draft never composes sentences
written about the wrong person, and it is composed in its place. Real vault and job store; the
pipeline's own logic is the point, so a fake note model stands in."""

from __future__ import annotations

import pytest

from session_assistant.transcribe.segments import Transcript

from engine_fakes import FakeNoteModel
from session_assistant.drafting.accumulator import DraftAccumulator
from test_import_draft_windows import resume_asking, saved_speakers, saved_windows, speakers_now
from test_live_drafting import transcript as short_talk

pytestmark = pytest.mark.slow


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
