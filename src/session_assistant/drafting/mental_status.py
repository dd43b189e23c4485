"""The mental status checklist as data: items, common choices, and the lines it writes into a note.

Mental status is the clinician's observation, never the model's: the drafter does not write it and
a transcript cannot show it. The clinician picks from a short checklist and these lines go into
the note's Objective (or the part of DAP/BIRP/GIRP that holds observations) under a heading of
their own, so a later change replaces this block and never touches the AI's sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BLOCK_HEADING = "Mental status (clinician's observation):"
NOT_ASSESSED = ""


@dataclass(frozen=True)
class MentalStatusItem:
    key: str
    label: str
    choices: tuple[str, ...]  # the first is the "within normal limits" finding

    @property
    def normal(self) -> str:
        return self.choices[0]


ITEMS: tuple[MentalStatusItem, ...] = (
    MentalStatusItem("appearance", "Appearance", ("well groomed, appropriately dressed", "dishevelled",
                                                  "poor hygiene", "unusual dress")),
    MentalStatusItem("behaviour", "Behaviour", ("calm and cooperative, good eye contact", "restless",
                                                "agitated", "withdrawn", "guarded", "psychomotor slowing")),
    MentalStatusItem("speech", "Speech", ("normal rate, volume and tone", "pressured", "slowed", "soft",
                                          "loud", "monotone")),
    MentalStatusItem("mood", "Mood", ("euthymic", "anxious", "depressed", "irritable", "angry", "elevated")),
    MentalStatusItem("affect", "Affect", ("congruent, full range", "restricted", "flat", "labile", "anxious",
                                          "tearful")),
    MentalStatusItem("thought_process", "Thought process", ("linear and goal-directed", "circumstantial",
                                                            "tangential", "racing", "disorganised")),
    # Assumed-normal thought content names no risk finding: risk is screened and documented on its own.
    MentalStatusItem("thought_content", "Thought content", ("appropriate to the conversation", "preoccupied",
                                                            "ruminative", "hopeless", "obsessional", "paranoid")),
    MentalStatusItem("orientation", "Orientation", ("oriented to person, place, time and situation",
                                                    "partly oriented", "disoriented")),
    MentalStatusItem("insight", "Insight", ("good", "fair", "limited", "poor")),
    MentalStatusItem("judgment", "Judgment", ("good", "fair", "limited", "poor")),
)
_BY_LABEL = {item.label.lower(): item for item in ITEMS}

# Where observations go in each format (soap: Objective, dap: Data, birp: Behavior, girp: Response),
# in the order a template's fields or a draft's headings are searched.
OBSERVATION_SECTIONS: tuple[tuple[str, str], ...] = (
    ("objective", "Objective"), ("data", "Data"), ("behavior", "Behavior"), ("response", "Response"))


@dataclass(frozen=True)
class Finding:
    choice: str = NOT_ASSESSED
    note: str = ""  # the clinician's own words

    @property
    def empty(self) -> bool:
        return not self.choice and not self.note


@dataclass
class MentalStatus:
    """The clinician's findings by item key; items left empty are not written."""

    findings: dict[str, Finding] = field(default_factory=dict)

    @classmethod
    def within_normal_limits(cls) -> "MentalStatus":
        return cls({item.key: Finding(item.normal) for item in ITEMS})

    def finding(self, key: str) -> Finding:
        return self.findings.get(key, Finding())

    def with_finding(self, key: str, choice: str = NOT_ASSESSED, note: str = "") -> "MentalStatus":
        if key not in {item.key for item in ITEMS}:
            raise KeyError(key)
        return MentalStatus({**self.findings, key: Finding(choice.strip(), " ".join(note.split()))})

    @property
    def empty(self) -> bool:
        return all(f.empty for f in self.findings.values())

    def lines(self) -> list[str]:
        """The block as note lines: the heading, then ``Label: choice; own words`` for each item given."""
        if self.empty:
            return []
        body = []
        for item in ITEMS:
            found = self.finding(item.key)
            if not found.empty:
                body.append(f"{item.label}: " + "; ".join(p for p in (found.choice, found.note) if p) + ".")
        return [BLOCK_HEADING, *body]


def _item_line(line: str) -> tuple[MentalStatusItem, str] | None:
    label, colon, rest = line.partition(":")
    item = _BY_LABEL.get(label.strip().lower())
    return (item, rest.strip()) if colon and item else None


