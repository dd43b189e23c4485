"""A plan review has a place for what the clinician concluded: the review narrative is typed beside the
plan, saved in the vault with the version, signed with it, shown read-only once signed, printed in the
plan's PDF, and a new version starts without the last review's words. The side panel's fields show
their placeholders whole at the widths the plan tab gets on a 1280x800 and a 1024x600 screen.

Only the plan editor is built (no window): a vault in tmp_path with the cheap test key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sa_testing import TEST_PASSPHRASE
from session_assistant.paths import AppPaths

PLAN = {"problems": [{"problem": "Panic in shops", "goals": [
    {"goal": "Shop alone for twenty minutes", "measure": "panic diary", "status": "in progress",
     "objectives": [{"objective": "Stay in the corner shop until the wave passes", "status": "met"}]}]}]}
CONCLUDED = "Objective met in week 6; goal partly met. Next: the supermarket at a busy hour."


@pytest.fixture
def practice(tmp_path):
    from session_assistant.app import create_practice

    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "log", config_dir=tmp_path / "config",
                     vault_dir=tmp_path / "data" / "vault", models_dir=tmp_path / "models")
    paths.ensure()
    practice, _recovery = create_practice(paths, TEST_PASSPHRASE)
    practice.profile.update(name="Dr Lee Example", credentials="PsyD")
    yield practice
    practice.close()


def test_the_review_narrative_is_saved_signed_shown_and_printed(qtbot, practice):
    from session_assistant.documents.from_chart import plan_document
    from session_assistant.ui.chart.plan_editor import PlanEditor

    client_id = practice.clients.add("Noor", "Example", "1989-02-11")
    first = practice.plans.create(client_id, PLAN)
    practice.plans.sign(first, "Dr Lee Example")
    second = practice.plans.new_version(client_id)  # the review
    editor = PlanEditor()
    qtbot.addWidget(editor)
    editor.fill(practice, client_id, select=second)
    assert not editor.narrative.isReadOnly() and editor.narrative.toPlainText() == ""
    assert not editor.has_unsaved()  # shown, not edited
    goal = editor.tree.tree.topLevelItem(0).child(0)
    editor.tree.tree.setCurrentItem(goal)
    editor.narrative.setFocus()
    QTest.keyClicks(editor.narrative, CONCLUDED)
    assert editor.has_unsaved() and editor.save.isEnabled()
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.has_unsaved(), timeout=5000)
    current = editor.tree.tree.currentItem()  # the goal being reviewed is still in hand after the save
    assert current is not None and current.text(0).startswith("Goal: Shop alone") and editor.tree.text.isEnabled()
    stored = practice.plans.get(second)
    assert stored["plan"]["review_narrative"] == CONCLUDED and "Review narrative: " + CONCLUDED in stored["text"]
    practice.plans.sign(second, "Dr Lee Example")
    editor.fill(practice, client_id, select=second)
    assert editor.narrative.toPlainText() == CONCLUDED and editor.narrative.isReadOnly()
    document = plan_document(practice.plans.get(second), practice.clients.get(client_id), practice.profile.get())
    assert any(s.title == "Plan review" and CONCLUDED in s.text for s in document.sections)
    third = practice.plans.new_version(client_id)
    assert "review_narrative" not in practice.plans.get(third)["plan"]  # the next review writes its own
    assert "review_narrative" not in practice.plans.get(first)["plan"]


# the plan tree's width in the window at 1280x800 and at 1024x600 (measured under Xvfb, beside the client list)
@pytest.mark.parametrize("width", [819, 712])
def test_the_side_panel_shows_its_placeholders_whole(qtbot, width):
    from session_assistant.ui.chart.plan_tree import PlanTree

    tree = PlanTree()
    qtbot.addWidget(tree)
    tree.set_plan(PLAN, editable=True)
    tree.resize(width, 420)
    tree.show()
    goal = tree.tree.topLevelItem(0).child(0)
    tree.tree.setCurrentItem(goal)
    QTest.qWait(10)
    for edit in (tree.measure, tree.target_date):
        needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        assert edit.width() >= needed + 8, (edit.placeholderText(), edit.width(), needed)
    assert tree.add_intervention.width() >= tree.add_intervention.sizeHint().width()  # the tree's buttons whole too
