"""The note editor in the real window on the sample practice, with a stored AI draft (no model: the
draft is stored through the service, so no assertion depends on what a model writes).

The draft goes where the template wants it; accept, edit and remove change the note and the list;
the list follows the clinician's own edits and signing; choosing a sentence selects it in the note
and its lines in the transcript; Sign lists what is still open; the signed PDF carries the session
times, the diagnosis and the service code.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit
from pypdf import PdfReader

from sa_testing import TEST_PASSPHRASE
from ui_helpers import save_and_wait, unlock

LINES = [("clinician", "How did the breathing practice go this week?"),
         ("client", "I tried it twice and it helped a little."),
         ("clinician", "Have you had any thoughts of hurting yourself?"),
         ("client", "No, never."),
         ("clinician", "Let's practise it every evening before bed.")]
GROUNDED = "Client reported trying the breathing exercise twice."
FLAGGED = "Client said the exercise helped a great deal at work."
OBJECTIVE = "Clinician reviewed the breathing practice."
ASSESSMENT = "Client's anxiety is easing with practice."
POINTER = "Risk was screened in session; the client denied suicidal ideation. Clinician to review and document."
PLAN = "Client will practise breathing every evening."
SOAP_AI = "SOAP Note (AI, one field per part)"


def _draft():
    from session_assistant.drafting import Draft, DraftSentence, RiskItem, get_format

    sentences = [DraftSentence("subjective", GROUNDED, [1]), DraftSentence("subjective", FLAGGED, [], ["ungrounded"]),
                 DraftSentence("objective", OBJECTIVE, [0]), DraftSentence("assessment", ASSESSMENT, [1]),
                 DraftSentence("assessment", POINTER, [2, 3], ["clinician_review_required"], "system"),
                 DraftSentence("plan", PLAN, [4])]
    risk = [RiskItem("suicidal_ideation", 3, "client", "hurting yourself", "No, never.", status="screened: denied",
                     evidence=[2, 3])]
    return Draft(get_format("soap"), sentences, risk, model="test-model")


def _seed(paths, fmt: str = "soap", draft=None) -> int:
    """An appointment of the sample client with a diagnosis, given a transcript and a stored draft
    (``draft`` in format ``fmt``; the SOAP draft of this module by default)."""
    from session_assistant.app import open_practice
    from session_assistant.transcribe.segments import Segment, Transcript

    practice = open_practice(paths, TEST_PASSPHRASE)
    try:
        with practice.vault.db.read() as conn:
            client = conn.execute("SELECT client_id FROM diagnoses ORDER BY id LIMIT 1").fetchone()[0]
        appointment = next(a["id"] for a in practice.appointments.list(client_id=client) if not a["note_id"])
        segments = [Segment(i, 6.0 * i, 6.0 * i + 5, text, speaker=who) for i, (who, text) in enumerate(LINES)]
        practice.sessions.store_transcript(appointment, Transcript("en", 30.0, segments))
        practice.sessions._store_draft(appointment, fmt, (draft or _draft()).to_json(), "test-model")
        return appointment
    finally:
        practice.close()


@pytest.fixture
def editor_for(qtbot, ready_vault, make_window):
    """(window, editor) with a new note created in the window from ``template`` over a stored draft."""
    def make(template: str, fmt: str = "soap", draft=None):
        appointment = _seed(ready_vault, fmt, draft)
        window = make_window(ready_vault)
        unlock(qtbot, window)
        window.workspace.open_note(appointment)
        editor = window.workspace.note
        assert editor.pages.currentIndex() == 0  # no note yet: offered to create one
        assert editor.template.findText(template) >= 0, "template not offered"
        editor.template.setCurrentIndex(editor.template.findText(template))
        editor.create_button.click()
        assert editor.note is not None
        return window, editor
    return make


def _rows(editor) -> list[str]:
    return [editor.sentences.item(i).text() for i in range(editor.sentences.count())]


def _stored(window, editor) -> dict:
    return window.ctx.practice.notes.get(editor.note["id"])


def test_a_soap_template_gets_each_part_in_its_field_and_accepted_risk_goes_to_risk(editor_for):
    window, editor = editor_for(SOAP_AI)
    fields = _stored(window, editor)["fields"]
    assert fields == {"subjective": f"{GROUNDED} {FLAGGED}", "objective": OBJECTIVE, "assessment": ASSESSMENT,
                      "plan": PLAN, "risk": ""}  # risk is the clinician's: the AI pointer is not in the note
    assert editor._editors["plan"].toPlainText() == PLAN

    editor.review_tabs.setCurrentIndex(1)
    editor.risk.setCurrentRow(0)
    assert editor.accept_risk_button.isEnabled()
    editor.accept_risk_button.click()
    risk = _stored(window, editor)["fields"]["risk"]
    assert "denied suicidal ideation" in risk and "transcript line" not in risk  # the PDF has no transcript
    assert editor.risk.item(0).text().startswith("✓ ") and not editor.accept_risk_button.isEnabled()
    assert _stored(window, editor)["review"]["risk_accepted"] == ["3:suicidal_ideation"]


def test_the_default_template_gets_the_summary_and_the_plan_in_plan(editor_for):
    window, editor = editor_for("AI Session Summary")
    fields = _stored(window, editor)["fields"]
    assert fields["session_summary"].startswith(f"SUBJECTIVE\n{GROUNDED} {FLAGGED}")
    assert f"OBJECTIVE\n{OBJECTIVE}" in fields["session_summary"] and ASSESSMENT in fields["session_summary"]
    assert "PLAN" not in fields["session_summary"] and fields["next_session"] == PLAN
    assert fields["risk_assessment"] == "" and POINTER not in fields["session_summary"]


def test_accept_edit_and_remove_change_the_note_and_the_list(editor_for, monkeypatch):
    window, editor = editor_for(SOAP_AI)
    assert _rows(editor)[:2] == [GROUNDED, f"⚑ {FLAGGED}"]
    assert editor.review_state.text() == "0 of 5 reviewed"

    editor.sentences.setCurrentRow(1)  # accept the flagged sentence
    editor.accept_button.click()
    assert _rows(editor)[1] == f"✓ {FLAGGED}" and editor.review_state.text() == "1 of 5 reviewed"
    assert _stored(window, editor)["review"]["accepted"] == [FLAGGED]

    edited = "Client tried the breathing exercise on two evenings."
    monkeypatch.setattr("session_assistant.ui.note.note_review.edit_sentence", lambda *a, **k: edited)
    editor.sentences.setCurrentRow(0)
    editor.edit_button.click()
    assert _stored(window, editor)["fields"]["subjective"] == f"{edited} {FLAGGED}"
    assert _rows(editor)[0] == f"✓ {edited}"

    editor.sentences.setCurrentRow(_rows(editor).index(OBJECTIVE))
    editor.remove_button.click()
    assert _stored(window, editor)["fields"]["objective"] == ""
    assert OBJECTIVE not in _rows(editor) and editor.review_state.text() == "2 of 4 reviewed"

    rows, appointment = _rows(editor), editor.appointment_id
    editor.show_appointment(None)  # the review is kept with the note
    editor.show_appointment(appointment)
    assert _rows(editor) == rows


def test_the_sentence_being_edited_wraps_in_its_box_and_the_box_fits_a_small_screen(qtbot, editor_for):
    """A draft sentence is often two or three lines long: the edit box wraps it (QInputDialog's
    multi-line box ran it off the right edge as one line, readable only by scrolling sideways)."""
    from PySide6.QtCore import QTimer

    window, editor = editor_for(SOAP_AI)
    editor.sentences.setCurrentRow(1)
    seen = {}

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        box = dialog.findChild(QPlainTextEdit)
        seen.update(text=box.toPlainText(), wraps=box.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth,
                    width=dialog.width(), height=dialog.height())
        dialog.reject()

    QTimer.singleShot(200, look_and_cancel)
    editor.edit_button.click()
    assert seen["text"] == FLAGGED and seen["wraps"], seen
    assert seen["width"] <= 1024 and seen["height"] <= 560, seen
    assert _stored(window, editor)["fields"]["subjective"] == f"{GROUNDED} {FLAGGED}"  # cancelled: unchanged


def test_the_list_follows_the_clinicians_own_edits(qtbot, editor_for):
    window, editor = editor_for(SOAP_AI)
    editor._editors["assessment"].setPlainText("Overall the client's anxiety is easing with regular practice.")
    editor._editors["plan"].setPlainText("Next session in a week.")
    save_and_wait(qtbot, editor)
    rows = _rows(editor)
    # reworded: found again, and hers now (reviewed, as with Edit...)
    assert "✓ Overall the client's anxiety is easing with regular practice." in rows
    assert not any(PLAN in row for row in rows)  # deleted: gone from the list
    appointment = editor.appointment_id
    editor.show_appointment(None)
    editor.show_appointment(appointment)  # and the same after reopening
    assert _rows(editor) == rows


def test_the_refresh_after_an_autosave_leaves_the_typing_cursor_alone(qtbot, editor_for):
    window, editor = editor_for(SOAP_AI)
    editor.sentences.setCurrentRow(0)  # a sentence of Subjective is chosen, then the clinician types there
    subjective = editor._editors["subjective"]
    cursor = subjective.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    subjective.setTextCursor(cursor)
    subjective.textCursor().insertText(" Slept better.")
    save_and_wait(qtbot, editor)  # the list is rebuilt; the next keystroke must not replace a selected sentence
    assert editor.sentences.currentRow() == 0
    assert not subjective.textCursor().hasSelection()
    assert subjective.textCursor().position() == len(subjective.toPlainText())
    assert _stored(window, editor)["fields"]["subjective"] == f"{GROUNDED} {FLAGGED} Slept better."


def test_choosing_a_sentence_selects_it_in_the_note_and_its_lines_in_the_transcript(editor_for):
    window, editor = editor_for("AI Session Summary")
    editor.sentences.setCurrentRow(_rows(editor).index(ASSESSMENT))
    summary = editor._editors["session_summary"]
    assert summary.textCursor().selectedText() == ASSESSMENT
    assert summary.extraSelections() and summary.extraSelections()[0].cursor.selectedText() == ASSESSMENT
    assert editor.transcript.selected_segments() == [1]
    assert editor.review_tabs.currentWidget() is editor.transcript
    editor.sentences.setCurrentRow(_rows(editor).index(PLAN))
    assert editor._editors["next_session"].textCursor().selectedText() == PLAN
    assert editor.transcript.selected_segments() == [4]
    assert editor.evidence.toPlainText().startswith("[00:24] Clinician: ") and "every evening" in editor.evidence.toPlainText()


def test_the_documented_risk_line_is_in_the_note_the_clinician_reviews_with_its_lines(editor_for):
    # Issue 16: a therapy note documents that risk was asked about and what the client said. The
    # line is written by rule from the transcript's screening (lines 2 and 3), never by the model.
    from session_assistant.drafting import Draft, DraftSentence, get_format, parse_transcript
    from session_assistant.drafting.risk import scan_transcript
    from session_assistant.drafting.risk_note import risk_sentence

    utterances = parse_transcript("\n".join(f"{who.title()}: {text}" for who, text in LINES))
    risk = scan_transcript(utterances)
    line = risk_sentence("assessment", utterances, risk)
    draft = Draft(get_format("soap"), [DraftSentence("subjective", GROUNDED, [1]),
                                       DraftSentence("assessment", ASSESSMENT, [1]), line,
                                       DraftSentence("plan", PLAN, [4])], risk, model="test-model")
    window, editor = editor_for("AI Session Summary", draft=draft)
    assert line.text == 'Risk: self-harm denied.'  # the client's words are the Subjective's account
    assert f"ASSESSMENT\n{ASSESSMENT} {line.text}" in _stored(window, editor)["fields"]["session_summary"]
    editor.sentences.setCurrentRow(_rows(editor).index(f"⚑ {line.text}"))  # listed for review, as a rule's line
    assert editor.transcript.selected_segments() == [2, 3]
    assert editor.evidence.toPlainText().startswith("[00:12] Clinician: ") and "No, never." in editor.evidence.toPlainText()
    assert editor.risk.count() == 1  # the risk list is as it was


def test_sign_lists_the_open_flags_then_the_list_is_read_only(editor_for, monkeypatch):
    window, editor = editor_for(SOAP_AI)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Cancel)
    editor.sign_button.click()
    assert _stored(window, editor)["status"] == "draft"  # cancelled
    assert f"⚑ {FLAGGED} (no transcript line supports it)" in asked[0]
    assert "Risk not yet accepted into the note: Asked about suicidal ideation (“hurting yourself”), client denied (at 00:18)" in asked[0]
    assert "4 more AI sentence(s) not marked reviewed." in asked[0]

    editor.sentences.setCurrentRow(1)
    editor.accept_button.click()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    editor.sign_button.click()
    assert FLAGGED not in asked[1] and "Risk not yet accepted" in asked[1]
    assert _stored(window, editor)["status"] == "signed"
    assert _rows(editor)[1] == f"✓ {FLAGGED}"  # the list as signed
    for button in (editor.accept_button, editor.edit_button, editor.remove_button, editor.accept_risk_button):
        editor.sentences.setCurrentRow(0)
        assert not button.isEnabled()
    # Hidden, not greyed out: the review of a signed note is there to read, with nothing left to act on.
    assert editor.sentences.isVisible() and editor.risk.count() == 1
    for widget in (editor.accept_button, editor.edit_button, editor.remove_button, editor.accept_risk_button,
                   editor.refine_button, editor.refine_instruction):
        assert widget.isHidden(), widget


def test_sign_names_the_parts_that_would_be_signed_empty(editor_for, monkeypatch):
    """Removing the only Subjective sentences leaves "SUBJECTIVE" with nothing under it, and the Risk
    field is still empty: a signed note (and its PDF) would carry them empty, so Sign says so."""
    window, editor = editor_for("AI Session Summary")
    for sentence in (GROUNDED, FLAGGED):
        editor.sentences.setCurrentRow(next(i for i, row in enumerate(_rows(editor)) if sentence in row))
        editor.remove_button.click()
    assert re.match(r"SUBJECTIVE\s+OBJECTIVE\n", _stored(window, editor)["fields"]["session_summary"])
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Cancel)
    editor.sign_button.click()
    assert "Empty in the note:\n• Session Summary: nothing under Subjective\n• Risk Assessment" in asked[0]
    assert "Objective" not in asked[0].split("Empty in the note:")[1]  # the parts with text are not listed
    assert _stored(window, editor)["status"] == "draft"


def test_the_field_holding_the_draft_gets_the_room_to_read_it(qtbot, editor_for):
    """The whole drafted SOAP sat in a box as tall as the empty Risk field (five lines of it at 1366x768):
    a field gets height by what it holds."""
    window, editor = editor_for("AI Session Summary")
    window.resize(1366, 740)
    long_text = "\n\n".join(f"{title}\n" + " ".join([GROUNDED, OBJECTIVE, ASSESSMENT] * 3)
                             for title in ("SUBJECTIVE", "OBJECTIVE", "ASSESSMENT"))
    editor._editors["session_summary"].setPlainText(long_text)
    save_and_wait(qtbot, editor)
    appointment = editor.appointment_id
    editor.show_appointment(None)
    editor.show_appointment(appointment)
    summary, risk = editor._editors["session_summary"], editor._editors["risk_assessment"]
    qtbot.waitUntil(lambda: summary.height() >= 2 * risk.height() > 0)


def test_the_signed_pdf_has_session_times_diagnosis_and_service_code(editor_for, qtbot, monkeypatch, tmp_path):
    window, editor = editor_for(SOAP_AI)
    editor.service_code.setText("ninety")
    editor.service_code.editingFinished.emit()
    assert "not a service code" in editor.save_state.text()
    editor.service_code.setText("90834")
    editor.service_code.editingFinished.emit()
    assert _stored(window, editor)["service_code"] == "90834"
    assert "F41.1" in editor.diagnosis.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.sign_button.click()
    assert editor.service_code.isReadOnly()

    out = tmp_path / "note.pdf"
    editor.export_to(out)
    qtbot.waitUntil(lambda: editor._worker is None and out.exists(), timeout=30000)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(out).pages))
    appointment = window.ctx.practice.appointments.get(editor.appointment_id)
    start = appointment["starts_at"][11:16]
    assert f"SESSION START {start}" in text or ("SESSION START" in text and start in text)
    assert "SESSION END" in text and "F41.1 Generalized anxiety disorder" in text
    assert "SERVICE CODE" in text and "90834" in text


def test_a_signed_sample_note_shows_the_diagnosis_it_was_signed_under(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    with practice.vault.db.read() as conn:
        diagnosed = conn.execute("SELECT client_id FROM diagnoses ORDER BY id LIMIT 1").fetchone()[0]
    signed = next(a for a in practice.appointments.list(client_id=diagnosed) if a["note_status"] == "signed")
    window.workspace.open_note(signed["id"])
    editor = window.workspace.note
    assert "F41.1 Generalized anxiety disorder" in editor.diagnosis.text()
    assert editor.service_code.isReadOnly() and practice.notes.get(signed["note_id"])["diagnoses_as_signed"]


def _other_format_draft(fmt: str, keys: tuple[str, ...]):
    from session_assistant.drafting import Draft, DraftSentence, get_format

    return Draft(get_format(fmt), [DraftSentence(key, f"The {key} part, from line {i}.", [i]) for i, key in enumerate(keys)],
                 model="test-model")


@pytest.mark.parametrize("template,fmt,keys", [
    ("DAP Note (AI, one field per part)", "dap", ("data", "assessment", "plan")),
    ("BIRP Note (AI, one field per part)", "birp", ("behavior", "intervention", "response", "plan"))])
def test_a_dap_or_birp_template_picked_in_the_window_gets_each_part_in_its_field(editor_for, template, fmt, keys):
    """The built-in DAP and BIRP templates are offered; picking one puts each part of a draft in that
    format in its own field, the Risk field left to the clinician."""
    window, editor = editor_for(template, fmt, _other_format_draft(fmt, keys))
    assert editor.note is not None and editor.note["template_name"] == template
    assert list(editor._editors) == [*keys, "risk"]
    for i, key in enumerate(keys):
        assert editor._editors[key].toPlainText() == f"The {key} part, from line {i}."
    assert _stored(window, editor)["fields"] == {**{key: f"The {key} part, from line {i}." for i, key in enumerate(keys)},
                                                 "risk": ""}


INTERVENTIONS = "Interventions used in session: relaxation training (breathing)."


def test_a_soap_draft_in_the_birp_template_fills_every_field_with_its_part(editor_for):
    """Drafted while Settings says SOAP, written into the BIRP template: Subjective and Objective are
    the Behavior (no SOAP headings), the interventions line is the Intervention, Assessment the
    Response, Plan the Plan; every drafted sentence is in the note once, and choosing the
    interventions row selects it in the Intervention field."""
    from session_assistant.drafting import DraftSentence

    draft = _draft()
    draft.sentences.insert(3, DraftSentence("objective", INTERVENTIONS, [0, 4], ["rule_fact"], "rule"))
    window, editor = editor_for("BIRP Note (AI, one field per part)", "soap", draft)
    fields = _stored(window, editor)["fields"]
    assert fields == {"behavior": f"{GROUNDED} {FLAGGED}\n\n{OBJECTIVE}", "intervention": INTERVENTIONS,
                      "response": ASSESSMENT, "plan": PLAN, "risk": ""}
    assert "SUBJECTIVE" not in editor._editors["behavior"].toPlainText()
    editor.sentences.setCurrentRow(_rows(editor).index(f"⚑ {INTERVENTIONS}"))  # a rule's finding: to confirm
    assert editor._editors["intervention"].textCursor().selectedText() == INTERVENTIONS


def test_sign_with_many_flags_quotes_a_few_and_counts_the_rest_so_yes_and_cancel_fit_a_small_screen(
        editor_for, monkeypatch):
    """A real draft had 12 flagged sentences: quoted one by one, the Sign confirmation grew taller
    than a 1024x600 screen, and its Yes / Cancel fell off the bottom."""
    from session_assistant.drafting import Draft, DraftSentence, RiskItem, get_format

    many = [DraftSentence("subjective", f"Client said thing number {n} that no line supports, at some length "
                                        "so that it takes two lines in the box.", [], ["ungrounded"])
            for n in range(12)]
    risk = [RiskItem("suicidal_ideation", 3, "client", "hurting yourself", "No, never.", status="screened: denied",
                     evidence=[2, 3])]
    window, editor = editor_for(SOAP_AI, draft=Draft(get_format("soap"), many, risk, model="test-model"))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Cancel)
    editor.sign_button.click()
    quoted = [line for line in asked[0].splitlines() if line.startswith("• ⚑ ")]
    assert 1 <= len(quoted) <= 5, asked[0]
    assert f"… and {12 - len(quoted)} more flagged sentence(s): see the AI draft review" in asked[0]
    assert "Risk not yet accepted into the note: Asked about suicidal ideation" in asked[0]  # risk is never cut
    box = QMessageBox(QMessageBox.Icon.Question, "Sign & Approve", asked[0])
    assert box.sizeHint().height() <= 560, box.sizeHint()  # 1024x600 less a title bar


def test_an_endorsed_risk_row_stands_out_and_a_denied_one_does_not(editor_for):
    from session_assistant.drafting import Draft, DraftSentence, RiskItem, get_format
    from session_assistant.ui.common import theme

    risk = [RiskItem("suicidal_ideation", 3, "client", "hurting yourself", "No, never.", status="screened: denied",
                     evidence=[2, 3]),
            RiskItem("self_harm", 1, "client", "hurting myself", "I thought about hurting myself.", status="endorsed")]
    draft = Draft(get_format("soap"), [DraftSentence("plan", PLAN, [4])], risk, model="test-model")
    window, editor = editor_for(SOAP_AI, draft=draft)
    rows = {editor.risk.item(i).text(): editor.risk.item(i) for i in range(editor.risk.count())}
    endorsed = rows["Client endorsed self harm (“I thought about hurting myself.”) (at 00:06)"]  # the client's words
    denied = rows["Asked about suicidal ideation (“hurting yourself”), client denied (at 00:18)"]
    assert endorsed.font().bold() and endorsed.foreground().color() == theme.colour("error")
    assert not denied.font().bold() and denied.foreground().color() != theme.colour("error")


def test_a_signed_note_says_when_in_local_time_with_its_offset(office_in_new_york, editor_for, monkeypatch):
    from datetime import datetime, timedelta

    window, editor = editor_for(SOAP_AI)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.sign_button.click()
    signed_at = datetime.fromisoformat(_stored(window, editor)["signed_at"])
    local = signed_at.astimezone()
    offset = "UTC-05:00" if local.utcoffset() == timedelta(hours=-5) else "UTC-04:00"
    assert f"on {local:%Y-%m-%d %H:%M} {offset} · read-only" in editor.save_state.text(), editor.save_state.text()
