"""Progress notes and their templates: draft, edit, sign (immutable), addenda.

The AI draft is content, never a signature: only ``sign`` (called by the clinician) signs.

Besides the template's fields a note holds a little more in the same record (``META_KEY`` in
``fields_json``, so no schema change): the service code, the clinician's review of the AI draft,
and, from signing on, the diagnoses active on the session date. The service code and the
diagnoses are part of the signed content; the review is not (it records how, not what).
"""

from __future__ import annotations

import hashlib
import json
import re

from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.services.base import Service, canonical_json, fetch_all, fetch_one
from session_assistant.services.digest_jobs import queue_digest
from session_assistant.services.limits import check_length
from session_assistant.vault.writer import writes

DEFAULT_TEMPLATE = "AI Session Summary"
META_KEY = "_meta"  # never a template field name (validate_template_fields refuses a leading "_")
# CPT (90834), its category II/III forms (1234F, 0362T) or HCPCS level II (H0031), with up to two
# modifiers (90837-95).
SERVICE_CODE = re.compile(r"^(\d{4}[0-9FT]|[A-Z]\d{4})(-[0-9A-Z]{2}){0,2}$")
BUILTIN_TEMPLATES = {
    DEFAULT_TEMPLATE: [
        {"name": "session_summary", "label": "Session Summary", "ai_summary": True},
        {"name": "risk_assessment", "label": "Risk Assessment"},
        {"name": "next_session", "label": "Plan for Next Session"},
    ],
    # One part per field; the AI field takes only what has no field of its own (nothing, here).
    "SOAP Note (AI, one field per part)": [
        {"name": "subjective", "label": "Subjective", "ai_summary": True},
        {"name": "objective", "label": "Objective"},
        {"name": "assessment", "label": "Assessment"},
        {"name": "plan", "label": "Plan"},
        {"name": "risk", "label": "Risk"},
    ],
    "DAP Note (AI, one field per part)": [
        {"name": "data", "label": "Data", "ai_summary": True},
        {"name": "assessment", "label": "Assessment"},
        {"name": "plan", "label": "Plan"},
        {"name": "risk", "label": "Risk"},
    ],
    "BIRP Note (AI, one field per part)": [
        {"name": "behavior", "label": "Behavior", "ai_summary": True},
        {"name": "intervention", "label": "Intervention"},
        {"name": "response", "label": "Response"},
        {"name": "plan", "label": "Plan"},
        {"name": "risk", "label": "Risk"},
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
    if any(n.startswith("_") for n in names):
        raise UserError("Template field names cannot start with '_'.")
    if sum(1 for f in template_fields if f.get("ai_summary")) > 1:
        raise UserError("Only one field of a template can receive the AI session summary.")
    return [{"name": f["name"].strip(), "label": f.get("label") or f["name"], "ai_summary": bool(f.get("ai_summary"))}
            for f in template_fields]


class NoteService(Service):
    # ---- templates ------------------------------------------------------------------------
    @writes
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

    @writes
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
    @writes
    def create(self, appointment_id: int, template_name: str = DEFAULT_TEMPLATE,
               ai_summary: str | None = None, ai_model: str = "", *, draft=None) -> int:
        """A draft note for an appointment.

        ``draft`` (a drafting ``Draft``; by default the newest one stored for the appointment) goes
        where the template wants it (``template_fill.fill``): each section in its own field, the
        rest in the AI field. ``ai_summary``, a plain text, fills only the AI field. A template with
        no AI field is the clinician's to write: it gets neither.
        """
        from session_assistant.drafting.template_fill import fill

        template = self.template(template_name)
        values = {f["name"]: "" for f in template["fields"]}
        if not any(f["ai_summary"] for f in template["fields"]):
            ai_summary = draft = None
        elif ai_summary is None and draft is None:
            draft = self._ready_draft(appointment_id)
        if draft is not None:
            values.update({k: v for k, v in fill(template["fields"], draft).values.items() if k in values})
            ai_model = draft.model
        else:
            ai_field = next((f["name"] for f in template["fields"] if f["ai_summary"]), None)
            if ai_summary and ai_field:
                values[ai_field] = ai_summary
        ai_assisted = any(v.strip() for v in values.values())
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
                 json.dumps(values), int(ai_assisted), ai_model if ai_assisted else "", now, now),
            )
            self.audit.append(conn, "note_created", entity="note", entity_id=cursor.lastrowid,
                              client_id=appointment["client_id"])
            return cursor.lastrowid

    def _ready_draft(self, appointment_id: int):
        """The newest AI session draft stored for the appointment (a ``Draft``), or None."""
        with self.db.read() as conn:
            row = conn.execute("SELECT draft_json, model FROM session_drafts WHERE appointment_id = ? "
                               "ORDER BY id DESC LIMIT 1", (appointment_id,)).fetchone()
        if row is None:
            return None
        from session_assistant.drafting.draft_result import Draft

        draft = Draft.from_json(json.loads(row[0]))
        draft.model = draft.model or row[1]
        return draft

    def get(self, note_id: int, *, audit_view: bool = False) -> dict:
        if audit_view:  # audited: a write, so on the writer (the read and its audit row in one transaction)
            return self.db.writer.call(lambda: self._get(note_id, audit_view=True))
        return self._get(note_id)

    def _get(self, note_id: int, *, audit_view: bool = False) -> dict:
        with self.db.transaction() if audit_view else self.db.read() as conn:
            note = fetch_one(conn, "SELECT * FROM progress_notes WHERE id = ?", (note_id,),
                             missing=f"No note with id {note_id}.")
            note["template"] = json.loads(note.pop("template_json"))
            note["fields"] = json.loads(note.pop("fields_json"))
            meta = note["fields"].pop(META_KEY, None) or {}
            note["service_code"] = meta.get("service_code", "")
            note["review"] = meta.get("review") or {}
            # As signed when signed with them; else (a draft, or signed before they were kept) as of now.
            note["diagnoses_as_signed"] = "diagnoses" in meta
            note["diagnoses"] = meta["diagnoses"] if "diagnoses" in meta else self._diagnoses_on(conn, note)
            note["addenda"] = fetch_all(conn, "SELECT id, author, reason, text, created_at FROM note_addenda "
                                              "WHERE note_id = ? ORDER BY id", (note_id,))
            if audit_view:
                self.audit.append(conn, "note_viewed", entity="note", entity_id=note_id, client_id=note["client_id"])
        return note

    @writes
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
            sets, params = "fields_json = ?, updated_at = ?", [self._fields_json(note), self.clock.iso()]
            if ai_model:
                sets += ", ai_assisted = 1, ai_model = ?"
                params.append(ai_model)
            conn.execute(f"UPDATE progress_notes SET {sets} WHERE id = ?", (*params, note_id))
            self.audit.append(conn, "note_edited", entity="note", entity_id=note_id, client_id=note["client_id"],
                              detail=f"field {field}")

    @staticmethod
    def _stored_meta(note: dict) -> dict:
        return {"service_code": note["service_code"], "review": note["review"],
                "diagnoses": note["diagnoses"] if note["diagnoses_as_signed"] else None}

    @classmethod
    def _fields_json(cls, note: dict, **meta) -> str:
        stored = {**cls._stored_meta(note), **meta}
        # An empty diagnosis list is kept: "none on the session date" is what was signed.
        stored = {k: v for k, v in stored.items() if v not in ("", None, {})}
        return json.dumps({**note["fields"], **({META_KEY: stored} if stored else {})})

    @staticmethod
    def _diagnoses_on(conn, note: dict) -> list[dict]:
        """The client's diagnoses active on the session date: ``[{"code", "description"}]``."""
        row = conn.execute("SELECT starts_at FROM appointments WHERE id = ?", (note["appointment_id"],)).fetchone()
        day = (row[0] if row else note["created_at"])[:10]
        return fetch_all(conn, "SELECT code, description FROM diagnoses WHERE client_id = ? "
                               "AND (onset_date IS NULL OR onset_date <= ?) AND (resolved_date IS NULL OR resolved_date > ?) "
                               "ORDER BY id", (note["client_id"], day, day))

    def _draft_note(self, note_id: int) -> dict:
        note = self.get(note_id)
        if note["status"] == "signed":
            raise ImmutableRecord(f"Note {note_id} is signed and cannot change; add an addendum instead.")
        return note

    @writes
    def set_service_code(self, note_id: int, code: str) -> str:
        """Store the service (CPT or HCPCS) code billed for the session; an empty code clears it.

        Raises:
            UserError: the code is not shaped like one (e.g. 90834, 90837-95, H0031).
        """
        code = (code or "").strip().upper()
        if code and not SERVICE_CODE.match(code):
            # The text typed is not repeated: a mistyped field may hold anything, errors hold no PHI.
            raise UserError("That is not a service code: use a CPT or HCPCS code such as 90834, 90837-95 or H0031.")
        note = self._draft_note(note_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE progress_notes SET fields_json = ?, updated_at = ? WHERE id = ?",
                         (self._fields_json(note, service_code=code), self.clock.iso(), note_id))
            self.audit.append(conn, "note_edited", entity="note", entity_id=note_id, client_id=note["client_id"],
                              detail="service code")
        return code

    @writes
    def set_review(self, note_id: int, review: dict) -> None:
        """Store the clinician's review of the AI draft (``drafting.note_review``'s state)."""
        note = self._draft_note(note_id)
        check_length("note_field", json.dumps(review))
        with self.db.transaction() as conn:
            conn.execute("UPDATE progress_notes SET fields_json = ?, updated_at = ? WHERE id = ?",
                         (self._fields_json(note, review=review), self.clock.iso(), note_id))
            self.audit.append(conn, "note_reviewed", entity="note", entity_id=note_id, client_id=note["client_id"])

    @staticmethod
    def _signed_content(note: dict, signer: str, credentials, licence, signed_at: str, meta: dict) -> dict:
        content = {"note_id": note["id"], "client_id": note["client_id"], "appointment_id": note["appointment_id"],
                   "template": note["template_name"], "fields": note["fields"], "signer": signer,
                   "credentials": credentials, "licence": licence, "signed_at": signed_at}
        # Only when present, so notes signed before these existed still verify.
        content.update({k: meta[k] for k in ("service_code", "diagnoses") if meta.get(k)})
        return content

    @writes
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
        with self.db.transaction() as conn:
            # The diagnoses are those of the session date, kept as signed: a later change to the
            # diagnosis list never changes what this note was signed under.
            meta = {**self._stored_meta(note), "diagnoses": self._diagnoses_on(conn, note)}
            content = self._signed_content(note, profile.name, profile.credentials, profile.licence_number,
                                           signed_at, meta)
            content_hash = hashlib.sha256(canonical_json(content).encode()).hexdigest()
            conn.execute("UPDATE progress_notes SET status = 'signed', signer_name = ?, signer_credentials = ?, "
                         "signer_licence = ?, signed_at = ?, content_hash = ?, updated_at = ?, fields_json = ? "
                         "WHERE id = ?",
                         (profile.name, profile.credentials, profile.licence_number, signed_at, content_hash,
                          signed_at, self._fields_json(note, diagnoses=meta["diagnoses"]), note_id))
            self.audit.append(conn, "note_signed", entity="note", entity_id=note_id, client_id=note["client_id"],
                              detail=f"sha256 {content_hash}")
            queue_digest(conn, self.clock, "progress_note", note_id)
        return content_hash

    @writes
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

    @writes
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
        content = self._signed_content(note, note["signer_name"], note["signer_credentials"], note["signer_licence"],
                                       note["signed_at"], self._stored_meta(note))
        return hashlib.sha256(canonical_json(content).encode()).hexdigest() == note["content_hash"]
