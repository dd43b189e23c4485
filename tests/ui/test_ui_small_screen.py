"""The window works down to 1024x600 (issue 18): on every top-level screen, the layouts need no more
than that, and no visible widget lies outside the window (cut off)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from session_assistant.paths import AppPaths
from ui_helpers import unlock

SMALL = QSize(1024, 600)


def _scrolled(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: may extend past the window, the scroll bars reach it."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def assert_fits(window, where: str) -> None:
    # A widget shown a moment ago (the status bar's size grip) keeps Qt's default 100x30 geometry
    # until its layout request is handled: settle every posted layout before measuring.
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()
    need = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert need.width() <= SMALL.width() and need.height() <= SMALL.height(), (where, need)
    assert window.size() == SMALL, (where, window.size())
    bounds = window.rect()
    for child in window.findChildren(QWidget):
        if child.isWindow() or not child.isVisible() or _scrolled(child):
            continue
        rect = QRect(child.mapTo(window, QPoint(0, 0)), child.size())
        assert bounds.contains(rect), (where, type(child).__name__, child.objectName(), rect)


def test_every_screen_fits_1024_by_600(qtbot, tmp_path, ready_vault, make_window):
    fresh = AppPaths(data_dir=tmp_path / "fresh", log_dir=tmp_path / "fresh-log", config_dir=tmp_path / "fresh-cfg",
                     vault_dir=tmp_path / "fresh" / "vault", models_dir=ready_vault.models_dir)
    fresh.ensure()
    first = make_window(fresh)
    first.resize(SMALL)
    for step in range(first.first_run.count()):
        first.first_run.setCurrentIndex(step)
        assert_fits(first, f"first run step {step + 1}")

    window = make_window(ready_vault)
    window.resize(SMALL)
    assert_fits(window, "unlock")
    unlock(qtbot, window)
    workspace = window.workspace
    practice = window.ctx.practice
    signed = next(r for r in practice.appointments.list() if r["note_status"] == "signed")
    screens = {"agenda": lambda: workspace.go(0), "notes to write": lambda: workspace.go(4),
               "clients": lambda: workspace.go(1), "session": lambda: workspace.go(2), "note": lambda: workspace.go(3),
               "chart": lambda: workspace.open_chart(signed["client_id"]),
               "session of a client": lambda: workspace.open_session(signed["id"]),
               "signed note": lambda: workspace.open_note(signed["id"])}
    for name, show in screens.items():
        show()
        assert_fits(window, name)
        if name == "chart":
            for tab in range(workspace.chart.tabs.count()):
                workspace.chart.tabs.setCurrentIndex(tab)
                assert_fits(window, f"chart tab {workspace.chart.tabs.tabText(tab)}")

    from session_assistant.ui.common.dialogs import AddendumDialog, NewAppointmentDialog, NewClientDialog
    from session_assistant.ui.settings.settings_dialog import SettingsDialog
    from session_assistant.ui.settings.audit_trail import AuditTrailDialog
    from session_assistant.ui.shell.shortcuts_help import ShortcutsDialog

    for dialog in (NewClientDialog(practice, window), NewAppointmentDialog(practice, workspace.agenda.today()),
                   AddendumDialog(window), SettingsDialog(window.ctx, window), ShortcutsDialog(window),
                   AuditTrailDialog(window.ctx, window)):
        dialog.show()
        QApplication.processEvents()
        need = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert need.width() <= SMALL.width() and need.height() <= SMALL.height() - 40, (type(dialog).__name__, need)
        assert dialog.width() <= SMALL.width() and dialog.height() <= SMALL.height() - 40, type(dialog).__name__
        dialog.close()
    qtbot.waitUntil(lambda: not window.ctx.pools.busy, timeout=30000)  # Settings lists the models in the background


def test_the_chart_forms_being_filled_in_fit_1024_by_600(qtbot, ready_vault, make_window):
    """The pages a tab switches to while editing (a PHQ-9 item by item, a plan being edited) fit too."""
    from PySide6.QtCore import Qt

    window = make_window(ready_vault)
    window.resize(SMALL)
    unlock(qtbot, window)
    workspace = window.workspace
    practice = window.ctx.practice
    okafor = next(c["id"] for c in practice.clients.list() if c["last_name"] == "Okafor")
    workspace.open_chart(okafor)
    chart = workspace.chart
    chart.tabs.setCurrentWidget(chart.assessments_tab)
    qtbot.mouseClick(chart.assessments_tab.new_buttons["phq9"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(b.isVisible() for row in chart.assessments_tab.form.buttons for b in row))
    assert_fits(window, "PHQ-9 form")
    chart.assessments_tab.discard_changes()
    chart.tabs.setCurrentWidget(chart.plan_tab)
    qtbot.mouseClick(chart.plan_tab.new_plan, Qt.MouseButton.LeftButton)
    for kind in ("objective", "intervention"):
        chart.plan_tab.tree.add_item(kind)
    assert_fits(window, "treatment plan being edited")
    chart.plan_tab.discard_changes()


def test_a_plan_item_longer_than_its_column_wraps_instead_of_being_cut_off(qtbot, ready_vault, make_window):
    """Read back in the window at 1024x600, a goal in the clinician's words ended in "..." (Qt sizes a
    tree row before it knows the column's width, so word wrap alone elided): every row is as tall as its
    wrapped text."""
    from PySide6.QtCore import Qt

    window = make_window(ready_vault)
    window.resize(SMALL)
    unlock(qtbot, window)
    okafor = next(c["id"] for c in window.ctx.practice.clients.list() if c["last_name"] == "Okafor")
    window.workspace.open_chart(okafor)
    chart = window.workspace.chart
    chart.tabs.setCurrentWidget(chart.plan_tab)
    qtbot.mouseClick(chart.plan_tab.new_plan, Qt.MouseButton.LeftButton)
    plan = chart.plan_tab.tree
    plan.text.setPlainText("Reduce panic attacks at work to fewer than one a month, using paced breathing "
                           "and a thought record whenever the fear of being found not good enough comes up")
    tree = plan.tree
    goal = tree.currentItem()
    assert goal.text(0).startswith("Goal: Reduce panic attacks")

    def fits() -> bool:
        rect = tree.visualItemRect(goal)
        width = tree.header().sectionSize(0) - tree.indentation() * 2
        needed = tree.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                                 goal.text(0)).height()
        return rect.height() >= needed > tree.fontMetrics().height()
    qtbot.waitUntil(fits, timeout=3000)
    chart.plan_tab.discard_changes()


def test_the_charts_notes_list_shows_each_session_and_template_whole(qtbot, ready_vault, make_window):
    """The Notes tab cut "2026-12-01 09:00" to "2026-12-01 ..." and the template to "AI Session S..."
    beside a wide empty column, even at 1366x768: the columns fit their text, at 1024x600 too."""
    window = make_window(ready_vault)
    window.resize(SMALL)
    unlock(qtbot, window)
    chart = window.workspace.chart
    for client in window.ctx.practice.clients.list():  # a sample client with notes
        window.workspace.open_chart(client["id"])
        if chart.notes.topLevelItemCount():
            break
    chart.tabs.setCurrentIndex(1)
    notes = chart.notes
    assert notes.topLevelItemCount() > 0
    qtbot.waitUntil(lambda: notes.isVisible())
    metrics = notes.fontMetrics()
    for row in range(notes.topLevelItemCount()):
        for column in (0, 1, 3):
            text = notes.topLevelItem(row).text(column)
            assert notes.header().sectionSize(column) > metrics.horizontalAdvance(text), (column, text)


def test_every_client_name_reads_whole_in_the_list_at_1024_by_600(qtbot, ready_vault, make_window):
    """At 1024x600 the client list was about 110 pixels wide: "Castellanos, Rowan" showed as "Castellanos, Rowa"
    with a horizontal scroll bar under four short names. A name too long for the column wraps onto a second
    line instead: every letter of every name is on screen without scrolling."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QFontMetrics

    window = make_window(ready_vault)
    window.resize(SMALL)
    unlock(qtbot, window)
    practice = window.ctx.practice
    practice.clients.add("Maximiliana", "Vanderbilt-Oyelaran")
    workspace = window.workspace
    workspace.chart.refresh_clients()
    workspace.open_chart(practice.clients.list()[0]["id"])  # a chart open: its tabs take the room they need
    chart = workspace.chart
    qtbot.waitUntil(lambda: chart.clients.count() >= 5, timeout=10000)
    assert_fits(window, "clients")  # settles every layout first
    listing = chart.clients
    assert not listing.horizontalScrollBar().isVisible()
    viewport = listing.viewport().width()
    metrics = QFontMetrics(listing.font())
    for row in range(listing.count()):
        item = listing.item(row)
        rect = listing.visualItemRect(item)
        assert rect.left() >= 0 and rect.right() <= viewport, item.text()
        # the text laid out at the row's width, wrapped at word breaks, fits inside the row
        wrapped = metrics.boundingRect(rect.adjusted(4, 0, -4, 0), int(Qt.TextFlag.TextWordWrap), item.text())
        assert wrapped.width() <= rect.width() and wrapped.height() <= rect.height() + 1, (item.text(), rect, wrapped)
        assert listing.indexAt(QPoint(rect.center())).row() == row
