"""The agenda: appointments, cancellations, and administrative notes kept apart from clinical ones."""

from __future__ import annotations

from session_assistant.errors import UserError
from session_assistant.services.base import Service, fetch_all, fetch_one, parse_datetime
from session_assistant.services.limits import check_length
from session_assistant.vault.writer import writes

MODALITIES = ("in_person", "telehealth")


class AppointmentService(Service):
    @writes
    def add(self, client_id: int, starts_at: str, minutes: int, modality: str = "in_person") -> int:
        starts_at = parse_datetime(starts_at, "Start")
        if not isinstance(minutes, int) or not 0 < minutes <= 600:
            raise UserError("Minutes must be a whole number between 1 and 600.")
        if modality not in MODALITIES:
            raise UserError(f"Kind must be one of: {', '.join(MODALITIES)}.")
        with self.db.transaction() as conn:
            fetch_one(conn, "SELECT id FROM clients WHERE id = ?", (client_id,), missing=f"No client with id {client_id}.")
            cursor = conn.execute(
                "INSERT INTO appointments (client_id, starts_at, minutes, modality, created_at) VALUES (?,?,?,?,?)",
                (client_id, starts_at, minutes, modality, self.clock.iso()),
            )
            self.audit.append(conn, "appointment_created", entity="appointment", entity_id=cursor.lastrowid,
                              client_id=client_id)
            return cursor.lastrowid

    def get(self, appointment_id: int) -> dict:
        with self.db.read() as conn:
            return fetch_one(conn, "SELECT * FROM appointments WHERE id = ?", (appointment_id,),
                             missing=f"No appointment with id {appointment_id}.")

    def list(self, start: str | None = None, end: str | None = None, client_id: int | None = None) -> list[dict]:
        clauses, params = [], []
        if start:
            clauses.append("a.starts_at >= ?")
            params.append(parse_datetime(start, "From"))
        if end:
            clauses.append("a.starts_at < ?")
            params.append(parse_datetime(end, "To"))
        if client_id is not None:
            clauses.append("a.client_id = ?")
            params.append(client_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self.db.read() as conn:
            return fetch_all(
                conn,
                "SELECT a.id, a.client_id, c.first_name, c.last_name, a.starts_at, a.minutes, a.modality, a.status, "
                "n.id AS note_id, n.status AS note_status FROM appointments a JOIN clients c ON c.id = a.client_id "
                f"LEFT JOIN progress_notes n ON n.appointment_id = a.id {where} ORDER BY a.starts_at",
                params,
            )

    @writes
    def set_status(self, appointment_id: int, status: str, reason: str = "") -> None:
        if status not in ("scheduled", "completed", "cancelled", "no_show"):
            raise UserError("Status must be scheduled, completed, cancelled or no_show.")
        check_length("reason", reason)
        appointment = self.get(appointment_id)
        with self.db.transaction() as conn:
            cancelled_at = self.clock.iso() if status == "cancelled" else None
            conn.execute("UPDATE appointments SET status = ?, cancellation_reason = ?, cancelled_at = ? WHERE id = ?",
                         (status, reason if status == "cancelled" else "", cancelled_at, appointment_id))
            if status == "cancelled" and reason:
                conn.execute("INSERT INTO admin_notes (client_id, appointment_id, kind, text, created_at) "
                             "VALUES (?, ?, 'cancellation', ?, ?)",
                             (appointment["client_id"], appointment_id, reason, self.clock.iso()))
            self.audit.append(conn, f"appointment_{status}", entity="appointment", entity_id=appointment_id,
                              client_id=appointment["client_id"])

    @writes
    def add_admin_note(self, client_id: int, text: str, appointment_id: int | None = None) -> int:
        if not text.strip():
            raise UserError("An administrative note needs text.")
        check_length("admin_note", text)
        with self.db.transaction() as conn:
            fetch_one(conn, "SELECT id FROM clients WHERE id = ?", (client_id,), missing=f"No client with id {client_id}.")
            cursor = conn.execute("INSERT INTO admin_notes (client_id, appointment_id, kind, text, created_at) "
                                  "VALUES (?, ?, 'administrative', ?, ?)",
                                  (client_id, appointment_id, text, self.clock.iso()))
            self.audit.append(conn, "admin_note_created", entity="admin_note", entity_id=cursor.lastrowid,
                              client_id=client_id)
            return cursor.lastrowid
