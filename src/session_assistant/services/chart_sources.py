"""What a summary may be drafted from: the client's SIGNED chart, never administrative text.

Sources are signed progress notes (with their addenda), signed assessments, diagnoses and signed
treatment-plan versions. Never used: ``admin_notes`` (administrative and cancellation notes),
appointment cancellation reasons, notes of cancelled appointments, and anything unsigned.

"Too little to summarise" is concrete: fewer than ``MIN_DOCUMENTED_ITEMS`` signed documentation
items (progress notes with text, assessments, plan versions) in the range. Diagnoses alone do
not count: they say what is treated, not how treatment went.
"""

from __future__ import annotations

import json

from session_assistant.chart.citations import SourceItem, Statement
from session_assistant.errors import UserError
from session_assistant.services.assessments import INSTRUMENTS, PHQ9, SELF_HARM_ITEM
from session_assistant.services.base import fetch_all
from session_assistant.services.treatment_plans import plan_text

MIN_DOCUMENTED_ITEMS = 2


class TooLittleToSummarize(UserError):
    """The range holds too little signed documentation to summarise."""


def _day(text: str | None) -> str:
    return (text or "")[:10]


def _in_range(day: str, date_from: str | None, date_to: str | None) -> bool:
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def _note_text(note: dict, addenda: list[dict]) -> str:
    labels = {f["name"]: f.get("label") or f["name"] for f in json.loads(note["template_json"])}
    fields = json.loads(note["fields_json"])
    parts = [f"{labels.get(k, k)}: {' '.join(str(v).split())}" for k, v in fields.items()
             if k in labels and str(v).strip()]  # the note's service code and review are not clinical text
    parts += [f"Addendum ({_day(a['created_at'])}): {' '.join(a['text'].split())}" for a in addenda]
    return " | ".join(parts)


def gather(conn, client_id: int, date_from: str | None = None, date_to: str | None = None) -> list[SourceItem]:
    """Every signed chart item of the client in [date_from, date_to] (inclusive; None = open)."""
    items: list[SourceItem] = []
    notes = fetch_all(conn, "SELECT n.id, n.template_json, n.fields_json, n.signed_at, a.starts_at, a.status AS appt "
                            "FROM progress_notes n LEFT JOIN appointments a ON a.id = n.appointment_id "
                            "WHERE n.client_id = ? AND n.status = 'signed'", (client_id,))
    for note in notes:
        if note["appt"] == "cancelled":  # a note on a cancelled appointment is a cancellation note
            continue
        day = _day(note["starts_at"] or note["signed_at"])
        if not _in_range(day, date_from, date_to):
            continue
        addenda = fetch_all(conn, "SELECT text, created_at FROM note_addenda WHERE note_id = ? ORDER BY id",
                            (note["id"],))
        text = _note_text(note, addenda)
        if text:
            items.append(SourceItem("progress_note", note["id"], day, "Progress note", text))
    for row in fetch_all(conn, "SELECT * FROM assessments WHERE client_id = ? AND status = 'signed'", (client_id,)):
        if _in_range(row["administered_on"], date_from, date_to):
            items.append(SourceItem("assessment", row["id"], row["administered_on"], _title(row["instrument"]),
                                    _assessment_text(row)))
    for row in fetch_all(conn, "SELECT * FROM diagnoses WHERE client_id = ?", (client_id,)):
        onset = row["onset_date"] or _day(row["created_at"])
        active = (date_to is None or onset <= date_to) and (
            date_from is None or row["resolved_date"] is None or row["resolved_date"] >= date_from)
        if active:
            span = f"onset {row['onset_date'] or 'not recorded'}" + (
                f", resolved {row['resolved_date']}" if row["resolved_date"] else ", active")
            items.append(SourceItem("diagnosis", row["id"], onset, "Diagnosis",
                                    f"{row['code']} {row['description']} ({span})"))
    items += _plans(conn, client_id, date_from, date_to)
    return sorted(items, key=lambda i: (i.date, i.kind, i.id))


def _title(instrument: str) -> str:
    found = INSTRUMENTS.get(instrument)
    return found.title if found else instrument


def _assessment_text(row: dict) -> str:
    text = f"total {row['total_score']}" + (f" ({row['severity']})" if row["severity"] else "")
    found = INSTRUMENTS.get(row["instrument"])
    if found:
        text += f" of {found.max_total}"
    answers = json.loads(row["items_json"] or "[]")
    if found is PHQ9 and answers and answers[SELF_HARM_ITEM - 1] > 0:
        text += f"; item 9 (thoughts of being better off dead or of self-harm) answered {answers[SELF_HARM_ITEM - 1]}"
    return text


def _plans(conn, client_id: int, date_from: str | None, date_to: str | None) -> list[SourceItem]:
    """Signed versions signed in the range, plus the version already in force when it began."""
    rows = fetch_all(conn, "SELECT * FROM treatment_plans WHERE client_id = ? AND status = 'signed' "
                           "ORDER BY version", (client_id,))
    chosen, in_force = [], None
    for row in rows:
        day = _day(row["signed_at"])
        if date_to is not None and day > date_to:
            continue
        if date_from is not None and day < date_from:
            in_force = row
        else:
            chosen.append(row)
    chosen = ([in_force] if in_force else []) + chosen
    return [SourceItem("treatment_plan", r["id"], _day(r["signed_at"]), f"Treatment plan v{r['version']}",
                       plan_text(json.loads(r["plan_json"]), r["review_date"]).replace("\n", " | ")) for r in chosen]


def documented_count(items: list[SourceItem], date_from: str | None = None, date_to: str | None = None) -> int:
    """Signed notes, assessments and plan versions dated inside the range (a plan merely in force
    from before the range does not count)."""
    return sum(1 for i in items if i.kind in ("progress_note", "assessment", "treatment_plan")
               and _in_range(i.date, date_from, date_to))


def require_enough(items: list[SourceItem], what: str, date_from: str | None = None,
                   date_to: str | None = None) -> None:
    count = documented_count(items, date_from, date_to)
    if count < MIN_DOCUMENTED_ITEMS:
        raise TooLittleToSummarize(
            f"{what} holds {count} signed clinical item(s) (notes, assessments, plans); at least "
            f"{MIN_DOCUMENTED_ITEMS} are needed. Widen the date range or complete and sign the documentation.")


def fixed_statements(conn, items: list[SourceItem]) -> list[Statement]:
    """Statements computed, not generated: diagnoses, score trends, the PHQ-9 item-9 flag."""
    from session_assistant.services.chart_facts import computed_statements

    return computed_statements(conn, items)


def unsupported_numbers(text: str, cited: list[SourceItem]) -> list[str]:
    """Numbers (digits or words) in a statement that none of its cited items states.

    A model can misread a score or invent a count; the clinician sees these before signing.
    """
    from session_assistant.drafting.grounding import numbers_in  # the rule the note drafts use

    allowed = set().union(*(numbers_in(f"{i.label} {i.date} {i.text}") for i in cited)) if cited else set()
    return sorted(numbers_in(text) - allowed)


def check_range(date_from: str | None, date_to: str | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise UserError("The start of the range is after its end.")
