"""Vault fixtures: a real SQLCipher vault in a temporary folder, with a controllable clock."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from session_assistant.app import create_practice
from session_assistant.clock import FixedClock
from session_assistant.paths import AppPaths
from vault_helpers import PASSPHRASE


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    p = AppPaths.default(vault_dir=tmp_path / "vault")
    p.ensure()
    return p


@pytest.fixture
def new_practice(paths, clock):
    practice, recovery_key = create_practice(paths, PASSPHRASE, clock)
    practice.recovery_key = recovery_key
    yield practice
    if practice.vault.db is not None:
        practice.close()


