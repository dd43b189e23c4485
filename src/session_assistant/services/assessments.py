"""Assessments: PHQ-9 and GAD-7 scored item by item, other instruments by name and total.

Totals and severity bands are computed here, never typed in. The PHQ-9's item 9 (thoughts of
being better off dead or of self-harm) is surfaced on every result where it is answered above 0,
so the clinician sees it wherever the score appears. Signed assessments are immutable (trigger).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.services.base import Service, fetch_all, fetch_one, parse_date
from session_assistant.services.digest_jobs import queue_digest
from session_assistant.services.limits import check_length
from session_assistant.vault.writer import writes

ANSWER_LABELS = ("Not at all", "Several days", "More than half the days", "Nearly every day")


@dataclass(frozen=True)
class Instrument:
    key: str
    title: str
    stem: str
    items: tuple[str, ...]
    bands: tuple[tuple[int, int, str], ...]  # (low, high, label), inclusive

    @property
    def max_total(self) -> int:
        return 3 * len(self.items)

    def severity(self, total: int) -> str:
        return next(label for low, high, label in self.bands if low <= total <= high)


PHQ9 = Instrument(
    "phq9", "PHQ-9", "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    ("Little interest or pleasure in doing things",
     "Feeling down, depressed, or hopeless",
     "Trouble falling or staying asleep, or sleeping too much",
     "Feeling tired or having little energy",
     "Poor appetite or overeating",
     "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
     "Trouble concentrating on things, such as reading the newspaper or watching television",
     "Moving or speaking so slowly that other people could have noticed? Or the opposite - being so fidgety "
     "or restless that you have been moving around a lot more than usual",
     "Thoughts that you would be better off dead or of hurting yourself in some way"),
    ((0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 19, "moderately severe"), (20, 27, "severe")),
)
GAD7 = Instrument(
    "gad7", "GAD-7", "Over the last 2 weeks, how often have you been bothered by the following problems?",
    ("Feeling nervous, anxious, or on edge",
     "Not being able to stop or control worrying",
     "Worrying too much about different things",
     "Trouble relaxing",
     "Being so restless that it is hard to sit still",
     "Becoming easily annoyed or irritable",
     "Feeling afraid as if something awful might happen"),
    ((0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")),
)
INSTRUMENTS = {i.key: i for i in (PHQ9, GAD7)}
SELF_HARM_ITEM = 9  # PHQ-9, 1-based


def instrument_key(name: str) -> str:
    """``PHQ-9``, ``phq9`` and ``Phq 9`` all name the same instrument."""
    return "".join(ch for ch in (name or "").lower() if ch.isalnum())


def parse_answers(text: str) -> list[int]:
    """``"0,1,2"`` -> [0, 1, 2]; a clear error for anything that is not a list of whole numbers."""
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part != ""]
    except ValueError:
        raise UserError("Answers must be whole numbers separated by commas, e.g. 0,1,2,3.") from None


def score(instrument: Instrument, answers: list[int]) -> tuple[int, str]:
    """Validated total and severity band."""
    if len(answers) != len(instrument.items):
        raise UserError(f"{instrument.title} needs exactly {len(instrument.items)} answers; got {len(answers)}.")
    bad = [i + 1 for i, a in enumerate(answers) if not isinstance(a, int) or isinstance(a, bool) or not 0 <= a <= 3]
    if bad:
        raise UserError(f"{instrument.title} answers must each be 0, 1, 2 or 3 (item(s) {', '.join(map(str, bad))}).")
    total = sum(answers)
    return total, instrument.severity(total)


class AssessmentService(Service):
    def add(self, client_id: int, instrument: str, answers: list[int], administered_on: str | None = None) -> int:
        """Score and store a PHQ-9 or GAD-7 (as a draft until signed)."""
        found = INSTRUMENTS.get(instrument_key(instrument))
        if found is None:
            raise UserError(f"Unknown scored instrument '{instrument}'; use phq9 or gad7, "
                            "or record another instrument by name and total.")
        total, severity = score(found, list(answers))
        return self._insert(client_id, found.key, answers, total, severity, administered_on)

    def add_other(self, client_id: int, name: str, total: int, administered_on: str | None = None,
                  severity: str = "") -> int:
        """Any other instrument (PCL-5, AUDIT, ...) by name and total score."""
        name = (name or "").strip()
        if not name:
            raise UserError("Give the instrument's name.")
        check_length("instrument", name)
        if instrument_key(name) in INSTRUMENTS:
            raise UserError(f"{name} is scored item by item: give its answers instead of a total.")
        if not isinstance(total, int) or total < 0:
            raise UserError("The total score must be a whole number, 0 or more.")
        return self._insert(client_id, name, [], total, severity.strip(), administered_on)

    @writes
    def _insert(self, client_id, instrument, answers, total, severity, administered_on) -> int:
        when = parse_date(administered_on, "Administration date") or self.clock.now().date().isoformat()
        with self.db.transaction() as conn:
            fetch_one(conn, "SELECT id FROM clients WHERE id = ?", (client_id,), missing=f"No client with id {client_id}.")
            cursor = conn.execute(
                "INSERT INTO assessments (client_id, instrument, items_json, total_score, severity, administered_on, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (client_id, instrument, json.dumps(list(answers)), total, severity, when, self.clock.iso()))
            self.audit.append(conn, "assessment_added", entity="assessment", entity_id=cursor.lastrowid,
                              client_id=client_id, detail=instrument)
            return cursor.lastrowid

    @staticmethod
    def _shape(row: dict) -> dict:
        row["answers"] = json.loads(row.pop("items_json") or "[]")
        found = INSTRUMENTS.get(row["instrument"])
        row["title"] = found.title if found else row["instrument"]
        row["max_total"] = found.max_total if found else None
        item9 = row["answers"][SELF_HARM_ITEM - 1] if found is PHQ9 and row["answers"] else None
        row["self_harm_response"] = item9
        row["self_harm_flag"] = bool(item9)  # any answer above "Not at all"
        return row

    def get(self, assessment_id: int) -> dict:
        with self.db.read() as conn:
            return self._shape(fetch_one(conn, "SELECT * FROM assessments WHERE id = ?", (assessment_id,),
                                         missing=f"No assessment with id {assessment_id}."))

    def list(self, client_id: int, instrument: str | None = None, *, signed_only: bool = False) -> list[dict]:
        sql, params = "SELECT * FROM assessments WHERE client_id = ?", [client_id]
        if instrument:
            key = instrument_key(instrument)
            sql += " AND instrument = ?"
            params.append(key if key in INSTRUMENTS else instrument)
        if signed_only:
            sql += " AND status = 'signed'"
        with self.db.read() as conn:
            return [self._shape(r) for r in fetch_all(conn, sql + " ORDER BY administered_on, id", params)]

    def trend(self, client_id: int, instrument: str) -> list[tuple[str, int]]:
        """(date, total) per administration, oldest first: the data for a score plot."""
        return [(r["administered_on"], r["total_score"]) for r in self.list(client_id, instrument)]

    @writes
    def sign(self, assessment_id: int, signer_name: str) -> None:
        assessment = self.get(assessment_id)
        if assessment["status"] == "signed":
            raise ImmutableRecord(f"Assessment {assessment_id} is already signed.")
        if not (signer_name or "").strip():
            raise UserError("Set your name in the profile before signing (profile set --name ...).")
        with self.db.transaction() as conn:
            conn.execute("UPDATE assessments SET status = 'signed', signer_name = ?, signed_at = ? WHERE id = ?",
                         (signer_name.strip(), self.clock.iso(), assessment_id))
            self.audit.append(conn, "assessment_signed", entity="assessment", entity_id=assessment_id,
                              client_id=assessment["client_id"])
            queue_digest(conn, self.clock, "assessment", assessment_id)

    @writes
    def delete_draft(self, assessment_id: int) -> None:
        assessment = self.get(assessment_id)
        if assessment["status"] == "signed":
            raise ImmutableRecord(f"Assessment {assessment_id} is signed and cannot be deleted.")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
            self.audit.append(conn, "assessment_deleted", entity="assessment", entity_id=assessment_id,
                              client_id=assessment["client_id"])
