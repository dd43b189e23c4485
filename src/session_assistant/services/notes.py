"""Progress notes and their templates: draft, edit, sign (immutable), addenda.

The AI draft is content, never a signature: only ``sign`` (called by the clinician) signs.
"""

from __future__ import annotations

import hashlib
import json

from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.services.base import Service, canonical_json, fetch_all, fetch_one
from session_assistant.services.digest_jobs import queue_digest
from session_assistant.services.limits import check_length

DEFAULT_TEMPLATE = "AI Session Summary"
BUILTIN_TEMPLATES = {
    DEFAULT_TEMPLATE: [
        {"name": "session_summary", "label": "Session Summary", "ai_summary": True},
        {"name": "risk_assessment", "label": "Risk Assessment"},
        {"name": "next_session", "label": "Plan for Next Session"},
    ],
    "SOAP Note (manual)": [
        {"name": "subjective", "label": "Subjective"},
        {"name": "objective", "label": "Objective"},
        {"name": "assessment", "label": "Assessment"},
        {"name": "plan", "label": "Plan"},
    ],
}


def validate_template_fields(template_fields: list[dict]) -> list[dict]:
    if not template_fields:
        raise UserError("A template needs at least one field.")
    names = [f.get("name", "").strip() for f in template_fields]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise UserError("Template fields need unique, non-empty names.")
    if sum(1 for f in template_fields if f.get("ai_summary")) > 1:
        raise UserError("Only one field of a template can receive the AI session summary.")
    return [{"name": f["name"].strip(), "label": f.get("label") or f["name"], "ai_summary": bool(f.get("ai_summary"))}
            for f in template_fields]


