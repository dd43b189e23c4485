"""Not collected by the suite (no ``test_`` file name): ``test_ui_teardown`` runs it in a child
pytest. Its one test fails on purpose while the window's work is still running."""

from __future__ import annotations

import threading
import time

from ui_helpers import unlock


def test_fails_while_work_runs(qtbot, ready_vault, make_window):
    from session_assistant.ui.common.worker import Worker

    window = make_window(ready_vault)
    unlock(qtbot, window)
    started = threading.Event()

    def long_work(on_progress, token):
        started.set()
        while True:
            token.raise_if_cancelled()
            time.sleep(0.01)

    window.ctx.pools.run(Worker(long_work, "long"))
    assert started.wait(10)
    assert window.ctx.pools.engine_busy
    assert False, "failed on purpose while work runs"
