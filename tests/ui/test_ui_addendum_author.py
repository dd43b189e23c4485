"""An addendum added in the window names its author as the signature names the signer
("Dr Test Clinician, PhD"): the signed PDF printed "Maria Alvarez, LMFT" under the signature and
a bare "Maria Alvarez" on the addendum below it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from session_seed import seed_session
from test_ui_mental_status import open_note


class _Answered:
    """The addendum dialog, answered: a reason and a text, then Add."""

    class DialogCode:
        Accepted = 1

    def __init__(self, _parent) -> None:
        self.text = type("Text", (), {"toPlainText": staticmethod(lambda: "The client called to rebook.")})()
        self.reason = type("Reason", (), {"text": staticmethod(lambda: "late entry")})()

    def exec(self) -> int:
        return 1


def test_the_addendum_names_its_author_with_credentials_in_the_chart_and_the_pdf(
        qtbot, ready_vault, make_window, monkeypatch, tmp_path):
    appointment, note_id = seed_session(ready_vault, template="SOAP Note (manual)", signed=True)
    window, editor = open_note(qtbot, make_window, ready_vault, appointment)
    assert editor.addendum_button.isVisible()
    monkeypatch.setattr("session_assistant.ui.note.note_editor.AddendumDialog", _Answered)
    editor.addendum_button.click()
    qtbot.waitUntil(lambda: bool(window.ctx.practice.notes.get(note_id).get("addenda")), timeout=5000)
    addendum = window.ctx.practice.notes.get(note_id)["addenda"][0]
    assert addendum["author"] == "Dr Test Clinician, PhD"

    out = tmp_path / "note.pdf"
    window.ctx.practice.documents.export_note(note_id, out)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    addenda = text[text.index("Addenda"):]
    assert "Dr Test Clinician, PhD" in addenda and "late entry" in addenda
