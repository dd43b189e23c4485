"""Reviewing a long draft in the real window: Accept (or an edit) moves on to the next sentence
still to review, so the clinician is not made to click each sentence before each Accept (a real
draft of a 90-second session had 16 sentences: 32 clicks); the Risk tab opens on its first item
still to accept, so its Accept button is not greyed out over a one-item list."""

from __future__ import annotations

from test_ui_note_review import FLAGGED, GROUNDED, OBJECTIVE, SOAP_AI, _rows, editor_for  # noqa: F401 (fixture)


def test_accept_moves_to_the_next_sentence_still_open_and_wraps_to_the_top(editor_for):
    window, editor = editor_for(SOAP_AI)
    editor.sentences.setCurrentRow(1)
    editor.accept_button.click()
    assert editor.sentences.currentRow() == 2 and _rows(editor)[2] == OBJECTIVE
    assert editor._editors["objective"].textCursor().selectedText() == OBJECTIVE  # shown in the note too

    for _ in range(3):  # objective, assessment, plan: then back to the one skipped at the top
        editor.accept_button.click()
    assert editor.sentences.currentRow() == 0 and _rows(editor)[0] == GROUNDED
    editor.accept_button.click()
    assert editor.review_state.text() == "5 of 5 reviewed"
    assert all(row.startswith("✓ ") for row in _rows(editor)[:5])


def test_an_edit_also_moves_on(editor_for, monkeypatch):
    window, editor = editor_for(SOAP_AI)
    monkeypatch.setattr("session_assistant.ui.note.note_review.edit_sentence",
                        lambda *a, **k: "Client tried the breathing exercise on two evenings.")
    editor.sentences.setCurrentRow(0)
    editor.edit_button.click()
    assert editor.sentences.currentRow() == 1 and _rows(editor)[1] == f"⚑ {FLAGGED}"


def test_the_risk_tab_opens_on_the_first_item_still_to_accept(editor_for):
    window, editor = editor_for(SOAP_AI)
    editor.review_tabs.setCurrentIndex(1)
    assert editor.risk.currentRow() == 0 and editor.accept_risk_button.isEnabled()
    editor.accept_risk_button.click()
    assert editor.risk.item(0).text().startswith("✓ ") and not editor.accept_risk_button.isEnabled()
