"""The chart, session and note screens are built when first shown, not at every unlock: each is
hundreds of widgets (the chart's eight tabs, the session's transcript and speaker panels, the note's
review panes), and an unlock that opens none of them paid for all three. Built later, a screen is
the same screen: in its place in the stack, wired to the others, built once per unlock."""

from __future__ import annotations

from session_assistant.ui.chart.chart import ChartPage
from session_assistant.ui.note.note_editor import NoteEditorPage
from session_assistant.ui.session.session import SessionPage
from session_assistant.ui.shell.workspace import NAV_ORDER
from ui_helpers import unlock

LATER = (ChartPage, SessionPage, NoteEditorPage)


def built(window) -> dict[str, int]:
    return {kind.__name__: len(window.findChildren(kind)) for kind in LATER}


def test_the_chart_session_and_note_screens_are_built_on_first_show_once_and_in_place(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    assert built(window) == {"ChartPage": 0, "SessionPage": 0, "NoteEditorPage": 0}
    window.lock("on demand")  # a lock with screens never built: nothing of theirs to keep or stop
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace.stack.currentWidget() is workspace.agenda
    assert built(window) == {"ChartPage": 0, "SessionPage": 0, "NoteEditorPage": 0}
    assert workspace.stack.count() == 5 and workspace.nav.count() == 5

    workspace.nav.setCurrentRow(NAV_ORDER.index(1))  # Clients, from the sidebar
    chart = workspace.stack.currentWidget()
    assert isinstance(chart, ChartPage) and chart is workspace.chart and workspace.stack.widget(1) is chart
    assert built(window) == {"ChartPage": 1, "SessionPage": 0, "NoteEditorPage": 0}
    assert chart.clients.count() > 0  # filled when built

    # Wired when built: the chart's "Open note" reaches the note screen, built then, in its place.
    signed = next(r for r in window.ctx.practice.appointments.list() if r["note_status"] == "signed")
    chart.note_requested.emit(signed["id"])
    assert workspace.stack.currentWidget() is workspace.note and workspace.stack.widget(3) is workspace.note
    assert workspace.note.appointment_id == signed["id"]
    assert workspace.current.text().startswith(f"{signed['first_name']} {signed['last_name']}")

    for row in (0, 2, 1, 3, 4, 2):  # every screen in turn, back and forth: none is built twice
        workspace.nav.setCurrentRow(NAV_ORDER.index(row))
        assert workspace.stack.currentIndex() == row
    assert built(window) == {"ChartPage": 1, "SessionPage": 1, "NoteEditorPage": 1}
    assert [type(workspace.stack.widget(i)).__name__ for i in range(5)] == [
        "AgendaPage", "ChartPage", "SessionPage", "NoteEditorPage", "NotesQueuePage"]

