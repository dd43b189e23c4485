"""An addendum under a signed note reads on screen as it was typed and stored: "<" in it cut the rest
of the text off (read as a tag), and its time was the stored UTC one, unmarked, beside a signature
shown in local time with its offset. Pure: the rich text the editor's label shows."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from session_assistant.documents.model import format_timestamp
from session_assistant.ui.note.addenda_text import addenda_html

ADDENDUM = {"created_at": "2026-12-04T15:42:10+00:00", "author": "Dr Kit Example, LCSW", "reason": "score <10 & falling",
            "text": "GAD-7 <10 since the 28th; the client > happier.\nSecond line."}


def _shown(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_the_addendum_reads_as_typed_with_its_time_as_the_signature_gives_it(qapp):
    shown = _shown(addenda_html([ADDENDUM]))
    assert "GAD-7 <10 since the 28th; the client > happier." in shown and "Second line." in shown
    assert "(score <10 & falling)" in shown
    assert f"Addendum {format_timestamp(ADDENDUM['created_at'])} by Dr Kit Example, LCSW" in shown
