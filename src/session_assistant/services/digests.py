"""Digests of signed chart items, built by persistent background jobs.

Signing a note, assessment or plan (and adding an addendum) queues a ``digest`` job in the same
transaction, so a signed item is never left without one. ``run_pending`` works through the queue;
the window calls it on a worker thread, the CLI from ``summary digests``. Items signed before
digests existed are built by one ``digest_backfill`` job (queued by migration 6, or by
``backfill``), with progress; each digest is committed on its own, so a backfill that is cancelled,
crashes or is killed resumes with the items still missing and never redoes a finished one.

Summaries never wait for the queue: ``for_items`` returns the stored digest where it is current
and builds the others in memory (extraction is a rule pass of milliseconds).
"""

from __future__ import annotations

import json

from session_assistant.chart.citations import SourceItem
from session_assistant.chart.digest import EXTRACTOR, Digest, digest_assessment, digest_note, digest_plan, from_dict
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.jobs.queue import JobContext, JobQueue
from session_assistant.services import chart_facts, chart_sources
from session_assistant.services.base import Service, fetch_all
from session_assistant.services.digest_jobs import BACKFILL_JOB, DIGEST_JOB
from session_assistant.vault.writer import writes

DIGESTED_KINDS = ("progress_note", "assessment", "treatment_plan")
_TABLES = {"progress_note": "progress_notes", "assessment": "assessments", "treatment_plan": "treatment_plans"}


