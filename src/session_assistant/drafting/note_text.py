"""A drafted note's text (``Draft.as_text``: "SUBJECTIVE" heading, text, blank line, ...) edited
section by section, so a redraft of some sections keeps what the clinician wrote in the others."""

from __future__ import annotations

from session_assistant.drafting.mental_status import carry_block


def _heading_lines(lines: list[str], titles: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, line in enumerate(lines):
        title = line.strip().upper()
        if title in titles and title not in found:
            found[title] = index
    return found


def replace_sections(text: str, draft, keys) -> str:
    """``text`` with the body of each section in ``keys`` replaced by ``draft``'s text for it.

    A section whose heading the clinician removed is left alone (its new text is not forced back
    in); every other line, including the clinician's mental status block, is kept.
    """
    titles = [s.title.upper() for s in draft.format.sections]
    lines = text.splitlines()
    for key in keys:
        try:
            title = draft.format.section(key).title.upper()
        except KeyError:
            continue
        headings = _heading_lines(lines, titles)
        if title not in headings:
            continue
        start = headings[title] + 1
        later = [i for i in headings.values() if i >= start]
        end = min(later) if later else len(lines)
        while end > start and not lines[end - 1].strip():
            end -= 1  # the blank line before the next heading stays
        old_body = "\n".join(lines[start:end])
        new_body = carry_block(old_body, draft.section_text(key)).splitlines()
        lines = lines[:start] + new_body + lines[end:]
    return "\n".join(lines)
