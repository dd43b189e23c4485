"""The note editor: create from a template, edit with autosave, review the AI draft, sign, addendum.

The AI draft goes where the template wants it (``drafting.template_fill``). Beside the text the
review panel (``note_review``) lists each draft sentence to accept, edit or remove, shows the
transcript lines it rests on, and the risk items to accept into the Risk field; Sign lists what is
still open. Refine and Enhance (``note_ai``) run on the engine pool with progress and cancel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget

from session_assistant.drafting.template_fill import AI, field_role
from session_assistant.errors import UserError
from session_assistant.services.notes import DEFAULT_TEMPLATE
from session_assistant.ui.common import engines  # noqa: F401 - engines: tests patch the engine calls through it
from session_assistant.ui.note import note_ai
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.dialogs import AddendumDialog, ask_pdf_path, confirm
from session_assistant.ui.note.mental_status import record_mental_status
from session_assistant.ui.note.note_editor_view import NoteEditorView
from session_assistant.ui.note.note_review import FLAG_WORDS, DraftReview, describe_flags  # noqa: F401 - tests import them here
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
        self.refine_button.setEnabled(not signed)
        self.refine_instruction.setEnabled(not signed)
        self.signed_banner.setVisible(signed)
        if signed:
            self.save_state.setText(f"Signed by {note['signer_name']} on {note['signed_at'][:16].replace('T', ' ')}"
                                    " · read-only")
        else:
            self.save_state.setText("Draft · saved")
        self.addenda.setText("".join(f"<p><b>Addendum {a['created_at'][:16].replace('T', ' ')}</b> by "
                                     f"{a['author']} ({a['reason']})<br>{a['text']}</p>" for a in note["addenda"]))
        self.addenda.setTextFormat(Qt.TextFormat.PlainText if not note["addenda"] else Qt.TextFormat.RichText)
        self.show_review()
        self.pages.setCurrentIndex(1)

    def _ai_allowed(self) -> bool:
        return self._ctx.practice.profile.get().ai_usage_consent

    # ---- creating and saving --------------------------------------------------------------------
    def _on_create_clicked(self) -> None:
        if self.appointment_id is None:
            return
        work = self._ctx.sessions.get(self.appointment_id)
        name = self.template.currentText()
        template = self._ctx.practice.notes.template(name)
        if any("ai_summary" not in f for f in template["fields"]):
            # Built-in templates are stored without the "ai_summary" key, which NoteService.create
            # indexes directly (KeyError); saving the template once stores its validated form.
            self._ctx.practice.notes.save_template(name, template["fields"])
        try:  # the draft goes where the template wants it; with none, the stored one (if any)
            note_id = self._ctx.practice.notes.create(self.appointment_id, name,
                                                      draft=work.draft if work and work.draft else None)
        except UserError as error:
            self.create_hint.setText(str(error))
            return
        self._load(note_id)
        self.changed.emit()

    def _on_field_changed(self, name: str) -> None:
        if self.note is None or self.note["status"] == "signed":
            return
        self._dirty.add(name)
        self.save_state.setText("Draft · editing…")
        self._autosave.start()

    def save(self) -> bool:
        """Write changed fields now; True if everything is saved."""
        self._autosave.stop()
        if self.note is None or not self._dirty:
            return True
        try:
            for name in sorted(self._dirty):
                self._ctx.practice.notes.set_field(self.note["id"], name, self._editors[name].toPlainText())
        except UserError as error:
            self.save_state.setText(str(error))
            return False
        self._dirty.clear()
        self.save_state.setText("Draft · saved")
        self.review_panel.after_save()  # the review list follows the clinician's edits
        return True

    def _on_service_code_edited(self) -> None:
        if self.note is None or self.note["status"] == "signed" or self.service_code.text() == self.note["service_code"]:
            return
        try:
            self.note["service_code"] = self._ctx.practice.notes.set_service_code(self.note["id"],
                                                                                  self.service_code.text())
        except UserError as error:
            self.save_state.setText(str(error))
            return
        self.service_code.setText(self.note["service_code"])
        self.save_state.setText("Draft · saved (service code)")

    # ---- signing, addenda, delete ----------------------------------------------------------------
    def _on_sign_clicked(self) -> None:
        if self.note is None or not self.save():
            return
        self._on_service_code_edited()
        profile = self._ctx.practice.profile.get()
        still_open = self.review_panel.open_lines()
        listed = ("\n\nStill open in the AI draft review:\n" + "\n".join(f"• {line}" for line in still_open)
                  if still_open else "")
        confirmed = confirm(
            self, "Sign & Approve",
            f"Sign and approve this note as {profile.name or '(no name set)'}?{listed}\n\nA signed note can never "
            "be changed; corrections are added as addenda.")
        if not confirmed:
            return
        try:
            self._ctx.practice.notes.sign(self.note["id"], profile)
        except UserError as error:
            QMessageBox.warning(self, "Not signed", str(error))
            return
        self._load(self.note["id"])
        self.changed.emit()

    def _on_addendum_clicked(self) -> None:
        if self.note is None:
            return
        dialog = AddendumDialog(self)
        if dialog.exec() != AddendumDialog.DialogCode.Accepted:
            return
        author = self._ctx.practice.profile.get().name
        try:
            self._ctx.practice.notes.add_addendum(self.note["id"], dialog.text.toPlainText(),
                                                  dialog.reason.text(), author)
        except UserError as error:
            QMessageBox.warning(self, "Addendum not added", str(error))
            return
        self._load(self.note["id"])
        self.changed.emit()

    def _on_export_clicked(self) -> None:
        if self.note is None or self._worker is not None:
            return
        path = ask_pdf_path(self, "Export the signed note as PDF", f"progress-note-{self.note['id']}.pdf")
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
        self.save_state.setText(f"Exported {record.path.name} (signed PDF, sha256 {record.sha256[:12]}…)")
        self.changed.emit()

    def _on_delete_clicked(self) -> None:
        if self.note is None:
            return
        if QMessageBox.question(self, "Delete draft", "Delete this draft note? This cannot be undone.") \
                != QMessageBox.StandardButton.Yes:
            return
        self._dirty.clear()
        self._ctx.practice.notes.delete_draft(self.note["id"])
        self.show_appointment(self.appointment_id)
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
