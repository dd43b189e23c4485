"""Shared test helpers (a uniquely named module: several folders have their own conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODELS_DIR = REPO / "models"
SHARED = REPO.parent / "shared"
TEST_PASSPHRASE = "correct horse battery staple"
# The lowest Argon2id cost a vault key file may name (vault.keys' bounds): for test vaults only.
TEST_KDF = {"name": "argon2id", "time_cost": 1, "memory_kib": 8192, "parallelism": 1}


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
