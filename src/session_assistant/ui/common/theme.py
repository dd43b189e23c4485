"""The one place that knows the window's look: colours, type scale, spacing, icons.

Screens never name a colour or a font size. They give a widget a role (``set_role(label, "title")``)
or ask for a colour by meaning (``colours().muted``, ``status_colours("signed")``); the application
style sheet (resources/theme/app.qss, filled in from the tokens below) and the palette do the rest.

The accent is the signed PDF's deep teal (documents/style.py ACCENT), so the window and the record
it prints read as one product. Every text/background pair below meets WCAG AA (4.5:1), checked by
tests/ui/test_theme.py in both modes.

Sizes are relative to the system font (``base_pt``), so text follows the user's system font size.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from string import Template

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QProxyStyle, QStyleFactory, QTextEdit, QWidget

from session_assistant.paths import resource

log = logging.getLogger(__name__)

# The 8-point grid: every margin, gap and padding is one of these (4 is the half step for tight rows).
SPACE = {"xs": 4, "s": 8, "m": 16, "l": 24, "xl": 32}
RADIUS = 6
# Type scale as a ratio of the system font: title, section, body, caption.
TYPE_SCALE = {"title": 1.5, "section": 1.2, "body": 1.0, "caption": 0.9, "mono_large": 1.35}
READING_WIDTH = 960  # px: a text column wider than this is hard to read on a wide screen
STATUS_KINDS = ("scheduled", "recorded", "transcribing", "draft_ready", "signed", "overdue", "risk", "neutral")


@dataclass(frozen=True)
class Colours:
    """One mode's colours. ``on_*`` is the text colour drawn on the named background."""

    window: str  # the page behind everything
    surface: str  # fields, lists, cards
    surface_alt: str  # alternate rows, headers, the sidebar
    border: str
    text: str
    muted: str  # captions and secondary text (AA on window and surface)
    accent: str  # accent used as text, links and the focus ring
    accent_fill: str  # primary buttons, badges
    on_accent: str
    accent_soft: str  # the chosen sidebar entry, selected rows
    on_accent_soft: str
    highlight: str  # the evidence tint in the transcript
    error: str  # error text on window/surface
    warning: str  # warning text on window/surface
    warning_soft: str  # a notice strip's background
    series: tuple[str, ...]  # chart lines, colour-blind safe (Okabe-Ito)


LIGHT = Colours(
    window="#F5F7F8", surface="#FFFFFF", surface_alt="#EDF1F3", border="#C9D2D8", text="#1F2933",
    muted="#56616B", accent="#184E60", accent_fill="#184E60", on_accent="#FFFFFF", accent_soft="#D5EBF0",
    on_accent_soft="#103844", highlight="#FCE7A6", error="#A3221E", warning="#8A4B00", warning_soft="#FDF1D6",
    series=("#0072B2", "#C26A00", "#00805F", "#B0508A"))
DARK = Colours(
    window="#14191D", surface="#1B2126", surface_alt="#232B31", border="#3A4650", text="#E4E9EC",
    muted="#A5B0B9", accent="#72C7DB", accent_fill="#1E6A80", on_accent="#FFFFFF", accent_soft="#1D4652",
    on_accent_soft="#E3F4F8", highlight="#5C4B12", error="#FF9C94", warning="#F5C56E", warning_soft="#3D3116",
    series=("#56B4E9", "#E69F00", "#2FC39A", "#E08BC0"))

# Status pills: (text, background) per kind; light tints with dark text, dark tints with light text.
STATUS = {
    "light": {"scheduled": ("#334455", "#E2E8EE"), "recorded": ("#3A3E9C", "#E5E6FA"),
              "transcribing": ("#1D4E96", "#DBE8FA"), "draft_ready": ("#744600", "#FBE8C2"),
              "signed": ("#1C6637", "#DAF1E1"), "overdue": ("#8A3509", "#FCE1D0"),
              "risk": ("#9E1717", "#FAD9D9"), "neutral": ("#4F5A64", "#E9ECEF")},
    "dark": {"scheduled": ("#C8D3DE", "#2A343E"), "recorded": ("#C6C9FF", "#2D3060"),
             "transcribing": ("#A8CBFF", "#1C3457"), "draft_ready": ("#FFD58A", "#4A3510"),
             "signed": ("#9EE4B6", "#173E27"), "overdue": ("#FFBA92", "#4C2615"),
             "risk": ("#FFB4B4", "#521B1B"), "neutral": ("#B3BCC4", "#2B3238")},
}


