"""The session's transcript, one line per segment, with the controls to correct who said it.

"Swap speakers" swaps Clinician and Client for the whole session; a line's context menu (or the
"Reassign line" button) names that line's speaker; "Voices" sets how many people spoke (a couple
or family session) and the page has them counted again. While recording, live lines are appended as
plain text and cannot be corrected yet. The panel only shows and asks: the page behind it calls
the speaker-label service and tells it what changed.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from session_assistant.ui.common import theme
from session_assistant.services.speaker_labels import CLIENT, CLINICIAN, speaker_name

SEGMENT_ROLE = Qt.ItemDataRole.UserRole


def transcript_line(segment) -> str:
    """``[mm:ss] Speaker: words`` for a transcribe.segments.Segment."""
    minutes, seconds = divmod(int(segment.start), 60)
    who = f"{speaker_name(segment.speaker)}: " if segment.speaker else ""
    return f"[{minutes:02d}:{seconds:02d}] {who}{segment.text}"


class TranscriptPanel(QWidget):
    """Emits ``swap_clicked()``, ``reassign_chosen(segment_id, speaker)``, ``voices_chosen(count)``
    and ``redraft_clicked()``."""

    swap_clicked = Signal()
    reassign_chosen = Signal(int, str)
    voices_chosen = Signal(int)
    redraft_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, correctable: bool = True) -> None:
        super().__init__(parent)
        self._labels = [CLINICIAN, CLIENT]  # the voices the reassign menu offers
        self.lines = QListWidget()
        self.lines.setWordWrap(True)
        self.lines.setAccessibleName("Transcript; right-click a line to name its speaker")
        self.lines.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.lines.customContextMenuRequested.connect(self._on_lines_menu_requested)
        self.lines.currentRowChanged.connect(lambda _row: self._refresh_buttons())
        self.placeholder = QLabel("The transcript appears here, with speaker labels.")
        self.placeholder.setEnabled(False)
        self.placeholder.setWordWrap(True)  # the note editor shows this panel in a narrow column
        self.swap_button = QPushButton("S&wap speakers")
        self.swap_button.setToolTip("Clinician and Client were the wrong way round: swap them on every line")
        # A push button with a menu sizes itself for the arrow; a tool button drew it over "line".
        self.reassign_button = QPushButton("Reassign &line")
        self.reassign_button.setToolTip("Name the speaker of the chosen line")
        self.reassign_button.setMenu(self._speaker_menu(lambda: self.current_segment()))
        self.locked_reason = QLabel()
        self.locked_reason.setWordWrap(True)
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.notice_text.setAccessibleName("Speakers changed")
        self.redraft_button = QPushButton("&Redraft them")
        self.redraft_button.clicked.connect(self.redraft_clicked)
        self.notice = QFrame()
        theme.set_role(self.notice, "notice")
        notice_row = QHBoxLayout(self.notice)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.redraft_button)
        self.notice.hide()
        # How far to trust the names (a voice profile that did not decide): shown until corrected.
        self.naming_check = QLabel()
        self.naming_check.setWordWrap(True)
        self.naming_check.setAccessibleName("Check the speaker names")
        theme.set_role(self.naming_check, "notice")
        self.naming_check.hide()
        self.swap_button.clicked.connect(self.swap_clicked)
        self.voice_count = QSpinBox()
        self.voice_count.setRange(1, 8)
        self.voice_count.setAccessibleName("Number of voices")
        # "Re-count" beside "Number of voices: [n]" says the same as "Re-count voices" in 55 px less: the panel
        # sits in the note editor's review column, whose width decides whether a note fits a 1024 px screen.
        self.recount_button = QPushButton("Re-count")
        self.recount_button.setToolTip("Tell the voices apart again as this many people (a couple or family: "
                                       "Client, Client 2, ...); the words are not transcribed again")
        self.recount_button.clicked.connect(lambda: self.voices_chosen.emit(self.voice_count.value()))

        controls = QHBoxLayout()
        self.caption = QLabel("Transcript:")
        controls.addWidget(self.caption)
        controls.addStretch(1)
        controls.addWidget(self.locked_reason)
        self.voices_label = QLabel("Number of &voices:")
        self.voices_label.setBuddy(self.voice_count)
        controls.addWidget(self.voices_label)
        controls.addWidget(self.voice_count)
        controls.addWidget(self.recount_button)
        controls.addWidget(self.reassign_button)
        controls.addWidget(self.swap_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.naming_check)
        layout.addWidget(self.notice)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.lines, 1)
        self._editable = False
        self._show_voices(False)
        if not correctable:  # the note editor shows the transcript as evidence; speakers are fixed on the session page
            for widget in (self.caption, self.swap_button, self.reassign_button, self.locked_reason):
                widget.hide()
            self.lines.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._refresh_buttons()

    # ---- what is shown ----------------------------------------------------------------------------
    def show_segments(self, segments, editable: bool, locked_reason: str = "") -> None:
        """A stored transcript: one line per segment; ``editable`` False (a signed note) explains why."""
        current = self.current_segment()
        self.lines.clear()
        for segment in segments:
            item = QListWidgetItem(transcript_line(segment))
            item.setData(SEGMENT_ROLE, int(segment.id))
            self.lines.addItem(item)
            if segment.id == current:
                self.lines.setCurrentItem(item)
        self._editable = editable and bool(segments)
        self._show_voices(bool(segments))
        present = {s.speaker for s in segments if s.speaker}
        self._labels = [CLINICIAN, CLIENT] + sorted(p for p in present if p not in (CLINICIAN, CLIENT))
        if present:
            self.voice_count.setValue(len(present))
        self.locked_reason.setText("" if editable else locked_reason)
        self._refresh_buttons()

    def appendPlainText(self, text: str) -> None:  # noqa: N802 - the live feed's QPlainTextEdit API
        """A live line (no segment yet): shown, not correctable until the transcript is stored."""
        self.lines.addItem(QListWidgetItem(text))
        self.lines.scrollToBottom()
        self._refresh_buttons()

    def setPlainText(self, text: str) -> None:  # noqa: N802
        self.clear()
        for line in text.splitlines():
            self.appendPlainText(line)

    def toPlainText(self) -> str:  # noqa: N802
        return "\n".join(self.lines.item(i).text() for i in range(self.lines.count()))

    def clear(self) -> None:
        self.lines.clear()
        self._editable = False
        self.locked_reason.clear()
        self.hide_notice()
        self.show_naming_check("")
        self._refresh_buttons()

    def line_texts(self) -> list[str]:
        return [self.lines.item(i).text() for i in range(self.lines.count())]

    def current_segment(self) -> int | None:
        item = self.lines.currentItem()
        value = item.data(SEGMENT_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def select_segment(self, segment_id: int) -> None:
        for i in range(self.lines.count()):
            if self.lines.item(i).data(SEGMENT_ROLE) == segment_id:
                self.lines.setCurrentRow(i)
                return

    def highlight_segments(self, segment_ids) -> list[int]:
        """Select the lines of ``segment_ids`` (a sentence's evidence) and scroll to the first; the
        ids found are returned (a line may be gone after the transcript was redone)."""
        wanted = {int(i) for i in segment_ids}
        self.lines.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.lines.clearSelection()
        found: list[int] = []
        for i in range(self.lines.count()):
            item = self.lines.item(i)
            if item.data(SEGMENT_ROLE) in wanted:
                item.setSelected(True)
                if not found:
                    self.lines.scrollToItem(item, QListWidget.ScrollHint.PositionAtTop)
                found.append(int(item.data(SEGMENT_ROLE)))
        return found

    def selected_segments(self) -> list[int]:
        return sorted(int(item.data(SEGMENT_ROLE)) for item in self.lines.selectedItems()
                      if item.data(SEGMENT_ROLE) is not None)

    # ---- the notice after a change ----------------------------------------------------------------
    def show_notice(self, text: str, can_redraft: bool) -> None:
        self.notice_text.setText(text)
        self.redraft_button.setVisible(can_redraft)
        self.notice.show()

    def hide_notice(self) -> None:
        self.notice.hide()

    def show_naming_check(self, text: str) -> None:
        """The speaker naming's warning (``SpeakerNaming.check``), or nothing when ``text`` is empty."""
        self.naming_check.setText(text)
        self.naming_check.setVisible(bool(text))

    # ---- controls ---------------------------------------------------------------------------------
    def _show_voices(self, shown: bool) -> None:
        """The voice count is the transcript's: before there is one, a disabled "1" contradicted the
        recording choice above it ("Voices in the room: 2"), so it is not shown at all."""
        for widget in (self.voices_label, self.voice_count, self.recount_button):
            widget.setHidden(not shown)

    def _refresh_buttons(self) -> None:
        self.placeholder.setVisible(self.lines.count() == 0)
        self.swap_button.setEnabled(self._editable)
        self.voice_count.setEnabled(self._editable)
        self.recount_button.setEnabled(self._editable)
        self.reassign_button.setEnabled(self._editable and self.current_segment() is not None)

    def _speaker_menu(self, segment_of) -> QMenu:
        """One entry per voice of the session (Clinician, Client, Client 2, ...), filled when opened."""
        menu = QMenu(self)

        def fill() -> None:
            menu.clear()
            for speaker in self._labels:
                action = menu.addAction(f"{speaker_name(speaker)} said this")
                action.triggered.connect(lambda _=False, s=speaker: self._reassign(segment_of(), s))

        menu.aboutToShow.connect(fill)
        fill()
        return menu

    def _reassign(self, segment_id: int | None, speaker: str) -> None:
        if segment_id is not None and self._editable:
            self.reassign_chosen.emit(segment_id, speaker)

    def _on_lines_menu_requested(self, position: QPoint) -> None:
        item = self.lines.itemAt(position)
        if item is None or item.data(SEGMENT_ROLE) is None or not self._editable:
            return
        self.lines.setCurrentItem(item)
        segment_id = int(item.data(SEGMENT_ROLE))
        self._speaker_menu(lambda: segment_id).exec(self.lines.viewport().mapToGlobal(position))
