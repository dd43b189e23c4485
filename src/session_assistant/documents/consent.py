"""The printable client consent form for AI-assisted documentation.

The wording lives in ``resources/consent/ai_documentation_consent.md`` so a practice can edit it
without touching code: ``# `` title, ``## `` headings, paragraphs, ``- `` bullets and the
placeholders ``{practice_name}``, ``{clinician_name}`` and ``{form_version}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from session_assistant.documents.model import PracticeHeader
from session_assistant.documents.render import PRODUCER
from session_assistant.documents.style import ACCENT, BODY, MUTED, PANEL, RULE, StyledPdf, core_covers
from session_assistant.paths import resource

CONSENT_TEXT = ("consent", "ai_documentation_consent.md")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{(practice_name|clinician_name|form_version)\}")


@dataclass(frozen=True)
class ConsentForm:
    title: str
    blocks: tuple[tuple[str, str], ...]  # ("heading" | "paragraph", text)


def load_form(practice_name: str, clinician_name: str, form_version: str, path: Path | None = None) -> ConsentForm:
    """Read the editable text and fill in the placeholders."""
    text = (path or resource(*CONSENT_TEXT)).read_text(encoding="utf-8")
    values = {"practice_name": practice_name, "clinician_name": clinician_name or "your clinician",
              "form_version": form_version}
    text = _PLACEHOLDER.sub(lambda m: values[m.group(1)], _COMMENT.sub("", text))
    title, blocks = "Consent Form", []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = chunk.strip()
        if chunk.startswith("# "):
            title = chunk[2:].strip()
        elif chunk.startswith("## "):
            blocks.append(("heading", chunk[3:].strip()))
        elif chunk:
            blocks.append(("paragraph", chunk))
    return ConsentForm(title, tuple(blocks))


class _ConsentPdf(StyledPdf):
    def __init__(self, practice: PracticeHeader, form_version: str, full_fonts: bool) -> None:
        super().__init__(full_fonts=full_fonts)
        self.practice = practice
        self.form_version = form_version

    def header(self) -> None:
        self.set_y(14)
        self.font(size=15, style="B", color=ACCENT)
        self.cell(0, 7, self.practice.name, new_x="LMARGIN", new_y="NEXT")
        self.font(size=8.5, color=MUTED)
        for line in (self.practice.address.replace("\n", "   ·   "), self.practice.contact_line()):
            if line:
                self.cell(0, 4.2, line, new_x="LMARGIN", new_y="NEXT")
        self.rule(self.get_y() + 2.5, ACCENT, 0.6)
        self.set_y(self.get_y() + 7)

    def footer(self) -> None:
        self.set_y(-14)
        self.rule(self.get_y(), RULE, 0.3)
        self.set_y(self.get_y() + 1.5)
        self.font(size=7.5, color=MUTED)
        self.cell(self.epw * 0.8, 4, f"Consent to AI-assisted documentation · form version {self.form_version}")
        self.cell(self.epw * 0.2, 4, f"Page {self.page_no()} of {{nb}}", align="R")


def render_consent_form(practice: PracticeHeader, clinician_name: str, form_version: str,
                        path: Path | None = None) -> bytes:
    """The consent form as PDF bytes, with tick boxes and signature lines for the client."""
    form = load_form(practice.name, clinician_name, form_version, path)
    texts = [form.title, clinician_name, practice.name, practice.address, practice.phone, practice.email,
             *(text for _, text in form.blocks)]
    pdf = _ConsentPdf(practice, form_version, full_fonts=not core_covers(texts))
    pdf.set_title(form.title)
    pdf.set_author(practice.name)
    pdf.set_creator(PRODUCER)
    pdf.set_producer(PRODUCER)
    pdf.set_creation_date(datetime.now(timezone.utc))
    pdf.add_page()
    pdf.font(size=17, style="B", color=BODY)
    pdf.multi_cell(0, 8, form.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, text in form.blocks:
        if kind == "heading":
            if pdf.get_y() + 24 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.ln(2.5)
            pdf.font(size=10.5, style="B", color=ACCENT)
            pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.prose(text, size=9.5, line_h=4.8)
            pdf.ln(1.2)
    _decision_block(pdf, clinician_name)
    return bytes(pdf.output())


def _decision_block(pdf: StyledPdf, clinician_name: str) -> None:
    if pdf.get_y() + 60 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(4)
    top = pdf.get_y()
    pdf.set_fill_color(*PANEL)
    pdf.rect(pdf.l_margin, top, pdf.epw, 22, style="F")
    pdf.set_y(top + 3.5)
    for label in ("I agree to AI-assisted documentation of my sessions as described above.",
                  "I do not agree. My sessions will not be recorded."):
        pdf.set_x(pdf.l_margin + 5)
        pdf.set_draw_color(*BODY)
        pdf.set_line_width(0.3)
        pdf.rect(pdf.get_x(), pdf.get_y() + 0.8, 3.8, 3.8)
        pdf.set_x(pdf.get_x() + 7)
        pdf.font(size=10)
        pdf.cell(0, 5.5, label, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    pdf.set_y(top + 25)
    for left, right in (("Client name", "Date"), ("Client signature", ""),
                        (f"Clinician: {clinician_name}" if clinician_name else "Clinician", "Date")):
        y = pdf.get_y() + 7
        pdf.rule(y, BODY, 0.3, width=pdf.epw * 0.62)
        if right:
            pdf.set_draw_color(*BODY)
            pdf.line(pdf.l_margin + pdf.epw * 0.7, y, pdf.l_margin + pdf.epw, y)
        pdf.set_y(y + 0.8)
        pdf.font(size=7.5, color=MUTED)
        pdf.cell(pdf.epw * 0.7, 4, left)
        pdf.cell(0, 4, right, new_x="LMARGIN", new_y="NEXT")