# ---- contrast (WCAG 2.x) ----------------------------------------------------------------------
def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, 1 to 21; AA asks 4.5 for text, 3 for large text and controls."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_pairs(mode: str) -> dict[str, tuple[str, str]]:
    """Every text/background pair the window draws in ``mode``, by name (the contrast test walks them)."""
    c = LIGHT if mode == "light" else DARK
    pairs = {}
    for background in ("window", "surface", "surface_alt"):
        for text in ("text", "muted", "accent", "error", "warning"):
            pairs[f"{text} on {background}"] = (getattr(c, text), getattr(c, background))
    pairs.update({"on_accent on accent_fill": (c.on_accent, c.accent_fill),
                  "on_accent_soft on accent_soft": (c.on_accent_soft, c.accent_soft),
                  "text on highlight": (c.text, c.highlight), "text on warning_soft": (c.text, c.warning_soft),
                  "warning on warning_soft": (c.warning, c.warning_soft)})
    for kind, (fg, bg) in STATUS[mode].items():
        pairs[f"status {kind}"] = (fg, bg)
    return pairs


# ---- reading the active theme -----------------------------------------------------------------
def is_dark() -> bool:
    """The active mode, read from the application palette (the one app-wide state Qt already keeps)."""
    app = QGuiApplication.instance()
    return app is not None and QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colours() -> Colours:
    return DARK if is_dark() else LIGHT


def status_colours(kind: str) -> tuple[QColor, QColor]:
    """(text, background) of a status pill of ``kind`` in the active mode."""
    fg, bg = STATUS["dark" if is_dark() else "light"].get(kind, STATUS["light"]["neutral"])
    return QColor(fg), QColor(bg)


def colour(name: str) -> QColor:
    """A named colour of the active mode as a QColor (``colour("muted")``)."""
    return QColor(getattr(colours(), name))


def font(role: str, base: QFont | None = None) -> QFont:
    """A font of the type scale, derived from ``base`` (default: the application font)."""
    result = QFont(base if base is not None else QApplication.font())
    result.setPointSizeF(_base_pt() * TYPE_SCALE[role])
    if role in ("title", "section"):
        result.setWeight(QFont.Weight.DemiBold)
    return result


# ---- roles on widgets -------------------------------------------------------------------------
def set_role(widget: QWidget, role: str, **properties: str) -> QWidget:
    """Tag a widget for the style sheet (``QLabel[role="title"]``) and restyle it now.

    Roles: title, section, caption, banner, empty, pill, notice, alert, error, warning, primary, nav.
    Extra properties (``kind="signed"``) pick a variant.
    """
    widget.setProperty("role", role)
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    return widget


# ---- applying a mode --------------------------------------------------------------------------
def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(appearance: str) -> str:
    """"light" or "dark" for a stored appearance ("system" follows the desktop's setting)."""
    if appearance in ("light", "dark"):
        return appearance
    return "dark" if system_prefers_dark() else "light"


def _base_pt() -> float:
    app = QApplication.instance()
    stored = app.property("sa_base_pt") if app is not None else None
    if stored:
        return float(stored)
    size = QApplication.font().pointSizeF()
    return size if size > 0 else 10.0


def palette_for(c: Colours) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for name, value in ((role.Window, c.window), (role.WindowText, c.text), (role.Base, c.surface),
                        (role.AlternateBase, c.surface_alt), (role.Text, c.text), (role.Button, c.surface),
                        (role.ButtonText, c.text), (role.Highlight, c.accent_soft),
                        (role.HighlightedText, c.on_accent_soft), (role.ToolTipBase, c.surface),
                        (role.ToolTipText, c.text), (role.PlaceholderText, c.muted), (role.Link, c.accent),
                        (role.LinkVisited, c.accent), (role.BrightText, c.error), (role.Light, c.surface),
                        (role.Midlight, c.surface_alt), (role.Mid, c.border), (role.Dark, c.border),
                        (role.Shadow, c.border)):
        palette.setColor(name, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, name, QColor(c.muted))
    palette.setColor(role.Accent, QColor(c.accent_fill))
    return palette


