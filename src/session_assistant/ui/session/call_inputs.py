"""The session screen's choice of what to record: one microphone in the room (and how many voices),
or a telehealth call from two inputs, the microphone (you) and the call's audio (the client).

The widget knows how to start the chosen kind of recording and which live transcriber goes with
it, so the session screen only asks it (a few lines there).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from session_assistant.errors import UserError

# Names a loopback or monitor input usually carries, to suggest one for the call's audio.
_LOOPBACK_HINTS = ("monitor", "loopback", "blackhole", "stereo mix", "what u hear", "cable output", "call")


class CallInputs(QWidget):
    """"Telehealth call" with the call-audio input, or the number of voices in the room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call_check = QCheckBox("&Telehealth call: also record the call's audio (the client) as a second channel")
        self.call_check.setToolTip("Your microphone is you; the call's audio (a monitor or loopback input) is "
                                   "the client. Each person's words are named by their channel.")
        self.call_device = QComboBox()
        self.call_device.setAccessibleName("Call audio input")
        self.call_hint = QLabel("No monitor or loopback input? See the README, 'Telehealth calls'.")
        self.call_hint.setWordWrap(True)
        self.voices = QSpinBox()
        self.voices.setRange(1, 8)
        self.voices.setValue(2)
        self.voices.setAccessibleName("Voices in the room")
        self.voices.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a digit, not the screen
        self.voices.setToolTip("2: you and the client. 3 or more for a couple or family: "
                               "you, Client, Client 2, ...")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.call_check)
        form.addRow("Call &audio:", self.call_device)
        form.addRow("", self.call_hint)
        form.addRow("&Voices in the room:", self.voices)
        self._form = form
        self.call_check.toggled.connect(self._on_call_toggled)
        self._on_call_toggled(False)

    def fill(self, devices) -> None:
        """The inputs to choose the call's audio from (the first that looks like a loopback is chosen)."""
        self.call_device.clear()
        for device in devices:
            self.call_device.addItem(device.name, device)
        for i, device in enumerate(devices):
            if any(hint in device.name.lower() for hint in _LOOPBACK_HINTS):
                self.call_device.setCurrentIndex(i)
                break

    def suggest_call(self, telehealth: bool) -> None:
        """A telehealth appointment starts with the call option on (the clinician can turn it off)."""
        self.call_check.setChecked(telehealth and self.call_device.count() > 1)

    @property
    def is_call(self) -> bool:
        return self.call_check.isChecked()

    def start(self, session, mic) -> str:
        """Start ``session`` (services.live_session.LiveSession): the microphone alone, or with the
        call's audio (both opened first). Returns the recording id."""
        from session_assistant.audio.devices import choose_settings, portaudio_stream_factory

        rate, channels = choose_settings(mic)
        if not self.is_call:
            return session.start(portaudio_stream_factory(mic), rate, channels)
        call = self.call_device.currentData()
        if call is None or call.index == mic.index:
            raise UserError("Choose the call's audio: an input other than your microphone "
                            "(a monitor or loopback input; see the README, 'Telehealth calls').")
        return session.start(portaudio_stream_factory(mic), rate, channels,
                             call=(portaudio_stream_factory(call), choose_settings(call)))

    @property
    def speakers(self) -> int:
        """Voices to tell apart when a recording is transcribed afterwards (a call ignores it)."""
        return self.voices.value()

    def _on_call_toggled(self, on: bool) -> None:
        for widget in (self.call_device, self.call_hint):
            widget.setVisible(on)
            self._form.labelForField(widget) and self._form.labelForField(widget).setVisible(on)
        self.voices.setEnabled(not on)
        self._form.labelForField(self.voices).setEnabled(not on)
