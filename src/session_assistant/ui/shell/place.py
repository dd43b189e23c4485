"""Where the clinician was when the app locked, so that unlocking returns there.

Only ids are kept, in memory (never on disk): the screen, the client or appointment it showed and
the chart tab, plus the chart's notes on unsaved edits it kept at the lock (fixed words and field
names, never clinical text).
Only the screen the clinician was on is reopened: reopening the others would record chart and
transcript views nobody made.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from session_assistant.errors import UserError

log = logging.getLogger(__name__)
AGENDA, CLIENTS, SESSION, NOTE = 0, 1, 2, 3


@dataclass(frozen=True)
class Place:
    screen: int
    client_id: int | None = None
    appointment_id: int | None = None
    week_offset: int = 0
    chart_tab: int = 0
    chart_notes: tuple[tuple[int, str], ...] = ()  # (tab index, message)


def place_of(workspace) -> Place:
    screen = workspace.stack.currentIndex()
    appointment_id = workspace.session.appointment_id if screen == SESSION else (
        workspace.note.appointment_id if screen == NOTE else None)  # (asking builds a screen never shown)
    return Place(screen, workspace.chart.client_id if screen == CLIENTS else None, appointment_id,
                 workspace.agenda.week_offset, workspace.chart.tabs.currentIndex() if screen == CLIENTS else 0)


def return_to(workspace, place: Place) -> None:
    """Reopen ``place`` in a fresh workspace; anything gone meanwhile (deleted from the command line)
    leaves the agenda showing instead."""
    try:
        if place.week_offset:
            workspace.agenda.show_week(place.week_offset)
        if place.screen == CLIENTS and place.client_id is not None:
            workspace.open_chart(place.client_id)
            workspace.chart.show_tab(place.chart_tab, dict(place.chart_notes))
        elif place.screen == SESSION and place.appointment_id is not None:
            workspace.open_session(place.appointment_id)
        elif place.screen == NOTE and place.appointment_id is not None:
            workspace.open_note(place.appointment_id)
        else:
            workspace.go(place.screen)
    except (UserError, ValueError) as error:  # ValueError: a screen this build no longer has
        log.info("could not return to the screen before the lock: %s", type(error).__name__)
        workspace.go(AGENDA)
