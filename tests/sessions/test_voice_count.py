"""More than two voices (a couple session): a 3-voice espeak-ng dialogue imported into a real vault,
transcribed with three voices set before; then the count changed after, from the stored voice
prints and, once those are gone, from the sealed audio, without Whisper running again. The
clinician is named (from what each voice says), the others Client and Client 2 in the order heard.
"""

from __future__ import annotations

import json
import subprocess
import wave

import numpy as np
import pytest

from session_assistant.errors import UserError

VOICES = {"clinician": "en-gb-x-rp+m3", "client": "en-us+f2", "client 2": "en-us+m1"}
TURNS = [  # a couple session: the clinician asks and reflects, the partners report
    ("clinician", "Welcome, both of you. What would you like to focus on in our session today?"),
    ("client", "We keep arguing about money. Last weekend I found a credit card bill I did not know about."),
    ("client 2", "I was going to tell her. I was embarrassed, because I had lost my bonus at work."),
    ("clinician", "It sounds like the bill felt like a secret, and the secret hurt more than the money. Is that right?"),
    ("client", "Yes, exactly. I felt shut out. I wondered what else I did not know."),
    ("client 2", "And I felt ashamed. My father never talked about money either, he just worried in silence."),
    ("clinician", "So each of you was alone with a hard feeling. What happened when you talked about it?"),
    ("client", "I raised my voice and he walked out of the kitchen. We did not speak until Monday."),
    ("client 2", "I needed time to calm down, but I know it looked like I did not care."),
    ("clinician", "Could you both try a short money talk every Sunday this month, and notice how it feels?"),
    ("client", "I can do that. Maybe over breakfast, when we are both calm."),
    ("client 2", "Okay. I will bring the statements, and I will tell her about the bonus first."),
]
RATE = 16_000


def _speak(text: str, voice: str, folder) -> np.ndarray:
    from session_assistant.transcribe.audio_input import load_audio

    raw = folder / "turn.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text], check=True, capture_output=True)
    return load_audio(raw)  # 16 kHz mono float32


@pytest.fixture(scope="module")
def couple_wav(tmp_path_factory):
    folder = tmp_path_factory.mktemp("couple")
    pieces, truth, t = [], [], 0.0
    for who, text in TURNS:
        audio = _speak(text, VOICES[who], folder)
        pieces += [audio, np.zeros(int(0.7 * RATE), dtype=np.float32)]
        truth.append((t, t + audio.size / RATE + 0.7, who))
        t += audio.size / RATE + 0.7
    path = folder / "couple.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(np.concatenate(pieces), -1, 1) * 32767).astype("<i2").tobytes())
    return path, truth


def accuracy(segments, truth) -> float:
    """Share of words under the right name (the app's own names, no permutation forgiven)."""
    right = total = 0
    for segment in segments:
        for word in segment.words:
            middle = (word.start + word.end) / 2
            who = next((w for a, b, w in truth if a <= middle < b), truth[-1][2])
            total += 1
            right += segment.speaker == who
    return right / max(total, 1)


@pytest.mark.slow
def test_three_voices_named_before_and_recounted_after_without_whisper(practice, couple_wav):
    path, truth = couple_wav
    appointment = practice.appointment_id
    recording = practice.recordings.import_file(appointment, path)
    practice.sessions.transcribe_recording(recording, language="en", speakers=3)
    before = practice.sessions.transcript(appointment)
    named = accuracy(before.segments, truth)
    print(f"3 voices set before: {100 * named:.1f} % of words under the right name")
    assert {s.speaker for s in before.segments} == {"clinician", "client", "client 2"}
    assert named >= 0.9, named

    def whisper_must_not_run():
        raise AssertionError("changing the number of voices must not transcribe again")

    practice.sessions.whisper = whisper_must_not_run
    service = practice.voice_count
    change = service.set_voice_count(appointment, 2)  # "it was two voices" (wrong here): two names only
    assert {s.speaker for s in practice.sessions.transcript(appointment).segments} == {"clinician", "client"}
    assert change.changed
    service.set_voice_count(appointment, 3)  # back to three, from the stored voice prints
    again = practice.sessions.transcript(appointment)
    assert [s.id for s in again.segments] == [s.id for s in before.segments]  # line numbers kept
    from_prints = accuracy(again.segments, truth)
    print(f"3 voices set after, from stored prints: {100 * from_prints:.1f} %")
    assert from_prints >= 0.9, from_prints

    with practice.vault.db.transaction() as conn:  # a transcript without prints: only the audio can tell
        rows = json.loads(conn.execute("SELECT segments_json FROM transcripts WHERE appointment_id = ?",
                                       (appointment,)).fetchone()[0])
        for row in rows:
            row["voice"], row["speaker"] = None, "clinician"
        conn.execute("UPDATE transcripts SET segments_json = ? WHERE appointment_id = ?", (json.dumps(rows), appointment))
    service.set_voice_count(appointment, 3)
    from_audio = accuracy(practice.sessions.transcript(appointment).segments, truth)
    print(f"3 voices set after, from the audio: {100 * from_audio:.1f} %")
    assert from_audio >= 0.9, from_audio
    assert all(s.voice for s in practice.sessions.transcript(appointment).segments if s.words)  # now stored

    with practice.vault.db.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert actions.count("transcript_voices_recounted") == 3
    assert actions[-2:] == ["recording_decrypted", "transcript_voices_recounted"]  # the audio use is audited
    practice.recordings.shred(recording)
    with practice.vault.db.transaction() as conn:
        rows = json.loads(conn.execute("SELECT segments_json FROM transcripts").fetchone()[0])
        conn.execute("UPDATE transcripts SET segments_json = ?", (json.dumps([{**r, "voice": None} for r in rows]),))
    with pytest.raises(UserError, match="shredded"):
        service.set_voice_count(appointment, 2)
    with pytest.raises(UserError, match="between 1 and"):
        service.set_voice_count(appointment, 0)
