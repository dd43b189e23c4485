"""The number of voices changed after transcription, on a real vault and through the CLI, with voice
prints stored on the lines (synthetic prints of three people, so no model runs): Client 2 appears,
line numbers and the draft's evidence stay, a risk item's speaker follows, a signed note refuses."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sa_testing import TEST_PASSPHRASE, run_cli
from session_assistant.drafting import Draft, DraftSentence, RiskItem, get_format
from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.transcribe.segments import Segment, Transcript

LINES = [(0, "Welcome, both of you. What would you like to focus on today?"),
         (1, "We keep arguing about money, and I found a bill I did not know about."),
         (2, "Some days I think about hurting myself when we argue."),
         (0, "It sounds like the secret hurt more than the money. Is that right?"),
         (1, "Yes. I felt shut out and I wondered what else I did not know."),
         (2, "I felt ashamed. My father never talked about money either."),
         (0, "Could you both try a short money talk every Sunday this month?")]


def seed(practice) -> int:
    """Lines named for two voices (both partners "client"), each carrying prints of its true voice."""
    rng = np.random.default_rng(5)
    segments = []
    for i, (who, text) in enumerate(LINES):
        prints = []
        for k in range(3):
            vector = np.eye(256)[who] + rng.normal(0, 0.02, 256)
            prints.append([6.0 * i + 1.5 * k, 6.0 * i + 1.5 * k + 1.4, *(vector / np.linalg.norm(vector)).tolist()])
        segments.append(Segment(i, 6.0 * i, 6.0 * i + 4.5, text, speaker="clinician" if who == 0 else "client",
                                voice=prints))
    appointment = practice.appointment_id
    practice.sessions.store_transcript(appointment, Transcript("en", 45.0, segments))
    draft = Draft(get_format("soap"), [DraftSentence("subjective", "Partner reported thoughts of self-harm.", [2]),
                                       DraftSentence("plan", "Weekly money talk.", [6])],
                  risk=[RiskItem("self_harm", 2, "client", "hurting myself", LINES[2][1])])
    practice.sessions._store_draft(appointment, "soap", draft.to_json(), "test-model")
    return appointment


def test_three_voices_after_the_fact_from_stored_prints(practice):
    appointment = seed(practice)
    change = practice.voice_count.set_voice_count(appointment, 3)
    stored = practice.sessions.transcript(appointment).segments
    assert [s.speaker for s in stored] == ["clinician", "client", "client 2", "clinician", "client", "client 2",
                                           "clinician"]
    assert [s.id for s in stored] == list(range(len(LINES)))
    assert change.changed == (2, 5) and change.affected_sections == ("subjective",)
    assert practice.sessions.latest_draft(appointment)["draft"]["risk"][0]["speaker"] == "client 2"
    again = practice.voice_count.set_voice_count(appointment, 3)
    assert again.changed == ()  # the same count again changes nothing
    with pytest.raises(UserError, match="between 1 and"):
        practice.voice_count.set_voice_count(appointment, 9)
    change = practice.speaker_labels.reassign_segment(appointment, 1, "client 2")  # a line by hand, too
    assert change.changed == (1,)


def test_the_cli_counts_again_and_a_signed_note_refuses(practice):
    appointment = seed(practice)
    vault_dir = practice.paths.vault_dir
    practice.close()

    def cli(*args):
        return run_cli("--vault", str(vault_dir), *args, passphrase=TEST_PASSPHRASE)

    done = cli("--json", "sessions", "speakers", "count", str(appointment), "3")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["changed_segments"] == [2, 5]
    shown = json.loads(cli("--json", "sessions", "transcript", str(appointment)).stdout)
    assert [s["speaker"] for s in shown["segments"]][:3] == ["clinician", "client", "client 2"]
    done = cli("sessions", "speakers", "count", str(appointment), "0")
    assert done.returncode != 0 and "between 1 and" in done.stderr


def test_a_signed_session_keeps_its_voices(practice):
    appointment = seed(practice)
    note_id = practice.notes.create(appointment)
    practice.notes.sign(note_id, practice.profile.get())
    with pytest.raises(ImmutableRecord, match="signed"):
        practice.voice_count.set_voice_count(appointment, 3)
    assert {s.speaker for s in practice.sessions.transcript(appointment).segments} == {"clinician", "client"}


COUPLE = [("clinician", "en-gb-x-rp+m3", "Welcome, both of you. What would you like to focus on in our session today?"),
          ("client", "en-us+f2", "We keep arguing about money. Last weekend I found a credit card bill I did not know about."),
          ("client 2", "en-us+m1", "I was going to tell her. I was embarrassed, because I had lost my bonus at work."),
          ("clinician", "en-gb-x-rp+m3", "It sounds like the secret hurt more than the money. Is that right?"),
          ("client", "en-us+f2", "Yes, exactly. I felt shut out. I wondered what else I did not know."),
          ("client 2", "en-us+m1", "And I felt ashamed. My father never talked about money either."),
          ("clinician", "en-gb-x-rp+m3", "Could you both try a short money talk every Sunday this month?")]


def test_without_stored_prints_the_voices_are_counted_from_the_sealed_audio(practice, tmp_path):
    """The speaker work only (GE2E voice prints, no Whisper): lines at the turns' known times."""
    import subprocess
    import wave

    from session_assistant.transcribe.audio_input import load_audio

    pieces, segments, t = [], [], 0.0
    for i, (_who, voice, text) in enumerate(COUPLE):
        raw = tmp_path / "turn.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text], check=True, capture_output=True)
        audio = load_audio(raw)
        segments.append(Segment(i, t, t + audio.size / 16000, text, speaker="clinician"))
        pieces += [audio, np.zeros(8000, dtype=np.float32)]
        t += audio.size / 16000 + 0.5
    path = tmp_path / "couple.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(np.concatenate(pieces), -1, 1) * 32767).astype("<i2").tobytes())
    appointment = practice.appointment_id
    recording = practice.recordings.import_file(appointment, path)
    practice.sessions.store_transcript(appointment, Transcript("en", t, segments), recording)

    change = practice.voice_count.set_voice_count(appointment, 3)
    stored = practice.sessions.transcript(appointment).segments
    assert [s.speaker for s in stored] == [who for who, _, _ in COUPLE]
    assert change.changed == (1, 2, 4, 5)
    assert all(s.voice for s in stored)  # the prints made now are kept: the next change needs no audio
    with practice.vault.db.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert actions[-2:] == ["recording_decrypted", "transcript_voices_recounted"]  # the audio's use is audited