def _block_span(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) line indexes of the checklist's block in ``lines``, or None."""
    for start, line in enumerate(lines):
        if line.strip() == BLOCK_HEADING:
            end = start + 1
            while end < len(lines) and _item_line(lines[end]) is not None:
                end += 1
            return start, end
    return None


def parse_block(text: str) -> MentalStatus | None:
    """The findings written in ``text`` by this checklist (also after the clinician edited a line)."""
    lines = text.splitlines()
    span = _block_span(lines)
    if span is None:
        return None
    status = MentalStatus()
    for line in lines[span[0] + 1:span[1]]:
        item, rest = _item_line(line)
        rest = rest.rstrip(".").strip()
        choice, _, note = rest.partition(";")
        if choice.strip() not in item.choices:  # hand-written: keep it all as the clinician's words
            choice, note = NOT_ASSESSED, rest
        status = status.with_finding(item.key, choice.strip(), note.strip())
    return status


def _heading_index(lines: list[str]) -> int | None:
    """The line of the first observation heading ("OBJECTIVE", "DATA", ...) in a drafted note text."""
    for _key, title in OBSERVATION_SECTIONS:
        for index, line in enumerate(lines):
            if line.strip().upper() == title.upper():
                return index
    return None


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and stripped == stripped.upper() and bool(re.fullmatch(r"[A-Z][A-Z /&()-]+", stripped))


def write_block(text: str, status: MentalStatus) -> str:
    """``text`` with the checklist's block replaced (or inserted, or removed when ``status`` is empty).

    An existing block is replaced where it stands. A new one goes at the end of the observation
    section when ``text`` is a drafted note with headings ("OBJECTIVE" ... "ASSESSMENT"), else at
    the end of the text. Every other line is kept exactly as it was.
    """
    lines = text.splitlines()
    block = status.lines()
    span = _block_span(lines)
    if span is not None:
        start, end = span
        if not block and start > 0 and not lines[start - 1].strip() and (end >= len(lines) or not lines[end].strip()):
            start -= 1  # removing the block also removes the blank line that set it apart
        return "\n".join(lines[:start] + block + lines[end:])
    return _insert(text, block) if block else text


def without_block(text: str) -> str:
    """``text`` without the checklist's block: what the AI may read (Enhance tidies only the clinician's
    free text; it must not turn the checklist into sentences of its own)."""
    return write_block(text, MentalStatus())


def _insert(text: str, block: list[str]) -> str:
    lines = text.splitlines()
    heading = _heading_index(lines)
    if heading is not None:
        end = heading + 1
        while end < len(lines) and not _is_heading(lines[end]):
            end += 1
        while end > heading + 1 and not lines[end - 1].strip():
            end -= 1
        apart = [""] if end > heading + 1 else []  # a blank line sets the clinician's lines apart
        return "\n".join(lines[:end] + apart + block + lines[end:])
    if not text.strip():
        return "\n".join(block)
    return text.rstrip("\n") + "\n\n" + "\n".join(block)


def carry_block(old_text: str, new_text: str) -> str:
    """``new_text`` (a redrafted or refined note) with the checklist block ``old_text`` held, its
    lines exactly as they were: a redraft replaces the AI's sentences, never the clinician's."""
    old_lines = old_text.splitlines()
    span = _block_span(old_lines)
    if span is None or _block_span(new_text.splitlines()) is not None:
        return new_text
    return _insert(new_text, old_lines[span[0]:span[1]])


def target_field(template_fields: list[dict], values: dict[str, str]) -> str:
    """The note field the block belongs in: one named for observations ("objective", "data",
    "behavior", "response"), else the field that already holds it, else the one holding a drafted
    note with an observation heading, else the AI summary field, else the first field."""
    names = [f["name"] for f in template_fields]
    for key, title in OBSERVATION_SECTIONS:
        for f in template_fields:
            if f["name"].lower() == key or str(f.get("label", "")).strip().lower() == title.lower():
                return f["name"]
    for name in names:
        if parse_block(values.get(name, "")) is not None:
            return name
    for name in names:
        if _heading_index(values.get(name, "").splitlines()) is not None:
            return name
    return next((f["name"] for f in template_fields if f.get("ai_summary")), names[0])
