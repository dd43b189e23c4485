"""Settings: profile, privacy and security, models, templates.

Clinical values (profile, AI Usage Consent, templates) go to the vault; window preferences
(auto-lock minutes, chosen models, draft format) go to the typed, PHI-free UI settings file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QListWidgetItem, QTableWidgetItem, QWidget

from session_assistant.ui.settings.appearance_settings import AppearanceTab
from session_assistant.ui.settings.backup_settings import BackupSettingsTab
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.settings.settings_view import SettingsView
from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.common.worker import Worker


class SettingsDialog(SettingsView):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._worker: Worker | None = None
        profile = ctx.practice.profile.get()
        for key, edit in self.profile_edits.items():
            edit.setText(getattr(profile, key))
        self.ai_consent.setChecked(profile.ai_usage_consent)
        self.auto_lock.setValue(ctx.settings.auto_lock_minutes)
        self.save_profile.clicked.connect(self._on_save_profile_clicked)
        self.ai_consent.toggled.connect(self._on_ai_consent_toggled)
        self.auto_lock.valueChanged.connect(self._on_auto_lock_changed)
        self.new_pass.textChanged.connect(self.meter.update_for)
        self.change_pass.clicked.connect(self._on_change_pass_clicked)
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.audit_button.clicked.connect(self._on_audit_clicked)
        self.privacy_busy.cancel_clicked.connect(lambda: self._worker and self._worker.cancel())
        self.whisper_model.currentIndexChanged.connect(self._on_models_changed)
        self.note_model.currentIndexChanged.connect(self._on_models_changed)
        self.note_format.currentIndexChanged.connect(self._on_models_changed)
        self.measure_button.clicked.connect(self._on_measure_clicked)
        self.models_busy.cancel_clicked.connect(lambda: self._speed_worker and self._speed_worker.cancel())
        self._speed_worker: Worker | None = None
        self.template_list.currentItemChanged.connect(self._on_template_current_changed)
        self.add_field.clicked.connect(lambda: self._add_field_row("", "", False))
        self.remove_field.clicked.connect(lambda: self.template_fields.removeRow(self.template_fields.currentRow()))
        self.new_template.clicked.connect(self._on_new_template_clicked)
        self.save_template.clicked.connect(self._on_save_template_clicked)
        self.backups_tab = BackupSettingsTab(ctx)
        self.tabs.addTab(self.backups_tab, "Back&ups")
        self.appearance_tab = AppearanceTab(ctx)
        self.tabs.addTab(self.appearance_tab, "&Appearance")
        self._load_formats()
        self._load_templates()
        self._list_models()

    # ---- profile and privacy -------------------------------------------------------------------
    def _on_save_profile_clicked(self) -> None:
        profile, values = self._ctx.practice.profile, {k: e.text() for k, e in self.profile_edits.items()}
        VaultOp(self._ctx.practice, lambda: profile.update(**values), parent=self) \
            .success(lambda _profile: self.profile_message.setText("Saved.")) \
            .failure(self.profile_message.setText).run()

    def _on_ai_consent_toggled(self, on: bool) -> None:
        profile = self._ctx.practice.profile
        VaultOp(self._ctx.practice, lambda: profile.update(ai_usage_consent=on), parent=self) \
            .success(lambda _profile: self.privacy_message.setText(
                "AI Usage Consent is on." if on
                else "AI Usage Consent is off: no recording, transcription or drafting.")) \
            .failure(self.privacy_message.setText).run()

    def _on_auto_lock_changed(self, minutes: int) -> None:
        self._ctx.settings.auto_lock_minutes = minutes
        self._ctx.save_settings()
        window = self.parent()
        while window is not None and not hasattr(window, "auto_lock"):
            window = window.parent()
        if window is not None:
            window.auto_lock.minutes = minutes

    def _on_change_pass_clicked(self) -> None:
        current, new, repeat = self.current_pass.text(), self.new_pass.text(), self.repeat_pass.text()
        if new != repeat:
            self.privacy_message.setText("The two new passphrases differ.")
            return
        vault = self._ctx.practice.vault
        self._run(lambda p, t: vault.change_passphrase(current, new), "Changing the passphrase…",
                  "Passphrase changed. Use the new one next time you unlock.")
        for edit in (self.current_pass, self.new_pass, self.repeat_pass):
            edit.clear()

    def _on_backup_clicked(self) -> None:
        file, _ = QFileDialog.getSaveFileName(self, "Back up the vault", str(Path.home() / "session-assistant-backup.zip"),
                                              "Backups (*.zip)")
        if not file:
            return
        vault = self._ctx.practice.vault
        # The save dialog already asked before replacing; the vault folder is still refused.
        self._run(lambda p, t: vault.backup(Path(file), force=True), "Writing an encrypted backup…", "Backup written.")

    def _on_audit_clicked(self) -> None:
        from session_assistant.ui.settings.audit_trail import AuditTrailDialog

        self.audit_trail = AuditTrailDialog(self._ctx, self)
        self.audit_trail.open()

    def _run(self, fn, message: str, done_text: str) -> None:
        if self._worker is not None:
            return
        self.privacy_busy.start(message, cancellable=False)
        self._worker = worker = Worker(fn, "settings")
        worker.finished.connect(lambda _r: self._end(done_text))
        worker.failed.connect(self._end)
        worker.cancelled.connect(lambda: self._end("Cancelled."))
        self._ctx.pools.run(worker, "vault")

    def _end(self, text: str) -> None:
        self._worker = None
        self.privacy_busy.done()
        self.privacy_message.setText(text)

    # ---- models ----------------------------------------------------------------------------------
    def _load_formats(self) -> None:
        from session_assistant.drafting.formats import format_names

        self.note_format.blockSignals(True)
        for name in format_names():
            self.note_format.addItem(name.upper(), name)
        self.note_format.setCurrentIndex(max(0, self.note_format.findData(self._ctx.settings.note_format)))
        self.note_format.blockSignals(False)

    def _list_models(self) -> None:
        from session_assistant.model_registry import list_models

        models_dir = Path(self._ctx.paths.models_dir)
        worker = Worker(lambda p, t: list_models(models_dir), "list models")
        worker.finished.connect(self._on_models_listed)
        worker.failed.connect(self.models_message.setText)
        # Not the engine pool: a draft holds that for minutes, and the list only reads files.
        self._ctx.pools.run(worker, "files")
        self._models_worker = worker

    def _on_models_listed(self, models) -> None:
        for combo, kind, chosen in ((self.whisper_model, "whisper", self._ctx.settings.whisper_model),
                                    (self.note_model, "llm", self._ctx.settings.note_model)):
            combo.blockSignals(True)
            combo.clear()
            # "" (nothing chosen) is the registry's default of the kind: say which model that is
            default = next((m for m in models if m.kind == kind and m.role == "default"), None)
            combo.addItem("Default" if default is None else
                          f"Recommended: {default.title}" + ("" if default.usable else " (not installed)"), "")
            for model in models:
                if model.kind == kind and model.usable:
                    combo.addItem(f"{model.title}  ({model.size_bytes / 1e6:.0f} MB)", model.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        unusable = [m.id for m in models if not m.usable]
        self.models_message.setText("Installed models are listed; the default is the recommended one." +
                                    (f" Not usable: {', '.join(unusable)} (run ./scripts/setup)." if unusable else ""))

    def _on_models_changed(self) -> None:
        self._ctx.settings.whisper_model = self.whisper_model.currentData() or ""
        self._ctx.settings.note_model = self.note_model.currentData() or ""
        self._ctx.settings.note_format = self.note_format.currentData() or "soap"
        self._ctx.save_settings()

    def _on_measure_clicked(self) -> None:
        if self._speed_worker is not None:
            return
        from session_assistant.ui.common import engines

        ctx = self._ctx
        self.models_busy.start("Loading the model and generating a few words…")
        self._speed_worker = worker = Worker(lambda p, t: engines.measure_note_model(ctx, p, t), "measure")
        worker.progress.connect(self.models_busy.show_progress)
        worker.finished.connect(self._on_measured)
        worker.failed.connect(lambda text: self._on_measured(None, text))
        worker.cancelled.connect(lambda: self._on_measured(None, "Cancelled."))
        self._ctx.pools.run(worker)

    def _on_measured(self, result, text: str = "") -> None:
        self._speed_worker = None
        self.models_busy.done()
        if result is not None:
            model_id, tokens_per_s = result
            text = (f"{model_id}: {tokens_per_s:.1f} tokens/s generated on this computer just now "
                    f"(a 4-section SOAP draft is a few hundred tokens plus reading the transcript).")
        self.speed.setText(text)

    # ---- templates -------------------------------------------------------------------------------
    def _load_templates(self, select: str | None = None) -> None:
        self.template_list.clear()
        for template in self._ctx.practice.notes.templates():
            item = QListWidgetItem(template["name"] + ("  (built in)" if template["builtin"] else ""))
            item.setData(Qt.ItemDataRole.UserRole, template)
            self.template_list.addItem(item)
            if template["name"] == select:
                self.template_list.setCurrentItem(item)

    def _on_template_current_changed(self, current, _previous) -> None:
        self.template_fields.setRowCount(0)
        if current is None:
            return
        template = current.data(Qt.ItemDataRole.UserRole)
        self.template_name.setText(template["name"])
        for field in template["fields"]:
            self._add_field_row(field["name"], field.get("label", ""), bool(field.get("ai_summary")))

    def _add_field_row(self, name: str, label: str, ai: bool) -> None:
        row = self.template_fields.rowCount()
        self.template_fields.insertRow(row)
        self.template_fields.setItem(row, 0, QTableWidgetItem(name))
        self.template_fields.setItem(row, 1, QTableWidgetItem(label))
        box = QCheckBox()
        box.setChecked(ai)
        box.setAccessibleName("Receives the AI session summary")
        self.template_fields.setCellWidget(row, 2, box)

    def _on_new_template_clicked(self) -> None:
        self.template_list.clearSelection()
        self.template_name.setText("New template")
        self.template_fields.setRowCount(0)
        self._add_field_row("summary", "Session summary", True)

    def _on_save_template_clicked(self) -> None:
        fields = []
        for row in range(self.template_fields.rowCount()):
            name_item, label_item = self.template_fields.item(row, 0), self.template_fields.item(row, 1)
            fields.append({"name": name_item.text() if name_item else "", "label": label_item.text() if label_item else "",
                           "ai_summary": self.template_fields.cellWidget(row, 2).isChecked()})
        notes, name = self._ctx.practice.notes, self.template_name.text()
        VaultOp(self._ctx.practice, lambda: notes.save_template(name, fields), parent=self) \
            .success(lambda _none: self._on_template_saved(name)).failure(self.template_message.setText).run()

    def _on_template_saved(self, name: str) -> None:
        self.template_message.setText("Template saved. New notes can use it.")
        self._load_templates(name.strip())
