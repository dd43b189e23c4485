"""Practice builds the services unlocking does not need on first use: once, whichever thread asks."""

from __future__ import annotations

import threading
import time

from session_assistant.services import digests


def test_two_threads_asking_at_once_get_one_service(new_practice, monkeypatch):
    built = digests.DigestService.__init__

    def slow_build(self, *args, **kwargs):  # widens the window in which a second thread could build too
        time.sleep(0.05)
        built(self, *args, **kwargs)

    monkeypatch.setattr(digests.DigestService, "__init__", slow_build)
    start, got = threading.Barrier(6), []

    def ask() -> None:
        start.wait()
        got.append(new_practice.summaries)  # builds digests first: one build may need another

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(got) == 6 and len({id(service) for service in got}) == 1
    assert new_practice.summaries.digests is new_practice.digests  # wired to the practice's own


def test_locking_a_practice_whose_sessions_were_never_used(new_practice):
    assert "sessions" not in vars(new_practice)  # unlocking did not build the session pipeline
    new_practice.close()
    assert new_practice.vault.db is None and "sessions" not in vars(new_practice)
