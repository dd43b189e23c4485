"""Shared typography for every PDF the app prints: fonts, colours, prose with bullets.

Colours are deliberately quiet (dark slate text, one deep teal accent, grey rules) so the page reads
like a clinical letter, not a form; the accent marks structure only.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable

from fpdf import FPDF
from fpdf.fonts import FontFace

from session_assistant.paths import resource

FONT = "DejaVu"
_STYLES = {"": "", "B": "-Bold", "I": "-Oblique", "BI": "-BoldOblique"}
# The core subset (Latin, Greek, Cyrillic, punctuation, symbols) loads about four times faster;
# the full fonts are used only for a document whose text needs a character outside it.
# See resources/fonts/make_core_subset.py.
_CORE, _FULL = "DejaVuSansCore", "DejaVuSans"


class _NoGlyphText(logging.Filter):
    """fpdf2 warns about missing glyphs by quoting the characters: that is client text (PHI)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "missing the following glyphs" in str(record.msg):
            record.msg, record.args = "a font lacks glyphs for some characters of a document", ()
        return True


def _guard_fpdf_logs() -> None:
    logger = logging.getLogger("fpdf.output")
    if not any(isinstance(f, _NoGlyphText) for f in logger.filters):
        logger.addFilter(_NoGlyphText())


@lru_cache(maxsize=1)
def _core_codepoints() -> frozenset[int]:
    probe = FPDF()
    probe.add_font(FONT, "", str(resource("fonts", f"{_CORE}.ttf")))
    return frozenset(probe.fonts[FONT.lower()].cmap)


def core_covers(texts: Iterable[str]) -> bool:
    """True if the fast core fonts have a glyph for every character of ``texts``."""
    covered = _core_codepoints()
    return all(ord(ch) in covered for text in texts for ch in text if ch not in "\n\r\t")

BODY = (31, 41, 51)
ACCENT = (24, 78, 96)
MUTED = (107, 114, 128)
RULE = (203, 210, 217)
PANEL = (243, 245, 247)

BODY_SIZE = 10
LINE_H = 5.2
MARGIN_MM = 20


class StyledPdf(FPDF):
    """FPDF with the app's fonts loaded and a few typographic helpers."""

    def __init__(self, page_format: str = "Letter", *, full_fonts: bool = False) -> None:
        super().__init__(orientation="portrait", unit="mm", format=page_format)
        _guard_fpdf_logs()
        self._font_base = _FULL if full_fonts else _CORE
        # fpdf2 parses and subsets every registered font for each document, used or not, so
        # regular and bold are registered now and the italics only when a page asks for them.
        for style in ("", "B"):
            self._register(style)
        self.set_margins(MARGIN_MM, 18, MARGIN_MM)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages()
        self.set_lang("en")
        self.font()

    def _register(self, style: str) -> None:
        if f"{FONT.lower()}{style}" not in self.fonts:
            self.add_font(FONT, style, str(resource("fonts", f"{self._font_base}{_STYLES[style]}.ttf")))

    def font(self, size: float = BODY_SIZE, style: str = "", color: tuple[int, int, int] = BODY) -> None:
        """Set family, style, size and colour in one call."""
        self._register("".join(sorted(style.upper())).replace("IB", "BI"))
        self.set_font(FONT, style, size)
        self.set_text_color(*color)

    def rule(self, y: float, color: tuple[int, int, int], weight: float, width: float | None = None) -> None:
        """A horizontal line across the text width (or ``width`` mm) at height ``y``."""
        self.set_draw_color(*color)
        self.set_line_width(weight)
        self.line(self.l_margin, y, self.l_margin + (width or self.epw), y)

    def fit(self, text: str, width: float) -> str:
        """Shorten ``text`` with an ellipsis so it fits on one line of ``width`` mm."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text + "…"

    def headings_style(self) -> FontFace:
        return FontFace(family=FONT, emphasis="BOLD", size_pt=8.5, color=ACCENT, fill_color=(255, 255, 255))

    def prose(self, text: str, size: float = BODY_SIZE, line_h: float = LINE_H) -> None:
        """Paragraphs separated by blank lines; lines starting with "- " or "• " become bullets."""
        self.font(size=size)
        paragraphs = [p.strip("\n") for p in text.replace("\r\n", "\n").split("\n\n")]
        paragraphs = [p for p in paragraphs if p.strip()]
        for index, paragraph in enumerate(paragraphs):
            if index:
                self.ln(line_h * 0.45)
            lines = paragraph.split("\n")
            for number, line in enumerate(lines):
                stripped = line.strip()
                more_follows = number + 1 < len(lines) or index + 1 < len(paragraphs)
                heading = more_follows and self._is_label(stripped)
                if heading and self.get_y() + 3 * line_h > self.page_break_trigger:
                    # A heading inside the text ("ASSESSMENT", "Mental status (...):") goes on
                    # with the lines it heads, never alone at the foot of a page.
                    self.add_page()
                if stripped[:2] in ("- ", "• ", "* "):
                    self._bullet(stripped[2:].strip(), line_h)
                elif heading:  # in bold: in body type SUBJECTIVE read as one more line of the text
                    self.font(size=size, style="B")
                    self.multi_cell(0, line_h, stripped, align="L", new_x="LMARGIN", new_y="NEXT")
                    self.font(size=size)
                else:
                    self.multi_cell(0, line_h, stripped, align="L", new_x="LMARGIN", new_y="NEXT")

    def _is_label(self, line: str) -> bool:
        """A one-line heading inside a field's text: in capitals, or ending with a colon."""
        return (bool(line) and (line.isupper() or line.endswith(":"))
                and self.get_string_width(line) <= self.epw)

    def _bullet(self, text: str, line_h: float) -> None:
        indent = 5
        if self.get_y() + line_h > self.page_break_trigger:
            self.add_page()
        self.set_x(self.l_margin + 1.2)
        self.cell(indent - 1.2, line_h, "•")
        self.multi_cell(self.epw - indent, line_h, text, align="L", new_x="LMARGIN", new_y="NEXT")
