"""Render a ``ClinicalDocument`` to PDF bytes with fpdf2.

Layout: letterhead and a coloured rule on page one, a compact running header naming the client
on every later page (a loose page is never anonymous), an identification panel, titled sections,
the AI-assistance statement, a signature block kept on one page, addenda, and a muted footer with
"Page n of N". Text uses DejaVu Sans embedded from ``resources/fonts`` so accents, Greek, Cyrillic,
em dashes and curly quotes print as typed.
"""

from __future__ import annotations

from datetime import datetime, timezone

from fpdf import FPDF

from session_assistant.documents.model import (
    Addendum,
    ClinicalDocument,
    Section,
    TableSection,
    format_date,
    format_timestamp,
)
from session_assistant.documents.style import (
    ACCENT,
    BODY,
    LINE_H,
    MUTED,
    PANEL,
    RULE,
    StyledPdf,
    core_covers,
)

PRODUCER = "Session Assistant"


def ai_statement(model: str) -> str:
    """The sentence every AI-drafted document carries."""
    return (
        f"Drafted with AI assistance (model {model}); "
        "reviewed, edited and signed by the clinician."
    )


class _DocumentPdf(StyledPdf):
    """A page template bound to one document: letterhead, running header and footer."""

    def __init__(self, doc: ClinicalDocument, page_format: str) -> None:
        super().__init__(page_format=page_format, full_fonts=not core_covers(_document_text(doc)))
        self.doc = doc
        self.closing_alone = False  # set when the attestation had to start a page of its own
        self.last_section_from = 0  # the page the last section starts on
        self.text_ended_at: tuple[int, float] = (0, 0.0)  # (page, y) where the last section ended
        self.page_ends: dict[int, float] = {}  # page -> y where its content ended
        self.page_tops: dict[int, float] = {}  # page -> y where its content began
        self._early_break: tuple[int, float] | None = None  # (page, trigger) for the last section

    def add_page(self, *args, **kwargs) -> None:
        if self.page_no():
            self.page_ends[self.page_no()] = self.get_y()
        super().add_page(*args, **kwargs)
        self.page_tops[self.page_no()] = self.get_y()
        self._apply_early_break()

    def widow_fix(self) -> tuple[int, float] | None:
        """Where to end the last section early so three of its lines go on with the signature.

        The attestation must not stand alone on a page (or with a line or two of the note), as if
        nothing, or almost nothing, had been signed. None when the layout is already right.
        """
        page, end = self.text_ended_at
        if self.closing_alone:
            return page, end - 3 * LINE_H - 0.5
        carried = end - self.page_tops.get(page, end)
        if self.last_section_from < page and carried < 3 * LINE_H - 0.5:
            return page - 1, self.page_ends[page - 1] - (3 * LINE_H - carried) - 0.5
        return None

    def break_last_section_early(self, page: int, trigger: float) -> None:
        """On ``page``, end the last section's text at ``trigger`` so its tail moves on."""
        self._early_break = (page, trigger)
        self._apply_early_break()

    def end_early_break(self) -> None:
        self._early_break = None
        self.page_break_trigger = self.h - self.b_margin

    def _apply_early_break(self) -> None:
        self.page_break_trigger = self.h - self.b_margin
        if self._early_break and self.page_no() == self._early_break[0]:
            self.page_break_trigger = self._early_break[1]

    def header(self) -> None:
        practice, client = self.doc.practice, self.doc.client
        if self.page_no() == 1:
            self.set_y(14)
            self.font(size=15, style="B", color=ACCENT)
            self.cell(0, 7, practice.name, new_x="LMARGIN", new_y="NEXT")
            self.font(size=8.5, color=MUTED)
            for line in (practice.address.replace("\n", "   ·   "), practice.contact_line()):
                if line:
                    self.cell(0, 4.2, line, new_x="LMARGIN", new_y="NEXT")
            self.rule(self.get_y() + 2.5, ACCENT, 0.6)
            self.set_y(self.get_y() + 7)
            return
        self.set_y(10)
        self.font(size=8.5, style="B", color=ACCENT)
        self.cell(self.epw / 2, 5, practice.name)
        self.font(size=8, color=MUTED)
        ident = f"{client.name}   ·   DOB {client.dob_text()}   ·   ID {client.client_id}"
        self.cell(self.epw / 2, 5, ident, align="R", new_x="LMARGIN", new_y="NEXT")
        self.rule(self.get_y() + 1, RULE, 0.3)
        self.set_y(self.get_y() + 6)

    def footer(self) -> None:
        self.set_y(-14)
        self.rule(self.get_y(), RULE, 0.3)
        self.set_y(self.get_y() + 1.5)
        self.font(size=7.5, color=MUTED)
        left = "Confidential health information. Do not redistribute without authorisation."
        if self.doc.document_ref:
            left = f"{self.doc.document_ref}   ·   {left}"
        self.cell(self.epw * 0.8, 4, left)
        self.cell(self.epw * 0.2, 4, f"Page {self.page_no()} of {{nb}}", align="R")


