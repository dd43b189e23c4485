"""The theme (issue 21): every semantic colour pair meets WCAG AA in light and dark; no screen sets a
colour or font size of its own; text follows the system font; the appearance setting applies and is kept."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from session_assistant.ui.common import theme

UI = Path(theme.__file__).parent.parent  # ui/, above the per-screen packages
AA_TEXT = 4.5


def test_contrast_matches_the_wcag_formula():
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert theme.contrast("#777777", "#FFFFFF") < AA_TEXT


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_semantic_colour_pair_meets_aa(mode):
    pairs = theme.text_pairs(mode)
    assert {f"status {kind}" for kind in theme.STATUS_KINDS} <= set(pairs)  # every status is checked
    failing = {name: round(theme.contrast(fg, bg), 2) for name, (fg, bg) in pairs.items()
               if theme.contrast(fg, bg) < AA_TEXT}
    assert not failing, failing


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_status_pills_stay_apart_and_the_accent_is_the_pdf_teal(mode):
    from session_assistant.documents.style import ACCENT

    backgrounds = [bg for _fg, bg in theme.STATUS[mode].values()]
    assert len(set(backgrounds)) == len(backgrounds)  # no two statuses share a colour
    assert theme.LIGHT.accent == "#{:02X}{:02X}{:02X}".format(*ACCENT)


# ---- no screen writes its own look ------------------------------------------------------------
STRING_RULES = {"a hex colour": re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}\b"), "a style colour": re.compile(r"\bcolou?r\s*:"),
                "a style background": re.compile(r"\bbackground(-color)?\s*:"), "a font size": re.compile(r"font-size"),
                "an rgb() colour": re.compile(r"\brgba?\(")}
CODE_RULES = {"a style sheet": re.compile(r"\.\s*setStyleSheet\s*\("),
              "a point size": re.compile(r"\.\s*setPoint(Size|SizeF)\s*\("),
              "a pixel size": re.compile(r"\.\s*setPixelSize\s*\("),
              "a named Qt colour": re.compile(r"Qt\s*\.\s*(GlobalColor\s*\.\s*)?(red|green|blue|yellow|gray|darkGray|"
                                            r"lightGray|black|white)\b"),
              "a QColor from numbers or a name": re.compile(r"QColor\s*\(\s*(\d|[\"'])")}


def own_look(source: str) -> list[str]:
    """Every place in ``source`` that writes a colour or a font size instead of asking the theme."""
    found, lines = [], {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            continue  # a comment may name a colour to say why
        if token.type == tokenize.STRING:
            found += [f"line {token.start[0]}: {what}" for what, rule in STRING_RULES.items() if rule.search(token.string)]
        lines[token.start[0]] = lines.get(token.start[0], "") + " " + token.string
    for number, code in sorted(lines.items()):
        found += [f"line {number}: {what}" for what, rule in CODE_RULES.items() if rule.search(code)]
    return found


def test_the_scanner_catches_each_kind_of_own_look():
    sample = ('label.setStyleSheet("color: #b91c1c;")\nfont.setPointSize(12)\nfont.setPointSizeF(9.5)\nfont.setPixelSize(13)\n'
              'pen = QColor("#fde68a")\nbrush = QColor(255, 0, 0)\nx = Qt.GlobalColor.red\n'
              'css = "QLabel { background: white; font-size: 14pt }"\nrgb = "rgb(1, 2, 3)"\n')
    kinds = {hit.split(": ", 1)[1] for hit in own_look(sample)}
    assert kinds == set(STRING_RULES) | set(CODE_RULES)
    assert own_look('theme.set_role(label, "title")\nitem.setForeground(theme.colour("muted"))\n') == []


def test_no_screen_sets_a_colour_or_font_size_of_its_own():
    offenders, screens = {}, sorted(UI.rglob("*.py"))
    assert len(screens) > 40  # the screens live in per-screen packages below ui/: all of them are read
    for module in screens:
        if module.name == "theme.py":
            continue
        hits = own_look(module.read_text(encoding="utf-8"))
        if hits:
            offenders[str(module.relative_to(UI))] = hits
    assert not offenders, offenders


def test_the_style_sheet_fills_every_token_in_both_modes():
    for mode in ("light", "dark"):
        sheet = theme.style_sheet(mode, 10.0)
        assert "$" not in sheet
        assert "15.0pt" in sheet  # the title, 1.5 x a 10 pt system font


# ---- applied to the application --------------------------------------------------------------
@pytest.fixture
def restore_app(qapp):
    font, palette, sheet, base = qapp.font(), qapp.palette(), qapp.styleSheet(), qapp.property("sa_base_pt")
    yield qapp
    qapp.setFont(font)
    qapp.setProperty("sa_base_pt", base)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def test_light_and_dark_set_the_palette_and_system_follows_the_desktop(restore_app):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QPalette

    app = restore_app
    assert theme.apply(app, "dark") == "dark"
    assert theme.is_dark()
    assert app.palette().color(QPalette.ColorRole.Window).name().upper() == theme.DARK.window
    assert theme.status_colours("signed")[1].name().upper() == theme.STATUS["dark"]["signed"][1]
    assert theme.apply(app, "light") == "light"
    assert not theme.is_dark()
    system_dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    assert theme.apply(app, "system") == ("dark" if system_dark else "light")


def test_text_scales_with_the_system_font(restore_app, qtbot):
    from PySide6.QtWidgets import QLabel

    from session_assistant.ui.common.widgets import heading

    app = restore_app
    sizes = {}
    for system_pt in (10.0, 16.0):
        font = app.font()
        font.setPointSizeF(system_pt)
        app.setFont(font)
        app.setProperty("sa_base_pt", None)  # as if the app started under this system font
        theme.apply(app, "light")
        title, body = heading("Agenda"), QLabel("body")
        qtbot.addWidget(title)
        qtbot.addWidget(body)
        title.ensurePolished()
        body.ensurePolished()
        sizes[system_pt] = (title.font().pointSizeF(), body.font().pointSizeF())
    assert sizes[10.0] == (pytest.approx(15.0, abs=0.1), pytest.approx(10.0, abs=0.1))
    assert sizes[16.0] == (pytest.approx(24.0, abs=0.1), pytest.approx(16.0, abs=0.1))


def test_icons_exist_with_their_licence_and_draw(qapp):
    from session_assistant.paths import resource
    from session_assistant.ui.shell.workspace import ICONS

    assert "CC0" in resource("icons", "LICENSE-icons.txt").read_text(encoding="utf-8")
    for name in ICONS:
        image = theme.icon(name).pixmap(20, 20).toImage()
        assert not image.isNull()
        opaque = sum(1 for x in range(20) for y in range(20) if image.pixelColor(x, y).alpha() > 0)
        assert opaque > 20, name  # something was drawn
