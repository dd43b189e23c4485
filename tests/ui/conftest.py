"""Fixtures for the window tests: isolated folders, a ready vault, and a window factory."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from session_assistant.paths import AppPaths
from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from engine_fakes import fake_engines
from ui_helpers import FakeTime


@pytest.fixture(autouse=True)
def _writes_waited_for_like_an_idle_machine(request, monkeypatch):
    """The window waits a grace (``vault_op.GRACE_S``, 50 ms) for a write and otherwise delivers it
    later; a test that clicks and asserts at once then fails by chance on a loaded machine (fresh29,
    load 7: a new note not yet created, a save not yet landed, a signed form listed as Draft). Here
    the grace is long enough for any plain write; the tests of the late path itself hold the writer
    busy and keep the app's grace (marker ``app_grace``)."""
    if request.node.get_closest_marker("app_grace") is None:
        from session_assistant.ui.common import vault_op
        monkeypatch.setattr(vault_op, "GRACE_S", 5.0)


@pytest.fixture
def ui_paths(tmp_path) -> AppPaths:
    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "log", config_dir=tmp_path / "config",
                     vault_dir=tmp_path / "data" / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    return paths


@pytest.fixture(scope="session")
def _sample_vaults(tmp_path_factory) -> dict:
    """date -> a closed sample-practice vault folder, made once per day of the run."""
    return {"root": tmp_path_factory.mktemp("sample-vaults")}


@pytest.fixture
def ready_vault(ui_paths, _sample_vaults, cheap_vault_kdf):
    """A vault with a named clinician and the fictional sample practice, closed again.

    Made once (the sample practice takes seconds of encrypted, fsynced writes) and copied whole
    into each test's folder: key file, database and anchor, so every test gets its own real vault.
    The sample's appointments are relative to today, so a run that crosses midnight makes a new one.
    """
    today = date.today()
    if today not in _sample_vaults:
        from session_assistant.app import create_practice
        from session_assistant.paths import AppPaths
        from session_assistant.services.sample_practice import load_sample_practice

        root = _sample_vaults["root"] / today.isoformat()
        paths = AppPaths(data_dir=root / "data", log_dir=root / "log", config_dir=root / "config",
                         vault_dir=root / "data" / "vault", models_dir=MODELS_DIR)
        paths.ensure()
        practice, _recovery = create_practice(paths, TEST_PASSPHRASE)
        practice.profile.update(name="Dr Test Clinician", credentials="PhD", ai_usage_consent=True)
        load_sample_practice(practice)
        practice.close()
        _sample_vaults[today] = paths.vault_dir
    shutil.copytree(_sample_vaults[today], ui_paths.vault_dir, dirs_exist_ok=True)
    return ui_paths


def _stop_work_left_running(window) -> None:
    """A test that ended (often by failing) while transcription or drafting still ran: stop the
    work before pytest-qt closes the window, whose "Work is still running... quit?" question
    nobody answers offscreen (the suite hung there, test_ui_teardown.py)."""
    if window.ctx.pools.engine_busy or (window.workspace is not None and window.workspace.busy):
        window.shutdown()


@pytest.fixture
def make_window(qtbot):
    """Build the real window through the composition root; shut it down after the test.

    Whisper and the note model are the small fakes of ``engine_fakes`` (``engines=`` passes
    others); ``real_engines=True`` loads the real test models, for the few end-to-end tests.
    """
    from session_assistant.ui.shell.app_main import build_window
    from session_assistant.ui.shell.auto_lock import AutoLock

    made = []

    def make(paths: AppPaths, fake_time: FakeTime | None = None, real_engines: bool = False, **kwargs):
        if not real_engines:
            kwargs.setdefault("engines", fake_engines())
        window = build_window(paths, **kwargs)
        if fake_time is not None:
            window.auto_lock.disarm()
            window.auto_lock.lock_due.disconnect()
            window.auto_lock = AutoLock(window.ctx.settings.auto_lock_minutes, wall=fake_time.wall,
                                        mono=fake_time.mono, parent=window)
            window.auto_lock.lock_due.connect(window._on_auto_lock_due)
        qtbot.addWidget(window, before_close_func=_stop_work_left_running)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()
