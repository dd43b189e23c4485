"""Control characters: refused when a record is written, escaped when text is printed.

A name is shown in lists, charts, PDFs and terminals. An escape sequence in it can clear the
screen or recolour it; a line break or a bidirectional override can forge or disguise a row of
``clients list``. Such characters never belong in a name, so the service layer refuses them
(nothing is silently changed in a clinical record), and every printed value is escaped as well,
for records written before this rule existed.
"""

from __future__ import annotations

import unicodedata

from session_assistant.errors import UserError

# Bidirectional embeddings, overrides and isolates reorder what follows them on screen (Trojan
# Source, CVE-2021-42574). The plain marks U+200E/U+200F stay: mixed-script names need them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_SEPARATORS = frozenset("\u2028\u2029")


def _is_unsafe(ch: str, multiline: bool) -> bool:
    if multiline and ch in "\n\t":
        return False
    return unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS or ch in _LINE_SEPARATORS


def check_plain(value: str | None, what: str, *, multiline: bool = False) -> str | None:
    """``value`` unchanged, unless it holds a control character: then a one-line ``UserError``.

    C0 and C1 controls (escape, bell, backspace, carriage return...), DEL, bidirectional overrides
    and Unicode line separators are refused; ``multiline`` fields (an address) may hold line
    breaks and tabs. The message names the field, never the value.
    """
    if value is None:
        return None
    if any(_is_unsafe(ch, multiline) for ch in str(value)):
        raise UserError(f"{what} contains a control character (such as an escape, a line break or a "
                        "text-direction override); type it again without it.")
    return value


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` safe for a terminal: every unsafe character shown as an escape (``\\x1b``, ``\\u202e``).

    Line breaks and tabs are kept for multi-line output; with ``keep_newlines=False`` (one field
    inside a row) they are escaped too, so a value can never start a row of its own.
    """
    if not any(_is_unsafe(ch, keep_newlines) for ch in text):
        return text
    return "".join(_escape(ch) if _is_unsafe(ch, keep_newlines) else ch for ch in text)


def one_line(value: object) -> str:
    """One value inside a row of text output: a line break in it is escaped, so it cannot start a row."""
    return printable("" if value is None else str(value), keep_newlines=False)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# JSON escapes C0 itself; with ensure_ascii=False it would pass these through raw (U+009B is an
# 8-bit "CSI" to some terminals). \uXXXX is valid inside a JSON string, the only place they occur.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *map(ord, _BIDI_CONTROLS),
                                                      *map(ord, _LINE_SEPARATORS))}


def json_printable(text: str) -> str:
    """JSON text (from ``json.dumps``) with every remaining unsafe character escaped as ``\\uXXXX``."""
    return text.translate(_JSON_ESCAPES)
