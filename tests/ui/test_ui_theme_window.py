"""Status you can see, on the real window (issue 21): pills on agenda and queue rows, counts on the
sidebar, the signed banner, empty states with their one action, and the appearance setting."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from session_assistant.ui.common import theme
from session_assistant.ui.agenda.session_status import status_kind
from session_assistant.ui.common.status_pill import BADGES_ROLE, KIND_ROLE, StatusPillDelegate
from ui_helpers import unlock


def rows_of(tree) -> list:
    """The appointment items of a tree: the agenda's under day groups, the queue's at the top level."""
    items = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        items += [top.child(j) for j in range(top.childCount())] or [top]
    return [item for item in items if item.data(0, Qt.ItemDataRole.UserRole)]


def _pill_drawn(tree, item, column: int, kind: str) -> bool:
    """The pill's background colour appears inside the cell on screen (the delegate drew it)."""
    rect = tree.visualItemRect(item)
    left = tree.header().sectionPosition(column)
    image = tree.viewport().grab().toImage()
    want = theme.status_colours(kind)[1]
    for x in range(left, left + tree.header().sectionSize(column)):
        for y in range(rect.top(), rect.bottom()):
            if QColor(image.pixel(x, y)) == want:
                return True
    return False


def test_agenda_and_queue_rows_carry_status_pills_and_the_sidebar_counts_them(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    window.resize(1366, 768)
    unlock(qtbot, window)
    workspace = window.workspace
    agenda = workspace.agenda
    assert isinstance(agenda.tree.itemDelegateForColumn(3), StatusPillDelegate)
    rows = rows_of(agenda.tree)
    assert rows
    for item in rows:
        assert item.data(3, KIND_ROLE) == status_kind(item.text(3))
    scheduled = next(item for item in rows if item.text(3) == "Scheduled")
    assert _pill_drawn(agenda.tree, scheduled, 3, "scheduled")

    workspace.go(4)
    queue = workspace.queue
    queued = rows_of(queue.tree)
    assert queued and queue.count == len(queued)
    assert {item.data(3, KIND_ROLE) for item in queued} <= set(theme.STATUS_KINDS) - {"neutral"}
    assert _pill_drawn(queue.tree, queued[0], 3, queued[0].data(3, KIND_ROLE))
    by_name = {workspace.nav.item(i).text(): workspace.nav.item(i) for i in range(workspace.nav.count())}
    assert by_name["Notes to write"].data(BADGES_ROLE) == [(str(queue.count), "overdue")]
    drafts = sum(1 for item in queued if item.data(0, Qt.ItemDataRole.UserRole)["note_id"])
    assert queue.drafts == drafts
    assert by_name["Note"].data(BADGES_ROLE) == ([(str(drafts), "draft_ready")] if drafts else [])
    assert all(not by_name[name].icon().isNull() for name in by_name)


def test_a_signed_note_says_signed_and_read_only_and_a_draft_does_not(qtbot, ready_vault, make_window):
    from session_seed import seed_session

    draft_appointment, _note = seed_session(ready_vault)
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    signed = next(a for a in window.ctx.practice.appointments.list() if a["note_status"] == "signed")
    workspace.open_note(signed["id"])
    editor = workspace.note
    assert editor.signed_banner.isVisible()
    assert editor.signed_banner.text() == "Signed · read-only"
    assert editor.signed_banner.property("kind") == "signed"
    workspace.open_note(draft_appointment)
    assert editor.note["status"] != "signed"
    assert not editor.signed_banner.isVisible()


def test_an_empty_agenda_and_queue_say_what_goes_there_and_offer_the_one_action(qtbot, ui_paths, make_window,
                                                                                  monkeypatch):
    from sa_testing import TEST_PASSPHRASE
    from session_assistant.app import create_practice

    practice, _recovery = create_practice(ui_paths, TEST_PASSPHRASE)  # no clients, no appointments
    practice.close()
    window = make_window(ui_paths)
    unlock(qtbot, window)
    workspace = window.workspace
    asked = []
    monkeypatch.setattr(workspace, "_on_new_client_requested", lambda: asked.append("client"))
    agenda = workspace.agenda
    assert agenda.empty.isVisible() and not agenda.tree.isVisible()
    assert agenda.empty.title.text() == "No clients yet"
    assert agenda.empty.action.text().replace("&", "") == "New client…"
    agenda.empty.action.click()
    assert asked == ["client"]

    workspace.go(4)
    queue = workspace.queue
    assert queue.empty.isVisible() and not queue.tree.isVisible() and not queue.open_button.isVisible()
    assert "All caught up" in queue.empty.title.text()
    queue.empty.action.click()
    assert workspace.stack.currentWidget() is agenda

    workspace.go(1)
    chart = workspace.chart
    assert workspace.stack.currentWidget() is chart
    assert chart.empty.isVisible() and not chart.tabs.isVisible()
    assert chart.empty.title.text() == "No clients yet" and "first client" in chart.empty.text.text()
    chart.empty.action.click()
    assert asked == ["client", "client"]


def test_a_chart_screen_with_no_client_open_says_what_a_chart_holds_and_offers_a_new_client(
        qtbot, ready_vault, make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    asked = []
    monkeypatch.setattr(workspace, "_on_new_client_requested", lambda: asked.append("client"))
    workspace.go(1)
    chart = workspace.chart
    assert chart.client_id is None and chart.clients.count() > 0
    assert chart.empty.isVisible() and not chart.tabs.isVisible()
    assert chart.empty.title.text() == "No client chosen" and "treatment plan" in chart.empty.text.text()
    chart.empty.action.click()
    assert asked == ["client"]
    chart.clients.setCurrentRow(0)
    assert chart.client_id is not None and chart.tabs.isVisible() and not chart.empty.isVisible()


def test_an_empty_week_offers_a_new_appointment(qtbot, ready_vault, make_window, monkeypatch):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    asked = []
    monkeypatch.setattr(workspace, "_on_new_appointment_requested", lambda client: asked.append(client))
    agenda = workspace.agenda
    assert not agenda.empty.isVisible()
    agenda.show_week(60)
    assert agenda.empty.isVisible() and not agenda.tree.isVisible()
    assert agenda.empty.action.text().replace("&", "") == "New appointment…"
    agenda.empty.action.click()
    assert asked == [None]
    agenda.show_week(0)
    assert agenda.tree.isVisible() and not agenda.empty.isVisible()


def test_the_appearance_setting_applies_at_once_is_saved_and_is_used_at_the_next_start(qtbot, ready_vault,
                                                                                      make_window, qapp):
    from session_assistant.ui.settings.settings_dialog import SettingsDialog
    from session_assistant.ui.common.ui_settings import FILE_NAME, UiSettings

    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    try:
        theme.apply(qapp, "light")
        light_icon = workspace.nav.item(0).icon().pixmap(20, 20).toImage()
        dialog = SettingsDialog(window.ctx, workspace)
        qtbot.addWidget(dialog)
        tab = dialog.appearance_tab
        assert [tab.mode.itemData(i) for i in range(tab.mode.count())] == ["system", "light", "dark"]
        tab.mode.setCurrentIndex(tab.mode.findData("dark"))
        assert theme.is_dark()
        assert json.loads((ready_vault.config_dir / FILE_NAME).read_text())["appearance"] == "dark"
        assert workspace.nav.item(0).icon().pixmap(20, 20).toImage() != light_icon  # redrawn for dark
        dialog.close()
        window.shutdown()

        theme.apply(qapp, "light")
        assert UiSettings.load(ready_vault.config_dir).appearance == "dark"
        make_window(ready_vault)
        assert theme.is_dark()  # the next start opens dark
    finally:
        theme.apply(qapp, "light")


def test_an_unknown_appearance_in_the_settings_file_falls_back_to_the_system(tmp_path):
    from session_assistant.ui.common.ui_settings import FILE_NAME, UiSettings

    (tmp_path / FILE_NAME).write_text(json.dumps({"appearance": "purple"}))
    assert UiSettings.load(tmp_path).appearance == "system"
    assert UiSettings(appearance="dark").appearance == "dark"


def test_the_session_and_note_screens_with_nothing_chosen_offer_the_way_there(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    workspace.go(2)
    session = workspace.session
    assert session.appointment_id is None
    assert session.empty.isVisible() and not session.record_box.isVisible()
    session.empty.action.click()
    assert workspace.stack.currentWidget() is workspace.agenda

    workspace.go(3)
    note = workspace.note
    assert note.empty.isVisible() and not note.template.isVisible()
    note.empty.action.click()
    assert workspace.stack.currentWidget() is workspace.queue

    signed = next(a for a in window.ctx.practice.appointments.list() if a["note_status"] == "signed")
    workspace.open_session(signed["id"])
    assert not session.empty.isVisible() and session.record_box.isVisible()
    unsigned = next(a for a in window.ctx.practice.appointments.list() if not a["note_id"])
    workspace.open_note(unsigned["id"])
    assert not note.empty.isVisible() and note.template.isVisible() and note.create_button.isVisible()


def test_a_note_under_ai_review_fits_1024_by_600(qtbot, ready_vault, make_window):
    """The themed window with its widest screen, a note with the AI draft beside it, on a small display
    (test_ui_small_screen covers the note with no draft; this one needed 1100 px at 250c966)."""
    from PySide6.QtCore import QSize

    from test_ui_note_review import SOAP_AI, _seed
    from test_ui_small_screen import assert_fits

    appointment = _seed(ready_vault)
    window = make_window(ready_vault)
    window.resize(QSize(1024, 600))
    unlock(qtbot, window)
    workspace = window.workspace
    workspace.open_note(appointment)
    editor = workspace.note
    editor.template.setCurrentIndex(editor.template.findText(SOAP_AI))
    editor.create_button.click()
    editor.sentences.setCurrentRow(1)
    assert editor.review.isVisible() and editor.sentences.count() > 1
    assert_fits(window, "note under review")
