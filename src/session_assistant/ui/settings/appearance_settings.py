"""Settings → Appearance: light, dark, or follow the system. Stored with the other window settings."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QVBoxLayout, QWidget

from session_assistant.ui.common import theme
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.widgets import caption

log = logging.getLogger(__name__)
CHOICES = (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark"))


class AppearanceTab(QWidget):
    """The choice applies at once, to every open window, and is saved (no PHI: one word)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.mode = QComboBox()
        self.mode.setAccessibleName("Appearance")
        for label, value in CHOICES:
            self.mode.addItem(label, value)
        self.mode.setCurrentIndex(max(0, self.mode.findData(ctx.settings.appearance)))
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        form = QFormLayout()
        form.addRow("A&ppearance:", self.mode)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(caption("“Follow the system” switches with your desktop's light or dark setting. "
                                 "Text follows your system's font size; the status colours stay legible in both."))
        layout.addStretch(1)

    def _on_mode_changed(self, _index: int) -> None:
        value = self.mode.currentData()
        self._ctx.settings.appearance = value
        try:
            self._ctx.save_settings()
        except OSError:  # applied for this run; the file is written again with the next setting saved
            log.warning("could not save the appearance setting")
        app = QApplication.instance()
        if app is not None:
            theme.apply(app, value)
