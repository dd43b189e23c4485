"""Session fixtures: a real vault with a consenting client, an appointment and the tiny note model."""

from __future__ import annotations

import pytest

from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from session_assistant.app import create_practice
from session_assistant.paths import AppPaths


@pytest.fixture
def practice(tmp_path):
    yield from _practice(tmp_path)


@pytest.fixture
def practice_on_fakes(tmp_path):
    """The same, with the fake engines of ``engine_fakes``: for tests of the pipeline's own logic
    (jobs, checkpoints, windows), where a model is only the neighbour."""
    from engine_fakes import fake_engines

    yield from _practice(tmp_path, fake_engines())


def _practice(tmp_path, engines=None):
    paths = AppPaths.default(vault_dir=tmp_path / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE, engines=engines)
    practice.profile.update(name="Dr Test", credentials="LCSW", ai_usage_consent=True)
    client = practice.clients.add("Ann", "Example")
    practice.clients.record_consent(client, "given")
    practice.appointment_id = practice.appointments.add(client, "2026-11-20T10:00", 50)
    practice.sessions.note_model = "smollm2-135m-instruct"
    practice.sessions.max_sentences = 2  # the tiny test model rambles; keep its sections short
    yield practice
    if practice.vault.db is not None:  # a test may have closed it (test_import_draft_windows copies the closed vault)
        practice.close()
