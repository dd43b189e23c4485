"""What the review panel shows beside a sentence, in words a clinician finds on the screen (ui30).

Found by walking the window as a therapist: a measure taken from the chart was shown as "No transcript
line supports this sentence: check it before signing", as if the score were invented; cited lines
read "[12] client: ..." and risk rows "(line 12)" while the transcript beside them shows times
("[00:56] Client: ..."), so nobody could find line 12; and a note was signed with "(clinician to
confirm)" still in its Plan, the Sign confirmation silent about it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from test_ui_note_review import SOAP_AI, _seed
from ui_helpers import unlock

MEASURE = "Measures (per chart): PHQ-9 total 12 (moderate) on 2026-11-20."
TRIED = "Client reported trying the breathing exercise twice."
CONFIRM = "Relaxation practice to continue (clinician to confirm): paced breathing."


def _draft():
    from session_assistant.drafting import Draft, DraftSentence, RiskItem, get_format

    sentences = [DraftSentence("subjective", TRIED, [1], [], "rule"),
                 DraftSentence("objective", MEASURE, [], ["chart_fact"], "rule", ["chart:assessment:41"]),
                 DraftSentence("plan", CONFIRM, [4], ["rule_fact"], "rule")]
    risk = [RiskItem("suicidal_ideation", 3, "client", "hurting yourself", "No, never.", status="screened: denied",
                     evidence=[2, 3])]
    facts = {"chart": {"session_date": "2026-11-20", "facts": [
        {"ref": "chart:assessment:41", "kind": "measure", "text": "PHQ-9 total 12 (moderate) on 2026-11-20"}]}}
    return Draft(get_format("soap"), sentences, risk, model="test-model", facts=facts)


def _editor(qtbot, ready_vault, make_window):
    appointment = _seed(ready_vault, "soap", _draft())
    window = make_window(ready_vault)
    unlock(qtbot, window)
    window.workspace.open_note(appointment)
    editor = window.workspace.note
    editor.template.setCurrentIndex(editor.template.findText(SOAP_AI))
    editor.create_button.click()
    assert editor.note is not None
    return editor


def _row(editor, text: str) -> int:
    return next(i for i in range(editor.sentences.count()) if text in editor.sentences.item(i).text())


def test_a_chart_fact_names_its_chart_item_lines_read_as_the_transcript_and_sign_names_what_is_asked(
        qtbot, ready_vault, make_window, monkeypatch):
    editor = _editor(qtbot, ready_vault, make_window)
    editor.sentences.setCurrentRow(_row(editor, MEASURE))
    shown = editor.evidence.toPlainText()
    assert shown.startswith("From the chart: PHQ-9 total 12 (moderate) on 2026-11-20")
    assert "No transcript line supports" not in shown

    editor.sentences.setCurrentRow(_row(editor, TRIED))  # the line as the transcript shows it, time and name
    assert editor.evidence.toPlainText() == "[00:06] Client: I tried it twice and it helped a little."
    assert editor.risk.item(0).text() == "Asked about suicidal ideation (“hurting yourself”), client denied (at 00:18)"

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Cancel)
    editor.sign_button.click()
    assert "“clinician to confirm” is still in Plan: do it, then delete those words." in asked[0]


def test_asks_left_finds_each_request_to_the_clinician_and_nothing_else():
    from session_assistant.drafting.note_review import asks_left

    template = [{"name": "assessment", "label": "Assessment"}, {"name": "plan", "label": "Plan"}]
    fields = {"assessment": "Symptoms spoken of: low mood; clinician to judge their severity. The clinician "
                            "noted good rapport.",
              "plan": "Keep the sleep diary. Next visit in two weeks."}
    assert asks_left(template, fields) == [("Assessment", "clinician to judge their severity")]
    assert asks_left(template, {"plan": "The clinician confirmed the plan with the client."}) == []
