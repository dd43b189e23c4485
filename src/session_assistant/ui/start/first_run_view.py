"""Layout of the first-run pages: create the vault, the recovery key, AI and the sample practice."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QStackedWidget, QVBoxLayout, QWidget)

from session_assistant.ui.common import theme
from session_assistant.ui.common.widgets import BusyPanel, StrengthMeter, heading

AI_EXPLANATION = (
    "<p><b>What the AI does.</b> With your client's consent, the app records the session on this computer, "
    "turns the speech into a transcript, and drafts a session summary for your progress note. Every sentence "
    "of the draft links to the transcript lines it rests on, and sentences that mention things the transcript "
    "does not support are flagged for you.</p>"
    "<p><b>What it does not do.</b> Nothing leaves this computer: no cloud, no account, no network. The AI "
    "never signs, diagnoses or decides anything; the draft is a suggestion you review, edit and sign as your "
    "own. Recordings are encrypted and destroyed 24 hours after the session (after the transcript is saved). "
    "It can mishear and it can be wrong; risk statements are never written by the AI, only flagged for you.</p>"
    "<p>You can use the app without AI at all: write notes yourself, and turn the switch on later in "
    "Settings.</p>")


def _page(*widgets) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for widget in widgets:
        if isinstance(widget, int):
            layout.addSpacing(widget)
        elif widget is None:
            layout.addStretch(1)
        elif isinstance(widget, QWidget):
            layout.addWidget(widget)
        else:
            layout.addLayout(widget)
    return page


def _centered(page: QWidget) -> QWidget:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addStretch(1)
    page.setMaximumWidth(640)
    row.addWidget(page, 4)
    row.addStretch(1)
    scroll.setWidget(holder)
    return scroll


class FirstRunView(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Page 1: profile and passphrase
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name as it appears on signed notes")
        self.credentials = QLineEdit()
        self.credentials.setPlaceholderText("e.g. PhD, LMFT")
        self.credentials.setAccessibleName("Credentials")
        self.licence = QLineEdit()
        self.licence.setAccessibleName("Licence number")
        self.practice_name = QLineEdit()
        self.practice_name.setAccessibleName("Practice name")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("New vault passphrase")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName("Repeat the passphrase")
        self.meter = StrengthMeter()
        self.create_message = QLabel()
        self.create_message.setWordWrap(True)
        self.create_button = theme.set_role(QPushButton("&Create my practice vault"), "primary")
        self.create_button.setDefault(True)
        self.busy = BusyPanel()
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        form.addRow("Cre&dentials:", self.credentials)
        form.addRow("&Licence number:", self.licence)
        form.addRow("Practice na&me:", self.practice_name)
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("", self.meter)
        form.addRow("&Repeat it:", self.repeat)
        intro = QLabel("Everything you record here is encrypted on this computer with a passphrase only you "
                       "know. A few unrelated words make a strong, memorable passphrase.")
        intro.setWordWrap(True)
        create_row = QHBoxLayout()
        create_row.addStretch(1)
        create_row.addWidget(self.create_button)
        self.addWidget(_centered(_page(heading("Welcome to Session Assistant"), intro, 8, form, create_row,
                                       self.create_message, self.busy, None)))

        # Page 2: recovery key, shown once
        self.recovery_key = QLabel()
        self.recovery_key.setFont(theme.font("mono_large", QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)))
        self.recovery_key.setAccessibleName("Recovery key")
        self.recovery_key.setWordWrap(True)
        self.recovery_key.setTextInteractionFlags(self.recovery_key.textInteractionFlags().TextSelectableByMouse)
        self.written_down = QCheckBox("I have &written it down and will keep it somewhere safe")
        self.key_continue = theme.set_role(QPushButton("C&ontinue"), "primary")
        self.key_continue.setEnabled(False)
        self.key_continue.setDefault(True)
        key_text = QLabel("This recovery key unlocks your vault if you forget the passphrase. It is shown "
                          "<b>only this once</b> and is not stored anywhere. Write it on paper now; without it "
                          "and the passphrase, nobody (including us) can open your records.")
        key_text.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.key_continue)
        self.addWidget(_centered(_page(heading("Your recovery key"), key_text, 12, self.recovery_key, 12,
                                       self.written_down, row, None)))

        # Page 3: AI explanation, AI Usage Consent, sample practice
        explanation = QLabel(AI_EXPLANATION)
        explanation.setWordWrap(True)
        self.ai_consent = QCheckBox("&AI Usage Consent: I want to use AI transcription and drafting")
        self.ai_consent.setAccessibleName("AI Usage Consent")
        self.ai_consent.setChecked(False)
        self.load_sample = QCheckBox("Load a &fictional sample practice to explore (4 invented clients)")
        self.finish_button = theme.set_role(QPushButton("&Start"), "primary")
        self.finish_button.setDefault(True)
        self.finish_busy = BusyPanel()
        row3 = QHBoxLayout()
        row3.addStretch(1)
        row3.addWidget(self.finish_button)
        self.addWidget(_centered(_page(heading("How AI helps, and where it stops"), explanation, 8,
                                       self.ai_consent, self.load_sample, row3, self.finish_busy, None)))
