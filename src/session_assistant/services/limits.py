"""How long each kind of text may be: the one place that says so (SECURITY item 20).

Without a bound, a pasted 100 kB "name" is stored, printed on every page header and makes a PDF
export run for minutes. The limits are far above anything a real chart needs; the message names
the field and the sizes, never the text itself (it may be PHI).
"""

from __future__ import annotations

from session_assistant.errors import UserError

NAME = 200  # a person's or practice's name, a credential, a title
CONTACT = 320  # phone, email (RFC 5321 allows 254 for an address)
LINE = 2_000  # an address, a reason, a short note
TEXT = 50_000  # a note section, a summary, an addendum: pages of typing

FIELD_LIMITS = {
    # clients
    "first_name": NAME, "last_name": NAME, "preferred_name": NAME, "gender": NAME, "pronouns": NAME,
    "date_of_birth": NAME, "status": NAME, "phone": CONTACT, "email": CONTACT, "address": LINE,
    "emergency_contact": LINE,
    # clinician profile
    "name": NAME, "credentials": NAME, "licence_number": NAME, "practice_name": NAME, "practice_address": LINE,
    # free text
    "reason": LINE, "consent_note": LINE, "instrument": NAME, "template_name": NAME,
    "note_field": TEXT, "addendum": TEXT, "admin_note": TEXT, "summary": TEXT,
}

_LABELS = {"first_name": "The first name", "last_name": "The last name", "name": "The name",
           "note_field": "That note section", "addendum": "The addendum"}


def check_length(field: str, value, limit: int | None = None) -> None:
    """Refuse ``value`` if it is longer than the limit for ``field``; None and non-text pass."""
    if not isinstance(value, str):
        return
    limit = limit or FIELD_LIMITS[field]
    if len(value) > limit:
        label = _LABELS.get(field, f"The {field.replace('_', ' ')}")
        raise UserError(f"{label} is too long ({len(value):,} characters; at most {limit:,}). Nothing was saved.")


def check_lengths(record: dict) -> None:
    """``check_length`` for every known field of ``record`` (unknown fields are the caller's to refuse)."""
    for field, value in record.items():
        if field in FIELD_LIMITS:
            check_length(field, value)