def style_sheet(mode: str, base_pt: float) -> str:
    """The application style sheet for ``mode``, filled in from resources/theme/app.qss."""
    c = LIGHT if mode == "light" else DARK
    values = {name: getattr(c, name) for name in Colours.__dataclass_fields__ if name != "series"}
    values.update({f"{role}_pt": f"{base_pt * scale:.1f}pt" for role, scale in TYPE_SCALE.items()})
    values.update({f"space_{name}": f"{px}px" for name, px in SPACE.items()})
    values["radius"] = f"{RADIUS}px"
    for kind, (fg, bg) in STATUS[mode].items():
        values[f"{kind}_fg"], values[f"{kind}_bg"] = fg, bg
    template = Template(resource("theme", "app.qss").read_text(encoding="utf-8"))
    return template.substitute(values)


class AppStyle(QProxyStyle):
    """Fusion, and Tab and Shift+Tab leave every multi-line text field instead of typing a tab.

    Qt polishes each widget once, just before it is first shown, so every screen and dialog,
    including ones added later, behaves the same without each having to remember the call. (An
    application-wide event filter did this before: Python then saw every event of every widget,
    which cost about a fifth of the time to build a screen.)"""

    def polish(self, target):  # noqa: D102 - Qt's overloads: a widget, a palette or the application
        if isinstance(target, (QPlainTextEdit, QTextEdit)):
            target.setTabChangesFocus(True)
        return super().polish(target)


def apply(app: QApplication, appearance: str = "system") -> str:
    """Give the whole application the look for ``appearance``; returns the mode used ("light"/"dark").

    Fusion is the one built-in style that draws from the palette on every platform (the native
    Windows and macOS styles ignore it), so light and dark look the same everywhere.
    """
    if app.property("sa_base_pt") is None:  # the system font size before anything changed it
        size = app.font().pointSizeF()
        app.setProperty("sa_base_pt", size if size > 0 else 10.0)
    mode = resolve(appearance)
    if not app.property("sa_app_style") and "Fusion" in QStyleFactory.keys():
        app.setStyle(AppStyle("Fusion"))
        app.setProperty("sa_app_style", True)
    # Qt re-polishes every live widget on each call, even for the same sheet (seconds with a full
    # window open), so only a change is applied: a second window or a system switch back is free.
    palette = palette_for(LIGHT if mode == "light" else DARK)
    if app.palette() != palette:
        app.setPalette(palette)
    sheet = style_sheet(mode, _base_pt())
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    app.setProperty("sa_appearance", appearance)
    log.info("appearance %s (%s)", appearance, mode)
    return mode


def follow_system(app: QApplication, owner: QObject) -> None:
    """While the stored appearance is "system", re-apply when the desktop switches light/dark."""
    def on_change(_scheme) -> None:
        if app.property("sa_appearance") == "system":
            apply(app, "system")

    QGuiApplication.styleHints().colorSchemeChanged.connect(on_change)
    owner.destroyed.connect(lambda: _disconnect(on_change))


def _disconnect(slot) -> None:
    try:
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


# ---- icons ------------------------------------------------------------------------------------
def icon(name: str, colour_name: str = "text") -> QIcon:
    """A navigation icon from resources/icons/<name>.svg, drawn in the active mode's ``colour_name``.

    The SVGs draw with ``currentColor``; it is replaced here, so one file serves light and dark.
    """
    try:
        svg = resource("icons", f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        log.warning("icon %s missing", name)
        return QIcon()
    result = QIcon()
    for mode, name_of_colour in ((QIcon.Mode.Normal, colour_name), (QIcon.Mode.Selected, "on_accent_soft")):
        renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", getattr(colours(), name_of_colour)).encode()))
        for size in (20, 40):  # 40: screens scaled 200 %
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            result.addPixmap(pixmap, mode)
    return result
