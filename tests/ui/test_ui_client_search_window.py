"""In the chart's client list, typing a name as a referral writes it and pressing Enter opens that
client's chart (the search found nobody for "Jonah Okafor", and Enter did nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui_helpers import unlock


def test_a_name_in_either_order_then_enter_opens_the_chart(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    client = next(c for c in practice.clients.list() if c["last_name"] == "Okafor")
    window.workspace.stack.setCurrentWidget(window.workspace.chart)
    chart = window.workspace.chart
    QTest.keyClicks(chart.search, f"{client['first_name']} {client['last_name']}")
    shown = [chart.clients.item(i) for i in range(chart.clients.count()) if not chart.clients.item(i).isHidden()]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in shown] == [client["id"]]
    QTest.keyClick(chart.search, Qt.Key.Key_Return)
    assert chart.client_id == client["id"]
    chart.search.clear()
    QTest.keyClicks(chart.search, "zzz")
    assert chart.no_match.text() == "No client matches \u201czzz\u201d."
