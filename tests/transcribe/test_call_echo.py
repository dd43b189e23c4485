"""A call without headphones: the client's words heard again by the microphone are not the clinician's."""

from __future__ import annotations

import numpy as np
import pytest

from session_assistant.transcribe.channels import CallTranscriber
from session_assistant.transcribe.echo import drop_echoes
from session_assistant.transcribe.segments import Segment, Word
from transcribe_samples import DIALOGUE, PAUSE_S, RATE, VOICES, engine, read_wav, speak  # noqa: F401 (fixture)


def _segment(text: str, start: float, step: float = 0.3, seg_id: int = 0) -> Segment:
    words = [Word(start + k * step, start + k * step + step - 0.05, " " + w, 0.9) for k, w in enumerate(text.split())]
    return Segment(seg_id, start, words[-1].end, text, words, 0.9)


CLIENT = [_segment("I tried it twice last week and it helped a little.", 2.0),
          _segment("Mm-hmm.", 9.0),
          _segment("My sister called on Sunday and we argued again.", 12.0)]


def test_the_call_heard_again_on_the_microphone_is_dropped_and_the_clinician_kept():
    microphone = [
        _segment("What did you notice when you tried it?", 0.0),
        _segment("i tried it twice last week and it helped", 2.1),  # the echo, Whisper's own casing
        _segment("That is a good start. How was the weekend?", 6.0),
        _segment("Mm-hmm", 9.2),  # an echoed back-channel
        # the clinician talks over the client's last line: their own words stay
        _segment("Sorry, go on.", 12.4),
    ]
    kept, dropped = drop_echoes(microphone, CLIENT)
    assert [s.text for s in kept] == ["What did you notice when you tried it?",
                                      "That is a good start. How was the weekend?", "Sorry, go on."]
    assert dropped == 10


def test_a_reflection_after_the_client_is_not_an_echo():
    # Reflective listening repeats the client's words, but after them, not at the same moment.
    microphone = [_segment("So you tried it twice last week and it helped a little.", 6.0),
                  _segment("Your sister called on Sunday and you argued again.", 16.0)]
    kept, dropped = drop_echoes(microphone, CLIENT)
    assert [s.text for s in kept] == [s.text for s in microphone] and dropped == 0


def test_an_echo_inside_the_clinicians_own_segment_is_cut_out():
    # Whisper ran the clinician's question and the echo of the client's answer into one segment.
    words = _segment("What happened on Sunday?", 10.5).words + CLIENT[2].words[:6]
    words = [Word(w.start + (0.1 if w.start >= 12 else 0.0), w.end, w.word, w.prob) for w in words]
    mixed = Segment(0, words[0].start, words[-1].end, "".join(w.word for w in words).strip(), words, 0.9)
    kept, dropped = drop_echoes([mixed], CLIENT)
    assert [s.text for s in kept] == ["What happened on Sunday?"] and dropped == 6
    assert kept[0].end < 12.0


def test_without_call_words_nothing_is_dropped():
    microphone = [_segment("How has your week been?", 0.0)]
    assert drop_echoes(microphone, []) == (microphone, 0)


@pytest.mark.slow
def test_a_call_through_a_laptop_speaker_names_no_client_words_clinician(engine, tmp_path):
    # Two channels as the call recorder seals them: the microphone hears the clinician and, 9 dB
    # lower and 40 ms later, the client from the laptop's speaker; the call channel the client.
    turns = [read_wav(speak(text, VOICES[i % 2], tmp_path / f"turn{i}.wav")) for i, text in enumerate(DIALOGUE)]
    gap = np.zeros(int(PAUSE_S * RATE), dtype=np.float32)
    mine = np.concatenate([x for i, t in enumerate(turns) for x in ((t if i % 2 == 0 else 0 * t), gap)])
    call = np.concatenate([x for i, t in enumerate(turns) for x in ((t if i % 2 else 0 * t), gap)])
    delay = int(0.04 * RATE)
    microphone = mine + 0.35 * np.concatenate([np.zeros(delay, np.float32), call[:-delay]])
    transcriber = CallTranscriber(engine)
    stereo = np.stack([microphone, call], axis=1).astype(np.float32)
    for start in range(0, len(stereo), RATE):
        transcriber.feed(stereo[start:start + RATE])
    transcript = transcriber.finish()

    said = {name: " ".join(s.text.lower() for s in transcript.segments if s.speaker == name)
            for name in ("clinician", "client")}
    for client_only in ("sleeping", "manager", "project", "kitchen"):
        assert client_only in said["client"], client_only
        assert client_only not in said["clinician"], (client_only, said["clinician"])
    for clinician_only in ("seat", "awake", "pressure", "body"):
        assert clinician_only in said["clinician"], clinician_only
    assert transcript.speaker_naming["echo_words_dropped"] >= 30
