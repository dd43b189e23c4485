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
echo "${PYTHONDONTWRITEBYTECODE-unset}" >> "$PYTEST_CALLS.bytecode"
[[ -n "${FAKE_FAIL_ON:-}" && "$*" == *"$FAKE_FAIL_ON"* ]] && exit 1
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


BESIDE = ["-p", "no:cacheprovider", "-n", "2", "--dist", "loadgroup", "-m", "beside_audio"]
REST = ["-n", "2", "--dist", "loadgroup", "-m", "not audio_device and not beside_audio"]


def test_no_arguments_runs_the_audio_phase_with_the_light_tests_beside_it_then_the_rest(fake_repo):
    status, calls = run_script(fake_repo)
    assert status == 0
    # The audio phase and the light tests beside it start together (in either order); the rest after both.
    assert sorted(calls[:2]) == sorted([["-m", "audio_device"], BESIDE]) and calls[2:] == [REST]


def test_the_light_tests_run_at_the_lowest_cpu_priority(fake_repo):
    """Beside the real-time audio tests they may only use the CPU those leave idle."""
    python = fake_repo / ".venv" / "bin" / "python"
    python.write_text(python.read_text().replace("(IFS", "echo \"$(ps -o ni= -p $$) $*\" >> \"$PYTEST_CALLS.nice\"\n(IFS"))
    status, _calls = run_script(fake_repo)
    assert status == 0
    nice = dict(line.strip().split(" ", 1)[::-1] for line in (fake_repo / "calls.txt.nice").read_text().splitlines())
    assert int(nice[" ".join(["-m", "pytest", *BESIDE])]) == 19
    assert int(nice["-m pytest -m audio_device"]) < 19 and int(nice[" ".join(["-m", "pytest", *REST])]) < 19


def test_options_that_select_nothing_go_to_every_phase(fake_repo):
    status, calls = run_script(fake_repo, "--durations=80", "-x")
    assert status == 0
    assert len(calls) == 3
    assert all(call[-2:] == ["--durations=80", "-x"] for call in calls)
    assert {tuple(call[:-2]) for call in calls} == {("-m", "audio_device"), tuple(BESIDE), tuple(REST)}


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
    assert status == 1 and len(calls) == 3
    for phase in ("-m audio_device", "beside_audio", "not beside_audio"):  # each phase alone fails it
        status, calls = run_script(fake_repo, FAKE_FAIL_ON=phase)
        assert status == 1 and len(calls) == 3, phase
    status, calls = run_script(fake_repo, "-m", "slow", FAKE_PYTEST_STATUS="3")
    assert status == 3


def test_no_test_chosen_in_one_phase_is_not_a_failure(fake_repo):
    status, _ = run_script(fake_repo, FAKE_PYTEST_STATUS="5")
    assert status == 0


def test_compiled_modules_are_kept_even_where_the_environment_forbids_them(fake_repo):
    """Each phase's workers and each CLI child would otherwise compile every module again."""
    status, calls = run_script(fake_repo, PYTHONDONTWRITEBYTECODE="1")
    assert status == 0 and len(calls) == 3
    assert (fake_repo / "calls.txt.bytecode").read_text().split() == ["unset"] * 3
