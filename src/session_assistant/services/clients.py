"""Clients: demographics, status, and the consent to AI session recording."""

from __future__ import annotations

from dataclasses import dataclass

from session_assistant.errors import UserError
from session_assistant.plain_text import check_plain
from session_assistant.services.base import Service, fetch_all, fetch_one
from session_assistant.services.limits import check_length, check_lengths
from session_assistant.services.written_dates import parse_written_date
from session_assistant.vault.writer import writes

CONSENT_FORM_VERSION = "2026-11"
CONSENT_DECISIONS = ("given", "declined", "revoked")
STATUSES = ("active", "inactive", "discharged")
CLIENT_FIELDS = ("first_name", "last_name", "preferred_name", "date_of_birth", "gender", "pronouns",
                 "phone", "email", "address", "emergency_contact", "status")
_MULTILINE_FIELDS = ("address", "emergency_contact")  # may span lines; no other control character


@dataclass(frozen=True)
class Consent:
    decision: str | None  # None: never asked
    decided_at: str | None = None
    form_version: str | None = None

    @property
    def allows_recording(self) -> bool:
        return self.decision == "given"


class ClientService(Service):
    @writes
    def add(self, first_name: str, last_name: str, date_of_birth: str | None = None, **extra) -> int:
        first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
        if not first_name or not last_name:
            raise UserError("A client needs a first and a last name.")
        record = self._validated({"first_name": first_name, "last_name": last_name,
                                  "date_of_birth": date_of_birth, **extra})
        now = self.clock.iso()
        cols = list(record)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                f"INSERT INTO clients ({', '.join(cols)}, created_at, updated_at) "
                f"VALUES ({', '.join('?' for _ in cols)}, ?, ?)",
                (*record.values(), now, now),
            )
            client_id = cursor.lastrowid
            self.audit.append(conn, "client_created", entity="client", entity_id=client_id, client_id=client_id)
        return client_id

    @writes
    def update(self, client_id: int, **changes) -> None:
        record = self._validated({k: v for k, v in changes.items() if v is not None})
        if not record:
            return
        self.get(client_id)
        with self.db.transaction() as conn:
            conn.execute(
                f"UPDATE clients SET {', '.join(f'{k} = ?' for k in record)}, updated_at = ? WHERE id = ?",
                (*record.values(), self.clock.iso(), client_id),
            )
            self.audit.append(conn, "client_updated", entity="client", entity_id=client_id, client_id=client_id,
                              detail="fields: " + ", ".join(sorted(record)))

    def _validated(self, record: dict) -> dict:
        unknown = set(record) - set(CLIENT_FIELDS)
        if unknown:
            raise UserError(f"Unknown client field(s): {', '.join(sorted(unknown))}.")
        check_lengths(record)
        for key, value in record.items():
            if isinstance(value, str):
                check_plain(value, key.replace("_", " ").capitalize(), multiline=key in _MULTILINE_FIELDS)
        if "date_of_birth" in record:
            # as copied from a referral ("14/03/1991", "March 14, 1991"); an order that could be either is refused
            record["date_of_birth"] = parse_written_date(record["date_of_birth"], "Date of birth")
        if "status" in record and record["status"] not in STATUSES:
            raise UserError(f"Client status must be one of: {', '.join(STATUSES)}.")
        return record

    def get(self, client_id: int) -> dict:
        with self.db.read() as conn:
            return fetch_one(conn, "SELECT * FROM clients WHERE id = ?", (client_id,),
                             missing=f"No client with id {client_id}.")

    def list(self, include_inactive: bool = True) -> list[dict]:
        where = "" if include_inactive else "WHERE status = 'active'"
        with self.db.read() as conn:
            return fetch_all(conn, "SELECT id, first_name, last_name, preferred_name, date_of_birth, status "
                                   f"FROM clients {where} "
                                   "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE")

    @writes
    def chart(self, client_id: int, *, refresh: bool = False) -> dict:
        """Everything the chart overview shows; viewing a chart is audited.

        ``refresh=True`` re-reads a chart the caller already opened (and audited) and still shows,
        after an edit in it: that is the same view, so it writes no second ``chart_viewed`` row.
        """
        client = self.get(client_id)
        with self.db.transaction() as conn:
            chart = {
                "client": client,
                "consent": self._consent(conn, client_id).__dict__,
                "appointments": fetch_all(conn, "SELECT id, starts_at, minutes, modality, status FROM appointments "
                                                "WHERE client_id = ? ORDER BY starts_at DESC", (client_id,)),
                "notes": fetch_all(conn, "SELECT n.id, n.appointment_id, n.template_name, n.status, n.signed_at, "
                                         "n.created_at, a.starts_at, (SELECT COUNT(*) FROM note_addenda d "
                                         "WHERE d.note_id = n.id) AS addenda_count "
                                         "FROM progress_notes n LEFT JOIN appointments a "
                                         "ON a.id = n.appointment_id WHERE n.client_id = ? "
                                         "ORDER BY COALESCE(a.starts_at, n.created_at) DESC", (client_id,)),
                "diagnoses": fetch_all(conn, "SELECT id, code, description, onset_date, resolved_date FROM diagnoses "
                                             "WHERE client_id = ? ORDER BY id", (client_id,)),
            }
            if not refresh:
                self.audit.append(conn, "chart_viewed", entity="client", entity_id=client_id, client_id=client_id)
        return chart

    # ---- what left the vault for this client, and what was shredded ---------------------------
    def exports(self, client_id: int) -> list[dict]:
        """Files written for this client (newest first): kind, file name, time, shared, SHA-256."""
        with self.db.read() as conn:
            return fetch_all(conn, "SELECT kind, file_name, created_at, shared, content_sha256 FROM exports "
                                   "WHERE client_id = ? ORDER BY id DESC", (client_id,))

    def shredded_recordings(self, client_id: int) -> list[dict]:
        """The shred log of this client's recordings (newest first): ids, reasons and times only."""
        with self.db.read() as conn:
            return fetch_all(conn, "SELECT s.recording_id, s.reason, s.shredded_at FROM shred_log s "
                                   "JOIN appointments a ON a.id = s.appointment_id WHERE a.client_id = ? "
                                   "ORDER BY s.id DESC", (client_id,))

    # ---- consent to AI session recording -------------------------------------------------
    def consent(self, client_id: int) -> Consent:
        self.get(client_id)
        with self.db.read() as conn:
            return self._consent(conn, client_id)

    @staticmethod
    def _consent(conn, client_id: int) -> Consent:
        row = conn.execute("SELECT decision, decided_at, form_version FROM client_consents "
                           "WHERE client_id = ? AND kind = 'ai_recording' ORDER BY id DESC LIMIT 1",
                           (client_id,)).fetchone()
        return Consent(*row) if row else Consent(None)

    @writes
    def record_consent(self, client_id: int, decision: str, note: str = "") -> Consent:
        if decision not in CONSENT_DECISIONS:
            raise UserError(f"Consent must be one of: {', '.join(CONSENT_DECISIONS)}.")
        check_length("consent_note", note)
        self.get(client_id)
        with self.db.transaction() as conn:
            current = self._consent(conn, client_id)
            if decision == "revoked" and current.decision != "given":
                raise UserError("There is no given consent to revoke.")
            conn.execute("INSERT INTO client_consents (client_id, kind, decision, decided_at, form_version, note) "
                         "VALUES (?, 'ai_recording', ?, ?, ?, ?)",
                         (client_id, decision, self.clock.iso(), CONSENT_FORM_VERSION, note))
            self.audit.append(conn, "consent_recording_" + decision, entity="client", entity_id=client_id,
                              client_id=client_id, detail=f"form {CONSENT_FORM_VERSION}")
            return self._consent(conn, client_id)

    def consent_history(self, client_id: int) -> list[dict]:
        with self.db.read() as conn:
            return fetch_all(conn, "SELECT decision, decided_at, form_version, note FROM client_consents "
                                   "WHERE client_id = ? ORDER BY id", (client_id,))