class NoteService(Service):
    # ---- templates ------------------------------------------------------------------------
    def ensure_builtin_templates(self) -> None:
        with self.db.read() as conn:  # at every start-up: write only if one is missing (readers never wait)
            present = {row[0] for row in conn.execute("SELECT name FROM note_templates")}
        if present >= set(BUILTIN_TEMPLATES):
            return
        with self.db.transaction() as conn:
            for name, template_fields in BUILTIN_TEMPLATES.items():
                conn.execute("INSERT OR IGNORE INTO note_templates (name, fields_json, builtin, created_at, updated_at) "
                             "VALUES (?, ?, 1, ?, ?)",
                             (name, json.dumps(validate_template_fields(template_fields)), self.clock.iso(), self.clock.iso()))

    def templates(self) -> list[dict]:
        with self.db.read() as conn:
            rows = fetch_all(conn, "SELECT id, name, fields_json, builtin FROM note_templates ORDER BY name")
        for row in rows:
            row["fields"] = [{**f, "ai_summary": bool(f.get("ai_summary"))} for f in json.loads(row.pop("fields_json"))]
        return rows

    def template(self, name: str) -> dict:
        for template in self.templates():
            if template["name"] == name:
                return template
        raise UserError(f"No note template named '{name}'.")

    def save_template(self, name: str, template_fields: list[dict]) -> int:
        name = name.strip()
        if not name:
            raise UserError("A template needs a name.")
        check_length("template_name", name)
        template_fields = validate_template_fields(template_fields)
        with self.db.transaction() as conn:
            existing = conn.execute("SELECT id FROM note_templates WHERE name = ?", (name,)).fetchone()
            if existing:
                conn.execute("UPDATE note_templates SET fields_json = ?, updated_at = ? WHERE id = ?",
                             (json.dumps(template_fields), self.clock.iso(), existing[0]))
                template_id = existing[0]
            else:
                template_id = conn.execute(
                    "INSERT INTO note_templates (name, fields_json, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    (name, json.dumps(template_fields), self.clock.iso(), self.clock.iso())).lastrowid
            self.audit.append(conn, "template_saved", entity="template", entity_id=template_id)
        return template_id

    # ---- notes ----------------------------------------------------------------------------
    def create(self, appointment_id: int, template_name: str = DEFAULT_TEMPLATE,
               ai_summary: str | None = None, ai_model: str = "") -> int:
        """A draft note for an appointment; the AI summary (if given) fills the template's AI field."""
        template = self.template(template_name)
        if ai_summary is None:
            ai_summary, ai_model = self._ready_session_summary(appointment_id)
        values = {f["name"]: "" for f in template["fields"]}
        ai_field = next((f["name"] for f in template["fields"] if f["ai_summary"]), None)
        if ai_summary and ai_field:
            values[ai_field] = ai_summary
        with self.db.transaction() as conn:
            appointment = fetch_one(conn, "SELECT id, client_id FROM appointments WHERE id = ?", (appointment_id,),
                                    missing=f"No appointment with id {appointment_id}.")
            existing = conn.execute("SELECT id FROM progress_notes WHERE appointment_id = ?", (appointment_id,)).fetchone()
            if existing:
                raise UserError(f"Appointment {appointment_id} already has note {existing[0]}.")
            now = self.clock.iso()
            cursor = conn.execute(
                "INSERT INTO progress_notes (client_id, appointment_id, template_name, template_json, fields_json, "
                "ai_assisted, ai_model, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (appointment["client_id"], appointment_id, template["name"], json.dumps(template["fields"]),
                 json.dumps(values), int(bool(ai_summary and ai_field)), ai_model if ai_summary else "", now, now),
            )
            self.audit.append(conn, "note_created", entity="note", entity_id=cursor.lastrowid,
                              client_id=appointment["client_id"])
            return cursor.lastrowid

    def _ready_session_summary(self, appointment_id: int) -> tuple[str | None, str]:
        """The newest AI session summary drafted for the appointment, as note text (or None)."""
        with self.db.read() as conn:
            row = conn.execute("SELECT draft_json, model FROM session_drafts WHERE appointment_id = ? "
                               "ORDER BY id DESC LIMIT 1", (appointment_id,)).fetchone()
        if row is None:
            return None, ""
        from session_assistant.drafting.draft_result import Draft

        return Draft.from_json(json.loads(row[0])).as_text(), row[1]

    def get(self, note_id: int, *, audit_view: bool = False) -> dict:
        with self.db.transaction() if audit_view else self.db.read() as conn:
            note = fetch_one(conn, "SELECT * FROM progress_notes WHERE id = ?", (note_id,),
                             missing=f"No note with id {note_id}.")
            note["template"] = json.loads(note.pop("template_json"))
            note["fields"] = json.loads(note.pop("fields_json"))
            note["addenda"] = fetch_all(conn, "SELECT id, author, reason, text, created_at FROM note_addenda "
                                              "WHERE note_id = ? ORDER BY id", (note_id,))
            if audit_view:
                self.audit.append(conn, "note_viewed", entity="note", entity_id=note_id, client_id=note["client_id"])
        return note

    def set_field(self, note_id: int, field: str, text: str, *, ai_model: str | None = None) -> None:
        check_length("note_field", text)
        note = self.get(note_id)
        if note["status"] == "signed":
            raise ImmutableRecord(f"Note {note_id} is signed and cannot change; add an addendum instead.")
        names = [f["name"] for f in note["template"]]
        if field not in names:
            raise UserError(f"Note {note_id} has no field '{field}'. Fields: {', '.join(names)}.")
        note["fields"][field] = text
        with self.db.transaction() as conn:
            sets, params = "fields_json = ?, updated_at = ?", [json.dumps(note["fields"]), self.clock.iso()]
            if ai_model:
                sets += ", ai_assisted = 1, ai_model = ?"
                params.append(ai_model)
            conn.execute(f"UPDATE progress_notes SET {sets} WHERE id = ?", (*params, note_id))
            self.audit.append(conn, "note_edited", entity="note", entity_id=note_id, client_id=note["client_id"],
                              detail=f"field {field}")

    def sign(self, note_id: int, profile) -> str:
        """Sign as the clinician in ``profile``; returns the content hash. Signed notes never change."""
        note = self.get(note_id)
        if note["status"] == "signed":
            raise ImmutableRecord(f"Note {note_id} is already signed.")
        if not profile.name.strip():
            raise UserError("Set your name in the profile before signing (profile set --name ...).")
        if not any(str(v).strip() for v in note["fields"].values()):
            raise UserError(f"Note {note_id} is empty; write it before signing.")
        signed_at = self.clock.iso()
        content = {"note_id": note_id, "client_id": note["client_id"], "appointment_id": note["appointment_id"],
                   "template": note["template_name"], "fields": note["fields"], "signer": profile.name,
                   "credentials": profile.credentials, "licence": profile.licence_number, "signed_at": signed_at}
        content_hash = hashlib.sha256(canonical_json(content).encode()).hexdigest()
        with self.db.transaction() as conn:
            conn.execute("UPDATE progress_notes SET status = 'signed', signer_name = ?, signer_credentials = ?, "
                         "signer_licence = ?, signed_at = ?, content_hash = ?, updated_at = ? WHERE id = ?",
                         (profile.name, profile.credentials, profile.licence_number, signed_at, content_hash,
                          signed_at, note_id))
            self.audit.append(conn, "note_signed", entity="note", entity_id=note_id, client_id=note["client_id"],
                              detail=f"sha256 {content_hash}")
            queue_digest(conn, self.clock, "progress_note", note_id)
        return content_hash

    def add_addendum(self, note_id: int, text: str, reason: str, author: str) -> int:
        note = self.get(note_id)
        if note["status"] != "signed":
            raise UserError(f"Note {note_id} is a draft; edit it directly instead of adding an addendum.")
        if not text.strip() or not reason.strip():
            raise UserError("An addendum needs text and a reason.")
        check_length("addendum", text)
        check_length("reason", reason)
        with self.db.transaction() as conn:
            cursor = conn.execute("INSERT INTO note_addenda (note_id, author, reason, text, created_at) "
                                  "VALUES (?,?,?,?,?)", (note_id, author or "clinician", reason, text, self.clock.iso()))
            self.audit.append(conn, "addendum_added", entity="note", entity_id=note_id, client_id=note["client_id"])
            queue_digest(conn, self.clock, "progress_note", note_id)  # the digest quotes addenda too
            return cursor.lastrowid

    def delete_draft(self, note_id: int) -> None:
        note = self.get(note_id)
        if note["status"] == "signed":
            raise ImmutableRecord(f"Note {note_id} is signed and cannot be deleted.")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM progress_notes WHERE id = ?", (note_id,))
            self.audit.append(conn, "note_deleted", entity="note", entity_id=note_id, client_id=note["client_id"])

    def verify_hash(self, note_id: int) -> bool:
        note = self.get(note_id)
        if note["status"] != "signed":
            return False
        content = {"note_id": note_id, "client_id": note["client_id"], "appointment_id": note["appointment_id"],
                   "template": note["template_name"], "fields": note["fields"], "signer": note["signer_name"],
                   "credentials": note["signer_credentials"], "licence": note["signer_licence"],
                   "signed_at": note["signed_at"]}
        return hashlib.sha256(canonical_json(content).encode()).hexdigest() == note["content_hash"]
