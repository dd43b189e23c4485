"""The current client and appointment stay visible in the header bar (issue 21): set by the chart,
the session and the note editor, kept while the agenda is shown."""

from __future__ import annotations

from datetime import datetime

from ui_helpers import unlock


def test_the_header_names_the_current_client_and_appointment(qtbot, ready_vault, make_window):
    from session_seed import seed_session

    appointment_id, _note = seed_session(ready_vault)
    window = make_window(ready_vault)
    window.resize(1366, 768)
    window.show()
    unlock(qtbot, window)
    workspace = window.workspace
    practice = window.ctx.practice
    header = workspace.current
    assert header.isVisible() and header.text() == "" and header.accessibleName()

    clients = practice.clients.list()
    workspace.open_chart(clients[0]["id"])
    assert header.text() == f"{clients[0]['first_name']} {clients[0]['last_name']}"
    # Choosing another client in the chart's own list moves the header too.
    chart = workspace.chart
    other = next(chart.clients.item(i) for i in range(chart.clients.count())
                 if clients[1]["first_name"] in chart.clients.item(i).text())
    chart.clients.setCurrentItem(other)
    assert header.text() == f"{clients[1]['first_name']} {clients[1]['last_name']}"

    appointment = practice.appointments.get(appointment_id)
    client = practice.clients.get(appointment["client_id"])
    when = datetime.fromisoformat(appointment["starts_at"]).strftime("%a %d %b, %H:%M")
    expected = f"{client['first_name']} {client['last_name']} · {when}"
    workspace.open_session(appointment_id)
    assert header.text() == expected
    workspace.go(0)  # the agenda keeps saying whom the clinician is working with
    assert header.isVisible() and header.text() == expected
    workspace.open_note(appointment_id)
    assert header.text() == expected


def test_on_a_wide_window_the_note_and_the_chart_keep_a_reading_width(qtbot, ready_vault, make_window):
    from session_assistant.ui.common import theme
    from session_seed import seed_session

    appointment_id, _note = seed_session(ready_vault)
    window = make_window(ready_vault)
    window.resize(2560, 1080)
    window.show()
    unlock(qtbot, window)
    workspace = window.workspace
    workspace.open_note(appointment_id)
    qtbot.waitUntil(lambda: workspace.note.fields_holder.width() > 0)
    assert workspace.note.fields_holder.isVisible()
    assert workspace.note.fields_holder.width() <= theme.READING_WIDTH
    client_id = window.ctx.practice.appointments.get(appointment_id)["client_id"]
    workspace.open_chart(client_id)
    qtbot.waitUntil(lambda: workspace.chart.tabs.width() > 0)
    assert workspace.chart.tabs.width() <= theme.READING_WIDTH
    # On an ordinary laptop screen the cap takes nothing away: the chart fills what is there.
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: workspace.chart.tabs.width() < theme.READING_WIDTH)
    assert workspace.chart.tabs.width() > 0.6 * workspace.chart.width()
