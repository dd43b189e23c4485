"""Screenshots of the note editor (not a test): the review of a stored draft, and the signed note.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/shot_note_editor.py [--size 1024x600] [--out DIR]

The draft is the fictional one the window tests store (no model runs), on the sample practice,
so the picture shows the editor rather than what a small model happens to write.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[2]


from shots_common import sample_practice, shot_options  # noqa: E402
from take_screenshots import wait  # noqa: E402


def main() -> int:
    args = shot_options(("--suffix", dict(default="")))
    width, height = args.width, args.height
    out = args.out

    from PySide6.QtWidgets import QApplication, QMessageBox

    from sa_testing import TEST_PASSPHRASE
    from session_assistant.ui.shell.app_main import build_window
    from test_ui_note_review import ASSESSMENT, SOAP_AI, _seed

    app = QApplication(sys.argv)
    paths = sample_practice("sa-note-shots-", TEST_PASSPHRASE)
    appointment = _seed(paths)
    birp_appointment = _seed_soap_draft_elsewhere(paths, appointment)

    window = build_window(paths)
    window.resize(width, height)
    window.show()
    wait(app, 0.5)
    window.unlock_page.passphrase.setText(TEST_PASSPHRASE)
    window.unlock_page.unlock_button.click()
    while window.workspace is None:
        wait(app, 0.1)
    workspace = window.workspace
    workspace.open_note(appointment)
    editor = workspace.note
    editor.template.setCurrentIndex(editor.template.findText(SOAP_AI))
    editor.create_button.click()
    editor.service_code.setText("90834")
    editor.service_code.editingFinished.emit()
    editor.sentences.setCurrentRow(0)
    editor.accept_button.click()
    rows = [editor.sentences.item(i).text() for i in range(editor.sentences.count())]
    editor.sentences.setCurrentRow(rows.index(ASSESSMENT))
    wait(app, 0.5)
    window.grab().save(str(out / f"09-note-editor{args.suffix}.png"))

    answers = []

    def confirm(parent, title, text, *_args):  # the real box; the first one grabbed and cancelled
        if answers:
            return QMessageBox.StandardButton.Yes
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
        box.show()
        wait(app, 0.5)
        box.grab().save(str(out / f"10-note-sign-confirm{args.suffix}.png"))
        box.close()
        answers.append(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton.Cancel

    QMessageBox.question = confirm
    editor.sign_button.click()  # Sign lists what is still open in the review: the shot, then Cancel
    # As a careful clinician would before signing: the unsupported sentence removed, the others
    # accepted, the risk screen accepted into the Risk field (the shot shows a fully reviewed note).
    from test_ui_note_review import FLAGGED

    rows = [editor.sentences.item(i).text() for i in range(editor.sentences.count())]
    editor.sentences.setCurrentRow(next(i for i, text in enumerate(rows) if FLAGGED in text))
    editor.remove_button.click()
    for row in range(editor.sentences.count()):
        editor.sentences.setCurrentRow(row)
        if editor.accept_button.isEnabled():
            editor.accept_button.click()
    editor.review_tabs.setCurrentIndex(1)
    editor.risk.setCurrentRow(0)
    editor.accept_risk_button.click()
    editor.review_tabs.setCurrentIndex(0)
    editor.sign_button.click()
    editor.sentences.setCurrentRow(0)
    wait(app, 0.5)
    window.grab().save(str(out / f"10-note-signed{args.suffix}.png"))

    # A draft written while Settings said SOAP, put into the BIRP template: each field gets its part.
    workspace.open_note(birp_appointment)
    editor = workspace.note
    editor.template.setCurrentIndex(editor.template.findText("BIRP Note (AI, one field per part)"))
    editor.create_button.click()
    rows = [editor.sentences.item(i).text() for i in range(editor.sentences.count())]
    editor.sentences.setCurrentRow(next(i for i, text in enumerate(rows) if "Interventions used" in text))
    wait(app, 0.5)
    window.grab().save(str(out / f"09b-note-soap-draft-in-birp-template{args.suffix}.png"))
    window.shutdown()
    return 0


def _seed_soap_draft_elsewhere(paths, taken: int) -> int:
    """Another appointment of the same client (not ``taken``) with the tests' transcript and SOAP
    draft, plus a rule's interventions line (it belongs in a BIRP template's Intervention field)."""
    from sa_testing import TEST_PASSPHRASE
    from session_assistant.app import open_practice
    from session_assistant.drafting import DraftSentence
    from session_assistant.transcribe.segments import Segment, Transcript
    from test_ui_note_review import INTERVENTIONS, LINES, _draft

    practice = open_practice(paths, TEST_PASSPHRASE)
    try:
        client = practice.appointments.get(taken)["client_id"]
        appointment = next(a["id"] for a in practice.appointments.list(client_id=client)
                           if not a["note_id"] and a["id"] != taken)
        segments = [Segment(i, 6.0 * i, 6.0 * i + 5, text, speaker=who) for i, (who, text) in enumerate(LINES)]
        practice.sessions.store_transcript(appointment, Transcript("en", 30.0, segments))
        draft = _draft()
        draft.sentences.insert(3, DraftSentence("objective", INTERVENTIONS, [0, 4], ["rule_fact"], "rule"))
        practice.sessions._store_draft(appointment, "soap", draft.to_json(), "test-model")
        return appointment
    finally:
        practice.close()


if __name__ == "__main__":
    sys.exit(main())
