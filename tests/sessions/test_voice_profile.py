"""The clinician's voice profile: made from a real reading, kept in the vault, used, deleted, audited."""

from __future__ import annotations

import json

import numpy as np
import pytest

from session_assistant.services.voice_profile import BIOMETRIC_NOTICE
from session_assistant.transcribe.errors import NoSpeech
from session_assistant.transcribe.voice_profile import PASSAGE


def speak(text: str, voice: str, out):
    """espeak-ng speech as a 16 kHz mono WAV (as tests/transcribe/transcribe_samples does)."""
    import subprocess

    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text], check=True)
    subprocess.run(["sox", "-R", str(raw), "-r", "16000", "-c", "1", str(out)], check=True)
    return out


def read_wav(path):
    from session_assistant.transcribe.audio_input import load_audio

    return load_audio(path)


def _actions(practice) -> list[tuple[str, object]]:
    with practice.vault.db.read() as conn:
        return [(r[0], r[1]) for r in conn.execute("SELECT action, entity_id FROM audit_log ORDER BY seq")]


@pytest.fixture(scope="module")
def reading(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reading")
    return speak(PASSAGE, "en+f2", folder / "reading.wav")


def test_a_profile_round_trips_through_the_vault_and_its_use_and_deletion_are_audited(practice, reading):
    assert practice.voice_profile.info() is None and practice.voice_profile.clinician_voice() is None
    info = practice.voice_profile.create(read_wav(reading), "imported")
    assert info.source == "imported" and info.speech_s >= 10 and info.model == "speaker-ge2e"
    assert "embedding" not in json.dumps(info.public())

    voice = practice.voice_profile.clinician_voice(practice.appointment_id)
    assert voice.shape == (256,) and abs(float(np.linalg.norm(voice)) - 1) < 1e-4
    # the stored print is the reader's: a second reading by the same voice lies close to it
    again = practice.voice_profile._encoder_or_fail().embed_audio(read_wav(reading)[: 16000 * 8])
    assert float(voice @ again) > 0.9

    assert practice.voice_profile.delete() is True
    assert practice.voice_profile.info() is None and practice.voice_profile.clinician_voice(1) is None
    assert practice.voice_profile.delete() is False
    actions = _actions(practice)
    assert ("voice_profile_created", None) in actions
    assert ("voice_profile_used", practice.appointment_id) in actions
    assert actions.count(("voice_profile_deleted", None)) == 1
    assert practice.verify_audit().ok
    with practice.vault.db.read() as conn:
        assert conn.execute("SELECT count(*) FROM vault_meta WHERE key LIKE '%voice%'").fetchone()[0] == 0


def test_a_reading_with_too_little_speech_stores_nothing(practice, tmp_path):
    short = read_wav(speak("Hello, this is me.", "en+f2", tmp_path / "short.wav"))
    before = _actions(practice)
    with pytest.raises(NoSpeech, match="at least 10 s"):
        practice.voice_profile.create(np.concatenate([short, np.zeros(16000 * 20, np.float32)]))
    assert practice.voice_profile.info() is None and _actions(practice) == before


def test_profile_voice_commands_import_show_and_delete_without_printing_the_print(cli, tmp_path, reading):
    vault = str(tmp_path / "vault")
    assert cli("--vault", vault, "init").returncode == 0
    made = cli("--vault", vault, "profile", "voice", "import", str(reading))
    assert made.returncode == 0, made.stderr
    assert "biometric data" in made.stdout and BIOMETRIC_NOTICE.split(".")[0] in made.stdout
    shown = cli("--vault", vault, "--json", "profile", "voice", "show")
    data = json.loads(shown.stdout)["voice_profile"]
    assert set(data) == {"created_at", "source", "speech_s", "model"} and data["source"] == "imported"
    gone = cli("--vault", vault, "--json", "profile", "voice", "delete")
    assert json.loads(gone.stdout) == {"deleted": True}
    assert json.loads(cli("--vault", vault, "--json", "profile", "voice", "show").stdout) == {"voice_profile": None}
    log = cli("--vault", vault, "--json", "audit", "list")
    assert log.returncode == 0, log.stderr
    assert "voice_profile_created" in log.stdout and "voice_profile_deleted" in log.stdout
