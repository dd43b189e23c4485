"""Chart fixtures: a real vault in tmp_path, a movable clock, the tiny real LLM, a fictional chart."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from session_assistant.app import create_practice
from session_assistant.clock import FixedClock
from session_assistant.paths import AppPaths

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
TEST_PASSPHRASE = "correct horse battery staple"  # the same as tests/conftest.py's, for run_cli

TEST_MODEL = "smollm2-135m-instruct"


@pytest.fixture
def chart_clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def chart_paths(tmp_path) -> AppPaths:
    paths = AppPaths.default(vault_dir=tmp_path / "vault")
    paths.ensure()
    return paths


@pytest.fixture
def practice(chart_paths, chart_clock):
    practice, _ = create_practice(chart_paths, TEST_PASSPHRASE, chart_clock)
    practice.profile.update(name="Dr Sam Example", credentials="PsyD")
    yield practice
    if practice.vault.db is not None:
        practice.close()


@pytest.fixture
def client_id(practice) -> int:
    return practice.clients.add("Robin", "Fictional", "1990-03-14")


@pytest.fixture(scope="session")
def tiny_model():
    """The 135M test model on one thread (much faster than two on a busy two-core machine)."""
    from session_assistant.drafting import NoteModel

    model = NoteModel.from_registry(MODELS_DIR, TEST_MODEL, n_ctx=2048, n_threads=1)
    yield model.load()
    model.close()
