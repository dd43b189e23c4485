"""One writer: the session path's vault writes run on the vault's writer thread, and the test flag
(``vault.writer.WRITE_CHECK``) catches a write made anywhere else. No models here."""

from __future__ import annotations

import threading

import pytest

from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from session_assistant.app import create_practice
from session_assistant.paths import AppPaths
from session_assistant.vault import writer


@pytest.fixture
def practice(tmp_path):
    paths = AppPaths.default(vault_dir=tmp_path / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    yield practice
    practice.close()


@pytest.fixture
def write_check(monkeypatch):
    found: list[str] = []
    monkeypatch.setattr(writer, "WRITE_CHECK", found)
    return found


def test_a_write_off_the_writer_thread_is_reported_with_where_it_came_from(practice, write_check):
    client = practice.clients.add("Ann", "Example")  # not converted to the writer yet: must be reported
    assert len(write_check) == 1 and "services.clients.add" in write_check[0]
    assert "Ann" not in write_check[0]  # names of code only, never data


def test_marked_writes_from_many_threads_all_run_on_the_one_writer(practice, write_check):
    client = practice.clients.add("Ann", "Example")
    write_check.clear()
    appointment = practice.appointments.add(client, "2026-11-20T10:00", 50)
    write_check.clear()
    seen: set[str] = set()
    original = practice.jobs._db.transaction

    def spy(*args, **kwargs):
        seen.add(threading.current_thread().name)
        return original(*args, **kwargs)

    practice.jobs._db.transaction = spy
    try:
        def work() -> None:
            job_id = practice.jobs.submit("draft", appointment, {"format": "soap"})
            practice.jobs.mark_running(job_id)
            for index in range(5):
                practice.jobs.save_checkpoint(job_id, {"index": index})
            practice.jobs.mark_interrupted(job_id)

        threads = [threading.Thread(target=work, name=f"caller-{i}") for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        practice.jobs._db.transaction = original
    assert write_check == []
    assert len(seen) == 1 and next(iter(seen)).startswith("vault-writer")
    jobs = [practice.jobs.latest("draft", appointment)]
    assert jobs[0].state == "interrupted" and len(practice.jobs.checkpoints(jobs[0].id)) == 5


def test_a_failing_write_raises_in_the_caller_and_the_writer_goes_on(practice, write_check):
    from session_assistant.errors import NotFound

    with pytest.raises(NotFound):
        practice.recordings.mark_transcript_stored("no-such-recording")
    assert practice.jobs.submit("draft", None, {}) > 0  # the writer thread survived the failure
    assert write_check == []