class DigestService(Service):
    def __init__(self, vault, jobs: JobQueue | None = None) -> None:
        super().__init__(vault)
        self.jobs = jobs or JobQueue(vault)

    # ---- building ---------------------------------------------------------------------------
    @staticmethod
    def extract(conn, item: SourceItem) -> Digest:
        """The digest of one chart item (rules only; reads the chart's numbers for scores and plans)."""
        if item.kind == "progress_note":
            return digest_note(item)
        if item.kind == "assessment":
            row = conn.execute("SELECT * FROM assessments WHERE id = ?", (item.id,))
            row = dict(zip([c[0] for c in row.description], row.fetchone()))
            score = {"instrument": row["instrument"], "title": chart_facts.title(row["instrument"]),
                     "total": row["total_score"], "max": chart_facts.max_total(row["instrument"]),
                     "severity": row["severity"] or "", "item9": chart_facts.item9(row)}
            return digest_assessment(item, score)
        if item.kind == "treatment_plan":
            plan = json.loads(conn.execute("SELECT plan_json FROM treatment_plans WHERE id = ?",
                                           (item.id,)).fetchone()[0])
            return digest_plan(item, plan)
        raise ValueError(f"no digest for {item.kind}")

    @writes
    def _store(self, client_id: int, digest: Digest) -> None:
        # REPLACE gives a rebuilt digest a new row id: a rebuild knows which rows it has done.
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO digests (client_id, source_kind, source_id, source_date, "
                         "source_digest, extractor, digest_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (client_id, digest.source.kind, digest.source.id, digest.source.date, digest.source_digest,
                          digest.extractor, json.dumps(digest.as_dict()), self.clock.iso()))

    def _stored(self, conn, client_id: int) -> dict[tuple[str, int], tuple[int, str, str, str]]:
        """(kind, id) -> (row id, source_digest, extractor, digest_json) for the client's digests."""
        return {(r[0], r[1]): (r[2], r[3], r[4], r[5]) for r in conn.execute(
            "SELECT source_kind, source_id, id, source_digest, extractor, digest_json FROM digests WHERE client_id = ?",
            (client_id,))}

    @staticmethod
    def _current(stored, item: SourceItem) -> bool:
        return stored is not None and stored[1] == item.digest and stored[2] == EXTRACTOR

    def _sources(self, conn, client_id: int) -> list[SourceItem]:
        return [i for i in chart_sources.gather(conn, client_id) if i.kind in DIGESTED_KINDS]

    # ---- jobs -------------------------------------------------------------------------------
    def _digest_one(self, ctx: JobContext) -> dict:
        kind, item_id = ctx.job.params.get("source", "progress_note"), ctx.job.target_id
        with self.db.read() as conn:
            row = conn.execute(f"SELECT client_id FROM {_TABLES[kind]} WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                return {"built": 0, "skipped": "gone"}
            item = next((i for i in self._sources(conn, row[0]) if (i.kind, i.id) == (kind, item_id)), None)
            if item is None:  # unsigned again cannot happen; a cancelled appointment's note is no source
                return {"built": 0, "skipped": "not a summary source"}
            if self._current(self._stored(conn, row[0]).get((kind, item_id)), item):
                return {"built": 0, "skipped": "current"}
            digest = self.extract(conn, item)
        self._store(row[0], digest)
        return {"built": 1}

    def _backfill(self, ctx: JobContext) -> dict:
        rebuild_after = ctx.job.params.get("rebuild_after")  # rows with a larger id were built by this job
        with self.db.read() as conn:
            clients = [r[0] for r in conn.execute("SELECT id FROM clients ORDER BY id")]
            todo = []
            for client_id in clients:
                stored = self._stored(conn, client_id)
                for item in self._sources(conn, client_id):
                    row = stored.get((item.kind, item.id))
                    done = (row is not None and row[0] > rebuild_after and self._current(row, item)
                            if rebuild_after is not None else self._current(row, item))
                    if not done:
                        todo.append((client_id, item))
        total_before = sum(1 for _ in todo)
        ctx.on_progress(0.0, f"Digesting {total_before} signed item(s)")
        for index, (client_id, item) in enumerate(todo):
            ctx.token.raise_if_cancelled()
            with self.db.read() as conn:
                digest = self.extract(conn, item)
            self._store(client_id, digest)
            ctx.on_progress((index + 1) / max(total_before, 1), f"Digested {index + 1} of {total_before}")
        return {"built": total_before}

    def run_pending(self, *, on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> dict:
        """Run every queued, interrupted or cancelled digest job (oldest first); returns counts.

        Runs on the caller's (worker) thread; checks ``cancel`` between items. A cancelled job stays
        queued for the next call. Digests an older rule set built are rebuilt by one backfill job,
        queued here the first time (after an upgrade that changed ``EXTRACTOR``).
        """
        self._queue_rebuild_of_older_digests()
        with self.db.read() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM jobs WHERE kind IN (?, ?) AND state IN ('queued', 'interrupted', 'cancelled') "
                "ORDER BY id", (DIGEST_JOB, BACKFILL_JOB))]
        counts = {"jobs": len(ids), "built": 0, "failed": 0, "cancelled": 0}
        for n, job_id in enumerate(ids):
            if cancel is not None and cancel.cancelled:
                counts["cancelled"] += len(ids) - n
                break
            job = self.jobs.get(job_id)
            work = self._backfill if job.kind == BACKFILL_JOB else self._digest_one

            def progress(fraction: float, message: str, n=n) -> None:
                on_progress((n + fraction) / len(ids), message)

            finished = self.jobs.run(job_id, work, token=cancel, on_progress=progress)
            if finished.state == "done":
                counts["built"] += (finished.result or {}).get("built", 0)
            else:
                counts[finished.state if finished.state == "cancelled" else "failed"] += 1
        on_progress(1.0, "Digests up to date")
        return counts

    def _queue_rebuild_of_older_digests(self) -> None:
        with self.db.read() as conn:
            older = conn.execute("SELECT 1 FROM digests WHERE extractor != ? LIMIT 1", (EXTRACTOR,)).fetchone()
            # A failed backfill is not retried here (each pass would queue another); `summary digests` does.
            pending = conn.execute("SELECT 1 FROM jobs WHERE kind = ? AND state != 'done' LIMIT 1",
                                   (BACKFILL_JOB,)).fetchone()
        if older and not pending:
            self.jobs.submit(BACKFILL_JOB, None, {})

    def backfill(self, *, rebuild: bool = False, on_progress: ProgressFn = no_progress,
                 cancel: CancelToken | None = None) -> dict:
        """Digest every signed item still missing one (``rebuild``: every item again), resuming an
        unfinished backfill job rather than starting over; then run the rest of the queue."""
        with self.db.read() as conn:
            unfinished = conn.execute("SELECT id FROM jobs WHERE kind = ? AND state != 'done' ORDER BY id DESC LIMIT 1",
                                      (BACKFILL_JOB,)).fetchone()
            newest = conn.execute("SELECT COALESCE(max(id), 0) FROM digests").fetchone()[0]
        if rebuild:
            self.jobs.submit(BACKFILL_JOB, None, {"rebuild_after": newest})
        elif unfinished is None:
            self.jobs.submit(BACKFILL_JOB, None, {})
        elif self.jobs.get(unfinished[0]).state == "failed":
            self.jobs.submit(BACKFILL_JOB, None, {})
        return self.run_pending(on_progress=on_progress, cancel=cancel)

    # ---- reading ----------------------------------------------------------------------------
    def for_items(self, conn, client_id: int, items: list[SourceItem]) -> tuple[list[Digest], int]:
        """Digests of ``items`` (notes, assessments, plans): stored where current, else built now in
        memory. Returns them and how many had to be built."""
        stored, found, built = self._stored(conn, client_id), [], 0
        for item in items:
            if item.kind not in DIGESTED_KINDS:
                continue
            row = stored.get((item.kind, item.id))
            if self._current(row, item):
                found.append(from_dict(json.loads(row[3]), row[1]))
            else:
                found.append(self.extract(conn, item))
                built += 1
        return found, built

    def client_digests(self, client_id: int) -> list[dict]:
        """The client's stored digests, oldest first (for display and the CLI)."""
        with self.db.read() as conn:
            rows = fetch_all(conn, "SELECT source_kind, source_id, source_date, extractor, digest_json, created_at "
                                   "FROM digests WHERE client_id = ? ORDER BY source_date, source_kind, source_id",
                             (client_id,))
        return [{**json.loads(r["digest_json"]), "built_at": r["created_at"]} for r in rows]

    def status(self) -> dict:
        """How far digesting has come: signed items, current digests, jobs waiting."""
        with self.db.read() as conn:
            clients = [r[0] for r in conn.execute("SELECT id FROM clients")]
            items = current = 0
            for client_id in clients:
                stored = self._stored(conn, client_id)
                for item in self._sources(conn, client_id):
                    items += 1
                    current += self._current(stored.get((item.kind, item.id)), item)
            waiting = conn.execute("SELECT count(*) FROM jobs WHERE kind IN (?, ?) AND state IN "
                                   "('queued', 'interrupted', 'cancelled', 'running')",
                                   (DIGEST_JOB, BACKFILL_JOB)).fetchone()[0]
        return {"signed_items": items, "digested": current, "missing": items - current, "jobs_waiting": waiting}
