"""The audit trail as the clinician reads it: verify the hash chain, list entries (all, or one client's)."""

from __future__ import annotations

from datetime import date

from session_assistant.services.audit_words import utc_bounds
from session_assistant.services.base import Service, fetch_all

# An entry about a session or a note that the trail wrote without a client (speakers relabelled, a
# notice dismissed) still belongs to that client's chart: the appointment names the client.
_HISTORY_SQL = (
    "SELECT a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.detail, "
    "COALESCE(a.client_id, ap.client_id, n.client_id) AS client_id, c.first_name, c.last_name, "
    "COALESCE(ap.starts_at, nap.starts_at) AS session_starts_at, s.instrument "
    "FROM audit_log a "
    "LEFT JOIN appointments ap ON a.entity = 'appointment' AND ap.id = a.entity_id "
    "LEFT JOIN progress_notes n ON a.entity = 'note' AND n.id = a.entity_id "
    "LEFT JOIN appointments nap ON nap.id = n.appointment_id "
    "LEFT JOIN assessments s ON a.entity = 'assessment' AND s.id = a.entity_id "
    "LEFT JOIN clients c ON c.id = COALESCE(a.client_id, ap.client_id, n.client_id) "
)


class AuditService(Service):
    def verify(self):
        """Check the hash chain against the head the state record names (an ``AuditReport``)."""
        anchored = self.vault.anchored_audit_head()  # read before the database: it can only lag behind
        with self.db.read() as conn:
            return self.audit.verify(conn, anchored)

    def entries(self, client_id: int | None = None, limit: int = 50) -> list[dict]:
        """The newest entries first, all or one client's (no MACs: those are for ``verify``)."""
        where, params = ("WHERE client_id = ?", (client_id,)) if client_id else ("", ())
        with self.db.read() as conn:
            return fetch_all(conn, f"SELECT seq, at, actor, action, entity, entity_id, client_id, detail FROM audit_log "
                                   f"{where} ORDER BY seq DESC LIMIT ?", (*params, limit))

    def history(self, client_id: int | None = None, *, start: date | None = None, end: date | None = None,
                limit: int | None = None, practice_only: bool = False) -> list[dict]:
        """Entries newest first, each with the client it concerns (also when only its session or note
        names the client), that client's name, the session's date and a questionnaire's instrument.

        ``start`` and ``end`` are calendar days on this computer's clock, both included;
        ``practice_only``: the entries about no client (sign-ins, backups, settings).
        """
        clauses, params = [], []
        if practice_only:
            clauses.append("COALESCE(a.client_id, ap.client_id, n.client_id) IS NULL")
        elif client_id is not None:
            clauses.append("COALESCE(a.client_id, ap.client_id, n.client_id) = ?")
            params.append(client_id)
        after, before = utc_bounds(start, end)
        if after:
            clauses.append("a.at >= ?")
            params.append(after)
        if before:
            clauses.append("a.at < ?")
            params.append(before)
        where = ("WHERE " + " AND ".join(clauses) + " ") if clauses else ""
        tail = "LIMIT ?" if limit is not None else ""
        with self.db.read() as conn:
            return fetch_all(conn, f"{_HISTORY_SQL}{where}ORDER BY a.seq DESC {tail}",
                             (*params, limit) if limit is not None else tuple(params))

    def oldest_at(self) -> str | None:
        """When the trail began (UTC ISO), None for an empty one."""
        with self.db.read() as conn:
            row = conn.execute("SELECT at FROM audit_log ORDER BY seq LIMIT 1").fetchone()
        return row[0] if row else None
