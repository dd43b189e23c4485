"""The mental status checklist in the note editor: the clinician's lines in Objective, one block
that a change replaces, kept after reload and never counted as AI text; read-only once signed."""

from __future__ import annotations

from session_assistant.drafting.mental_status import BLOCK_HEADING, MentalStatus

from session_seed import seed_session
from ui_helpers import unlock

WNL = MentalStatus.within_normal_limits().lines()


def open_note(qtbot, make_window, paths, appointment):
    window = make_window(paths)
    unlock(qtbot, window)
    window.workspace.open_note(appointment)
    editor = window.workspace.note
    assert editor.note is not None
    return window, editor


def choose(combo, text: str) -> None:
    """As the clinician picks from the list (``activated`` is the user's signal)."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_within_normal_limits_fills_objective_and_the_saved_note_keeps_it(qtbot, ready_vault, make_window):
    appointment, note_id = seed_session(ready_vault, template="SOAP Note (manual)")
    window, editor = open_note(qtbot, make_window, ready_vault, appointment)
    panel = editor.mental_status
    assert panel.isVisible() and panel.normal_button.isEnabled()
    editor._editors["objective"].setPlainText("Client arrived on time.")  # the clinician's own line first
    before = window.ctx.practice.notes.get(note_id)

    panel.normal_button.click()
    assert editor._editors["objective"].toPlainText() == "Client arrived on time.\n\n" + "\n".join(WNL)
    note = window.ctx.practice.notes.get(note_id)
    assert note["fields"]["objective"] == "Client arrived on time.\n\n" + "\n".join(WNL)
    assert (note["ai_assisted"], note["ai_model"]) == (0, before["ai_model"])  # the clinician's lines, not AI
    assert note["fields"]["subjective"] == ""

    editor.show_appointment(None)  # reload from the vault
    editor.show_appointment(appointment)
    assert editor._editors["objective"].toPlainText().splitlines()[2:] == WNL
    assert panel.choices["affect"].currentText() == "congruent, full range"
    assert panel.state.text() == "In the note."


def test_changing_one_item_replaces_the_block_instead_of_adding_one(qtbot, ready_vault, make_window):
    appointment, note_id = seed_session(ready_vault, template="SOAP Note (manual)")
    window, editor = open_note(qtbot, make_window, ready_vault, appointment)
    panel = editor.mental_status
    panel.normal_button.click()
    choose(panel.choices["affect"], "tearful")
    panel.notes["affect"].setText("when speaking of her father")
    panel.notes["affect"].editingFinished.emit()

    text = window.ctx.practice.notes.get(note_id)["fields"]["objective"]
    assert text.count(BLOCK_HEADING) == 1
    assert "Affect: tearful; when speaking of her father." in text.splitlines()
    assert "Affect: congruent, full range." not in text
    assert text.splitlines()[1:3] == WNL[1:3]  # the other items stay as they were
    assert editor._editors["objective"].toPlainText() == text
    panel.clear_button.click()
    assert window.ctx.practice.notes.get(note_id)["fields"]["objective"] == ""


def test_the_block_joins_the_ai_objective_without_touching_the_ai_sentences(qtbot, ready_vault, make_window):
    appointment, note_id = seed_session(ready_vault)  # the AI Session Summary template
    window, editor = open_note(qtbot, make_window, ready_vault, appointment)
    before = window.ctx.practice.notes.get(note_id)["fields"]["session_summary"]
    editor.mental_status.normal_button.click()
    after = window.ctx.practice.notes.get(note_id)["fields"]["session_summary"]
    assert "OBJECTIVE\nClinician reviewed the breathing practice.\n\n" + "\n".join(WNL) + "\n\nASSESSMENT" in after
    assert after.replace("\n\n" + "\n".join(WNL), "") == before  # every AI line as it was
    # The review panel still lists only the AI's sentences, with their evidence; none of the checklist's.
    listed = [editor.sentences.item(i).text() for i in range(editor.sentences.count())]
    assert not any("Mental status" in text or "Appearance" in text for text in listed)


def test_a_signed_note_has_a_read_only_checklist(qtbot, ready_vault, make_window):
    appointment, note_id = seed_session(ready_vault, template="SOAP Note (manual)", signed=True)
    window, editor = open_note(qtbot, make_window, ready_vault, appointment)
    panel = editor.mental_status
    assert not panel.normal_button.isEnabled() and not panel.clear_button.isEnabled()
    assert all(not combo.isEnabled() for combo in panel.choices.values())
    assert all(own.isReadOnly() for own in panel.notes.values())
    assert panel.state.text() == "Signed: read-only."
    before = window.ctx.practice.notes.get(note_id)
    panel.status_changed.emit(MentalStatus.within_normal_limits())  # even if a signal got through
    assert window.ctx.practice.notes.get(note_id)["fields"] == before["fields"]


def test_the_checklist_folds_away_on_a_signed_note_and_opens_again_on_a_draft(qtbot, ready_vault, make_window):
    """On a signed note the findings are in the note's text: the folded checklist leaves the note room
    to read (at 1024x600 it showed four lines of it); a draft opened next shows the checklist again."""
    signed, _ = seed_session(ready_vault, template="SOAP Note (manual)", signed=True)
    draft, _ = seed_session(ready_vault, template="SOAP Note (manual)")
    window, editor = open_note(qtbot, make_window, ready_vault, signed)
    panel = editor.mental_status
    assert panel.isVisible() and not panel.body.isVisible() and not panel.toggle.isChecked()
    panel.toggle.click()  # still there to read, one click away
    assert panel.body.isVisible()
    window.workspace.open_note(draft)
    assert editor.note["status"] == "draft" and panel.body.isVisible() and panel.normal_button.isEnabled()
    window.workspace.open_note(signed)
    window.workspace.open_note(draft)
    assert panel.body.isVisible()


def test_enhance_never_reads_the_checklist_and_keeps_it_once(qtbot, ready_vault, make_window, monkeypatch):
    from session_assistant.drafting import Draft, DraftSentence, get_format

    appointment, note_id = seed_session(ready_vault, template="SOAP Note (manual)")
    window, editor = open_note(qtbot, make_window, ready_vault, appointment)
    editor.mental_status.normal_button.click()
    editor._editors["subjective"].setPlainText("pt says slept 5h, anxious re work")
    sent = []

    def enhance(ctx, text, fmt, progress, token):  # the model is the neighbour here
        sent.append(text)
        tidy = [DraftSentence(key, f"Tidy {key}.", []) for key in ("subjective", "objective", "assessment", "plan")]
        return [], Draft(get_format("soap"), tidy, model="test-model", mode="enhance")

    monkeypatch.setattr("session_assistant.ui.note.note_editor.engines.enhance", enhance)
    editor._on_enhance_clicked()
    qtbot.waitUntil(lambda: editor._worker is None and bool(sent), timeout=10000)
    assert sent == ["pt says slept 5h, anxious re work"]  # no checklist line went to the model
    objective = window.ctx.practice.notes.get(note_id)["fields"]["objective"]
    assert objective == "Tidy objective.\n\n" + "\n".join(WNL)
