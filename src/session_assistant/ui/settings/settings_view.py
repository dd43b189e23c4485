"""Layout of the settings dialog: Profile, Privacy & Security, Models, Templates."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QPushButton, QSpinBox, QTableWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from session_assistant.ui.common.ui_settings import MAX_AUTO_LOCK_MIN, MIN_AUTO_LOCK_MIN
from session_assistant.ui.common.widgets import BusyPanel, StrengthMeter

RETENTION_TEXT = ("<b>The 24-hour rule.</b> Session audio is encrypted while it is recorded and is destroyed "
                  "(crypto-shredded) 24 hours after the session ends, or sooner if you ask. It is transcribed right "
                  "after Stop; if its transcript is still not saved at 24 hours, the audio is destroyed anyway "
                  "and you are told. Transcripts and notes stay in your encrypted vault.")


class SettingsView(QDialog):
    PROFILE_FIELDS = (("name", "&Name"), ("credentials", "&Credentials"), ("licence_number", "&Licence number"),
                      ("practice_name", "&Practice name"), ("practice_address", "Practice &address"),
                      ("phone", "P&hone"), ("email", "&Email"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.resize(760, 560)
        self.tabs = QTabWidget()
        # Profile
        self.profile_edits: dict[str, QLineEdit] = {}
        profile = QWidget()
        form = QFormLayout(profile)
        for key, label in self.PROFILE_FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(label.replace("&", ""))
            self.profile_edits[key] = edit
            form.addRow(label + ":", edit)
        self.save_profile = QPushButton("&Save profile")
        self.profile_message = QLabel()
        form.addRow(self.save_profile, self.profile_message)
        self.tabs.addTab(profile, "&Profile")
        # Privacy & Security
        privacy = QWidget()
        privacy_layout = QVBoxLayout(privacy)
        self.ai_consent = QCheckBox("AI Usage Consent: use AI transcription and drafting")
        self.ai_consent.setAccessibleName("AI Usage Consent")
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(MIN_AUTO_LOCK_MIN, MAX_AUTO_LOCK_MIN)
        self.auto_lock.setSuffix(" min")
        self.auto_lock.setAccessibleName("Lock automatically after idle minutes")
        self.auto_lock.setMaximumWidth(120)
        lock_row = QFormLayout()
        lock_row.addRow("Lock after &idle:", self.auto_lock)
        retention = QLabel(RETENTION_TEXT)
        retention.setWordWrap(True)
        pass_box = QGroupBox("Change passphrase")
        self.current_pass = QLineEdit()
        self.new_pass = QLineEdit()
        self.repeat_pass = QLineEdit()
        for edit, name in ((self.current_pass, "Current passphrase"), (self.new_pass, "New passphrase"),
                           (self.repeat_pass, "Repeat the new passphrase")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        self.meter = StrengthMeter()
        self.change_pass = QPushButton("C&hange passphrase")
        pass_form = QFormLayout(pass_box)
        pass_form.addRow("Current:", self.current_pass)
        pass_form.addRow("New:", self.new_pass)
        pass_form.addRow("", self.meter)
        pass_form.addRow("Repeat:", self.repeat_pass)
        pass_form.addRow(self.change_pass)
        backup_box = QGroupBox("Backup and restore")
        self.backup_button = QPushButton("&Back up the vault…")
        backup_text = QLabel("Backups stay encrypted with your passphrase. To restore one, lock the app and "
                             "choose “Restore from a backup” on the unlock screen.")
        backup_text.setWordWrap(True)
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.addWidget(backup_text)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addStretch(1)
        backup_layout.addLayout(row)
        audit_box = QGroupBox("Audit trail")
        self.audit_button = QPushButton("Show the audit trai&l…")
        audit_text = QLabel("Every sign-in, opening and change is recorded, and cannot be altered unnoticed.")
        audit_text.setWordWrap(True)
        audit_row = QHBoxLayout(audit_box)
        audit_row.addWidget(audit_text, 1)
        audit_row.addWidget(self.audit_button)
        self.privacy_message = QLabel()
        self.privacy_message.setWordWrap(True)
        self.privacy_busy = BusyPanel()
        for item in (self.ai_consent, lock_row, retention, pass_box, backup_box, audit_box, self.privacy_message,
                     self.privacy_busy):
            privacy_layout.addLayout(item) if isinstance(item, QFormLayout) else privacy_layout.addWidget(item)
        privacy_layout.addStretch(1)
        self.tabs.addTab(privacy, "Privacy && &Security")
        # Models
        models = QWidget()
        models_form = QFormLayout(models)
        self.whisper_model = QComboBox()
        self.whisper_model.setAccessibleName("Speech model")
        self.note_model = QComboBox()
        self.note_model.setAccessibleName("Note model")
        self.note_format = QComboBox()
        self.note_format.setAccessibleName("Note format")
        self.models_message = QLabel("Looking for installed models…")
        self.models_message.setWordWrap(True)
        models_form.addRow("Speech (Whisper) model:", self.whisper_model)
        models_form.addRow("Note model:", self.note_model)
        models_form.addRow("Draft format:", self.note_format)
        self.measure_button = QPushButton("Measure the note model's speed on this computer")
        self.speed = QLabel()
        self.speed.setWordWrap(True)
        self.models_busy = BusyPanel()
        models_form.addRow(self.models_message)
        models_form.addRow(self.measure_button)
        models_form.addRow(self.speed)
        models_form.addRow(self.models_busy)
        self.tabs.addTab(models, "&Models")
        # Templates
        templates = QWidget()
        self.template_list = QListWidget()
        self.template_list.setAccessibleName("Note templates")
        self.template_name = QLineEdit()
        self.template_name.setAccessibleName("Template name")
        self.template_fields = QTableWidget(0, 3)
        self.template_fields.setAccessibleName("Template fields")
        # Tab leaves the table (arrows move between cells): otherwise the keyboard never reaches the buttons.
        self.template_fields.setTabKeyNavigation(False)
        self.template_fields.setHorizontalHeaderLabels(("Field name", "Label", "AI summary"))
        self.template_fields.horizontalHeader().setStretchLastSection(True)
        self.add_field = QPushButton("Add field")
        self.remove_field = QPushButton("Remove field")
        self.new_template = QPushButton("New template")
        self.save_template = QPushButton("Save template")
        self.template_message = QLabel()
        self.template_message.setWordWrap(True)
        editor = QVBoxLayout()
        name_row = QFormLayout()
        name_row.addRow("Name:", self.template_name)
        editor.addLayout(name_row)
        editor.addWidget(self.template_fields, 1)
        buttons = QHBoxLayout()
        for button in (self.add_field, self.remove_field, self.new_template):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_template)
        editor.addLayout(buttons)
        editor.addWidget(self.template_message)
        templates_layout = QHBoxLayout(templates)
        templates_layout.addWidget(self.template_list, 1)
        templates_layout.addLayout(editor, 3)
        self.tabs.addTab(templates, "&Templates")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
