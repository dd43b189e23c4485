"""Exports over the vault: signing identity, signed PDFs, shared copies, client archives, consent form.

Every export is all-or-nothing: the bytes are built in memory, written to a hidden temporary file
in the target folder, and renamed into place inside the same vault transaction that records the
export (``exports`` row with the SHA-256) and its audit entry. Bad input (an unsigned or unknown
record, an unwritable folder, a weak passphrase) raises a one-line ``UserError`` before anything
reaches the disk.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from session_assistant.documents.from_chart import (
    assessment_document,
    note_document,
    plan_document,
    practice_header,
    summary_document,
)
from session_assistant.documents.identity import SigningIdentity, create_identity
from session_assistant.errors import UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.output_files import StagedOutput, checked_output
from session_assistant.services.appointments import AppointmentService
from session_assistant.services.assessments import INSTRUMENTS, AssessmentService
from session_assistant.services.base import fetch_all
from session_assistant.services.clients import CONSENT_FORM_VERSION, ClientService
from session_assistant.services.diagnoses import DiagnosisService
from session_assistant.services.notes import NoteService
from session_assistant.services.profile import ProfileService
from session_assistant.services.summaries import SummaryService
from session_assistant.services.treatment_plans import TreatmentPlanService
from session_assistant.vault.writer import writes

log = logging.getLogger(__name__)
# The PDF libraries (fpdf2, pyHanko, pypdf) are imported where a document is made: they cost
# about a second at start-up, which every CLI command that makes no document would pay.


@dataclass(frozen=True)
class ExportRecord:
    """What was written. ``passphrase`` is set only for a shared copy and must be shown once."""

    path: Path
    sha256: str
    kind: str
    entity_id: int | None
    shared: bool = False
    passphrase: str | None = None
    counts: dict | None = None

    def __repr__(self) -> str:  # keep the passphrase out of any log line
        return f"ExportRecord(kind={self.kind}, entity_id={self.entity_id}, sha256={self.sha256[:12]}…)"


class DocumentService:
    """Signed documents for one unlocked practice, over the chart services it is handed."""

    def __init__(self, vault, *, profile: ProfileService, clients: ClientService,
                 appointments: AppointmentService, notes: NoteService, summaries: SummaryService,
                 plans: TreatmentPlanService, assessments: AssessmentService, diagnoses: DiagnosisService) -> None:
        self.vault_folder = vault.folder
        self.db, self.audit, self.clock = vault.db, vault.audit, vault.clock
        self.profile, self.clients, self.appointments, self.notes = profile, clients, appointments, notes
        self.summaries, self.plans, self.assessments, self.diagnoses = summaries, plans, assessments, diagnoses

    # ---- signing identity ----------------------------------------------------------------
    def identity(self) -> SigningIdentity:
        """The current signing identity, created (and audited) on first use or after a name change."""
        profile = self.profile.get()
        if not profile.name.strip():
            raise UserError("Set your name in the profile before exporting signed documents "
                            "(profile set --name ...).")
        with self.db.read() as conn:
            row = conn.execute("SELECT subject_name, cert_pem, private_key_der FROM signing_identity "
                               "ORDER BY id DESC LIMIT 1").fetchone()
        if row and row[0] == profile.name.strip():
            return SigningIdentity(cert_pem=row[1].encode("ascii"), private_key_der=bytes(row[2]))
        return self._store_identity(create_identity(profile.name, profile.practice_name, now=self.clock.now()))

    @writes
    def _store_identity(self, identity: SigningIdentity) -> SigningIdentity:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO signing_identity (created_at, subject_name, fingerprint, cert_pem, "
                         "private_key_der) VALUES (?, ?, ?, ?, ?)",
                         (self.clock.iso(), identity.subject_name, identity.fingerprint,
                          identity.cert_pem.decode("ascii"), identity.private_key_der))
            self.audit.append(conn, "signing_identity_created", entity="signing_identity",
                              detail=f"certificate sha256 {identity.fingerprint}")
        return identity

    # ---- single documents ------------------------------------------------------------------
    def export_note(self, note_id: int, out: Path, *, force: bool = False) -> ExportRecord:
        note = self.notes.get(note_id)
        if note["status"] != "signed":
            raise UserError(f"Note {note_id} is not signed; sign it before exporting. Nothing was written.")
        client = self.clients.get(note["client_id"])
        appointment = (self.appointments.get(note["appointment_id"])
                       if note.get("appointment_id") else None)
        doc = note_document(note, client, appointment, self.profile.get())
        return self._export_pdf(doc, "note", note_id, note["client_id"], out, force=force)

    def export_summary(self, summary_id: int, out: Path, *, share: bool = False, force: bool = False) -> ExportRecord:
        summary = self.summaries.get(summary_id)
        if summary["status"] != "signed":
            raise UserError(f"Summary {summary_id} is not signed; sign it before exporting. Nothing was written.")
        client = self.clients.get(summary["client_id"])
        doc = summary_document(summary, client, self.profile.get())
        return self._export_pdf(doc, "summary", summary_id, summary["client_id"], out, share=share, force=force)

    def export_plan(self, plan_id: int, out: Path, *, force: bool = False) -> ExportRecord:
        plan = self.plans.get(plan_id)
        if plan["status"] != "signed":
            raise UserError(f"Plan {plan_id} is not signed; sign it before exporting. Nothing was written.")
        client = self.clients.get(plan["client_id"])
        return self._export_pdf(plan_document(plan, client, self.profile.get()), "plan", plan_id,
                                plan["client_id"], out, force=force)

    def export_assessment(self, assessment_id: int, out: Path, *, force: bool = False) -> ExportRecord:
        found = self.assessments.get(assessment_id)
        if found["status"] != "signed":
            raise UserError(f"Assessment {assessment_id} is not signed; sign it before exporting. "
                            "Nothing was written.")
        client = self.clients.get(found["client_id"])
        instrument = INSTRUMENTS.get(found["instrument"])
        doc = assessment_document(found, client, self.profile.get(), instrument.items if instrument else ())
        return self._export_pdf(doc, "assessment", assessment_id, found["client_id"], out, force=force)

    def _export_pdf(self, doc, kind: str, entity_id: int, client_id: int, out: Path, *,
                    share: bool = False, force: bool = False) -> ExportRecord:
        from session_assistant.documents.render import render_pdf
        from session_assistant.documents.share import share_copy
        from session_assistant.documents.signing import sign_pdf

        out = self._checked(out, force)
        identity = self.identity()
        pdf = render_pdf(doc)
        passphrase = None
        if share:
            copy = share_copy(pdf, identity)
            data, digest, passphrase = copy.data, copy.sha256, copy.passphrase
        else:
            signed = sign_pdf(pdf, identity)
            data, digest = signed.data, signed.sha256
        self._commit_file(out, data, kind, entity_id, client_id, digest, shared=share, force=force)
        return ExportRecord(out, digest, kind, entity_id, shared=share, passphrase=passphrase)

    # ---- client archive and consent form ---------------------------------------------------
    def export_client(self, client_id: int, out: Path, passphrase: str, *, on_progress: ProgressFn = no_progress,
                      cancel: CancelToken | None = None, kdf: dict | None = None, force: bool = False) -> ExportRecord:
        """Write the encrypted client archive (see ``documents.export``)."""
        from session_assistant.documents.export import build_client_export

        out = self._checked(out, force)
        self.clients.get(client_id)  # NotFound before any work
        identity = self.identity()
        on_progress(0.0, "Reading the chart")
        chart = self.gather_chart(client_id)
        built = build_client_export(chart, self.profile.get(), identity, passphrase, exported_at=self.clock.iso(),
                                    items_for=_assessment_items, on_progress=on_progress, cancel=cancel, kdf=kdf)
        self._commit_file(out, built.data, "client", client_id, client_id, built.sha256,
                          detail=f"{built.counts.get('documents', 0)} signed documents", force=force)
        return ExportRecord(out, built.sha256, "client", client_id, counts=built.counts)

    def export_consent_form(self, out: Path, *, force: bool = False) -> ExportRecord:
        from session_assistant.documents.consent import render_consent_form

        out = self._checked(out, force)
        profile = self.profile.get()
        clinician = ", ".join(p for p in (profile.name, profile.credentials) if p)
        data = render_consent_form(practice_header(profile), clinician, CONSENT_FORM_VERSION)
        digest = hashlib.sha256(data).hexdigest()
        self._commit_file(out, data, "consent_form", None, None, digest, detail=f"form {CONSENT_FORM_VERSION}",
                          force=force)
        return ExportRecord(out, digest, "consent_form", None)

    def gather_chart(self, client_id: int) -> dict:
        """Everything the vault holds for one client, as JSON-ready dicts (never audio)."""
        client = self.clients.get(client_id)
        with self.db.read() as conn:
            note_ids = [r[0] for r in conn.execute(
                "SELECT id FROM progress_notes WHERE client_id = ? ORDER BY created_at, id", (client_id,))]
            admin = fetch_all(conn, "SELECT id, appointment_id, kind, text, created_at FROM admin_notes "
                                    "WHERE client_id = ? ORDER BY id", (client_id,))
            audit = fetch_all(conn, "SELECT seq, at, actor, action, entity, entity_id, client_id, detail, mac "
                                    "FROM audit_log WHERE client_id = ? ORDER BY seq", (client_id,))
        return {
            "client": client,
            "consents": self.clients.consent_history(client_id),
            "diagnoses": self.diagnoses.list(client_id),
            "appointments": self.appointments.list(client_id=client_id),
            "admin_notes": admin,
            "assessments": self.assessments.list(client_id),
            "treatment_plans": self.plans.versions(client_id),
            "notes": [self.notes.get(note_id) for note_id in note_ids],
            "summaries": self.summaries.list(client_id, signed_only=True),
            "audit": audit,
        }

    # ---- writing ---------------------------------------------------------------------------
    def _checked(self, out: Path, force: bool) -> Path:
        """Before any work: never into the vault folder, never over a file without ``force``."""
        return checked_output(out, self.vault_folder, force=force)

    def _commit_file(self, out: Path, data: bytes, kind: str, entity_id, client_id, digest: str, *,
                     shared: bool = False, detail: str = "", force: bool = False) -> None:
        """Temp file, then record + audit + rename in one transaction; on any failure, no file."""
        staged = StagedOutput(out, self.vault_folder, force=force)
        staged.write(data)  # the bytes reach the disk here, on the caller's thread: the writer only records
        try:
            self._record_export(staged, out.name, kind, entity_id, client_id, digest, shared, detail)
        except BaseException:
            staged.discard()
            raise
        log.info("exported %s (%d bytes)", kind, len(data))

    @writes
    def _record_export(self, staged: StagedOutput, file_name: str, kind: str, entity_id, client_id, digest: str,
                       shared: bool, detail: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO exports (kind, entity_id, client_id, shared, content_sha256, created_at, "
                         "file_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (kind, entity_id, client_id, int(shared), digest, self.clock.iso(), file_name))
            note = f"sha256 {digest}" + (", shared copy (AES-256)" if shared else "") + (f", {detail}" if detail else "")
            self.audit.append(conn, f"{kind}_exported", entity=kind, entity_id=entity_id, client_id=client_id,
                              detail=note)
            staged.publish()  # raises (and rolls the record back) if the target appeared meanwhile


def _assessment_items(assessment: dict) -> tuple[str, ...]:
    found = INSTRUMENTS.get(assessment["instrument"])
    return found.items if found else ()
