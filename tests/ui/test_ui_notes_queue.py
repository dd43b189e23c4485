"""Notes to write, week navigation, the status column, and Enter on a row (issue 18)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from ui_helpers import save_and_wait, unlock

QUEUE = 4  # the workspace's stack index of "Notes to write"


def _rows(tree) -> list[dict]:
    """(appointment row, texts) of every appointment item, grouped or not."""
    found = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        items = [top.child(j) for j in range(top.childCount())] or [top]
        for item in items:
            data = item.data(0, Qt.ItemDataRole.UserRole)
            if data:
                found.append({"row": data, "item": item, "texts": [item.text(c) for c in range(4)]})
    return found


def _item_for(tree, appointment_id: int):
    return next(r["item"] for r in _rows(tree) if r["row"]["id"] == appointment_id)


def _queue_nav_text(workspace) -> str:
    # The count is drawn as a badge; the entry's accessible text carries it in words.
    from PySide6.QtCore import Qt

    items = [workspace.nav.item(i) for i in range(workspace.nav.count())]
    return next(item.data(Qt.ItemDataRole.AccessibleTextRole) for item in items if item.text() == "Notes to write")


def test_queue_lists_an_unsigned_session_from_an_earlier_week_and_signing_removes_it(qtbot, ready_vault,
                                                                                     make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    queue = workspace.queue
    agenda_rows = _rows(workspace.agenda.tree)
    counted = queue.count  # counted at unlock, before the screen was ever shown
    workspace.go(QUEUE)  # showing the queue fills its rows
    today = workspace.agenda.today().replace(hour=0, minute=0, second=0, microsecond=0)
    # Rowan's session five days ago has no note: it is outside the agenda's week, but in the queue.
    rows = _rows(queue.tree)
    rowan = [r for r in rows if "Rowan Castellanos" in r["texts"][1]
             and datetime.fromisoformat(r["row"]["starts_at"]) < today]
    assert len(rowan) == 1
    assert rowan[0]["texts"][2] == "5 days" and rowan[0]["texts"][3] == "Note to write"
    assert not any(r["row"]["id"] == rowan[0]["row"]["id"] for r in agenda_rows)
    # The signed sessions of last week are not listed; the sidebar count is the number of rows.
    assert all(r["row"].get("note_status") != "signed" for r in rows)
    assert not any("Avery" in r["texts"][1] and datetime.fromisoformat(r["row"]["starts_at"]) < today for r in rows)
    assert counted == queue.count == len(rows) == queue.tree.topLevelItemCount()
    assert _queue_nav_text(workspace) == f"Notes to write ({len(rows)})"

    # Enter on the row: no note yet, so the session screen opens (to record, import or write by hand).
    rowan_id = rowan[0]["row"]["id"]
    queue.tree.setCurrentItem(_item_for(queue.tree, rowan_id))
    qtbot.keyClick(queue.tree, Qt.Key.Key_Return)
    assert workspace.stack.currentWidget() is workspace.session
    assert workspace.session.appointment_id == rowan_id
    workspace.session.manual_button.click()
    editor = workspace.note
    editor.create_button.click()
    assert editor.note is not None and editor.note["status"] == "draft"
    # A draft is still a note to write; Enter now opens that draft.
    workspace.go(QUEUE)
    item = _item_for(queue.tree, rowan_id)
    assert item.text(3) == "Note draft"
    queue.tree.setCurrentItem(item)
    workspace.go(0)
    workspace.go(QUEUE)  # the selection survives the reload
    qtbot.keyClick(queue.tree, Qt.Key.Key_Return)
    assert workspace.stack.currentWidget() is editor and editor.appointment_id == rowan_id
    boxes = editor.fields_holder.findChildren(QPlainTextEdit)
    boxes[0].setPlainText("Client described the week; reviewed coping plan.")
    save_and_wait(qtbot, editor)
    practice = window.ctx.practice
    practice.notes.sign(editor.note["id"], practice.profile.get())
    editor.changed.emit()  # what the editor's Sign button emits after signing

    assert queue.count == len(rows) - 1  # recounted at once, while the note editor shows
    workspace.go(QUEUE)
    assert queue.tree.topLevelItemCount() == len(rows) - 1
    assert not any(r["row"]["id"] == rowan_id for r in _rows(queue.tree))
    assert _queue_nav_text(workspace) == (f"Notes to write ({len(rows) - 1})" if len(rows) > 1 else "Notes to write")


def test_week_navigation_shows_next_weeks_appointment_and_every_status_is_filled(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    agenda = workspace.agenda
    practice = window.ctx.practice
    mira = next(c["id"] for c in practice.clients.list() if c["first_name"] == "Mira")
    start = (agenda.today() + timedelta(days=9)).replace(hour=10, minute=0, second=0, microsecond=0)
    added = practice.appointments.add(mira, start.isoformat(timespec="minutes"), 50)
    agenda.refresh()
    assert not any(r["row"]["id"] == added for r in _rows(agenda.tree))

    agenda.next_week.click()
    rows = _rows(agenda.tree)
    assert [r["row"]["id"] for r in rows] == [added]
    assert rows[0]["texts"][1] == "Mira Takahashi" and rows[0]["texts"][3] == "Scheduled"
    assert agenda.tree.topLevelItem(0).text(0) == start.strftime("%A %d %B")
    assert agenda.date_label.text().startswith((agenda.today() + timedelta(days=7)).strftime("%a %d %b"))

    agenda.this_week.click()
    assert agenda.week_offset == 0 and agenda.tree.topLevelItem(0).text(0) == "Today"
    window.activateWindow()  # shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    agenda.tree.setFocus()
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert agenda.week_offset == 1 and [r["row"]["id"] for r in _rows(agenda.tree)] == [added]
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert agenda.week_offset == 0
    agenda.previous_week.click()
    last_week = {r["texts"][1]: r["texts"][3] for r in _rows(agenda.tree)}
    assert last_week == {"Avery Lindqvist": "✓ Note signed", "Jonah Okafor": "✓ Note signed",
                         "Rowan Castellanos": "Note to write"}
    # A cancellation and a no-show say so; the column is never blank in any week.
    rowan = next(r["row"]["id"] for r in _rows(agenda.tree) if r["texts"][1] == "Rowan Castellanos")
    practice.appointments.set_status(rowan, "no_show")
    agenda.refresh()
    assert {r["texts"][1]: r["texts"][3] for r in _rows(agenda.tree)}["Rowan Castellanos"] == "No-show"
    assert not any(r["row"]["id"] == rowan for r in _rows(workspace.queue.tree))  # not a note to write
    for offset in (-1, 0, 1):
        agenda.show_week(offset)
        assert all(r["texts"][3] for r in _rows(agenda.tree))


def test_enter_on_a_signed_row_opens_the_note_read_only_not_a_new_session(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    agenda = workspace.agenda
    practice = window.ctx.practice
    avery = next(r for r in _rows(agenda.tree) if r["texts"][1] == "Avery Lindqvist" and
                 agenda.tree.indexOfTopLevelItem(r["item"].parent()) == 0)  # today's session
    note_id = practice.notes.create(avery["row"]["id"], "SOAP Note (manual)")
    practice.notes.set_field(note_id, "subjective", "Signed before the agenda was opened again.")
    practice.notes.sign(note_id, practice.profile.get())
    agenda.refresh()
    item = next(r["item"] for r in _rows(agenda.tree) if r["row"]["id"] == avery["row"]["id"])
    assert item.text(3) == "✓ Note signed"
    agenda.tree.setCurrentItem(item)
    assert not agenda.start_session.isEnabled()  # no new session on a signed note
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Return)
    assert workspace.stack.currentWidget() is workspace.note
    assert workspace.session.appointment_id is None and avery["row"]["id"] not in window.ctx.sessions
    editor = workspace.note
    assert editor.note["id"] == note_id and editor.note["status"] == "signed"
    boxes = editor.fields_holder.findChildren(QPlainTextEdit)
    assert boxes and all(box.isReadOnly() for box in boxes)


def test_enter_on_a_row_with_a_draft_note_opens_it_editable_and_without_a_note_opens_the_session(qtbot, ready_vault,
                                                                                                 make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    agenda = workspace.agenda
    practice = window.ctx.practice
    today = [r for r in _rows(agenda.tree) if agenda.tree.indexOfTopLevelItem(r["item"].parent()) == 0]
    drafted, bare = [r["row"]["id"] for r in today if not r["row"]["note_id"]][:2]
    note_id = practice.notes.create(drafted, "SOAP Note (manual)")
    practice.notes.set_field(note_id, "subjective", "Started before the agenda was opened again.")
    agenda.refresh()
    agenda.tree.setCurrentItem(_item_for(agenda.tree, drafted))
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Return)
    assert workspace.stack.currentWidget() is workspace.note and workspace.note.note["id"] == note_id
    assert workspace.note.note["status"] == "draft"
    assert not all(box.isReadOnly() for box in workspace.note.fields_holder.findChildren(QPlainTextEdit))
    workspace.go(0)
    agenda.tree.setCurrentItem(_item_for(agenda.tree, bare))
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Return)
    assert workspace.stack.currentWidget() is workspace.session and workspace.session.appointment_id == bare
