"""The append-only, hash-chained audit trail (SECURITY item 14).

Each row's ``mac`` is HMAC-SHA256, under a key derived from the vault key, over the row's own
fields and the previous row's mac. Editing, removing or reordering any row breaks the chain;
the head (count and last mac) is also kept in ``vault_meta`` so dropping the newest rows shows.
Rows are written inside the caller's transaction, so a change and its audit row commit together.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

GENESIS = "0" * 64
ACTOR = "clinician"  # a solo practice has one user; "system" marks sweeps and recovery


def audit_key(vault_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"session-assistant audit chain").derive(vault_key)


class AuditTrail:
    def __init__(self, key: bytes, clock) -> None:
        self._key = key
        self._clock = clock

    def _mac(self, seq: int, fields: dict, prev_mac: str) -> str:
        body = json.dumps({"seq": seq, **fields, "prev": prev_mac}, sort_keys=True, separators=(",", ":"))
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()

    def append(self, conn, action: str, *, entity: str = "", entity_id: int | None = None,
               client_id: int | None = None, detail: str = "", actor: str = ACTOR) -> int:
        """Write one audit row inside the caller's open transaction; returns its sequence number."""
        last = conn.execute("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        fields = {"at": self._clock.iso(), "actor": actor, "action": action, "entity": entity,
                  "entity_id": entity_id, "client_id": client_id, "detail": detail}
        mac = self._mac(seq, fields, prev)
        conn.execute(
            "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, client_id, detail, prev_mac, mac) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (seq, fields["at"], actor, action, entity, entity_id, client_id, detail, prev, mac),
        )
        conn.execute("INSERT OR REPLACE INTO vault_meta (key, value) VALUES ('audit_head', ?)", (f"{seq}:{mac}",))
        return seq

    def verify(self, conn, anchored_head: tuple[int, str] | None = None) -> "AuditReport":
        """Check the chain; ``anchored_head`` (from the state record outside the database, see
        vault/anchor.py) catches newest rows lost together with the in-database head."""
        rows = conn.execute(
            "SELECT seq, at, actor, action, entity, entity_id, client_id, detail, prev_mac, mac "
            "FROM audit_log ORDER BY rowid"
        ).fetchall()
        prev, expected_seq = GENESIS, 1
        for row in rows:
            seq, at, actor, action, entity, entity_id, client_id, detail, prev_mac, mac = row
            fields = {"at": at, "actor": actor, "action": action, "entity": entity,
                      "entity_id": entity_id, "client_id": client_id, "detail": detail}
            if seq != expected_seq:
                return AuditReport(False, len(rows), f"row {expected_seq} is missing or out of order")
            if prev_mac != prev or not hmac.compare_digest(mac, self._mac(seq, fields, prev)):
                return AuditReport(False, len(rows), f"row {seq} was altered")
            prev, expected_seq = mac, expected_seq + 1
        head = conn.execute("SELECT value FROM vault_meta WHERE key = 'audit_head'").fetchone()
        if rows and (head is None or head[0] != f"{rows[-1][0]}:{prev}"):
            return AuditReport(False, len(rows), "the newest rows were removed")
        if anchored_head is not None:
            seq, mac = anchored_head
            if seq > len(rows) or rows[seq - 1][9] != mac:
                return AuditReport(False, len(rows), "the newest rows were removed (the vault's state record "
                                                     f"names entry {seq})")
        return AuditReport(True, len(rows), "intact")


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    rows: int
    message: str
