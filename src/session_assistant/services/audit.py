"""The audit trail as the clinician reads it: verify the hash chain, list recent entries."""

from __future__ import annotations

from session_assistant.services.base import Service, fetch_all


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
