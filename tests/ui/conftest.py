"""Fixtures for the window tests: isolated folders, a ready vault, and a window factory."""

from __future__ import annotations

import pytest

from session_assistant.paths import AppPaths
from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from ui_helpers import FakeTime


@pytest.fixture
def ui_paths(tmp_path) -> AppPaths:
    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "log", config_dir=tmp_path / "config",
                     vault_dir=tmp_path / "data" / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    return paths


@pytest.fixture
def ready_vault(ui_paths):
    """A vault with a named clinician and the fictional sample practice, closed again."""
    from session_assistant.app import create_practice
    from session_assistant.services.sample_practice import load_sample_practice

    practice, _recovery = create_practice(ui_paths, TEST_PASSPHRASE)
    practice.profile.update(name="Dr Test Clinician", credentials="PhD", ai_usage_consent=True)
    load_sample_practice(practice)
    practice.close()
    return ui_paths


@pytest.fixture
def make_window(qtbot):
    """Build the real window through the composition root; shut it down after the test."""
    from session_assistant.ui.app_main import build_window
    from session_assistant.ui.auto_lock import AutoLock

    made = []

    def make(paths: AppPaths, fake_time: FakeTime | None = None, **kwargs):
        window = build_window(paths, **kwargs)
        if fake_time is not None:
            window.auto_lock.disarm()
            window.auto_lock.lock_due.disconnect()
            window.auto_lock = AutoLock(window.ctx.settings.auto_lock_minutes, wall=fake_time.wall,
                                        mono=fake_time.mono, parent=window)
            window.auto_lock.lock_due.connect(window._on_auto_lock_due)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()
