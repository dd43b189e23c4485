"""The persistent job queue: one terminal state, checkpoints, recovery after a crash."""

from __future__ import annotations

import pytest

from session_assistant.errors import Cancelled, UserError
from session_assistant.jobs.progress import CancelToken
from session_assistant.jobs.queue import JobQueue
from session_assistant.vault.store import Vault
from vault_helpers import PASSPHRASE


def test_job_runs_to_done_with_progress_and_result(new_practice):
    queue = JobQueue(new_practice.vault)
    job_id = queue.submit("demo", 7, {"x": 1})
    seen = []

    def work(ctx):
        ctx.on_progress(0.5, "half")
        return {"answer": ctx.job.params["x"] + 1}

    job = queue.run(job_id, work, on_progress=lambda f, m: seen.append((f, m)))
    assert job.state == "done" and job.result == {"answer": 2} and job.progress == 1.0
    assert seen == [(0.5, "half")]


@pytest.mark.parametrize("error, state", [(Cancelled(), "cancelled"), (UserError("bad input"), "failed"),
                                          (RuntimeError("boom"), "failed")])
def test_job_always_ends_in_one_terminal_state(new_practice, error, state):
    queue = JobQueue(new_practice.vault)
    job_id = queue.submit("demo")

    def work(ctx):
        raise error

    job = queue.run(job_id, work)
    assert job.state == state
    if isinstance(error, UserError):
        assert job.error == "bad input"
    if isinstance(error, RuntimeError):
        assert "boom" not in job.error  # messages may carry PHI; only the type is kept


def test_cancel_token_is_honoured_between_units(new_practice):
    queue = JobQueue(new_practice.vault)
    token = CancelToken()
    done_units = []

    def work(ctx):
        for unit in range(10):
            ctx.token.raise_if_cancelled()
            done_units.append(unit)
            if unit == 2:
                token.cancel()

    assert queue.run(queue.submit("demo"), work, token=token).state == "cancelled"
    assert done_units == [0, 1, 2]


def test_interrupted_job_resumes_from_checkpoints_after_restart(new_practice, paths):
    queue = JobQueue(new_practice.vault)
    job_id = queue.submit("windows", params={"total": 5})
    calls = []

    def crashing_work(ctx):
        for unit in range(len(ctx.checkpoints), ctx.job.params["total"]):
            calls.append(unit)
            ctx.save_checkpoint({"unit": unit})
            if unit == 2:
                raise SystemExit  # stands in for a crash: the job row is left 'running'

    with pytest.raises(SystemExit):
        queue.run(job_id, crashing_work)
    assert queue.get(job_id).state == "running"
    new_practice.close()

    vault = Vault.unlock(paths.vault_dir, PASSPHRASE)
    queue = JobQueue(vault)
    assert queue.recover_interrupted() == [job_id]
    assert [j.id for j in queue.pending()] == [job_id]

    def resumed_work(ctx):
        for unit in range(len(ctx.checkpoints), ctx.job.params["total"]):
            calls.append(unit)
            ctx.save_checkpoint({"unit": unit})
        return [c["unit"] for c in queue.checkpoints(job_id)]

    job = queue.run(job_id, resumed_work)
    assert job.state == "done" and job.result == [0, 1, 2, 3, 4]
    assert calls == [0, 1, 2, 3, 4]  # no finished unit was redone
    vault.close()
