"""The addenda under a signed note in the editor, as rich text.

Why: the addenda were put into the label's HTML as typed, so an addendum reading "GAD-7 <10 since
the 28th" lost everything after "<" on screen (read as a tag) though the vault and the PDF held it;
and its time was the stored UTC one, unmarked, beside a signature shown in local time with its
offset. Each part is escaped and the time is given as the signature's is.
"""

from __future__ import annotations

from html import escape

from session_assistant.documents.model import format_timestamp


def addenda_html(addenda: list[dict]) -> str:
    """One paragraph per addendum: its time (local, with the offset), author, reason and text."""
    return "".join(f"<p><b>Addendum {escape(format_timestamp(a['created_at']))}</b> by {escape(a['author'])} "
                   f"({escape(a['reason'])})<br>{escape(a['text']).replace(chr(10), '<br>')}</p>" for a in addenda)
