"""The digest job kinds, and queueing one inside a signing transaction.

Kept apart from ``services.digests`` (which reads the chart through the assessment and plan
services) so the signing services can import it without an import cycle.
"""

from __future__ import annotations

import json

DIGEST_JOB = "digest"  # one item: target_id is its id, params {"source": kind}
BACKFILL_JOB = "digest_backfill"  # every signed item without a current digest (params {"rebuild_after": id})


def queue_digest(conn, clock, kind: str, item_id: int) -> None:
    """Queue the digest of a just-signed (or amended) item, inside the caller's transaction."""
    now = clock.iso()
    conn.execute("INSERT INTO jobs (kind, target_id, params_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                 (DIGEST_JOB, item_id, json.dumps({"source": kind}), now, now))
