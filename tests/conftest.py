"""Shared fixtures. Every test runs with its own user folders (XDG_*) so nothing touches real data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MODELS_DIR = REPO / "models"
SHARED = REPO.parent / "shared"
TEST_PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("SESSION_ASSISTANT_PASSPHRASE", raising=False)
    yield home


@pytest.fixture
def user_home(isolated_user_dirs) -> Path:
    return isolated_user_dirs


def run_cli(*args: str, passphrase: str | None = TEST_PASSPHRASE, env: dict | None = None,
            timeout: float = 600, input_text: str | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a fresh interpreter, as a user or script would."""
    full_env = dict(os.environ)
    full_env.pop("SESSION_ASSISTANT_PASSPHRASE", None)
    if passphrase is not None:
        full_env["SESSION_ASSISTANT_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "session_assistant", *args],
        capture_output=True, text=True, env=full_env, timeout=timeout, input=input_text,
    )


@pytest.fixture
def cli():
    return run_cli
