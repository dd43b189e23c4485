"""Shared fixtures. Every test runs with its own user folders (XDG_*) so nothing touches real data."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from sa_testing import MODELS_DIR, REPO, SHARED, TEST_PASSPHRASE, TEST_KDF, run_cli  # noqa: F401 (re-exported)


def pytest_configure(config):
    _pin_xdist_worker()


# scripts/test runs the real-time audio-device tests first, alone at normal priority; beside them, at
# the lowest CPU priority (nice 19), it runs these: they then use only the CPU the audio tests leave
# idle (most of those minutes are spent playing speech in real time), so the suite is shorter and the
# audio tests are not starved (next to a worker's model run at equal priority they lost audio). Only
# tests not marked slow (no long model run; a few load the tiny test model) and with no timing bound
# belong here: starved for a minute while Whisper runs beside them, they must still pass.
BESIDE_AUDIO_FOLDERS = {"vault", "documents", "chart", "drafting", "transcribe", "bench"}
NOT_BESIDE_AUDIO = {  # a timing bound that a starved process could miss
    "vault/test_vault_busy.py", "vault/test_unlock_attempts.py", "vault/test_bad_input_cli.py",
    "drafting/test_cancel_inside_decode.py",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).resolve().parent
    for item in items:
        try:
            where = Path(str(item.fspath)).resolve().relative_to(tests)
        except ValueError:
            continue
        if (where.parts[0] in BESIDE_AUDIO_FOLDERS and where.as_posix() not in NOT_BESIDE_AUDIO
                and item.get_closest_marker("slow") is None and item.get_closest_marker("audio_device") is None):
            item.add_marker(pytest.mark.beside_audio)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """With SA_TEST_CPU_LOG set, each test's CPU seconds (its own and its reaped child processes', setup
    to teardown) are appended to that file: on a machine shared with other work, wall time says little
    about what a test costs the suite, CPU time does (the suite's budget is two cores' worth)."""
    log = os.environ.get("SA_TEST_CPU_LOG")
    if not log:
        yield
        return
    before, started = _cpu_seconds(), time.monotonic()
    yield
    cpu, wall = _cpu_seconds() - before, time.monotonic() - started
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{cpu:.2f}\t{wall:.2f}\t{item.nodeid}\n")


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _pin_xdist_worker() -> None:
    """With two xdist workers on two cores, each worker (and every process it starts) gets a core of
    its own: two model runs at once would otherwise share both cores, and llama.cpp's threads, which
    meet at a barrier after every layer, run many times slower oversubscribed. The engines size
    their threads to the cores they may use, so each then runs one thread."""
    worker, count = os.environ.get("PYTEST_XDIST_WORKER", ""), int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if not worker.startswith("gw") or count < 2 or not hasattr(os, "sched_setaffinity"):
        return
    cores = sorted(os.sched_getaffinity(0))
    share = len(cores) // count
    if share >= 1:
        index = int(worker[2:]) % count
        os.sched_setaffinity(0, cores[index * share:(index + 1) * share])


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("SESSION_ASSISTANT_PASSPHRASE", raising=False)
    yield home


@pytest.fixture(autouse=True)
def cheap_vault_kdf(request, monkeypatch):
    """Vaults made in the test process wrap their key with the cheapest Argon2id the key file
    accepts (the product's parameters cost ~0.5 s per vault created on two cores, hundreds of
    times a run). The code path is the real one: the parameters are pinned in the key file, so
    unlocking (also in a child process) reads and uses them. ``@pytest.mark.real_kdf`` keeps the
    product's parameters for the tests that are about them."""
    if request.node.get_closest_marker("real_kdf") is None:
        from session_assistant.vault import keys

        monkeypatch.setattr(keys, "DEFAULT_KDF", dict(TEST_KDF))


@pytest.fixture
def user_home(isolated_user_dirs) -> Path:
    return isolated_user_dirs


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def office_in_new_york(monkeypatch):
    """The office is in New York: times a clinician reads must be its own, not the UTC a store keeps."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
