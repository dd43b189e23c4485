"""Clients in the sidebar, with the header naming the client of the note on screen, opens that
client's chart: after unlocking, a note open for Jordan and a click on Clients showed "No client
chosen" under a header that still said "Jordan ..."."""

from __future__ import annotations

from ui_helpers import unlock


def test_clients_opens_the_chart_of_the_client_the_header_names(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice, workspace = window.ctx.practice, window.workspace
    appointment = next(a for a in practice.appointments.list() if a["note_id"])
    workspace.open_note(appointment["id"])
    assert workspace.chart.client_id is None  # no chart opened yet in this unlock
    workspace.go(1)
    assert workspace.chart.client_id == appointment["client_id"]
    assert workspace.chart.tabs.isVisible()
