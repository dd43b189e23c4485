"""Speaker attribution on a real synthesized two-voice conversation with known turns."""

from __future__ import annotations

import json

from session_assistant.transcribe.pipeline import transcribe_audio
from session_assistant.transcribe.segments import Segment
from session_assistant.transcribe.speakers import assign_speakers, relabel, swap_speakers
from transcribe_samples import engine, speaker_accuracy, two_voices  # noqa: F401 (fixtures)


def test_two_voices_are_told_apart_and_named(engine, two_voices):
    audio, truth = two_voices
    transcript = transcribe_audio(engine, audio, language="en", speakers=2)
    accuracy = speaker_accuracy(transcript.segments, truth)
    # With the app's own names: the voice that asks and reflects is named the clinician.
    assert accuracy >= 0.9, accuracy
    assert transcript.segments[0].speaker == "clinician"
    assert transcript.speaker_naming["method"] == "conversation"
    assert {s.speaker for s in transcript.segments} == {"clinician", "client"}
    assert [s.id for s in transcript.segments] == list(range(len(transcript.segments)))
    assert all(s.start <= t.start for s, t in zip(transcript.segments, transcript.segments[1:]))

    # stored voice features let speakers be redone later without the audio
    stored = [Segment.from_dict(json.loads(json.dumps(s.to_dict()))) for s in transcript.segments]
    for s in stored:
        s.speaker = None
    assign_speakers(stored, 2)
    redone = speaker_accuracy(stored, truth)
    assert redone >= 0.9

    swap_speakers(transcript.segments)  # the clinician's correction
    assert speaker_accuracy(transcript.segments, truth) <= 1 - accuracy + 1e-9
    relabel(transcript.segments, {"client": "Dr A", "clinician": "Ms B"})
    assert {s.speaker for s in transcript.segments} == {"Dr A", "Ms B"}

    three = assign_speakers([Segment.from_dict(s.to_dict()) for s in stored], 3)
    assert {s.speaker for s in three} <= {"clinician", "client", "client 2"}
