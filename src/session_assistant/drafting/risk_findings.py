"""The fixed sentences a note's risk section gets from the risk list, built by rule, never by the model:
what was screened and what was said, for the clinician to complete (``risk_summary``), and the statement
an accepted risk item adds (``risk_findings``). Apart from ``risk``, which classifies the lines."""

from __future__ import annotations

from typing import Sequence

from session_assistant.drafting.risk import CATEGORY_WORDS, DENIED, ENDORSED, UNCLEAR, RiskItem
from session_assistant.drafting.risk_after_screen import AGREED, MEANS_NAMED
from session_assistant.drafting.risk_misheard import WORDING_TO_CHECK
from session_assistant.drafting.risk_other_person import ABOUT_ANOTHER
from session_assistant.drafting.risk_told import past_label


def _when(item: RiskItem) -> str:
    """"current " for a denial beside a past told ("No. Not since I was twenty."), "past " for a past endorsed."""
    return ("current " if item.status == DENIED else "past ") if item.past else ""


def risk_summary(items: Sequence[RiskItem], subject: str = "client") -> str:
    """The fixed sentence the note's risk section gets: what was screened and what was said, for
    the clinician to complete. Built from the items by rule, never by the model."""
    return risk_findings(items, subject) + " Clinician to review and document the risk assessment."


def risk_findings(items: Sequence[RiskItem], subject: str = "client") -> str:
    """What was screened and what was said, as ``risk_summary`` words it, without the request to
    review (the statement a risk item the clinician accepted adds to the note)."""
    def names(found: Sequence[RiskItem], leave_out: set[str] = frozenset()) -> str:
        seen = dict.fromkeys(f"{_when(i)}{i.detail + ' ' if i.detail and i.detail != WORDING_TO_CHECK else ''}{i.words(c)}"
                             f"{' (the question as transcribed, wording to check)' if i.detail == WORDING_TO_CHECK else ''}"
                             for i in found for c in ((i.categories or [i.category]) if i.status == DENIED
                                                      else [i.category]) if c not in leave_out)
        return ", ".join(seen)

    parts = []
    denied = [i for i in items if i.status == DENIED]
    endorsed = [i for i in items if i.status in (ENDORSED, "reported")]
    unclear = [i for i in items if i.status == UNCLEAR]
    # A category endorsed anywhere is never also "denied": the note would contradict itself (a
    # passive death wish endorsed, then intent denied, read "denied suicidal ideation"). Both
    # answers are named for the clinician to document which was which.
    endorsed_categories = {i.category for i in endorsed if not i.past}  # "I used to." then "No." to now: no contradiction
    asked = {c for i in denied for c in (i.categories or [i.category])}
    both = [CATEGORY_WORDS.get(c, c) for c in sorted(asked & endorsed_categories)]
    denied_names = names(denied, endorsed_categories)
    if denied_names:
        parts.append(f"Risk was screened in session; the {subject} denied {denied_names}.")
    told_past = list(dict.fromkeys(f"past {past_label(i)} (“{i.past}”)" for i in denied if i.past))
    if told_past:  # "No. Not since I was twenty.": the current risk was denied, a past one told
        parts.append(f"The {subject} told of {'; '.join(told_past)}.")
    if both:
        parts.append(f"Asked about {', '.join(both)}, the {subject} endorsed some of it and denied some; "
                     "see the risk list for each answer.")
    if endorsed:
        parts.append(f"Risk-related language was endorsed or reported ({names(endorsed)}).")
    if unclear:
        parts.append(f"Risk was asked about ({names(unclear)}); the answer needs the clinician's review.")
    named = [i for i in items if i.status == MEANS_NAMED]
    if named:  # the means asked after a screen, and the answer named some: the clinician weighs it
        parts.append(f"Access to means was asked about; the {subject} named some ({', '.join(i.phrase for i in named)}).")
    agreed = [i for i in items if i.status == AGREED]
    if agreed:
        parts.append(f"Safety steps agreed ({', '.join(dict.fromkeys(i.phrase for i in agreed))}).")
    others = list(dict.fromkeys(i.detail or "unnamed" for i in items if i.status == ABOUT_ANOTHER))
    if others:  # a friend's self-harm the client told of: the clinician's concern, never the client's finding
        parts.append(f"Concern for another person was raised ({', '.join(others)}); not the {subject}'s own risk.")
    rest = [i for i in items if i not in denied + endorsed + unclear + named + agreed and i.status != ABOUT_ANOTHER]
    if rest and not parts:
        parts.append(f"Risk-related language ({names(rest)}) was noted in the session.")
    return " ".join(parts)