def render_pdf(doc: ClinicalDocument, page_format: str = "Letter") -> bytes:
    """Lay out one clinical document and return the PDF bytes.

    Args:
        doc: The document to print.
        page_format: "Letter" (default) or "A4".

    Returns:
        The PDF file contents (unsigned).
    """
    pdf = _lay_out(doc, page_format)
    early_break = pdf.widow_fix()
    if early_break:
        pdf = _lay_out(doc, page_format, early_break=early_break)
    return bytes(pdf.output())


def _lay_out(doc: ClinicalDocument, page_format: str,
             early_break: tuple[int, float] | None = None) -> "_DocumentPdf":
    pdf = _DocumentPdf(doc, page_format)
    signed_at = doc.signature.signed_at if doc.signature else None
    pdf.set_title(f"{doc.display_title} — {_title_date(doc)}".rstrip(" —"))
    pdf.set_author(doc.signature.name_line() if doc.signature else doc.practice.name)
    pdf.set_subject(doc.display_title)
    pdf.set_creator(PRODUCER)
    pdf.set_producer(PRODUCER)
    pdf.set_creation_date(_as_datetime(signed_at))
    pdf.add_page()
    _title_block(pdf, doc)
    for index, section in enumerate(doc.sections):
        if index == len(doc.sections) - 1:
            pdf.last_section_from = pdf.page_no()
            if early_break:
                pdf.break_last_section_early(*early_break)
        if isinstance(section, TableSection):
            _table(pdf, section)
        else:
            _section(pdf, section)
    pdf.end_early_break()
    pdf.text_ended_at = (pdf.page_no(), pdf.get_y())
    if doc.ai_model:
        _ai_notice(pdf, doc.ai_model)
    _signature(pdf, doc)
    if doc.addenda:
        _addenda(pdf, doc.addenda)
    return pdf


def _document_text(doc: ClinicalDocument):
    """Every piece of variable text the page will print (to choose the font set)."""
    practice, client, sig = doc.practice, doc.client, doc.signature
    yield from (doc.display_title, practice.name, practice.address, practice.phone, practice.email,
                client.name, str(client.client_id), client.dob_text(), doc.document_ref, doc.ai_model or "")
    yield from (str(part) for pair in doc.details for part in pair)
    if sig:
        yield from (sig.clinician_name, sig.credentials, sig.licence_number)
    for section in doc.sections:
        yield section.title
        if isinstance(section, TableSection):
            yield from section.columns
            yield section.footnote
            yield from (cell for row in section.rows for cell in row)
        else:
            yield section.text
    for addendum in doc.addenda:
        yield from (addendum.author, addendum.reason, addendum.text)


def _title_date(doc: ClinicalDocument) -> str:
    if doc.period:
        return "–".join(format_date(d) for d in doc.period if d)
    return format_date(doc.service_date)


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.now(timezone.utc)


