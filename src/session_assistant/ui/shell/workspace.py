"""The unlocked workspace: navigation, the five screens, shortcuts and notifications.

Everything in here shows PHI, so the whole widget is destroyed on lock (``teardown``). The agenda
(shown first) and "Notes to write" (its counts make the sidebar's badges) are built at unlock; the
chart, session and note screens when first shown or asked for (``chart``, ``session``, ``note``):
each is hundreds of widgets, and an unlock that opens none of them no longer builds them all.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QStackedWidget, QSystemTrayIcon,
                               QToolBar, QVBoxLayout, QWidget)

from session_assistant.ui.common import theme
from session_assistant.ui.agenda.agenda import AgendaPage
from session_assistant.ui.chart.chart_digests import DigestRunner
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.dialogs import NewAppointmentDialog, NewClientDialog, default_start
from session_assistant.ui.agenda.notes_queue import NotesQueuePage
from session_assistant.ui.common.status_pill import BADGES_ROLE, NavDelegate
from session_assistant.ui.shell.place import AGENDA, CLIENTS, NOTE, SESSION

if TYPE_CHECKING:
    from session_assistant.ui.chart.chart import ChartPage
    from session_assistant.ui.note.note_editor import NoteEditorPage
    from session_assistant.ui.session.session import SessionPage

PAGES = ("Agenda", "Clients", "Session", "Note", "Notes to write")  # stack indexes, as go() takes them
ICONS = ("agenda", "clients", "session", "note", "notes-to-write")  # resources/icons/<name>.svg, same order
QUEUE = 4  # appended to the stack so that the older indexes (go(2): Session) keep their meaning
NAV_ORDER = (0, QUEUE, 1, 2, 3)  # the sidebar lists "Notes to write" under the agenda; Ctrl+1..5 follow it


class Workspace(QWidget):
    def __init__(self, ctx: UiContext, window) -> None:
        super().__init__()
        self._ctx = ctx
        self._window = window
        self.agenda = AgendaPage(ctx)
        self.queue = NotesQueuePage(ctx)
        # Digests of signed items feed the fast summaries (issue 20): built at unlock, and after each
        # signing (the note and chart screens connect to it as they are built).
        self.digests = DigestRunner(ctx, self)
        self._built: dict[int, QWidget] = {AGENDA: self.agenda, QUEUE: self.queue}
        self.nav = QListWidget()
        self.nav.setAccessibleName("Screens")
        self.nav.setSpacing(2)
        theme.set_role(self.nav, "nav")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setItemDelegate(NavDelegate(self.nav))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for index in range(len(PAGES)):  # an empty stand-in until the screen is first shown (_page)
            self.stack.addWidget(self._built[index] if index in self._built else QWidget())
        for index in NAV_ORDER:
            item = QListWidgetItem(theme.icon(ICONS[index]), PAGES[index])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, PAGES[index])
            self.nav.addItem(item)
        self._fit_nav_width()
        self._named_client: int | None = None  # the client the header names
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)

        self.toolbar = QToolBar("Main")
        self.toolbar.setMovable(False)
        practice_name = ctx.practice.profile.get().practice_name
        self.who = QLabel(practice_name or "")
        # Whom the clinician is working with stays in view on every screen (set by chart, session, note).
        self.current = QLabel()
        self.current.setAccessibleName("Current client and appointment")
        theme.set_role(self.current, "section")
        self._actions = []
        for position, index in enumerate(NAV_ORDER):
            self._action(PAGES[index], f"Ctrl+{position + 1}", lambda _=False, i=index: self.go(i), toolbar=False)
        self._action("New client…", "Ctrl+Shift+N", self._on_new_client_requested)
        self._action("New appointment…", "Ctrl+N", lambda: self._on_new_appointment_requested(None))
        self._action("Settings…", "Ctrl+,", self._on_settings_triggered)
        self._action("Lock", "", lambda: window.lock("on demand"), tip="Lock now (Ctrl+L)")
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.current)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy())
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.who)

        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        body.setSpacing(theme.SPACE["xs"])
        layout.setContentsMargins(theme.SPACE["xs"], 0, theme.SPACE["xs"], theme.SPACE["xs"])
        layout.addWidget(self.toolbar)
        layout.addLayout(body, 1)

        self.agenda.session_requested.connect(self.open_session)
        self.agenda.note_requested.connect(self.open_note)
        self.agenda.chart_requested.connect(self.open_chart)
        self.agenda.new_client_requested.connect(self._on_new_client_requested)
        self.agenda.new_appointment_requested.connect(lambda: self._on_new_appointment_requested(None))
        self.agenda.refreshed.connect(self.queue.refresh)
        self.queue.count_changed.connect(self._on_queue_count_changed)
        self.queue.note_requested.connect(self.open_note)
        self.queue.session_requested.connect(self.open_session)
        self.queue.chart_requested.connect(self.open_chart)
        self.queue.agenda_requested.connect(lambda: self.go(0))
        self.stack.currentChanged.connect(lambda _index: self._show_current())
        self.digests.start_after_unlock()
        self.tray = self._make_tray()
        self.go(0)

    def _action(self, title: str, keys: str, slot, toolbar: bool = True, tip: str = "") -> QAction:
        action = QAction(title, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{title} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
        if tip:
            action.setToolTip(tip)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self._actions.append(action)
        return action

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(self._window.windowIcon(), self)
        tray.setToolTip("Session Assistant")
        tray.show()
        return tray

    # ---- screens built on first use -------------------------------------------------------------------
    @property
    def chart(self) -> "ChartPage":
        return self._page(CLIENTS)

    @property
    def session(self) -> "SessionPage":
        return self._page(SESSION)

    @property
    def note(self) -> "NoteEditorPage":
        return self._page(NOTE)

    def _page(self, index: int) -> QWidget:
        page = self._built.get(index)
        return page if page is not None else self._build(index)

    def _build(self, index: int) -> QWidget:
        """Make the screen at stack ``index``, wire it to the others and put it in its stand-in's place."""
        if index == CLIENTS:
            from session_assistant.ui.chart.chart import ChartPage

            page = chart = ChartPage(self._ctx)
            chart.note_requested.connect(self.open_note)
            chart.new_client_requested.connect(self._on_new_client_requested)
            chart.new_appointment_requested.connect(self._on_new_appointment_requested)
            chart.clients.currentItemChanged.connect(lambda *_: self._show_current())
            for signal in (chart.assessments_tab.changed, chart.plan_tab.changed):
                signal.connect(self.digests.request)
        elif index == SESSION:
            from session_assistant.ui.session.session import SessionPage

            page = session = SessionPage(self._ctx)
            session.agenda_requested.connect(lambda: self.go(0))
            session.stage_changed.connect(lambda _id: self.agenda.refresh())
            session.progress_changed.connect(self.agenda.show_progress)
            session.summary_ready.connect(self._on_summary_ready)
            session.note_requested.connect(self.open_note)
            session.transcript.redraft_clicked.connect(self._on_speaker_redraft_clicked)
        elif index == NOTE:
            from session_assistant.ui.note.note_editor import NoteEditorPage

            page = note = NoteEditorPage(self._ctx)
            note.queue_requested.connect(lambda: self.go(QUEUE))
            note.changed.connect(self._on_note_changed)
            note.changed.connect(self.digests.request)
        else:
            raise ValueError(f"no screen at {index}")
        self._built[index] = page
        stand_in = self.stack.widget(index)
        self.stack.blockSignals(True)  # the screen on view stays the same: nothing to announce
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        self.stack.blockSignals(False)
        stand_in.deleteLater()
        return page

    def _appointment_on(self, index: int) -> int | None:
        """The appointment the session or note screen shows; None while it was never built."""
        page = self._built.get(index)
        return page.appointment_id if page is not None else None

    # ---- navigation ---------------------------------------------------------------------------------
    def go(self, index: int) -> None:
        """Show the screen at stack ``index`` (0 agenda, 1 clients, 2 session, 3 note, 4 notes to write)."""
        self.nav.setCurrentRow(NAV_ORDER.index(index))

    def _on_nav_row_changed(self, row: int) -> None:
        shown = self.stack.currentWidget()
        if shown is self._built.get(CLIENTS) and row != 1 and not shown.confirm_leave():
            self.nav.blockSignals(True)  # unsaved chart edits and the clinician chose to stay
            self.nav.setCurrentRow(NAV_ORDER.index(1))
            self.nav.blockSignals(False)
            return
        if shown is self._built.get(NOTE) and row != 3:
            shown.save()
        self._page(row)  # built before it is shown
        if row == 2:
            self._follow_the_note_to_its_session()
        if row in (2, 3):
            self._open_the_named_appointment(self.session if row == 2 else self.note)
        if row == 1 and self.chart.client_id is None and self._named_client is not None:
            # Clients with the header naming whom the work is about: that chart, not "No client chosen".
            self.chart.refresh_clients()
            self.chart.show_client(self._named_client)
        self.stack.setCurrentIndex(row)
        if row == 0:
            self.agenda.refresh()
        elif row == QUEUE:  # (the agenda's refresh recounts the queue too)
            self.queue.refresh()

    def _on_nav_current_row_changed(self, nav_row: int) -> None:
        """The sidebar's order differs from the stack's (NAV_ORDER); ``_on_nav_row_changed`` takes stack indexes."""
        if 0 <= nav_row < len(NAV_ORDER):
            self._on_nav_row_changed(NAV_ORDER[nav_row])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        """The appearance changed (light/dark): redraw the navigation icons in the new text colour."""
        if event.type() == QEvent.Type.PaletteChange:
            for row, index in enumerate(NAV_ORDER):
                self.nav.item(row).setIcon(theme.icon(ICONS[index]))
        super().changeEvent(event)

    def _fit_nav_width(self) -> None:
        """Wide enough for the longest name beside its icon (the count badges sit on the icons)."""
        bold = self.nav.font()
        bold.setBold(True)  # the chosen entry is drawn bold
        widest = max(QFontMetrics(bold).horizontalAdvance(name) for name in PAGES)
        self.nav.setFixedWidth(widest + self.nav.iconSize().width() + 7 * theme.SPACE["xs"])

    def _on_queue_count_changed(self, count: int) -> None:
        """Count badges: sessions waiting for a note on "Notes to write"; drafts ready for review on "Note".

        """
        drafts = self.queue.drafts
        for index, number, kind, words in ((QUEUE, count, "overdue", "past sessions without a signed note"),
                                           (3, drafts, "draft_ready", "note drafts ready for review (in Notes to write)")):
            item = self.nav.item(NAV_ORDER.index(index))
            shown = str(number) if number < 100 else "99+"
            item.setData(BADGES_ROLE, [(shown, kind)] if number else [])
            # The text a screen reader speaks carries the count the badge draws.
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{PAGES[index]} ({shown})" if number else PAGES[index])
            item.setToolTip(f"{number} {words}" if number else "")
        self.nav.viewport().update()

    def open_session(self, appointment_id: int) -> None:
        self.session.show_appointment(appointment_id)
        self.go(2)
        self._show_current()

    def open_note(self, appointment_id: int) -> None:
        self.note.show_appointment(appointment_id)
        self.go(3)
        self._show_current()

    def open_chart(self, client_id: int) -> None:
        self.chart.refresh_clients()
        self.chart.show_client(client_id)
        self.go(1)
        self._show_current()

    def _show_current(self) -> None:
        """Name the client (and appointment) of the chart, session or note on screen in the header; the
        agenda and the queue keep the last one, so the header always says whom the work is about."""
        page = self.stack.currentWidget()
        appointment_id = page.appointment_id if page in (self._built.get(SESSION), self._built.get(NOTE)) else None
        practice = self._ctx.practice
        if appointment_id is not None:
            appointment = practice.appointments.get(appointment_id)
            when = datetime.fromisoformat(appointment["starts_at"]).strftime("%a %d %b, %H:%M")
            self.current.setText(f"{self._client_name(appointment['client_id'])} · {when}")
            self._named_client = appointment["client_id"]
        elif page is self._built.get(CLIENTS) and page.client_id is not None:
            self.current.setText(self._client_name(page.client_id))
            self._named_client = page.client_id

    def _follow_the_note_to_its_session(self) -> None:
        """Session from the sidebar while a note is on screen: that note's session, which the header
        names, not the one the session screen showed last (a note for 07:00 led to the 08:00
        session); and "Open the note" knows of a note written since that screen was shown."""
        session, shown = self.session, self._appointment_on(NOTE)
        if (self.stack.currentWidget() is self._built.get(NOTE) and shown is not None and shown != session.appointment_id
                and not session.busy_now):
            session.show_appointment(shown)
        else:
            session.refresh_note_button()

    def _open_the_named_appointment(self, page) -> None:
        """Session or Note opened from the sidebar with nothing chosen, while the header names a client:
        the other page's appointment if it is that client's, else the client's only one, instead of "No session
        chosen"."""
        if page.appointment_id is not None or self._named_client is None:
            return
        other = self._appointment_on(SESSION if page is self._built.get(NOTE) else NOTE)
        rows = [row for row in self._ctx.practice.appointments.list(client_id=self._named_client)
                if row["status"] != "cancelled"]
        ids = [row["id"] for row in rows]
        chosen = other if other in ids else ids[0] if len(ids) == 1 else None
        if chosen is not None:
            page.show_appointment(chosen)
        elif page is self._built.get(SESSION):
            page.say_which(self._client_name(self._named_client))

    def _client_name(self, client_id: int) -> str:
        client = self._ctx.practice.clients.get(client_id)
        return f"{client['first_name']} {client['last_name']}"

    # ---- events -------------------------------------------------------------------------------------
    def _on_summary_ready(self, appointment_id: int) -> None:
        self.agenda.refresh()
        # The notification names no client: it may show on a shared screen.
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage("Session Assistant", "An AI session summary is ready for review.",
                                  QSystemTrayIcon.MessageIcon.Information, 8000)
        self.last_notification = "An AI session summary is ready for review."

    def _on_speaker_redraft_clicked(self) -> None:
        """The clinician asked to redraft the sections that cite lines whose speaker changed."""
        from session_assistant.ui.session.draft_review import redraft_sections

        appointment_id = self.session.appointment_id
        if appointment_id is None:
            return
        self.open_note(appointment_id)
        if self.note.note is None:
            self.note.create_hint.setText("Create the note first; it will use the corrected speakers.")
            return
        if redraft_sections(self.note, self.session.affected_sections):
            self.session.transcript.hide_notice()

    def _on_note_changed(self) -> None:
        self.agenda.refresh()

    def _on_new_client_requested(self) -> None:
        dialog = NewClientDialog(self._ctx.practice, self)
        if dialog.exec() and dialog.client_id:
            self.open_chart(dialog.client_id)

    def _on_new_appointment_requested(self, client_id: int | None) -> None:
        dialog = NewAppointmentDialog(self._ctx.practice, default_start(self.agenda.today()), client_id, self)
        if dialog.exec():
            self.agenda.refresh()
            if CLIENTS in self._built:  # (a chart built later lists its clients then)
                self.chart.refresh_clients()

    def _on_settings_triggered(self) -> None:
        from session_assistant.ui.settings.settings_dialog import SettingsDialog

        SettingsDialog(self._ctx, self).exec()
        self.who.setText(self._ctx.practice.profile.get().practice_name or "")
        if self._appointment_on(SESSION) is not None:
            self.session.show_appointment(self.session.appointment_id)

    @property
    def busy(self) -> bool:
        session = self._built.get(SESSION)
        return session is not None and session.busy_now

    def teardown(self) -> dict[int, str]:
        """Before a lock or quit: save the open note and the chart's unsaved edits, stop work, hide
        the tray, destroy every PHI widget. Returns the chart's notes on what it kept (``ChartPage.keep_unsaved_at_lock``)."""
        self.digests.close()  # first: the saves below must not start a pass that outlives the vault
        chart, note, session = (self._built.get(index) for index in (CLIENTS, NOTE, SESSION))
        chart_notes = chart.keep_unsaved_at_lock() if chart is not None else {}
        if note is not None:
            note.teardown()
        if session is not None:
            session.teardown()
        if chart is not None:
            chart.summary_tab.teardown()
        if self.tray is not None:
            self.tray.hide()
        self.setParent(None)
        self.deleteLater()
        return chart_notes
