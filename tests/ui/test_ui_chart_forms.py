"""The chart's editing tabs driven by clicks in the real window on the sample practice:
assessments (PHQ-9, GAD-7), diagnoses, treatment plan and client details. Every change is read
back through the services and found in the audit trail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QStyle, QStyleOptionComboBox

from ui_helpers import unlock


@pytest.fixture
def say_yes(monkeypatch):
    """Confirmation dialogs answered "Yes" (the question text is kept for the test to read)."""
    asked = []

    def question(_parent, title, text, *_args, **_kwargs):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _open_chart(qtbot, window, last_name: str, tab: str):
    unlock(qtbot, window)
    window.workspace.stack.setCurrentWidget(window.workspace.chart)
    chart = window.workspace.chart
    items = chart.clients.findItems(last_name, Qt.MatchFlag.MatchContains)
    assert items, f"{last_name} not in the client list"
    rect = chart.clients.visualItemRect(items[0])
    qtbot.mouseClick(chart.clients.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    client_id = chart.client_id
    assert client_id == items[0].data(Qt.ItemDataRole.UserRole)
    assert chart.tabs.isTabEnabled(chart.optional_tabs[tab])
    chart.tabs.setCurrentIndex(chart.optional_tabs[tab])
    return chart, client_id


def _start_new(qtbot, tab, key: str) -> None:
    _click(qtbot, tab.new_buttons[key])
    form = tab.form
    assert tab.pages.currentIndex() == 1 and form.key == key
    # New answer buttons are shown (and old ones deleted) by the event loop, as for a user.
    qtbot.waitUntil(lambda: all(b.isVisible() and b.width() > 10 for row in form.buttons for b in row))


def _click(qtbot, widget) -> None:
    assert widget.isEnabled(), widget.text() if hasattr(widget, "text") else widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _audit(practice, entity: str, entity_id: int) -> list[str]:
    with practice.vault.db.read() as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE entity = ? AND entity_id = ? "
                                           "ORDER BY seq", (entity, entity_id))]


def test_phq9_by_clicks_scores_live_alerts_on_item_9_and_signs_into_the_vault(qtbot, ready_vault, make_window,
                                                                             say_yes):
    window = make_window(ready_vault)
    chart, client_id = _open_chart(qtbot, window, "Okafor", "Assessments")
    tab = chart.assessments_tab
    form = tab.form
    _start_new(qtbot, tab, "phq9")
    assert len(form.buttons) == 9 and not tab.save_and_sign.isEnabled()
    for item, value in enumerate([1, 2, 1, 2, 1, 1, 1, 0]):
        _click(qtbot, form.buttons[item][value])
    assert form.score.text().startswith("PHQ-9: 8 of 9 answered · 9 so far")
    assert not tab.save_and_sign.isEnabled() and form.alert.isHidden()
    _click(qtbot, form.buttons[8][0])
    assert form.score.text() == "PHQ-9 total 9 of 27: mild" and form.alert.isHidden()
    _click(qtbot, form.buttons[8][2])  # item 9: "More than half the days"
    assert form.score.text() == "PHQ-9 total 11 of 27: moderate"
    assert form.alert.isVisible() and "Item 9" in form.alert.text() and "More than half the days" in form.alert.text()
    tab.administered_on.setDate(tab.administered_on.date().addDays(-1))
    _click(qtbot, tab.save_and_sign)
    assert say_yes and "Dr Test Clinician" in say_yes[-1][1]

    practice = window.ctx.practice
    stored = practice.assessments.list(client_id, "phq9")[-1]
    assert stored["answers"] == [1, 2, 1, 2, 1, 1, 1, 0, 2]
    assert (stored["total_score"], stored["severity"], stored["status"]) == (11, "moderate", "signed")
    assert stored["signer_name"] == "Dr Test Clinician" and stored["self_harm_flag"]
    assert _audit(practice, "assessment", stored["id"]) == ["assessment_added", "assessment_signed"]
    # The form is empty again, the history and the trend show the new result, the overview flags item 9.
    assert tab.pages.currentIndex() == 0  # back to the history
    assert form.alert.isHidden() and form.answers() == [None] * 9
    top = tab.history.topLevelItem(0)
    assert [top.text(c) for c in (1, 2, 3, 4, 5)] == ["PHQ-9", "11", "moderate", "2 ⚠", "Signed"]
    assert any(text.startswith("PHQ-9 total, 0–27 (latest 11)") for text in tab.plot.legend_texts())
    assert "item 9 answered above 0" in chart.measures.text()


def test_gad7_saved_as_draft_then_signed_from_the_history(qtbot, ready_vault, make_window, say_yes):
    window = make_window(ready_vault)
    chart, client_id = _open_chart(qtbot, window, "Takahashi", "Assessments")
    tab = chart.assessments_tab
    _start_new(qtbot, tab, "gad7")
    assert len(tab.form.buttons) == 7
    for item, value in enumerate([3, 3, 2, 2, 2, 1, 3]):
        _click(qtbot, tab.form.buttons[item][value])
    assert tab.form.score.text() == "GAD-7 total 16 of 21: severe" and tab.form.alert.isHidden()
    _click(qtbot, tab.save_draft)
    practice = window.ctx.practice
    draft = practice.assessments.list(client_id, "gad7")[-1]
    assert (draft["total_score"], draft["severity"], draft["status"]) == (16, "severe", "draft")
    assert not say_yes  # a draft needs no confirmation
    tab.history.setCurrentItem(tab.history.topLevelItem(0))
    assert tab.history.currentItem().text(5) == "Draft"
    _click(qtbot, tab.sign_selected)
    assert practice.assessments.get(draft["id"])["status"] == "signed"
    assert tab.history.topLevelItem(0).text(5) == "Signed" and not tab.sign_selected.isEnabled()
    assert _audit(practice, "assessment", draft["id"]) == ["assessment_added", "assessment_signed"]
    assert any(text.startswith("GAD-7 total, 0–21 (latest 16)") for text in tab.plot.legend_texts())


def test_diagnosis_found_by_icd_prefix_added_with_onset_then_resolved(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    chart, client_id = _open_chart(qtbot, window, "Lindqvist", "Diagnoses")
    tab = chart.diagnoses_tab
    assert tab.listed(tab.active_group) == ["F41.1"]  # the sample client's diagnosis
    qtbot.keyClicks(tab.search, "F41")
    shown = tab.codes_shown()
    assert "F41.0" in shown and all(code.startswith("F41") for code in shown)
    row = shown.index("F41.0")
    rect = tab.results.visualItemRect(tab.results.item(row))
    qtbot.mouseClick(tab.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab.onset.setDate(tab.onset.date().addDays(-30))
    onset = tab.onset.date().toString("yyyy-MM-dd")
    _click(qtbot, tab.add)
    practice = window.ctx.practice
    added = [d for d in practice.diagnoses.list(client_id) if d["code"] == "F41.0"]
    assert len(added) == 1 and added[0]["onset_date"] == onset and added[0]["resolved_date"] is None
    assert sorted(tab.listed(tab.active_group)) == ["F41.0", "F41.1"]
    assert "F41.0" in chart.diagnoses.text()  # the overview follows
    # A category code can not be added.
    tab.search.clear()
    qtbot.keyClicks(tab.search, "F41")
    category = tab.results.item(tab.codes_shown().index("F41"))
    assert not category.flags() & Qt.ItemFlag.ItemIsSelectable
    # Resolve it.
    target = next(tab.active_group.child(i) for i in range(tab.active_group.childCount())
                  if tab.active_group.child(i).text(0) == "F41.0")
    tab.listing.setCurrentItem(target)
    resolved = tab.resolved_on.date().toString("yyyy-MM-dd")
    _click(qtbot, tab.resolve)
    assert practice.diagnoses.get(added[0]["id"])["resolved_date"] == resolved
    assert tab.listed(tab.resolved_group) == ["F41.0"] and tab.listed(tab.active_group) == ["F41.1"]
    assert "F41.0" not in chart.diagnoses.text()
    assert _audit(practice, "diagnosis", added[0]["id"]) == ["diagnosis_added", "diagnosis_resolved"]


def _edit(qtbot, line_edit, text: str) -> None:
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)


def test_a_client_without_a_plan_is_not_told_their_plan_is_signed(qtbot, ready_vault, make_window):
    """The side panel of an empty Treatment plan tab said "This version is signed and cannot change"."""
    window = make_window(ready_vault)
    chart, client_id = _open_chart(qtbot, window, "Okafor", "Treatment plan")
    assert window.ctx.practice.plans.versions(client_id) == []
    hint = chart.plan_tab.tree.hint
    assert hint.isVisible() and "signed" not in hint.text() and "New plan" in hint.text()


def test_plan_built_in_the_tree_and_signed_is_the_active_plan_note_drafting_reads(qtbot, ready_vault, make_window,
                                                                                  say_yes):
    from session_assistant.services.draft_chart import chart_context

    window = make_window(ready_vault)
    chart, client_id = _open_chart(qtbot, window, "Okafor", "Treatment plan")
    editor = chart.plan_tab
    practice = window.ctx.practice
    assert practice.plans.versions(client_id) == [] and editor.new_plan.text() == "&New plan"
    _click(qtbot, editor.new_plan)  # starts with a problem and a goal selected
    tree = editor.tree
    assert tree.tree.currentItem().text(0).startswith("Goal:")
    _edit(qtbot, tree.text, "Sleep six hours on most nights")
    _edit(qtbot, tree.measure, "sleep diary")
    _edit(qtbot, tree.target_date, "2027-02-01")
    _click(qtbot, tree.add_objective)
    _edit(qtbot, tree.text, "Keep a sleep diary every morning")
    _edit(qtbot, tree.target_date, "2026-12-31")
    _click(qtbot, tree.add_intervention)  # under the selected objective
    assert tree.target_date.isVisible() and not tree.progress.isVisible()
    _edit(qtbot, tree.text, "Stimulus control instructions")
    _edit(qtbot, tree.target_date, "2026-12-15")
    objective_item = tree.tree.currentItem().parent()
    assert objective_item.text(0).startswith("Objective:") and tree.tree.currentItem().text(1) == "2026-12-15"
    tree.tree.setCurrentItem(objective_item.parent())  # the goal: an intervention for the goal as a whole
    _click(qtbot, tree.add_intervention)
    assert tree.tree.currentItem().parent().text(0).startswith("Goal:")
    _edit(qtbot, tree.text, "CBT for insomnia")
    _edit(qtbot, tree.target_date, "2027-01-31")
    tree.tree.setCurrentItem(tree.tree.topLevelItem(0))
    _edit(qtbot, tree.text, "Insomnia affecting work")
    _edit(qtbot, editor.review_date, "2027-03-01")
    _click(qtbot, editor.sign)  # saves, then signs

    plan = practice.plans.active(client_id)
    assert plan is not None and plan["status"] == "signed" and plan["signer_name"] == "Dr Test Clinician"
    goal = plan["plan"]["problems"][0]["goals"][0]
    assert plan["plan"]["problems"][0]["problem"] == "Insomnia affecting work"
    assert (goal["goal"], goal["measure"], goal["target_date"]) == ("Sleep six hours on most nights", "sleep diary",
                                                                     "2027-02-01")
    assert goal["objectives"] == [{"objective": "Keep a sleep diary every morning", "target_date": "2026-12-31",
                                   "status": "not started",
                                   "interventions": [{"intervention": "Stimulus control instructions",
                                                      "target_date": "2026-12-15"}]}]
    assert goal["interventions"] == [{"intervention": "CBT for insomnia", "target_date": "2027-01-31"}]
    assert plan["review_date"] == "2027-03-01"
    assert "Intervention: Stimulus control instructions (target 2026-12-15)" in plan["text"]
    assert "Active plan" in editor.active_label.text() and not editor.tree.text.isEnabled()
    assert _audit(practice, "treatment_plan", plan["id"]) == ["plan_created", "plan_signed"]
    # Note drafting reads this plan's goal.
    appointment_id = practice.clients.chart(client_id)["appointments"][0]["id"]
    context = chart_context(practice.vault, appointment_id)
    assert any("Sleep six hours on most nights" in fact.text and fact.ref.startswith(f"chart:goal:{plan['id']}.")
               for fact in context.goals)
    # A new version is a draft copy; the signed one stays the active plan until the new one is signed.
    _click(qtbot, editor.new_plan)
    draft_id = editor.shown_id()
    assert draft_id != plan["id"] and practice.plans.get(draft_id)["status"] == "draft"
    assert practice.plans.active(client_id)["id"] == plan["id"] and "Not the active plan" in editor.active_label.text()
    assert editor.version.count() == 2
    # The copy comes back into the tree with each intervention where it was, with its date.
    goal_item = editor.tree.tree.topLevelItem(0).child(0)
    objective_item = goal_item.child(0)
    assert [(objective_item.child(0).text(0), objective_item.child(0).text(1))] == [
        ("Intervention: Stimulus control instructions", "2026-12-15")]
    assert [(goal_item.child(i).text(0), goal_item.child(i).text(1)) for i in range(1, goal_item.childCount())] == [
        ("Intervention: CBT for insomnia", "2027-01-31")]


def test_client_pronouns_and_date_of_birth_edited_and_read_back(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    chart, client_id = _open_chart(qtbot, window, "Takahashi", "Client")
    editor = chart.client_tab
    practice = window.ctx.practice
    assert editor.edits["last_name"].text() == "Takahashi" and not editor.save.isEnabled()
    _edit(qtbot, editor.edits["date_of_birth"], "1990-02-30")  # no such day
    _click(qtbot, editor.save)
    assert "Not saved" in editor.status.text() and practice.clients.get(client_id)["date_of_birth"] != "1990-02-30"
    _edit(qtbot, editor.edits["date_of_birth"], "1990-02-14")
    editor.pronouns.setCurrentText("")
    qtbot.keyClicks(editor.pronouns.lineEdit(), "they/them")
    editor.status_box.setCurrentText("discharged")
    _click(qtbot, editor.save)
    stored = practice.clients.get(client_id)
    assert (stored["date_of_birth"], stored["pronouns"], stored["status"]) == ("1990-02-14", "they/them", "discharged")
    assert "Saved" in editor.status.text() and not editor.save.isEnabled()
    assert chart.fields["pronouns"].text() == "they/them"  # the overview follows
    with practice.vault.db.read() as conn:
        details = [r[0] for r in conn.execute("SELECT detail FROM audit_log WHERE entity = 'client' AND entity_id = ? "
                                              "AND action = 'client_updated' ORDER BY seq", (client_id,))]
    assert details == ["fields: date_of_birth, pronouns, status"]
    # Consent history lists every decision, newest first.
    _click(qtbot, chart.consent_given)
    chart.tabs.setCurrentIndex(chart.optional_tabs["Client"])
    assert editor.consents.topLevelItem(0).text(1) == "Consent given"


def test_other_instrument_by_name_and_total_and_a_bad_plan_date_is_refused(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    chart, client_id = _open_chart(qtbot, window, "Castellanos", "Assessments")
    tab = chart.assessments_tab
    practice = window.ctx.practice
    _click(qtbot, tab.new_buttons["other"])
    assert tab.form.other_box.isVisible() and not tab.form.items_box.isVisible() and not tab.save_draft.isEnabled()
    qtbot.keyClicks(tab.form.other_name, "PCL-5")
    tab.form.other_total.setValue(41)
    _click(qtbot, tab.save_draft)
    stored = practice.assessments.list(client_id, "PCL-5")
    assert [(a["instrument"], a["total_score"], a["status"]) for a in stored] == [("PCL-5", 41, "draft")]
    assert tab.history.topLevelItem(0).text(1) == "PCL-5"
    # A plan with an impossible target date is refused with the reason; nothing is stored.
    chart.tabs.setCurrentIndex(chart.optional_tabs["Treatment plan"])
    editor = chart.plan_tab
    _click(qtbot, editor.new_plan)
    _edit(qtbot, editor.tree.target_date, "next spring")
    _click(qtbot, editor.save)
    assert "Not saved" in editor.status.text() and "YYYY-MM-DD" in editor.status.text()
    assert practice.plans.versions(client_id) == []
    _edit(qtbot, editor.tree.target_date, "2027-05-01")
    _click(qtbot, editor.save)
    assert practice.plans.active(client_id)["plan"]["problems"][0]["goals"][0]["target_date"] == "2027-05-01"
    # Drafting reads the only plan there is, but an unsigned draft is never called the active plan.
    assert editor.status.text() == "Draft saved." and editor.active_label.text().startswith("Draft (unsigned)")
    assert "Active plan" not in editor.active_label.text()


def test_the_version_box_shows_a_long_signer_name_whole_on_a_laptop_screen(qtbot, ready_vault, make_window):
    """The version box cut the signer's name ("...by Mari") at 1024 wide."""
    window = make_window(ready_vault)
    window.resize(1024, 600)
    chart, client_id = _open_chart(qtbot, window, "Okafor", "Treatment plan")
    plans = window.ctx.practice.plans
    plan_id = plans.create(client_id, {"problems": [{"problem": "Sleep", "goals": [{"goal": "Sleep six hours"}]}]})
    plans.sign(plan_id, "Dr Marianne Oyelaran-Tammsaare, PsyD")
    editor = chart.plan_tab
    editor.fill(window.ctx.practice, client_id)
    editor.layout().activate()  # the layout as drawn, not a geometry left from before the fill
    QApplication.processEvents()
    option = QStyleOptionComboBox()
    editor.version.initStyleOption(option)
    field = editor.version.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                  QStyle.SubControl.SC_ComboBoxEditField, editor.version)
    text = editor.version.currentText()
    assert text.endswith("by Dr Marianne Oyelaran-Tammsaare, PsyD")
    assert editor.version.fontMetrics().horizontalAdvance(text) <= field.width(), (text, field.width())
    assert editor.version.geometry().right() < editor.width()  # and the box itself is on the tab
