"""The review list holds the AI's sentences only (look24): a sentence the clinician typed into a field
was listed with the ⚑ of the AI sentence it resembled, as if the AI had written it."""

from __future__ import annotations

from test_ui_note_review import FLAGGED, GROUNDED, SOAP_AI, _rows, _stored, editor_for  # noqa: F401 - fixture
from ui_helpers import save_and_wait

TYPED = "Client said the breathing exercise helped at work on Tuesday."  # most of FLAGGED's words, her own


def test_a_sentence_typed_after_removing_the_flagged_one_is_the_clinicians(qtbot, editor_for):
    window, editor = editor_for(SOAP_AI)
    editor.sentences.setCurrentRow(_rows(editor).index(f"⚑ {FLAGGED}"))
    editor.remove_button.click()
    assert _stored(window, editor)["fields"]["subjective"] == GROUNDED
    subjective = editor._editors["subjective"]
    subjective.setPlainText(f"{GROUNDED} {TYPED}")  # then she writes what the client said, in her words
    save_and_wait(qtbot, editor)
    assert not any(TYPED in row for row in _rows(editor)), _rows(editor)
    assert _rows(editor)[0] == GROUNDED and len(_rows(editor)) == 4
    appointment = editor.appointment_id
    editor.show_appointment(None)  # and so after the note is opened again
    editor.show_appointment(appointment)
    assert not any(TYPED in row for row in _rows(editor))
    assert _stored(window, editor)["fields"]["subjective"] == f"{GROUNDED} {TYPED}"


def test_a_flagged_sentence_reworded_in_the_field_is_reviewed_not_flagged(qtbot, editor_for):
    """Rewording the sentence in place is the same review as Edit...: the words are the clinician's now."""
    window, editor = editor_for(SOAP_AI)
    reworded = "Client said the exercise helped a little at work."
    editor._editors["subjective"].setPlainText(f"{GROUNDED} {reworded}")
    save_and_wait(qtbot, editor)
    rows = _rows(editor)
    assert f"✓ {reworded}" in rows and not any(row.startswith("⚑") for row in rows), rows
    assert FLAGGED in _stored(window, editor)["review"]["accepted"]
