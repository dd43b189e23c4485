"""The one worker base class: exactly one end signal, whatever the work does."""

from __future__ import annotations

import threading

import pytest

from session_assistant.errors import UserError
from session_assistant.ui.common.worker import GENERIC_FAILURE, Pools, Worker

SECRET = "QPHIMARK-worker-7731"


def _collect(worker: Worker) -> list:
    seen = []
    worker.finished.connect(lambda result: seen.append(("finished", result)))
    worker.failed.connect(lambda message: seen.append(("failed", message)))
    worker.cancelled.connect(lambda: seen.append(("cancelled", None)))
    return seen


def _run(qtbot, fn) -> tuple[Worker, list, list]:
    pools = Pools()
    worker = Worker(fn, "test")
    seen = _collect(worker)
    progress = []
    worker.progress.connect(lambda f, m: progress.append((f, m)))
    pools.run(worker)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert worker.wait(5)
    qtbot.wait(50)  # any second (wrong) signal would arrive here
    pools.shutdown(5)
    return worker, seen, progress


def test_success_emits_only_finished_with_the_result_and_progress_first(qtbot):
    def work(on_progress, token):
        assert threading.current_thread() is not threading.main_thread()
        on_progress(0.5, "half")
        return {"answer": 42}

    worker, seen, progress = _run(qtbot, work)
    assert seen == [("finished", {"answer": 42})]
    assert progress == [(0.5, "half")]
    assert worker.outcome == "finished"


def test_any_exception_becomes_one_failed_without_its_text(qtbot, caplog):
    def work(on_progress, token):
        raise RuntimeError(f"client {SECRET} said something")

    worker, seen, _ = _run(qtbot, work)
    assert seen == [("failed", GENERIC_FAILURE)]
    assert SECRET not in caplog.text  # the message may quote PHI; only the type and code locations are logged
    assert "RuntimeError" in caplog.text


def test_user_error_message_is_shown(qtbot):
    def work(on_progress, token):
        raise UserError("The model file is missing; run ./scripts/setup.")

    worker, seen, _ = _run(qtbot, work)
    assert seen == [("failed", "The model file is missing; run ./scripts/setup.")]
    assert worker.error_type is UserError


def test_cancel_stops_the_work_and_emits_only_cancelled(qtbot):
    started = threading.Event()
    steps = []

    def work(on_progress, token):
        started.set()
        for step in range(1000):
            token.raise_if_cancelled()
            steps.append(step)
            threading.Event().wait(0.01)
        return "should not finish"

    pools = Pools()
    worker = Worker(work, "cancel test")
    seen = _collect(worker)
    pools.run(worker)
    assert started.wait(5)
    worker.cancel()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    qtbot.wait(50)
    assert seen == [("cancelled", None)]
    assert len(steps) < 1000
    assert pools.shutdown(5)


def test_a_worker_runs_once(qtbot):
    pools = Pools()
    worker = Worker(lambda p, t: 1)
    pools.run(worker)
    with pytest.raises(RuntimeError):
        worker.start()
    assert worker.wait(5)
    pools.shutdown(5)


def test_forgotten_receivers_hear_nothing_but_the_worker_still_ends(qtbot):
    release = threading.Event()
    pools = Pools()
    worker = Worker(lambda p, t: release.wait(5) and "late result", "late")
    seen = _collect(worker)
    pools.run(worker)
    pools.forget_receivers()  # e.g. the app locked while this was running
    release.set()
    assert worker.wait(5)
    qtbot.wait(100)
    assert seen == [] and worker.outcome == "finished"
    assert not pools.busy
    pools.shutdown(5)


def test_progress_is_throttled_to_what_a_screen_can_show(qtbot):
    def chatty(on_progress, token):
        for i in range(20000):  # e.g. one report per generated token
            on_progress(i / 20000, f"{i} tokens")
        on_progress(1.0, "done")
        return "ok"

    worker, seen, progress = _run(qtbot, chatty)
    assert seen == [("finished", "ok")]
    assert 1 <= len(progress) < 200
    assert progress[-1] == (1.0, "done")
