"""scripts/test: which pytest runs it starts for a user's arguments.

The real script runs in a copy of the repository whose set-up, audio device and Python are stand-ins
that record how they were called, so the test sees the exact pytest command lines in seconds."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sa_testing import REPO

_RECORDING_PYTHON = """#!/usr/bin/env bash
# Stand-in for the venv's Python: one line per call, the arguments separated by a unit separator.
(IFS=$'\\x1f'; printf '%s\\n' "$*") >> "$PYTEST_CALLS"
exit "${FAKE_PYTEST_STATUS:-0}"
"""


@pytest.fixture
def fake_repo(tmp_path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy2(REPO / "scripts" / "test", tmp_path / "scripts" / "test")
    for name, body in (("setup", "exit 0"), ("virtual-audio.sh", "exit 1")):
        script = tmp_path / "scripts" / name
        script.write_text(f"#!/usr/bin/env bash\n{body}\n")
        script.chmod(0o755)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(_RECORDING_PYTHON)
    python.chmod(0o755)
    (tmp_path / "tests" / "vault").mkdir(parents=True)
    (tmp_path / "tests" / "vault" / "test_x.py").write_text("")
    return tmp_path


def run_script(repo: Path, *args: str, **env: str) -> tuple[int, list[list[str]]]:
    calls = repo / "calls.txt"
    calls.unlink(missing_ok=True)
    full_env = {k: v for k, v in os.environ.items() if k != "SA_TEST_WORKERS"}
    full_env.update(PYTEST_CALLS=str(calls), **env)
    done = subprocess.run([str(repo / "scripts" / "test"), *args], env=full_env, cwd=repo,
                          capture_output=True, text=True, timeout=60)
    lines = calls.read_text().splitlines() if calls.exists() else []
    # Each call starts with "-m pytest" (the module the stand-in Python was asked to run).
    return done.returncode, [line.split("\x1f")[2:] for line in lines]


def test_no_arguments_runs_the_audio_phase_alone_then_the_rest_on_two_workers(fake_repo):
    status, calls = run_script(fake_repo)
    assert status == 0
    assert calls == [["-m", "audio_device"],
                     ["-n", "2", "--dist", "loadgroup", "-m", "not audio_device"]]


def test_options_that_select_nothing_go_to_both_phases(fake_repo):
    status, calls = run_script(fake_repo, "--durations=80", "-x")
    assert status == 0
    assert len(calls) == 2
    assert calls[0][:2] == ["-m", "audio_device"] and calls[1][-2:] == ["--durations=80", "-x"]
    assert calls[0][-2:] == ["--durations=80", "-x"]


@pytest.mark.parametrize("selection", [
    ["-m", "slow"], ["-mslow"], ["-k", "backup"], ["-kbackup"], ["tests/vault"],
    ["tests/vault/test_x.py::test_one", "-v"], ["--deselect", "tests/vault/test_x.py::test_two"],
])
def test_a_users_own_selection_is_one_plain_run_with_exactly_those_arguments(fake_repo, selection):
    """A second -m would replace the phase's own (pytest keeps the last), so `-m slow` ran the
    slow tests in both phases, audio tests next to a model run; a path ran in both phases too."""
    status, calls = run_script(fake_repo, *selection)
    assert status == 0
    assert calls == [selection]


def test_a_failure_in_either_phase_fails_the_script(fake_repo):
    status, calls = run_script(fake_repo, FAKE_PYTEST_STATUS="1")
    assert status == 1 and len(calls) == 2
    status, calls = run_script(fake_repo, "-m", "slow", FAKE_PYTEST_STATUS="3")
    assert status == 3


def test_no_test_chosen_in_one_phase_is_not_a_failure(fake_repo):
    status, _ = run_script(fake_repo, FAKE_PYTEST_STATUS="5")
    assert status == 0
