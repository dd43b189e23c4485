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
# Every step of `session-assistant self-check`, in order: what a full check prints as PASS.
SELF_CHECK_STEPS = ["resources", "vault", "recording", "portaudio", "whisper", "draft", "pdf", "qt", "offline",
                    "install-dir"]


def bundle_test_wanted() -> bool:
    """Whether tests/bundle/test_bundle_build.py builds the bundle in this run: in CI (CI=true, as CI
    services set it) unless SA_BUNDLE_TEST=0, elsewhere only with SA_BUNDLE_TEST=1."""
    choice = os.environ.get("SA_BUNDLE_TEST", "")
    return choice == "1" or (choice != "0" and os.environ.get("CI", "").lower() in ("1", "true", "yes"))


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
