"""A heading inside a field's text (the AI Session Summary's SUBJECTIVE / OBJECTIVE / ASSESSMENT,
the mental status block's "Mental status (clinician's observation):") stays with the text it
heads: a signed note printed "ASSESSMENT" as the last line of page 1 and its text on page 2."""

from __future__ import annotations

import io

from pypdf import PdfReader

from session_assistant.documents.render import render_pdf

from doc_samples import progress_note

FILLER = "Appearance: well groomed, appropriately dressed."


def _pages(text: str) -> list[str]:
    doc = progress_note(sections=(("Session Summary", text), ("Risk Assessment", "Risk was screened; denied.")))
    return [page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(doc))).pages]


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_a_heading_in_the_text_never_ends_a_page_without_its_lines():
    ended_alone = []
    for count in range(20, 40):  # every position of the heading near the foot of page 1
        text = "SUBJECTIVE\n" + "\n".join([FILLER] * count) + "\n\nASSESSMENT\nProtective factors: her children."
        pages = _pages(text)
        holding = next(i for i, page in enumerate(pages) if "ASSESSMENT" in _lines(page))
        if "Protective factors: her children." not in pages[holding]:
            ended_alone.append(count)
    assert ended_alone == []


def test_a_label_ending_with_a_colon_stays_with_its_first_line_too():
    ended_alone = []
    for count in range(20, 40):
        text = "\n".join([FILLER] * count) + "\n\nMental status (clinician's observation):\nMood: anxious."
        pages = _pages(text)
        holding = next(i for i, page in enumerate(pages) if "Mental status (clinician's observation):" in page)
        if "Mood: anxious." not in pages[holding]:
            ended_alone.append(count)
    assert ended_alone == []


def _fonts_of(pdf_page, wanted: set[str]) -> dict[str, str]:
    fonts: dict[str, str] = {}

    def visit(text, _cm, _tm, font, _size) -> None:
        if text.strip() in wanted and font is not None:
            fonts[text.strip()] = str(font.get("/BaseFont", ""))
    pdf_page.extract_text(visitor_text=visit)
    return fonts


def test_the_headings_inside_the_text_are_set_in_bold_and_the_text_is_not():
    text = ("SUBJECTIVE\nClient reported poor sleep.\n\nMental status (clinician's observation):\n"
            "Mood: anxious.")
    doc = progress_note(sections=(("Session Summary", text),))
    page = PdfReader(io.BytesIO(render_pdf(doc))).pages[0]
    wanted = {"SUBJECTIVE", "Mental status (clinician's observation):", "Client reported poor sleep.", "Mood: anxious."}
    fonts = _fonts_of(page, wanted)
    assert set(fonts) == wanted, fonts
    assert "Bold" in fonts["SUBJECTIVE"] and "Bold" in fonts["Mental status (clinician's observation):"]
    assert "Bold" not in fonts["Client reported poor sleep."] and "Bold" not in fonts["Mood: anxious."]