def _title_block(pdf: _DocumentPdf, doc: ClinicalDocument) -> None:
    pdf.font(size=19, style="B", color=BODY)
    pdf.cell(0, 9, doc.display_title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    rows: list[tuple[str, str]] = [
        ("Client", doc.client.name),
        ("Date of birth", doc.client.dob_text()),
        ("Client ID", str(doc.client.client_id)),
    ]
    if doc.period:
        start, end = (format_date(d) or "—" for d in doc.period)
        rows.append(("Period covered", f"{start} to {end}"))
    elif doc.service_date:
        rows.append(("Date of service", format_date(doc.service_date)))
    rows.extend((label, value) for label, value in doc.details if value)
    _panel(pdf, rows)
    pdf.ln(5)


def _panel(pdf: _DocumentPdf, rows: list[tuple[str, str]]) -> None:
    """Identification fields in a tinted box, two columns of label over value; a value too long
    for its column (several diagnoses) gets a row of its own rather than being cut short."""
    col_w = pdf.epw / 2
    pdf.font(size=10, color=BODY)
    pairs: list[list[tuple[str, str]]] = []
    for row in rows:
        wide = pdf.get_string_width(row[1]) > col_w - 8
        if wide or not pairs or len(pairs[-1]) == 2:
            pairs.append([row, ("", "")] if wide else [row])
        else:
            pairs[-1].append(row)
    top = pdf.get_y()
    height = 4 + len(pairs) * 10.5
    pdf.set_fill_color(*PANEL)
    pdf.rect(pdf.l_margin, top, pdf.epw, height, style="F")
    pdf.set_fill_color(*ACCENT)
    pdf.rect(pdf.l_margin, top, 1.2, height, style="F")
    y = top + 2.5
    for pair in pairs:
        width = (2 * col_w if len(pair) == 2 and pair[1] == ("", "") else col_w) - 8
        for index, (label, value) in enumerate(pair):
            if not label:
                continue
            x = pdf.l_margin + 5 + index * col_w
            pdf.set_xy(x, y)
            pdf.font(size=6.8, style="B", color=MUTED)
            pdf.cell(width, 3.6, label.upper())
            pdf.set_xy(x, y + 3.8)
            pdf.font(size=10, color=BODY)
            pdf.cell(width, 5, pdf.fit(value, width))
        y += 10.5
    pdf.set_xy(pdf.l_margin, top + height)


def _heading(pdf: _DocumentPdf, title: str) -> None:
    # Keep a heading with at least three lines of its text: no orphaned headings.
    if pdf.get_y() + 8 + 3 * LINE_H > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(2.5)
    pdf.font(size=10.5, style="B", color=ACCENT)
    pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    pdf.rule(pdf.get_y() + 0.3, RULE, 0.25)
    pdf.ln(2.2)


def _section(pdf: _DocumentPdf, section: Section) -> None:
    _heading(pdf, section.title)
    pdf.prose(section.text or "—")


def _table(pdf: _DocumentPdf, section: TableSection) -> None:
    _heading(pdf, section.title)
    pdf.font(size=9, color=BODY)
    pdf.set_fill_color(255, 255, 255)
    widths = section.widths or tuple(1 for _ in section.columns)
    with pdf.table(
        col_widths=widths,
        line_height=5,
        padding=(1.2, 2),
        borders_layout="HORIZONTAL_LINES",
        headings_style=pdf.headings_style(),
        cell_fill_color=PANEL,
        cell_fill_mode="ROWS",
        first_row_as_headings=True,
        text_align="LEFT",
    ) as table:
        table.row(section.columns)
        for row in section.rows:
            table.row(row)
    if section.footnote:
        pdf.ln(1.5)
        pdf.font(size=8.5, style="I", color=MUTED)
        pdf.multi_cell(0, 4.4, section.footnote, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _ai_notice(pdf: _DocumentPdf, model: str) -> None:
    text = ai_statement(model)
    if pdf.get_y() + 14 > pdf.page_break_trigger:
        pdf.add_page()
        pdf.closing_alone = True
    pdf.ln(4)
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin + 4)
    pdf.font(size=8.5, style="I", color=MUTED)
    pdf.multi_cell(pdf.epw - 4, 4.4, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_fill_color(*RULE)
    pdf.rect(pdf.l_margin, top, 0.8, pdf.get_y() - top, style="F")


def _signature(pdf: _DocumentPdf, doc: ClinicalDocument) -> None:
    """The attestation, kept whole on one page."""
    if pdf.get_y() + 36 > pdf.page_break_trigger:
        pdf.closing_alone = pdf.closing_alone or pdf.page_no() == pdf.text_ended_at[0]
        pdf.add_page()
    pdf.ln(6)
    sig = doc.signature
    if sig is None:
        pdf.font(size=10, style="B", color=(160, 60, 40))
        pdf.cell(0, 6, "DRAFT — not signed", new_x="LMARGIN", new_y="NEXT")
        return
    pdf.rule(pdf.get_y(), BODY, 0.4, width=pdf.epw * 0.55)
    pdf.ln(2)
    pdf.font(size=6.8, style="B", color=MUTED)
    pdf.cell(0, 4, "ELECTRONICALLY SIGNED BY", new_x="LMARGIN", new_y="NEXT")
    pdf.font(size=11, style="B", color=BODY)
    pdf.cell(0, 6, sig.name_line(), new_x="LMARGIN", new_y="NEXT")
    pdf.font(size=9, color=BODY)
    if sig.licence_number:
        pdf.cell(0, 4.8, f"Licence no. {sig.licence_number}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 4.8, f"Signed {format_timestamp(sig.signed_at)}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.font(size=7.5, color=MUTED)
    pdf.multi_cell(
        pdf.epw * 0.8, 3.8,
        "This document carries a digital signature. Any change made after signing invalidates it.",
        new_x="LMARGIN", new_y="NEXT",
    )


def _addenda(pdf: _DocumentPdf, addenda: tuple[Addendum, ...]) -> None:
    pdf.ln(4)
    _heading(pdf, "Addenda")
    for addendum in addenda:
        if pdf.get_y() + 6 + 3 * LINE_H > pdf.page_break_trigger:
            pdf.add_page()
        pdf.font(size=9, style="B", color=BODY)
        header = f"{format_timestamp(addendum.created_at)}   ·   {addendum.author}"
        pdf.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
        pdf.font(size=9, style="I", color=MUTED)
        pdf.multi_cell(0, 4.6, f"Reason: {addendum.reason}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
        pdf.prose(addendum.text)
        pdf.ln(2)

