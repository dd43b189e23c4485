"""A live session's draft job saves each extracted window as one checkpoint write: a save no longer
reads back every checkpoint the job holds (a 50-minute session has a dozen windows, each one saved
while the next is recorded)."""

from __future__ import annotations

from session_assistant.jobs.queue import JobQueue
from session_assistant.services.live_drafting import JobCheckpointStore


class CountingQueue:
    """The real queue, with its checkpoint reads and writes counted."""

    def __init__(self, queue: JobQueue) -> None:
        self.queue, self.reads, self.writes = queue, 0, 0

    def checkpoints(self, job_id):
        self.reads += 1
        return self.queue.checkpoints(job_id)

    def save_checkpoint(self, job_id, data):
        self.writes += 1
        self.queue.save_checkpoint(job_id, data)

    def replace_checkpoints(self, job_id, items, replaced):
        self.writes += 1
        self.queue.replace_checkpoints(job_id, items, replaced)


def _window(n: int, speaker: str = "Client") -> dict:
    return {"segment_ids": [2 * n, 2 * n + 1], "speakers": ["Clinician", speaker], "facts": {"subjective": [f"w{n}"]}}


def test_each_window_saved_is_one_write_and_no_read(new_practice):
    queue = CountingQueue(JobQueue(new_practice.vault))
    job_id = queue.queue.submit("draft")
    store = JobCheckpointStore(queue, job_id, "soap")
    opened_with = queue.reads
    windows = []
    for n in range(12):
        windows.append(_window(n))
        store.save({"windows": list(windows)})
    assert queue.reads == opened_with and queue.writes == 12
    assert store.load()["windows"] == windows and store.has_windows


def test_a_window_whose_speakers_changed_replaces_them_all_in_one_write(new_practice):
    queue = CountingQueue(JobQueue(new_practice.vault))
    job_id = queue.queue.submit("draft")
    JobCheckpointStore(queue, job_id, "soap").save({"windows": [_window(0), _window(1), _window(2)]})
    store = JobCheckpointStore(queue, job_id, "soap")  # opened again, as a resumed job opens it
    before = queue.reads, queue.writes
    changed = [_window(0), _window(1, speaker="Partner")]
    store.save({"windows": changed})
    assert (queue.reads, queue.writes) == (before[0], before[1] + 1)
    assert store.load()["windows"] == changed
    store.save({"windows": [*changed, _window(2)]})
    assert queue.writes == before[1] + 2 and store.load()["windows"] == [*changed, _window(2)]
