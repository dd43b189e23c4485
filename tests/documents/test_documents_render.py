"""Rendering: real PDFs read back with pypdf (text, Unicode, pagination, metadata)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from session_assistant.documents.model import ClinicalDocument, DocumentKind
from session_assistant.documents.render import ai_statement, render_pdf

from doc_samples import CLIENT, PRACTICE, SIGNATURE, assessment, long_note, progress_note


@pytest.fixture(autouse=True)
def _office_on_utc(monkeypatch):
    """Signing times print in the office's local time: these samples expect an office on UTC, whatever the
    machine running the suite is set to."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_progress_note_prints_header_identifiers_sections_and_signature():
    reader, text = _text(render_pdf(progress_note()))
    flat = _squash(text)
    for expected in ("Harbourview Counselling", "Progress Note", "Zoë Łukasiewicz", "1988-03-14", "1042",
                     "2026-11-20", "Subjective", "Objective", "Assessment", "Plan",
                     "Σοφία Papadopoulou-Müller, LCSW", "Licence no. LCSW-ME 20417",
                     "Signed 2026-11-20 16:05 UTC", "Page 1 of 1"):
        assert expected in flat, expected
    assert "“about five hours”" in flat and "— better" in flat
    assert _squash(ai_statement("qwen2.5-coder-1.5b-instruct")) in flat
    assert reader.metadata.title == "Progress Note — 2026-11-20"
    assert reader.metadata.author == "Σοφία Papadopoulou-Müller, LCSW"


def test_fonts_are_embedded_not_substituted():
    reader, _ = _text(render_pdf(progress_note()))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [fonts[key].get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for key in fonts]
    assert descriptors and all("/FontFile2" in d for d in descriptors)


def test_note_without_ai_carries_no_ai_statement():
    _, text = _text(render_pdf(progress_note(ai_model=None)))
    assert "AI assistance" not in text


def test_long_note_paginates_with_running_client_header_and_addenda():
    reader, _ = _text(render_pdf(long_note()))
    pages = [_squash(page.extract_text()) for page in reader.pages]
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Zoë Łukasiewicz" in page
        assert "{nb}" not in page
    assert "Addenda" in pages[-1] and "Correction of the next appointment date" in pages[-1]


def test_every_kind_renders_its_title():
    for kind in DocumentKind:
        doc = ClinicalDocument(kind=kind, practice=PRACTICE, client=CLIENT, sections=(("Body", "Text."),),
                               period=("2026-01-05", "2026-11-20"), signature=SIGNATURE)
        _, text = _text(render_pdf(doc))
        assert kind.value in text
        assert "2026-01-05 to 2026-11-20" in text


def test_assessment_table_and_unsigned_draft_notice():
    _, text = _text(render_pdf(assessment()))
    assert "Feeling afraid, as if something awful might happen" in _squash(text)
    _, draft = _text(render_pdf(progress_note(signature=None)))
    assert "DRAFT — not signed" in draft


def test_text_outside_the_core_fonts_switches_to_the_full_fonts():
    from session_assistant.documents.style import core_covers

    assert core_covers(["Zoë Łukasiewicz", "Σοφία", "Дмитрий", "Nguyễn", "— “quotes” …"])
    hebrew_and_armenian = "שרה Անի"
    assert not core_covers([hebrew_and_armenian])
    reader, text = _text(render_pdf(progress_note(sections=(("Subjective", f"Client {hebrew_and_armenian}."),))))
    # The core subset has no Armenian or Hebrew glyphs; these come from the full fonts. (Hebrew is
    # laid out left to right: fpdf2 without HarfBuzz has no bidi, so only the letters are checked.)
    assert "Անի" in text and set("שרה") <= set(text)


def test_missing_glyph_warnings_never_quote_client_text(caplog):
    import logging

    caplog.set_level(logging.WARNING)
    render_pdf(progress_note(sections=(("Subjective", "Client 王秀英 said hello."),)))
    assert "王" not in caplog.text and "秀" not in caplog.text
    assert "lacks glyphs" in caplog.text


def _plan_lines_filling_page_one(count: int) -> ClinicalDocument:
    plan = "\n".join(f"- Plan item {n}: practise the breathing exercise before the team meeting." for n in range(count))
    return progress_note(sections=(*SOAP_SHORT, ("Plan", plan)))


SOAP_SHORT = (("Subjective", "Client reported sleeping better."), ("Objective", "Calm, engaged."),
              ("Assessment", "Improving."))


def test_the_signature_never_stands_alone_on_the_last_page():
    # Lengthen the Plan one line at a time: wherever the page fills, the attestation (AI statement and
    # signature) must share its page with the end of the note's text, not stand alone on it.
    seen_two_pages = 0
    for count in range(12, 28):  # page one fills at 13 lines; 14-23 broke alone or widowed before
        reader, _ = _text(render_pdf(_plan_lines_filling_page_one(count)))
        if len(reader.pages) < 2:
            continue
        seen_two_pages += 1
        last = _squash(reader.pages[-1].extract_text())
        assert "ELECTRONICALLY SIGNED BY" in last
        assert f"Plan item {count - 1}:" in last, f"{count} lines: the signature page holds no note text"
        tail = [n for n in range(count) if f"Plan item {n}:" in last]
        assert len(tail) >= 3 or tail[0] == 0, f"{count} lines: only {len(tail)} line(s) carried over"
        # Nothing lost or printed twice across the break.
        flat = _squash(" ".join(page.extract_text() for page in reader.pages))
        assert all(flat.count(f"Plan item {n}:") == 1 for n in range(count))
    assert seen_two_pages >= 12
