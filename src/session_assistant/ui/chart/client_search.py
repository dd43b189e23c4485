"""Finding a client in the chart's list: by name in either order, by preferred name, by date of birth.

Why: the list reads "Okafor, Jonah", and the filter looked for the typed text inside that label, so
"Jonah Okafor" (how a referral or a phone call names him) found nobody, and neither did his date of
birth, which is how two clients of one name are told apart. Every typed word must be found in one
of the client's names, the date of birth or the status; a typed date is read in the forms the
New client dialog accepts ("30/09/1995", "30 September 1995").
"""

from __future__ import annotations

import re

from session_assistant.errors import UserError
from session_assistant.services.written_dates import parse_written_date

_WORDS = re.compile(r"[^\s,;]+")


def client_label(row: dict) -> str:
    """"Okafor, Jonah"; a client who is not active says so ("Okafor, Jonah · discharged")."""
    label = f"{row['last_name']}, {row['first_name']}"
    status = row.get("status") or "active"
    return label if status == "active" else f"{label} · {status}"


def client_matches(row: dict, typed: str) -> bool:
    """True when every word of ``typed`` is found in the client's names, date of birth or status,
    or ``typed`` is the client's date of birth written another way."""
    typed = " ".join(typed.split()).lower()
    if not typed:
        return True
    born = row.get("date_of_birth") or ""
    try:
        if born and parse_written_date(typed, "Date") == born:
            return True
    except UserError:
        pass  # not a date: read as words
    fields = [str(row.get(key) or "").lower() for key in ("first_name", "last_name", "preferred_name", "status")]
    fields.append(born)
    return all(any(word in field for field in fields) for word in _WORDS.findall(typed))
