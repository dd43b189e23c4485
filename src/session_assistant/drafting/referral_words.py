"""How the Plan words a referral the clinician named: an offer, or a duty to tell.

A duty asks no consent and offers nothing: "the surgery has to let the police firearms team know there are
concerns" (unseen 72) read "Referral offered", and a reader took it for an offer the client could decline."""

from __future__ import annotations

import re
from typing import Callable, Sequence

DUTY = re.compile(r"\b(?:I|we|the (?:surgery|practice|service|team|clinic)) (?:need to|needs to|have to|has to|must|"
                  r"am required to|is required to|'m required to) (?:tell|inform|notify|share|let)\b", re.I)
OFFERED_OPENING = "Referral offered, as said in session: "
DUTY_OPENING = "To be told, as the clinician said in session: "


def as_client(line: int) -> str:
    """Who answered, where nobody else of the client's side was in the room."""
    return "client"


def referrals_sentence(found: Sequence[tuple[str, str | None, list[int]]], who: Callable[[int], str] = as_client) -> str:
    """One Plan line for ``found`` (sentence, the answer or None, lines): offers first, then duties to tell."""
    groups = ((OFFERED_OPENING, [f for f in found if not DUTY.search(f[0])]),
              (DUTY_OPENING, [f for f in found if DUTY.search(f[0])]))
    return " ".join(opening + "; ".join(f'"{text}"' + (f' ({who(ids[-1])}: "{answer}")' if answer else "")
                                        for text, answer, ids in items) for opening, items in groups if items)
