"""The note editor: create from a template, edit with autosave, review the AI draft, sign, addendum.

The AI session summary lands in the template's AI field. Beside the text, each draft sentence can
be chosen to show the transcript lines it rests on; flagged sentences and the risk list are
listed there too. Refine and Enhance run on the engine pool with progress and cancel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QMessageBox, QPlainTextEdit, QWidget

from session_assistant.drafting.mental_status import carry_block, without_block
from session_assistant.errors import UserError
from session_assistant.services.notes import DEFAULT_TEMPLATE
from session_assistant.ui import engines
from session_assistant.ui.context import UiContext
from session_assistant.ui.dialogs import AddendumDialog
from session_assistant.ui.draft_review import risk_rows
from session_assistant.ui.mental_status import record_mental_status
from session_assistant.ui.note_editor_view import NoteEditorView
from session_assistant.ui.worker import Worker

log = logging.getLogger(__name__)
AUTOSAVE_MS = 800
FLAG_WORDS = {"ungrounded": "no transcript line supports it", "unsupported_number": "a number not in the transcript",
              "unsupported_dose": "a dose not in the transcript", "unsupported_name": "a name not in the transcript",
              "unsupported_medication": "a medication not in the transcript",
              "unsupported_date": "a date not in the transcript", "cut_short": "the sentence was cut off",
              "risk_statement": "risk language: the clinician documents risk",
              "echoes_instructions": "it repeats the drafting instructions, not the session",
              "age_removed": "the model guessed an age ({}) the transcript never states; it was taken out, "
                             "add the real one"}


def document_service_available() -> bool:
    try:
        import session_assistant.services.documents  # noqa: F401
    except ImportError:
        return False
    return True


def describe_flags(flags: list[str]) -> str:
    words = []
    for flag in flags:
        kind, _, detail = flag.partition(":")
        phrase = FLAG_WORDS.get(kind, kind.replace("_", " "))
        # "(34)" after "add the real one" would read as the real age, so such a phrase places its detail
        words.append(phrase.format(detail) if "{}" in phrase else phrase + (f" ({detail})" if detail else ""))
    return "; ".join(words)


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
        self.sentences.currentRowChanged.connect(self._on_sentences_row_changed)
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
        for field in note["template"]:
            label = field["label"] + ("  (AI session summary)" if field.get("ai_summary") else "")
            editor = self.add_field(label, note["fields"].get(field["name"], ""), signed)
            editor.textChanged.connect(lambda name=field["name"]: self._on_field_changed(name))
            self._editors[field["name"]] = editor
        self._dirty.clear()
        self.mental_status.show_status(self._ctx.practice.mental_status.current(note_id), read_only=signed)
        self.sign_button.setVisible(not signed)
        self.delete_button.setVisible(not signed)
        self.addendum_button.setVisible(signed)
        self.export_button.setVisible(signed and document_service_available())
        self.enhance_button.setVisible(not signed and not note["ai_assisted"] and self._ai_allowed())
        self.refine_button.setEnabled(not signed)
        self.refine_instruction.setEnabled(not signed)
        if signed:
            self.save_state.setText(f"Signed by {note['signer_name']} on {note['signed_at'][:16].replace('T', ' ')}"
                                    " · read-only")
        else:
            self.save_state.setText("Draft · saved")
        self.addenda.setText("".join(f"<p><b>Addendum {a['created_at'][:16].replace('T', ' ')}</b> by "
                                     f"{a['author']} ({a['reason']})<br>{a['text']}</p>" for a in note["addenda"]))
        self.addenda.setTextFormat(Qt.TextFormat.PlainText if not note["addenda"] else Qt.TextFormat.RichText)
        self._show_review()
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
        ai_text, model = None, ""
        if work and work.draft and any(f.get("ai_summary") for f in template["fields"]):
            ai_text, model = work.draft.as_text(), work.draft.model
        try:
            note_id = self._ctx.practice.notes.create(self.appointment_id, name, ai_summary=ai_text, ai_model=model)
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
        return True

    # ---- signing, addenda, delete ----------------------------------------------------------------
    def _on_sign_clicked(self) -> None:
        if self.note is None or not self.save():
            return
        profile = self._ctx.practice.profile.get()
        answer = QMessageBox.question(
            self, "Sign & Approve",
            f"Sign and approve this note as {profile.name or '(no name set)'}?\n\nA signed note can never be "
            "changed; corrections are added as addenda.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
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
        default = Path.home() / f"progress-note-{self.note['id']}.pdf"
        file, _ = QFileDialog.getSaveFileName(self, "Export the signed note as PDF", str(default), "PDF (*.pdf)")
        if file:
            self.export_to(Path(file), replace=True)  # the save dialog already asked before replacing

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

    # ---- the AI review panel -------------------------------------------------------------------
    def _show_review(self) -> None:
        work = self._ctx.sessions.get(self.appointment_id)
        if (work is None or work.draft is None) and self.appointment_id is not None:
            from session_assistant.ui.engines import stored_draft

            utterances, stored = stored_draft(self._ctx, self.appointment_id)  # persisted by the pipeline
            if stored is not None:
                work = self._ctx.session(self.appointment_id)
                work.utterances, work.draft = list(utterances), stored
        draft = work.draft if work else None
        self.review.setVisible(draft is not None)
        self.sentences.clear()
        self.risk.clear()
        self.evidence.clear()
        if draft is None:
            return
        for sentence in draft.sentences:
            flagged = bool(sentence.flags)
            item = QListWidgetItem(("⚑ " if flagged else "") + sentence.text)
            item.setData(Qt.ItemDataRole.UserRole, sentence)
            if flagged:
                item.setToolTip("Check this: " + describe_flags(sentence.flags))
                item.setForeground(QBrush(QColor("#b45309")))
            self.sentences.addItem(item)
        for sentence in draft.withheld:  # never in the note; shown so nothing is hidden from the clinician
            item = QListWidgetItem("⊘ Left out of the draft: " + sentence.text)
            item.setData(Qt.ItemDataRole.UserRole, sentence)
            item.setToolTip("Left out: " + describe_flags(sentence.flags))
            item.setForeground(QBrush(QColor("#6b7280")))
            self.sentences.addItem(item)
        self.risk.addItems(risk_rows(draft.risk))

    def _on_sentences_row_changed(self, row: int) -> None:
        work = self._ctx.sessions.get(self.appointment_id)
        item = self.sentences.item(row) if row >= 0 else None
        if item is None or work is None:
            self.evidence.clear()
            return
        sentence = item.data(Qt.ItemDataRole.UserRole)
        by_id = {u.id: u for u in work.utterances}
        lines = [by_id[i].line() for i in sentence.evidence if i in by_id]
        text = "\n".join(lines) or "No transcript line supports this sentence: check it before signing."
        if sentence.flags:
            text += "\n\nFlag: " + describe_flags(sentence.flags)
        self.evidence.setPlainText(text)

    def _ai_field(self) -> str | None:
        if self.note is None:
            return None
        return next((f["name"] for f in self.note["template"] if f.get("ai_summary")), None)

    def _on_refine_clicked(self) -> None:
        work = self._ctx.sessions.get(self.appointment_id)
        instruction = self.refine_instruction.text().strip()
        field = self._ai_field()
        if not (work and work.draft and instruction and field) or self._worker is not None:
            return
        ctx, current, utterances = self._ctx, work.draft, work.utterances
        self._run(lambda p, t: engines.refine(ctx, current, utterances, instruction, p, t), "Refining…",
                  lambda refined: self._apply_draft(refined, utterances, {field: refined.as_text()}))

    def _on_enhance_clicked(self) -> None:
        if self.note is None or self._worker is not None:
            return
        self.save()
        own = [without_block(e.toPlainText()) for e in self._editors.values()]  # never the checklist's lines
        text = "\n".join(t for t in own if t.strip())
        if not text.strip():
            QMessageBox.information(self, "Enhance", "Write your note first; Enhance tidies your own words.")
            return
        ctx, fmt, names = self._ctx, self._ctx.settings.note_format, list(self._editors)

        def apply(result) -> None:
            lines, enhanced = result
            if set(enhanced.format.keys) <= set(names):
                values = {key: enhanced.section_text(key) for key in enhanced.format.keys}
            else:
                values = {names[0]: enhanced.as_text()}
            self._apply_draft(enhanced, lines, values)

        self._run(lambda p, t: engines.enhance(ctx, text, fmt, p, t), "Enhancing…", apply)

    def _apply_draft(self, new_draft, utterances, values: dict[str, str]) -> None:
        work = self._ctx.session(self.appointment_id)
        work.draft, work.utterances = new_draft, list(utterances)
        for name, text in values.items():
            if name in self._editors:  # the clinician's mental status lines survive any redraft
                self._editors[name].setPlainText(carry_block(self._editors[name].toPlainText(), text))
                self._dirty.add(name)
        first = next(iter(values))
        if self.save() and self.note is not None and first in self._editors:  # marks the note AI-assisted
            self._ctx.practice.notes.set_field(self.note["id"], first, self._editors[first].toPlainText(),
                                               ai_model=new_draft.model)
        self._show_review()

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
