"""Audio fixtures: a real vault (SQLCipher) with a clinician, a client and an appointment, on a
clock the test drives; recordings go to the vault's recordings/ folder."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from audio_vault import AUDIO_TEST_PASSPHRASE

from session_assistant.app import create_practice
from session_assistant.services.recordings import RecordingService
from session_assistant.clock import FixedClock
from session_assistant.paths import AppPaths


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def practice(tmp_path, clock):
    paths = AppPaths.default(vault_dir=tmp_path / "vault")
    paths.ensure()
    practice, _ = create_practice(paths, AUDIO_TEST_PASSPHRASE, clock)
    practice.profile.update(name="Dr Test", ai_usage_consent=True)
    client_id = practice.clients.add("Zed", "Markerson")
    practice.test_client_id = client_id
    practice.test_appointment_id = practice.appointments.add(client_id, "2026-11-22T09:00", 50)
    yield practice
    if practice.vault.db is not None:
        practice.close()


@pytest.fixture
def recordings(practice) -> RecordingService:
    return practice.recordings
