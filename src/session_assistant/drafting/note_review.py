"""The clinician's review of an AI draft, sentence by sentence, kept in step with the note's text.

Each draft sentence that went into the note is a review item: open until the clinician accepts,
edits or removes it. Items are found in the note by their text (``anchor``): after the clinician
edits a field, an item is found again by its exact text, else by the sentence of the field that
shares most of its words (the clinician reworded it); an item whose text is gone was removed and
leaves the list. The state that must outlive the window (which sentences were accepted, the text
each one has now, which risk items were accepted) is a small dict stored with the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.template_fill import fill, in_note
from session_assistant.drafting.wording import split_sentences

REWORDED_OVERLAP = 0.5  # share of the sentence's content words a reworded sentence still has
# What a rule line asks of the clinician in the note's own words ("(clinician to confirm)"): right in
# a draft under review, wrong in a signed note, where it reads as a check nobody made.
ASKS_CLINICIAN = re.compile(r"(?i)\bclinician to (?:confirm|rate|judge|check)\b[^.;:)\n]*")


@dataclass
class ReviewItem:
    """One draft sentence in the note. ``original`` is the drafted text (its key in the stored state)."""

    original: str
    text: str
    field: str
    section: str
    evidence: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    accepted: bool = False
    chart_evidence: list[str] = field(default_factory=list)  # the chart items a chart fact was taken from

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def open(self) -> bool:
        return not self.accepted


def empty_state() -> dict:
    return {"accepted": [], "anchors": {}, "risk_accepted": [], "gone": []}


def _sentences(text: str) -> list[str]:
    return [s for line in text.splitlines() for s in split_sentences(line.strip()) if s.strip()]


def anchor(text: str, home: str | None, fields: dict[str, str], reworded: bool = True) -> tuple[str, str] | None:
    """(field, text as it stands in the note) for a sentence, or None when it is no longer there.

    ``reworded``: also look for the sentence the clinician made of it (most of its words); off for a
    sentence already gone from the note, so a sentence typed later in its words stays the clinician's.
    """
    order = ([home] if home in fields else []) + [name for name in fields if name != home]
    for name in order:
        if text and text in fields[name]:
            return name, text
    words = content_words(text) if reworded else set()
    if not words:
        return None
    best: tuple[float, str, str] | None = None
    for name in order:
        for candidate in _sentences(fields[name]):
            share = len(words & content_words(candidate)) / len(words)
            if share >= REWORDED_OVERLAP and (best is None or share > best[0]):
                best = (share, name, candidate)
    return (best[1], best[2]) if best else None


def review_items(draft, template_fields: list[dict], fields: dict[str, str], state: dict) -> list[ReviewItem]:
    """The draft's sentences still in the note, each where it stands now, in draft order.

    A sentence the clinician reworded in the field is theirs now: reviewed, as one changed with Edit.
    """
    filled = fill(template_fields, draft)  # where each sentence was written
    anchors, accepted = state.get("anchors", {}), set(state.get("accepted", []))
    gone = set(state.get("gone", []))
    items: list[ReviewItem] = []
    taken: dict[str, list[tuple[int, int]]] = {}  # two identical sentences ("Not discussed ...") are two places
    for sentence in draft.sentences:
        if not in_note(sentence, template_fields):
            continue
        was = anchors.get(sentence.text, sentence.text)
        found = anchor(was, filled.home_of(sentence), fields, reworded=sentence.text not in gone)
        if found is None:
            continue
        name, text = found
        span = _free_span(fields[name], text, taken.setdefault(name, []))
        if span is None:
            continue
        taken[name].append(span)
        items.append(ReviewItem(sentence.text, text, name, sentence.section, list(sentence.evidence),
                                list(sentence.flags), sentence.text in accepted or text != was,
                                list(getattr(sentence, "chart_evidence", []) or [])))
    return items


def gone_from_note(draft, template_fields: list[dict], items: list[ReviewItem], state: dict) -> list[str]:
    """The draft sentences no longer in the note (removed, or deleted in the field): kept with the review
    so a sentence the clinician types later in the same words is never taken for the AI's."""
    present = {item.original for item in items}
    missing = {s.text for s in draft.sentences if in_note(s, template_fields) and s.text not in present}
    return sorted((set(state.get("gone", [])) | missing) - present)


def _free_span(text: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    for match in re.finditer(re.escape(needle), text):
        span = (match.start(), match.end())
        if span not in taken:
            return span
    return None


def locate(item: ReviewItem, fields: dict[str, str], items: list[ReviewItem]) -> tuple[int, int] | None:
    """Where ``item`` stands in its field (start, end), telling apart identical sentences by order."""
    text = fields.get(item.field, "")
    same = [other for other in items if other.field == item.field and other.text == item.text]
    matches = [(m.start(), m.end()) for m in re.finditer(re.escape(item.text), text)]
    index = same.index(item) if item in same else 0
    return matches[index] if index < len(matches) else (matches[0] if matches else None)


def without(text: str, start: int, end: int) -> str:
    """``text`` with [start, end) taken out, and the space it leaves between sentences too."""
    before, after = text[:start], text[end:]
    if before.endswith(" ") and (after.startswith(" ") or not after or after.startswith("\n")):
        before = before[:-1]
    elif after.startswith(" ") and (not before or before.endswith("\n")):
        after = after[1:]
    return before + after


def state_of(items: list[ReviewItem], risk_accepted: list[str], gone: list[str] = ()) -> dict:
    """What is stored with the note: accepted sentences, each sentence's text now, accepted risk, and
    the sentences gone from the note."""
    return {"accepted": sorted({i.original for i in items if i.accepted}),
            "anchors": {i.original: i.text for i in items if i.text != i.original},
            "risk_accepted": sorted(set(risk_accepted)), "gone": sorted(gone)}


def risk_key(item) -> str:
    return f"{getattr(item, 'segment_id', '')}:{getattr(item, 'category', '')}"


def asks_left(template_fields: list[dict], fields: dict[str, str]) -> list[tuple[str, str]]:
    """(field label, the words) for each request to the clinician still in the note's text."""
    return [(f.get("label") or f["name"], match.group(0).strip())
            for f in template_fields for match in ASKS_CLINICIAN.finditer(fields.get(f["name"], ""))]
