"""Chart items as summary sources, and the citation tags that tie each statement to them.

A summary's text is one statement per line, each ending in its sources::

    The client reported fewer panic attacks. [note 12, 2026-03-02; assessment 4, 2026-03-02]

The tags are plain text so they survive the clinician's edits, the signed PDF and the export,
and ``parse_statements`` reads them back for the UI.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

KIND_TAGS = {"progress_note": "note", "assessment": "assessment", "diagnosis": "diagnosis",
             "treatment_plan": "plan"}
TAG_KINDS = {tag: kind for kind, tag in KIND_TAGS.items()}
_TAIL = re.compile(r"^(?P<text>.*?)\s*\[(?P<refs>[^\[\]]+)\]\s*$")
_REF = re.compile(r"^\s*(?P<tag>[a-z]+)\s+(?P<id>\d+),\s*(?P<date>\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True, order=True)
class SourceRef:
    """Which chart item a statement rests on (sorted by date, then kind and id)."""

    date: str
    kind: str
    id: int

    def tag(self) -> str:
        return f"{KIND_TAGS[self.kind]} {self.id}, {self.date}"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "date": self.date}


@dataclass(frozen=True)
class SourceItem:
    """One signed chart item given to the summariser."""

    kind: str  # progress_note | assessment | diagnosis | treatment_plan
    id: int
    date: str  # YYYY-MM-DD
    label: str  # what the model sees before the text: "Progress note", "PHQ-9", ...
    text: str

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.date, self.kind, self.id)

    @property
    def digest(self) -> str:
        """Changes when the item's content changes (drives case-summary regeneration)."""
        return hashlib.sha256(f"{self.kind}|{self.id}|{self.date}|{self.text}".encode()).hexdigest()[:16]

    def as_source(self) -> dict:
        return {"kind": self.kind, "id": self.id, "date": self.date, "label": self.label, "digest": self.digest}


@dataclass
class Statement:
    text: str
    sources: tuple[SourceRef, ...]

    def line(self) -> str:
        refs = "; ".join(ref.tag() for ref in sorted(set(self.sources)))
        return f"{self.text.strip()} [{refs}]" if refs else self.text.strip()

    def as_dict(self) -> dict:
        return {"text": self.text, "sources": [ref.as_dict() for ref in sorted(set(self.sources))]}


def render(statements: list[Statement]) -> str:
    return "\n".join(s.line() for s in statements)


def parse_statements(text: str) -> list[Statement]:
    """Statements (one per non-empty line) with the sources named in their trailing tag.

    A line the clinician wrote without a tag comes back with no sources, so the UI can show it
    as unsourced rather than silently attaching it to something.
    """
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _TAIL.match(line)
        refs = []
        if match:
            for part in match["refs"].split(";"):
                ref = _REF.match(part)
                if ref and ref["tag"] in TAG_KINDS:
                    refs.append(SourceRef(ref["date"], TAG_KINDS[ref["tag"]], int(ref["id"])))
        if match and refs:
            found.append(Statement(match["text"], tuple(refs)))
        else:
            found.append(Statement(line, ()))
    return found


def fingerprint(items: list[SourceItem] | list[dict]) -> str:
    """One hash over which items went in and what they said."""
    parts = sorted(f"{i['kind']}|{i['id']}|{i['digest']}" if isinstance(i, dict) else f"{i.kind}|{i.id}|{i.digest}"
                   for i in items)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
