"""Plain, typed inputs for clinical documents.

The renderer knows nothing about the vault: services turn chart rows into these small frozen
dataclasses, which keeps rendering testable on its own and makes every printed field explicit.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class DocumentKind(enum.Enum):
    """What is being printed; the value is the title on the page."""

    PROGRESS_NOTE = "Progress Note"
    TREATMENT_SUMMARY = "Treatment Summary"
    CASE_SUMMARY = "Case Summary"
    ASSESSMENT = "Assessment"
    TREATMENT_PLAN = "Treatment Plan"
    CONSENT_FORM = "Consent Form"


@dataclass(frozen=True)
class PracticeHeader:
    """The letterhead: who the document comes from."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""

    def contact_line(self) -> str:
        """Phone and e-mail on one line, skipping the empty ones."""
        return "   ·   ".join(part for part in (self.phone, self.email) if part)


@dataclass(frozen=True)
class ClientIdent:
    """The identifiers printed on every page so a loose page is never anonymous."""

    name: str
    client_id: str | int
    date_of_birth: date | str | None = None

    def dob_text(self) -> str:
        return format_date(self.date_of_birth) or "—"


@dataclass(frozen=True)
class SignatureBlock:
    """The clinician's attestation printed under the document."""

    clinician_name: str
    credentials: str = ""
    licence_number: str = ""
    signed_at: datetime | str | None = None

    def name_line(self) -> str:
        return ", ".join(part for part in (self.clinician_name, self.credentials) if part)


@dataclass(frozen=True)
class Section:
    """A titled block of prose. Blank lines separate paragraphs; lines starting "- " are bullets."""

    title: str
    text: str


@dataclass(frozen=True)
class TableSection:
    """A titled table, e.g. the items of a questionnaire with their scores."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative column widths; equal widths when empty.
    widths: tuple[float, ...] = ()
    footnote: str = ""


@dataclass(frozen=True)
class Addendum:
    """A correction or addition made after signing (appended, never edited in place)."""

    author: str
    created_at: datetime | str
    reason: str
    text: str


@dataclass(frozen=True)
class ClinicalDocument:
    """Everything one printed clinical document shows.

    Attributes:
        kind: What the document is; its value is the printed title.
        practice: Letterhead.
        client: Identifiers repeated on every page.
        sections: Body, in order: ``Section``, ``TableSection`` or ``(title, text)`` pairs.
        service_date: Date of service (notes, assessments); summaries use ``period`` instead.
        period: First and last date covered by a summary.
        details: Extra label/value pairs for the identification panel (e.g. session length).
        signature: Who signed it and when; ``None`` prints an unsigned "draft" notice.
        ai_model: Name of the model that drafted it, when it was drafted with AI assistance.
        addenda: Later corrections, printed after the signature.
        title: Overrides the kind's title (e.g. "Discharge Summary").
    """

    kind: DocumentKind
    practice: PracticeHeader
    client: ClientIdent
    sections: tuple = ()
    service_date: date | str | None = None
    period: tuple[date | str | None, date | str | None] | None = None
    details: tuple[tuple[str, str], ...] = ()
    signature: SignatureBlock | None = None
    ai_model: str | None = None
    addenda: tuple[Addendum, ...] = ()
    title: str | None = None
    document_ref: str = field(default="")

    def __post_init__(self) -> None:
        normalised = tuple(
            Section(*item) if isinstance(item, (tuple, list)) else item for item in self.sections
        )
        object.__setattr__(self, "sections", normalised)
        object.__setattr__(self, "details", tuple(tuple(pair) for pair in self.details))
        object.__setattr__(self, "addenda", tuple(self.addenda))

    @property
    def display_title(self) -> str:
        return self.title or self.kind.value


def format_date(value: date | datetime | str | None) -> str:
    """A date as the page prints it (ISO, unambiguous across countries)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def utc_offset(value: datetime) -> str:
    """``UTC`` or ``UTC+01:00``: the offset of an aware time, so a reader can tell the zone."""
    offset = value.utcoffset()
    if offset is None or offset.total_seconds() == 0:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_timestamp(value: datetime | str | None) -> str:
    """A stored (UTC) time in the practice's local time with its offset, e.g. ``2026-11-22 09:05
    UTC-05:00``: printed in UTC it disagreed with the session times, which are local."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is None:
        return value.strftime("%Y-%m-%d %H:%M")
    value = value.astimezone()
    return f"{value.strftime('%Y-%m-%d %H:%M')} {utc_offset(value)}"
