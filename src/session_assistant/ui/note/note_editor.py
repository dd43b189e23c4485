"""The note editor: create from a template, edit with autosave, review the AI draft, sign, addendum.

The AI draft goes where the template wants it (``drafting.template_fill``). Beside the text the
review panel (``note_review``) lists each draft sentence to accept, edit or remove, shows the
transcript lines it rests on, and the risk items to accept into the Risk field; Sign lists what is
still open. Refine and Enhance (``note_ai``) run on the engine pool with progress and cancel.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget

from session_assistant.documents.model import format_timestamp
from session_assistant.ui.note.addenda_text import addenda_html
from session_assistant.drafting.template_fill import AI, field_role
from session_assistant.services.notes import DEFAULT_TEMPLATE
from session_assistant.ui.common import engines  # noqa: F401 - engines: tests patch the engine calls through it
from session_assistant.ui.note import note_ai
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.dialogs import AddendumDialog, ask_pdf_path, confirm, note_pdf_name
from session_assistant.ui.note.mental_status import record_mental_status
from session_assistant.ui.note.note_editor_view import NoteEditorView
from session_assistant.ui.note.note_review import FLAG_WORDS, DraftReview, describe_flags  # noqa: F401 - tests import them here
from session_assistant.ui.note.note_review import empty_parts
from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.common.worker import Worker

log = logging.getLogger(__name__)
AUTOSAVE_MS = 800


class NoteEditorPage(NoteEditorView):
    """Edits the note of one appointment. Emits ``changed()`` after saves, signing and addenda."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.appointment_id: int | None = None
        self.note: dict | None = None
        self._editors: dict[str, QPlainTextEdit] = {}
        self._dirty: set[str] = set()
        self._worker: Worker | None = None
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.addendum_button.clicked.connect(self._on_addendum_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.refine_button.clicked.connect(self._on_refine_clicked)
        self.refine_instruction.returnPressed.connect(self._on_refine_clicked)
        self.enhance_button.clicked.connect(self._on_enhance_clicked)
        self.service_code.editingFinished.connect(self._on_service_code_edited)
        self.review_panel = DraftReview(self)
        self.busy.cancel_clicked.connect(lambda: self._worker and self._worker.cancel())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.export_button.hide()
        self.mental_status.status_changed.connect(lambda status: record_mental_status(self, status))
        self.show_appointment(None)

    # ---- loading ------------------------------------------------------------------------------
    def show_appointment(self, appointment_id: int | None) -> None:
        self.save()
        self.appointment_id = appointment_id
        self.note = None
        self._editors.clear()
        self.clear_fields()
        self.signed_banner.hide()
        self.show_empty(appointment_id is None)
        if appointment_id is None:
            self.title.setText("Progress note")
            self.subtitle.setText("")
            self.create_hint.setText("Choose an appointment in the agenda, then open or create its note.")
            self.create_button.setEnabled(False)
            self.template.setEnabled(False)
            self.pages.setCurrentIndex(0)
            return
        practice = self._ctx.practice
        appointment = practice.appointments.get(appointment_id)
        client = practice.clients.get(appointment["client_id"])
        self.title.setText(f"Progress note: {client['first_name']} {client['last_name']}")
        self.subtitle.setText(f"Session {appointment['starts_at'].replace('T', ' ')}, {appointment['minutes']} min")
        note_id = self._note_id_for(appointment_id, appointment["client_id"])
        if note_id is None:
            self._offer_create()
        else:
            self._load(note_id)

    def _note_id_for(self, appointment_id: int, client_id: int) -> int | None:
        for row in self._ctx.practice.appointments.list(client_id=client_id):
            if row["id"] == appointment_id:
                return row["note_id"]
        return None

    def _offer_create(self) -> None:
        work = self._ctx.sessions.get(self.appointment_id)
        self.template.clear()
        for template in self._ctx.practice.notes.templates():
            self.template.addItem(template["name"])
        has_draft = bool(work and work.draft)
        wanted = DEFAULT_TEMPLATE if has_draft else "SOAP Note (manual)"
        self.template.setCurrentIndex(max(0, self.template.findText(wanted)))
        self.template.setEnabled(True)
        self.create_button.setEnabled(True)
        self.create_hint.setText("The AI session summary is ready: create the note to review it." if has_draft
                                 else "This session has no note yet. Choose a template and create it.")
        self.pages.setCurrentIndex(0)

    def _load(self, note_id: int) -> None:
        self.note = note = self._ctx.practice.notes.get(note_id, audit_view=True)
        signed = note["status"] == "signed"
        self._editors.clear()
        self.clear_fields()
        self.service_code.setText(note["service_code"])
        self.service_code.setReadOnly(signed)
        diagnoses = "; ".join(f"{d['code']} {d['description']}" for d in note["diagnoses"])
        self.diagnosis.setText(f"Diagnosis: {diagnoses or 'none recorded for the session date'}")
        for field in note["template"]:
            label = field["label"] + ("  (AI session summary)" if field_role(field) == AI else "")
            editor = self.add_field(label, note["fields"].get(field["name"], ""), signed)
            editor.textChanged.connect(lambda name=field["name"]: self._on_field_changed(name))
            self._editors[field["name"]] = editor
        self._dirty.clear()
        self.mental_status.show_status(self._ctx.practice.mental_status.current(note_id), read_only=signed)
        self.sign_button.setVisible(not signed)
        self.delete_button.setVisible(not signed)
        self.addendum_button.setVisible(signed)
        self.export_button.setVisible(signed)
        self.enhance_button.setVisible(not signed and not note["ai_assisted"] and self._ai_allowed())
        self.refine_button.setVisible(not signed)
        self.refine_instruction.setVisible(not signed)
        self.signed_banner.setVisible(signed)
        if signed:
            # Local time with its offset, as the PDF prints it (the store keeps UTC).
            self.save_state.setText(f"Signed by {note['signer_name']} on {format_timestamp(note['signed_at'])}"
                                    " · read-only")
        else:
            self.save_state.setText("Draft · saved")
        self.addenda.setText(addenda_html(note["addenda"]))  # escaped rich text ("" without addenda)
        self.show_review()
        self.pages.setCurrentIndex(1)

    def _ai_allowed(self) -> bool:
        return self._ctx.practice.profile.get().ai_usage_consent

    # ---- creating and saving --------------------------------------------------------------------
    def _on_create_clicked(self) -> None:
        if self.appointment_id is None:
            return
        work = self._ctx.sessions.get(self.appointment_id)
        name, appointment_id, notes = self.template.currentText(), self.appointment_id, self._ctx.practice.notes
        template = notes.template(name)
        draft = work.draft if work and work.draft else None  # with none, the stored one (if any)

        def write() -> int:
            if any("ai_summary" not in f for f in template["fields"]):
                # Built-in templates are stored without the "ai_summary" key, which NoteService.create
                # indexes directly (KeyError); saving the template once stores its validated form.
                notes.save_template(name, template["fields"])
            return notes.create(appointment_id, name, draft=draft)  # the draft goes where the template wants it

        self.create_button.setEnabled(False)  # one note, even if the writer is busy
        VaultOp(self._ctx.practice, write, parent=self) \
            .success(lambda note_id: self._created(appointment_id, note_id)) \
            .failure(lambda message: self._create_refused(appointment_id, message)).run()

    def _created(self, appointment_id: int, note_id: int) -> None:
        self.create_button.setEnabled(True)
        if self.appointment_id == appointment_id and self.note is None:
            self._load(note_id)
        self.changed.emit()

    def _create_refused(self, appointment_id: int, message: str) -> None:
        self.create_button.setEnabled(True)
        if self.appointment_id == appointment_id:
            self.create_hint.setText(message)

    def _on_field_changed(self, name: str) -> None:
        if self.note is None or self.note["status"] == "signed":
            return
        self._dirty.add(name)
        self.save_state.setText("Draft · editing…")
        self._autosave.start()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Write the changed fields (``VaultOp``: in order, after whatever the writer has queued).

        ``then`` runs once they are stored (at once when nothing changed; never when refused).
        True if everything is saved when this returns; False if refused or still on its way.
        """
        self._autosave.stop()
        if self.note is None or not self._dirty:
            if then is not None:
                then()
            return True
        note_id, notes = self.note["id"], self._ctx.practice.notes
        values = {name: self._editors[name].toPlainText() for name in sorted(self._dirty)}
        self._dirty.clear()  # edits made while this write waits mark their field again
        self.save_state.setText("Draft · saving…")

        def write() -> None:
            for name, text in values.items():
                notes.set_field(note_id, name, text)

        landed: list[bool] = []

        def saved(_none) -> None:
            landed.append(True)
            if not self._shows(note_id):
                return
            if not self._dirty:
                self.save_state.setText("Draft · saved")
            self.review_panel.after_save()  # the review list follows the clinician's edits
            if then is not None:
                then()

        def refused(message: str) -> None:
            if self._shows(note_id):
                self._dirty.update(name for name in values if name in self._editors)
                self.save_state.setText(message)

        VaultOp(self._ctx.practice, write, parent=self).success(saved).failure(refused).run()
        return bool(landed)

    def _shows(self, note_id: int) -> bool:
        """Still showing that note (a write's answer may come after the clinician moved on)."""
        return self.note is not None and self.note["id"] == note_id

    def _on_service_code_edited(self, then: Callable[[], None] | None = None) -> None:
        if self.note is None or self.note["status"] == "signed" or self.service_code.text() == self.note["service_code"]:
            if then is not None:
                then()
            return
        note_id, code = self.note["id"], self.service_code.text()

        def stored(normalised: str) -> None:
            if self._shows(note_id):
                self.note["service_code"] = normalised
                self.service_code.setText(normalised)
                self.save_state.setText("Draft · saved (service code)")
                if then is not None:
                    then()

        VaultOp(self._ctx.practice, lambda: self._ctx.practice.notes.set_service_code(note_id, code), parent=self) \
            .success(stored).failure(lambda message: self._shows(note_id) and self.save_state.setText(message)).run()

    # ---- signing, addenda, delete ----------------------------------------------------------------
    def _on_sign_clicked(self) -> None:
        if self.note is None:
            return
        note_id = self.note["id"]
        # Sign what the screen shows: the edits and the service code are stored first.
        self.save(then=lambda: self._shows(note_id) and self._on_service_code_edited(then=self._confirm_sign))

    def _confirm_sign(self) -> None:
        profile = self._ctx.practice.profile.get()
        still_open = self.review_panel.open_lines()
        listed = ("\n\nStill open in the AI draft review:\n" + "\n".join(f"• {line}" for line in still_open)
                  if still_open else "")
        empty = empty_parts(self.note["template"], self.review_panel.field_texts())
        listed += "\n\nEmpty in the note:\n" + "\n".join(f"• {part}" for part in empty) if empty else ""
        confirmed = confirm(
            self, "Sign & Approve",
            f"Sign and approve this note as {profile.name or '(no name set)'}?{listed}\n\nA signed note can never "
            "be changed; corrections are added as addenda.")
        if not confirmed:
            return
        note_id, notes = self.note["id"], self._ctx.practice.notes
        self.sign_button.setEnabled(False)  # one signature, even if the writer is busy
        VaultOp(self._ctx.practice, lambda: notes.sign(note_id, profile), parent=self, title="Not signed") \
            .success(lambda _signed: self._after_write(note_id)) \
            .failure(lambda message: self._write_refused(note_id, "Not signed", message)).run()

    def _after_write(self, note_id: int) -> None:
        """A sign or addendum landed: show the stored note again."""
        self.sign_button.setEnabled(True)
        if self._shows(note_id):
            self._load(note_id)
        self.changed.emit()

    def _write_refused(self, note_id: int, title: str, message: str) -> None:
        self.sign_button.setEnabled(True)
        if self._shows(note_id):
            QMessageBox.warning(self, title, message)

    def _on_addendum_clicked(self) -> None:
        if self.note is None:
            return
        dialog = AddendumDialog(self)
        if dialog.exec() != AddendumDialog.DialogCode.Accepted:
            return
        note_id, notes = self.note["id"], self._ctx.practice.notes
        text, reason = dialog.text.toPlainText(), dialog.reason.text()
        # Named as the signature names the signer: an addendum's author is accountable the same way.
        author = self._ctx.practice.profile.get().name_with_credentials
        VaultOp(self._ctx.practice, lambda: notes.add_addendum(note_id, text, reason, author), parent=self) \
            .success(lambda _id: self._after_write(note_id)) \
            .failure(lambda message: self._write_refused(note_id, "Addendum not added", message)).run()

    def _on_export_clicked(self) -> None:
        if self.note is None or self._worker is not None:
            return
        appointment = self._ctx.practice.appointments.get(self.appointment_id) if self.appointment_id else None
        name = note_pdf_name(self.note, appointment["starts_at"] if appointment else None)
        path = ask_pdf_path(self, "Export the signed note as PDF", name)
        if path is not None:
            self.export_to(path, replace=True)

    def export_to(self, path: Path, replace: bool = False) -> None:
        """Write the signed, digitally signed PDF (vault pool); the export is recorded and audited."""
        service, note_id = self._ctx.practice.documents, self.note["id"]
        self.busy.start("Exporting the signed PDF…", cancellable=False)
        self._worker = worker = Worker(lambda p, t: service.export_note(note_id, path, force=replace), "export note")
        worker.finished.connect(lambda record: (self._end_work(), self._on_exported(record)))
        worker.failed.connect(lambda text: (self._end_work(), QMessageBox.warning(self, "Export", text)))
        worker.cancelled.connect(self._end_work)
        self._ctx.pools.run(worker, "vault")

    def _on_exported(self, record) -> None:
        self.last_export = record
        # Where it went, in words; the checksum is for whoever verifies the file, so only in the tooltip.
        folder = record.path.parent.name or str(record.path.parent)
        self.save_state.setText(f"Saved the signed PDF {record.path.name} in the folder {folder}.")
        self.save_state.setToolTip(f"{record.path}\nSHA-256 {record.sha256}")
        self.changed.emit()

    def _on_delete_clicked(self) -> None:
        if self.note is None:
            return
        if QMessageBox.question(self, "Delete draft", "Delete this draft note? This cannot be undone.") \
                != QMessageBox.StandardButton.Yes:
            return
        self._dirty.clear()
        note_id, appointment_id = self.note["id"], self.appointment_id
        VaultOp(self._ctx.practice, lambda: self._ctx.practice.notes.delete_draft(note_id), parent=self,
                title="Draft not deleted").success(lambda _none: self._after_delete(note_id, appointment_id)).run()

    def _after_delete(self, note_id: int, appointment_id: int | None) -> None:
        if self._shows(note_id):
            self.show_appointment(appointment_id)
        self.changed.emit()

    # ---- the AI review panel and actions --------------------------------------------------------
    def show_review(self) -> None:
        """Show the review of the session's AI draft (loaded from the vault when not in memory)."""
        work = self._ctx.sessions.get(self.appointment_id)
        if (work is None or work.draft is None) and self.appointment_id is not None:
            from session_assistant.ui.common.engines import stored_draft

            utterances, stored = stored_draft(self._ctx, self.appointment_id)  # persisted by the pipeline
            if stored is not None:
                work = self._ctx.session(self.appointment_id)
                work.utterances, work.draft = list(utterances), stored
        draft = work.draft if work else None
        transcript = (self._ctx.practice.sessions.view_transcript(self.appointment_id)  # shown: audited
                      if draft is not None else None)
        self.review_panel.show(draft, work.utterances if work else [], transcript)

    def _ai_field(self) -> str | None:
        if self.note is None:
            return None
        return next((f["name"] for f in self.note["template"] if f.get("ai_summary")), None)

    def _on_refine_clicked(self) -> None:
        note_ai.refine(self)

    def _on_enhance_clicked(self) -> None:
        note_ai.enhance(self)

    def _apply_draft(self, new_draft, utterances, values: dict[str, str]) -> None:
        note_ai.apply_draft(self, new_draft, utterances, values)

    def _run(self, fn, message: str, on_done) -> None:
        self.busy.start(message)
        self._worker = worker = Worker(fn, "note ai")
        worker.progress.connect(self.busy.show_progress)
        worker.finished.connect(lambda result: (self._end_work(), self._ctx.practice is not None and on_done(result)))
        worker.failed.connect(lambda text: (self._end_work(), QMessageBox.warning(self, "AI", text)))
        worker.cancelled.connect(self._end_work)
        self._ctx.pools.run(worker)

    def _end_work(self) -> None:
        self._worker = None
        self.busy.done()

    def teardown(self) -> None:
        self.save()
        if self._worker is not None:
            self._worker.cancel()
