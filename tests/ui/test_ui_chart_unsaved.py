"""Unsaved edits in the chart are never lost silently, and opening a chart is audited once.

A save in one tab or a consent click reloads only what it changed; leaving a plan or client form
with unsaved edits (another client, another screen) asks Save / Discard / Cancel. The real
QMessageBox is shown and answered by clicking its button, as a clinician would."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from session_assistant.services.sample_chart import PLAN
from ui_helpers import unlock
from session_assistant.ui.shell.workspace import NAV_ORDER

Button = QMessageBox.StandardButton


def answer_next_dialog(button: Button) -> list[str]:
    """Click ``button`` on the next modal message box; the list gets its text once answered."""
    seen: list[str] = []

    def look(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        elif tries < 300:
            QTimer.singleShot(10, lambda: look(tries + 1))

    QTimer.singleShot(0, look)
    return seen


def _open(qtbot, window, last_name: str):
    chart = window.workspace.chart
    window.workspace.go(1)
    item = chart.clients.findItems(last_name, Qt.MatchFlag.MatchContains)[0]
    rect = chart.clients.visualItemRect(item)
    qtbot.mouseClick(chart.clients.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return chart


def _views(practice, client_id: int) -> int:
    with practice.vault.db.read() as conn:
        return conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'chart_viewed' AND client_id = ?",
                            (client_id,)).fetchone()[0]


def _type(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_plan_edits_survive_a_consent_click_and_other_saves_and_switching_client_asks(qtbot, ready_vault,
                                                                                      make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    chart = _open(qtbot, window, "Okafor")
    okafor = chart.client_id
    practice = window.ctx.practice
    chart.tabs.setCurrentWidget(chart.plan_tab)
    qtbot.mouseClick(chart.plan_tab.new_plan, Qt.MouseButton.LeftButton)
    tree = chart.plan_tab.tree
    _type(qtbot, tree.text, "Sleep six hours on most nights")
    # A consent click on the overview and a saved client edit leave the unsaved plan alone.
    chart.tabs.setCurrentIndex(0)
    qtbot.mouseClick(chart.consent_given, Qt.MouseButton.LeftButton)
    chart.tabs.setCurrentWidget(chart.client_tab)
    _type(qtbot, chart.client_tab.edits["phone"], "555-0100")
    qtbot.mouseClick(chart.client_tab.save, Qt.MouseButton.LeftButton)
    assert practice.clients.get(okafor)["phone"] == "555-0100"
    assert chart.client_tab.consents.topLevelItem(0).text(1) == "Consent given"
    current = tree.tree.currentItem()  # the unsaved plan is still in the tree, still marked unsaved
    assert current is not None and current.text(0) == "Goal: Sleep six hours on most nights"
    assert chart.plan_tab.has_unsaved()
    # Another client: Cancel keeps this chart and the edit.
    seen = answer_next_dialog(Button.Cancel)
    _open(qtbot, window, "Takahashi")
    assert seen and "treatment plan has unsaved changes" in seen[0].lower()
    assert chart.client_id == okafor and chart.clients.currentItem().data(Qt.ItemDataRole.UserRole) == okafor
    assert chart.plan_tab.has_unsaved() and tree.tree.currentItem().text(0) == "Goal: Sleep six hours on most nights"
    assert practice.plans.versions(okafor) == []
    # Save: stored for Okafor, then Takahashi's chart opens.
    seen = answer_next_dialog(Button.Save)
    chart = _open(qtbot, window, "Takahashi")
    assert seen and chart.client_id != okafor and chart.title.text().endswith("Takahashi")
    stored = practice.plans.latest(okafor)
    assert stored["plan"]["problems"][0]["goals"][0]["goal"] == "Sleep six hours on most nights"
    assert not chart.plan_tab.has_unsaved()


def test_leaving_the_chart_with_unsaved_client_details_asks_cancel_then_discard(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    chart = _open(qtbot, window, "Takahashi")
    client_id = chart.client_id
    practice = window.ctx.practice
    before = practice.clients.get(client_id)["email"]
    chart.tabs.setCurrentWidget(chart.client_tab)
    _type(qtbot, chart.client_tab.edits["email"], "new@example.org")
    # A diagnosis saved meanwhile reloads the overview, not the client form.
    chart.tabs.setCurrentWidget(chart.diagnoses_tab)
    qtbot.keyClicks(chart.diagnoses_tab.search, "F43.2")
    chart.diagnoses_tab.results.setCurrentRow(chart.diagnoses_tab.codes_shown().index("F43.20"))
    qtbot.mouseClick(chart.diagnoses_tab.add, Qt.MouseButton.LeftButton)
    assert "F43.20" in chart.diagnoses.text()
    assert chart.client_tab.value("email") == "new@example.org" and chart.client_tab.has_unsaved()
    # Ctrl+1 (agenda): Cancel stays on the chart with the edit.
    seen = answer_next_dialog(Button.Cancel)
    window.workspace.go(0)
    assert seen and "client details" in seen[0]
    assert window.workspace.stack.currentWidget() is chart and window.workspace.nav.currentRow() == NAV_ORDER.index(1)
    assert chart.client_tab.value("email") == "new@example.org"
    # Discard: the agenda shows, nothing was stored, and the form shows what is stored again.
    seen = answer_next_dialog(Button.Discard)
    window.workspace.go(0)
    assert seen and window.workspace.stack.currentWidget() is window.workspace.agenda
    assert practice.clients.get(client_id)["email"] == before
    assert chart.client_tab.value("email") == (before or "") and not chart.client_tab.has_unsaved()


def test_a_refused_save_when_leaving_keeps_the_chart_and_shows_the_reason(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    chart = _open(qtbot, window, "Castellanos")
    castellanos = chart.client_id
    chart.tabs.setCurrentWidget(chart.client_tab)
    _type(qtbot, chart.client_tab.edits["date_of_birth"], "1990-02-30")  # no such day
    chart.tabs.setCurrentIndex(0)
    seen = answer_next_dialog(Button.Save)
    _open(qtbot, window, "Okafor")
    assert seen and chart.client_id == castellanos
    assert chart.tabs.currentWidget() is chart.client_tab and "Not saved" in chart.client_tab.status.text()
    assert chart.client_tab.value("date_of_birth") == "1990-02-30"


def test_one_chart_viewed_row_per_opening_not_per_refresh(qtbot, ready_vault, make_window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: Button.Yes)  # sign confirmations
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    chart = _open(qtbot, window, "Lindqvist")
    lindqvist = chart.client_id
    assert _views(practice, lindqvist) == 1
    # Edits in three tabs and a consent click refresh the overview: still one view.
    qtbot.mouseClick(chart.consent_given, Qt.MouseButton.LeftButton)
    chart.tabs.setCurrentWidget(chart.client_tab)
    _type(qtbot, chart.client_tab.edits["phone"], "555-0199")
    qtbot.mouseClick(chart.client_tab.save, Qt.MouseButton.LeftButton)
    chart.tabs.setCurrentWidget(chart.assessments_tab)
    qtbot.mouseClick(chart.assessments_tab.new_buttons["gad7"], Qt.MouseButton.LeftButton)
    form = chart.assessments_tab.form
    qtbot.waitUntil(lambda: all(b.isVisible() for row in form.buttons for b in row))
    for row in form.buttons:
        row[1].click()
    qtbot.mouseClick(chart.assessments_tab.save_draft, Qt.MouseButton.LeftButton)
    assert practice.assessments.list(lindqvist, "gad7")[-1]["total_score"] == 7
    assert practice.clients.get(lindqvist)["phone"] == "555-0199"
    assert _views(practice, lindqvist) == 1
    # Opening it again (another client, then back; or from another screen) is a new view each time.
    _open(qtbot, window, "Okafor")
    _open(qtbot, window, "Lindqvist")
    assert _views(practice, lindqvist) == 2
    window.workspace.go(0)
    window.workspace.open_chart(lindqvist)
    assert _views(practice, lindqvist) == 3


def test_choosing_another_plan_version_with_unsaved_edits_asks_first(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    chart = _open(qtbot, window, "Lindqvist")
    signed_id = practice.plans.create(chart.client_id, copy.deepcopy(PLAN))
    practice.plans.sign(signed_id, "Dr Test Clinician")
    window.workspace.open_chart(chart.client_id)
    editor = chart.plan_tab
    chart.tabs.setCurrentWidget(editor)
    qtbot.mouseClick(editor.new_plan, Qt.MouseButton.LeftButton)  # a draft copy, shown
    draft_id = editor.shown_id()
    tree = editor.tree
    tree.tree.setCurrentItem(tree.tree.topLevelItem(0))
    _type(qtbot, tree.text, "Worry about work, now mostly at night")
    signed_index = editor.version.findData(signed_id)
    seen = answer_next_dialog(Button.Cancel)
    editor.version.activated.emit(signed_index)  # as when the clinician picks it in the list
    assert seen and editor.shown_id() == draft_id
    assert tree.tree.topLevelItem(0).text(0) == "Problem: Worry about work, now mostly at night"
    assert editor.has_unsaved()
    seen = answer_next_dialog(Button.Save)
    editor.version.setCurrentIndex(signed_index)
    editor.version.activated.emit(signed_index)
    assert seen and editor.shown_id() == signed_id and not editor.has_unsaved()
    saved = practice.plans.get(draft_id)["plan"]["problems"][0]["problem"]
    assert saved == "Worry about work, now mostly at night"


def test_overview_plot_has_the_assessments_tab_legend_and_cut_offs(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    chart = _open(qtbot, window, "Lindqvist")
    overview, tab = chart.measures_plot, chart.assessments_tab.plot
    assert overview.legend_texts() and overview.legend_texts() == tab.legend_texts()
    assert overview.cutoffs and overview.cutoffs == tab.cutoffs


def test_a_half_answered_assessment_is_not_dropped_when_switching_client(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    chart = _open(qtbot, window, "Okafor")
    okafor = chart.client_id
    tab = chart.assessments_tab
    chart.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.new_buttons["phq9"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(b.isVisible() for row in tab.form.buttons for b in row))
    for row in tab.form.buttons[:3]:
        row[2].click()
    before = len(practice.assessments.list(okafor))
    # Save is refused (six items unanswered): the chart and the answers stay, with the reason.
    seen = answer_next_dialog(Button.Save)
    _open(qtbot, window, "Takahashi")
    assert seen and "new assessment" in seen[0]
    assert chart.client_id == okafor and chart.tabs.currentWidget() is tab and "Not saved" in tab.status.text()
    assert tab.form.answers()[:4] == [2, 2, 2, None]
    # Discard: the other chart opens; nothing was stored.
    seen = answer_next_dialog(Button.Discard)
    _open(qtbot, window, "Takahashi")
    assert seen and chart.client_id != okafor and len(practice.assessments.list(okafor)) == before


def test_a_lock_keeps_unsaved_plan_and_client_edits_and_unlock_returns_to_the_tab(qtbot, ready_vault, make_window):
    """Auto-lock while a new plan and a client edit are unsaved: both are stored (the plan as a
    draft), and unlocking shows the same chart on the same tab."""
    window = make_window(ready_vault)
    unlock(qtbot, window)
    chart = _open(qtbot, window, "Okafor")
    okafor = chart.client_id
    chart.tabs.setCurrentWidget(chart.client_tab)
    _type(qtbot, chart.client_tab.edits["phone"], "555-0142")
    chart.tabs.setCurrentWidget(chart.plan_tab)
    qtbot.mouseClick(chart.plan_tab.new_plan, Qt.MouseButton.LeftButton)
    _type(qtbot, chart.plan_tab.tree.text, "Sleep six hours on most nights")
    assert chart.plan_tab.has_unsaved() and chart.client_tab.has_unsaved()
    window.lock("idle")
    assert window.workspace is None
    unlock(qtbot, window)
    practice = window.ctx.practice
    stored = practice.plans.latest(okafor)
    assert stored is not None and stored["status"] == "draft"
    assert stored["plan"]["problems"][0]["goals"][0]["goal"] == "Sleep six hours on most nights"
    assert practice.clients.get(okafor)["phone"] == "555-0142"
    chart = window.workspace.chart
    assert window.workspace.stack.currentWidget() is chart and chart.client_id == okafor
    assert chart.tabs.currentWidget() is chart.plan_tab and chart.plan_tab.shown_id() == stored["id"]
    assert "saved as a draft when the app locked" in chart.plan_tab.status.text()
    assert not chart.plan_tab.has_unsaved() and not chart.client_tab.has_unsaved()


def test_a_lock_with_edits_the_service_refuses_keeps_the_rest_and_says_what_was_not_kept(qtbot, ready_vault,
                                                                                        make_window):
    """A plan item left without text and a date of birth that is no date: the plan is still kept as
    a draft (the empty item marked), the valid client fields are stored, and after unlocking each
    tab names what needs attention (field names only: no clinical value outlives the lock in memory)."""
    window = make_window(ready_vault)
    unlock(qtbot, window)
    chart = _open(qtbot, window, "Castellanos")
    client_id = chart.client_id
    chart.tabs.setCurrentWidget(chart.plan_tab)
    qtbot.mouseClick(chart.plan_tab.new_plan, Qt.MouseButton.LeftButton)
    tree = chart.plan_tab.tree
    _type(qtbot, tree.text, "Walk twice a week")
    tree.tree.setCurrentItem(tree.tree.topLevelItem(0))
    tree.text.selectAll()
    qtbot.keyClick(tree.text, Qt.Key.Key_Delete)  # the problem now has no text: a save is refused
    assert not chart.plan_tab.save_changes() and "needs text" in chart.plan_tab.status.text()
    chart.tabs.setCurrentWidget(chart.client_tab)
    _type(qtbot, chart.client_tab.edits["date_of_birth"], "1990-02-30")
    _type(qtbot, chart.client_tab.edits["phone"], "555-0177")
    window.lock("idle")
    unlock(qtbot, window)
    practice = window.ctx.practice
    stored = practice.plans.latest(client_id)
    assert stored is not None and stored["status"] == "draft"
    assert stored["plan"]["problems"][0]["problem"] == "(to complete)"
    assert stored["plan"]["problems"][0]["goals"][0]["goal"] == "Walk twice a week"
    client = practice.clients.get(client_id)
    assert client["phone"] == "555-0177" and client["date_of_birth"] != "1990-02-30"
    chart = window.workspace.chart
    assert chart.client_id == client_id and chart.tabs.currentWidget() is chart.client_tab
    assert "date of birth" in chart.client_tab.status.text() and "not saved" in chart.client_tab.status.text()
    assert "(to complete)" in chart.plan_tab.status.text()
