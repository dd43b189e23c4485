"""Facts a summary states that are computed from the chart, never written by a model.

Measure trends (each score with its instrument's real maximum: PHQ-9 out of 27, GAD-7 out of 21),
the PHQ-9 item-9 flag, diagnoses with their onset and resolution dates. Each fact is a statement
citing the chart items it was computed from, so its numbers can be checked against them.
"""

from __future__ import annotations

import json

from session_assistant.chart.citations import SourceItem, Statement
from session_assistant.services.assessments import INSTRUMENTS, SELF_HARM_ITEM
from session_assistant.services.base import fetch_all


def assessment_rows(conn, items: list[SourceItem]) -> list[dict]:
    """The signed assessments among ``items``, oldest first."""
    ids = [i.id for i in items if i.kind == "assessment"]
    if not ids:
        return []
    return fetch_all(conn, f"SELECT * FROM assessments WHERE id IN ({','.join('?' * len(ids))}) "
                           "ORDER BY administered_on, id", ids)


def title(instrument: str) -> str:
    found = INSTRUMENTS.get(instrument)
    return found.title if found else instrument


def max_total(instrument: str) -> int | None:
    found = INSTRUMENTS.get(instrument)
    return found.max_total if found else None


def item9(row: dict) -> int:
    """The PHQ-9 item-9 answer (0 for other instruments or when items were not recorded)."""
    answers = json.loads(row["items_json"] or "[]")
    return answers[SELF_HARM_ITEM - 1] if row["instrument"] == "phq9" and len(answers) >= SELF_HARM_ITEM else 0


def score_text(row: dict) -> str:
    """"16 of 27 (moderately severe)": the total with the instrument's maximum and band."""
    top = max_total(row["instrument"])
    text = f"{row['total_score']}" + (f" of {top}" if top else "")
    return text + (f" ({row['severity']})" if row["severity"] else "")


def _refs(items: list[SourceItem], rows: list[dict]):
    ids = {r["id"] for r in rows}
    return tuple(sorted({i.ref for i in items if i.kind == "assessment" and i.id in ids}))


def measure_statements(conn, items: list[SourceItem]) -> list[Statement]:
    """Per instrument: first to latest score, and the extremes when they lie in between."""
    rows = assessment_rows(conn, items)
    found = []
    for key in sorted({r["instrument"] for r in rows}):
        series = [r for r in rows if r["instrument"] == key]
        first, last = series[0], series[-1]
        if len(series) == 1:
            found.append(Statement(f"{title(key)} was {score_text(first)} on {first['administered_on']}.",
                                   _refs(items, series)))
            continue
        found.append(Statement(f"{title(key)} went from {score_text(first)} on {first['administered_on']} to "
                               f"{score_text(last)} on {last['administered_on']}.", _refs(items, [first, last])))
        highest = max(series, key=lambda r: r["total_score"])
        lowest = min(series, key=lambda r: r["total_score"])
        inner = [r for r in (highest, lowest) if r["total_score"] not in (first["total_score"], last["total_score"])]
        if inner:
            parts = [f"{'highest' if r is highest else 'lowest'} {score_text(r)} on {r['administered_on']}"
                     for r in inner]
            found.append(Statement(f"{title(key)} along the way: {' and '.join(parts)}.", _refs(items, inner)))
    return found


def item9_statement(conn, items: list[SourceItem]) -> list[Statement]:
    flagged = [r for r in assessment_rows(conn, items) if item9(r) > 0]
    if not flagged:
        return []
    dates = ", ".join(r["administered_on"] for r in flagged)
    return [Statement(f"PHQ-9 item 9 (thoughts of being better off dead or of self-harm) was endorsed on {dates}; "
                      "review the risk assessment.", _refs(items, flagged))]


def diagnosis_statement(items: list[SourceItem]) -> list[Statement]:
    diagnoses = [i for i in items if i.kind == "diagnosis"]
    if not diagnoses:
        return []
    return [Statement("Diagnoses: " + "; ".join(d.text for d in diagnoses) + ".",
                      tuple(sorted(d.ref for d in diagnoses)))]


def computed_statements(conn, items: list[SourceItem]) -> list[Statement]:
    """Every computed fact for ``items``: diagnoses, measure trends, the item-9 flag."""
    return diagnosis_statement(items) + measure_statements(conn, items) + item9_statement(conn, items)


def trend_words(conn, items: list[SourceItem]) -> list[tuple[str, tuple]]:
    """Trends in words without numbers, for the model's narrative: ("PHQ-9: moderately severe to mild", refs)."""
    rows = assessment_rows(conn, items)
    found = []
    for key in sorted({r["instrument"] for r in rows}):
        series = [r for r in rows if r["instrument"] == key]
        first, last = series[0], series[-1]
        if len(series) < 2:
            continue
        change = ("lower (better)" if last["total_score"] < first["total_score"] else
                  "higher (worse)" if last["total_score"] > first["total_score"] else "unchanged")
        bands = f"{first['severity']} to {last['severity']}, " if first["severity"] and last["severity"] else ""
        found.append((f"{title(key)} scores: {bands}{change}", _refs(items, [first, last])))
    return found
