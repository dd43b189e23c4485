"""A booked session that did not take place is marked so in the agenda (ui30).

Found by walking the window as a therapist: an appointment booked at the wrong hour, or a client who
did not come, had no way out of the window: no cancel, no no-show. Once its hour had passed it was a
"Note to write" for good, counted on the sidebar every day.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from session_assistant.clock import FixedClock
from ui_helpers import unlock


def _item(tree, appointment_id: int):
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).data(0, Qt.ItemDataRole.UserRole)["id"] == appointment_id:
                return top.child(j)
    raise AssertionError("appointment not on the agenda")


def test_a_no_show_and_a_cancellation_leave_notes_to_write(qtbot, ready_vault, make_window, monkeypatch):
    # noon by the window's clock: both bookings (00:05, 00:10, 50 minutes) are over whenever the suite runs
    # (at 00:30 the second was not, and the queue counted one fewer)
    noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    window = make_window(ready_vault, clock=FixedClock(noon))
    unlock(qtbot, window)
    practice, agenda, queue = window.ctx.practice, window.workspace.agenda, window.workspace.queue
    client = practice.clients.list()[0]["id"]
    today = agenda.today().strftime("%Y-%m-%d")
    missed = practice.appointments.add(client, f"{today}T00:05", 50)  # over: a note to write
    wrong = practice.appointments.add(client, f"{today}T00:10", 50)
    agenda.refresh()
    before = queue.count

    agenda.tree.setCurrentItem(_item(agenda.tree, missed))
    assert agenda.did_not_happen.isEnabled() and agenda.did_not_happen.isVisible()
    agenda.mark_no_show.trigger()
    qtbot.waitUntil(lambda: practice.appointments.get(missed)["status"] == "no_show", timeout=5000)
    qtbot.waitUntil(lambda: _item(agenda.tree, missed).text(3) == "No-show", timeout=5000)
    assert queue.count == before - 1

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Booked at the wrong hour", True))
    agenda.tree.setCurrentItem(_item(agenda.tree, wrong))
    agenda.mark_cancelled.trigger()
    qtbot.waitUntil(lambda: practice.appointments.get(wrong)["status"] == "cancelled", timeout=5000)
    qtbot.waitUntil(lambda: queue.count == before - 2, timeout=5000)
    agenda.tree.setCurrentItem(_item(agenda.tree, wrong))
    assert not agenda.did_not_happen.isEnabled()  # it is marked already
