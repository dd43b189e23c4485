"""Diagnoses: ICD-10-CM codes from the offline list, with onset and resolution dates.

The list lives in ``resources/icd10/`` (public-domain ICD-10-CM, FY2024); nothing is looked up
online. A code that is not in the list is refused with a clear error, never stored unchecked.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from session_assistant.errors import NotFound, UserError
from session_assistant.paths import resource
from session_assistant.services.base import Service, fetch_all, fetch_one, parse_date
from session_assistant.vault.writer import writes

ICD10_FILE = ("icd10", "icd10cm_mental_behavioural.csv")


class UnknownCode(UserError):
    """The code is not in the offline ICD-10-CM list."""


@dataclass(frozen=True)
class Icd10Code:
    code: str
    description: str
    billable: bool


class Icd10List:
    """The offline code list: exact look-up and search by code prefix or words."""

    def __init__(self, codes: list[Icd10Code]) -> None:
        self.codes = codes
        self._by_code = {c.code: c for c in codes}

    @classmethod
    def load(cls, path: Path | None = None) -> "Icd10List":
        path = path or resource(*ICD10_FILE)
        with open(path, newline="", encoding="utf-8") as handle:
            return cls([Icd10Code(r["code"], r["description"], r["billable"] == "Y") for r in csv.DictReader(handle)])

    @staticmethod
    def normalise(code: str) -> str:
        """``f411``, ``F41.1 `` and ``f41.1`` all become ``F41.1``."""
        code = re.sub(r"[\s.]", "", (code or "").upper())
        return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"

    def get(self, code: str) -> Icd10Code | None:
        return self._by_code.get(self.normalise(code))

    def require_billable(self, code: str) -> Icd10Code:
        """The complete code, or UnknownCode naming what to do instead."""
        wanted = self.normalise(code)
        found = self._by_code.get(wanted)
        if found is not None and found.billable:
            return found
        more = [c.code for c in self.codes if c.billable and c.code.startswith(wanted) and c.code != wanted]
        if wanted and more:
            shown = ", ".join(more[:6]) + (", ..." if len(more) > 6 else "")
            raise UnknownCode(f"{wanted} is a category, not a complete code; choose one of: {shown}.")
        raise UnknownCode(f"{wanted or 'An empty code'} is not in the offline ICD-10-CM list; "
                          "search with: diagnoses search WORDS.")

    def search(self, text: str, limit: int = 25) -> list[Icd10Code]:
        """Codes whose code starts with ``text`` or whose description holds every word of it."""
        text = (text or "").strip()
        if not text:
            return []
        prefix = self.normalise(text)
        by_code = [c for c in self.codes if c.code.startswith(prefix)] if re.fullmatch(r"[A-Za-z]\d[\w.]*", text) else []
        words = [w for w in re.findall(r"[a-z0-9']+", text.lower())]
        by_words = [c for c in self.codes if c not in by_code
                    and all(w in c.description.lower() for w in words)]
        # Complete codes first: those are what a clinician can record.
        by_words.sort(key=lambda c: (not c.billable, c.code))
        return (by_code + by_words)[:limit]


@lru_cache(maxsize=1)
def default_icd10() -> Icd10List:
    return Icd10List.load()


class DiagnosisService(Service):
    def __init__(self, vault, codes: Icd10List | None = None) -> None:
        super().__init__(vault)
        self._codes = codes

    @property
    def codes(self) -> Icd10List:
        if self._codes is None:  # loaded on first use: nothing happens at start-up
            self._codes = default_icd10()
        return self._codes

    def search(self, text: str, limit: int = 25) -> list[dict]:
        return [c.__dict__.copy() for c in self.codes.search(text, limit)]

    @writes
    def add(self, client_id: int, code: str, onset_date: str | None = None) -> int:
        """Record a diagnosis; the code must be a complete code from the offline list."""
        found = self.codes.require_billable(code)
        onset = parse_date(onset_date, "Onset date")
        with self.db.transaction() as conn:
            fetch_one(conn, "SELECT id FROM clients WHERE id = ?", (client_id,), missing=f"No client with id {client_id}.")
            # A second active row of the same code (a double click on Add) cannot be deleted, only
            # "resolved", which would put a false resolution date in the chart and the summaries.
            already = conn.execute("SELECT onset_date FROM diagnoses WHERE client_id = ? AND code = ? "
                                   "AND resolved_date IS NULL", (client_id, found.code)).fetchone()
            if already is not None:
                since = f" (onset {already[0]})" if already[0] else ""
                raise UserError(f"{found.code} is already an active diagnosis for this client{since}.")
            cursor = conn.execute("INSERT INTO diagnoses (client_id, code, description, onset_date, created_at) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                  (client_id, found.code, found.description, onset, self.clock.iso()))
            self.audit.append(conn, "diagnosis_added", entity="diagnosis", entity_id=cursor.lastrowid,
                              client_id=client_id, detail=found.code)
            return cursor.lastrowid

    def get(self, diagnosis_id: int) -> dict:
        with self.db.read() as conn:
            return fetch_one(conn, "SELECT * FROM diagnoses WHERE id = ?", (diagnosis_id,),
                             missing=f"No diagnosis with id {diagnosis_id}.")

    def list(self, client_id: int, *, active_only: bool = False) -> list[dict]:
        where = " AND resolved_date IS NULL" if active_only else ""
        with self.db.read() as conn:
            return fetch_all(conn, f"SELECT * FROM diagnoses WHERE client_id = ?{where} "
                                   "ORDER BY resolved_date IS NOT NULL, COALESCE(onset_date, created_at), id",
                             (client_id,))

    @writes
    def resolve(self, diagnosis_id: int, resolved_date: str) -> None:
        """Mark a diagnosis resolved on ``resolved_date`` (not before its onset)."""
        diagnosis = self.get(diagnosis_id)
        resolved = parse_date(resolved_date, "Resolution date")
        if resolved is None:
            raise UserError("Give the resolution date as YYYY-MM-DD.")
        if diagnosis["resolved_date"]:
            raise UserError(f"Diagnosis {diagnosis_id} is already resolved.")
        if diagnosis["onset_date"] and resolved < diagnosis["onset_date"]:
            raise UserError("The resolution date is before the onset date.")
        with self.db.transaction() as conn:
            conn.execute("UPDATE diagnoses SET resolved_date = ? WHERE id = ?", (resolved, diagnosis_id))
            self.audit.append(conn, "diagnosis_resolved", entity="diagnosis", entity_id=diagnosis_id,
                              client_id=diagnosis["client_id"])

    @writes
    def set_onset(self, diagnosis_id: int, onset_date: str | None) -> None:
        diagnosis = self.get(diagnosis_id)
        onset = parse_date(onset_date, "Onset date")
        if onset and diagnosis["resolved_date"] and onset > diagnosis["resolved_date"]:
            raise UserError("The onset date is after the resolution date.")
        with self.db.transaction() as conn:
            conn.execute("UPDATE diagnoses SET onset_date = ? WHERE id = ?", (onset, diagnosis_id))
            self.audit.append(conn, "diagnosis_edited", entity="diagnosis", entity_id=diagnosis_id,
                              client_id=diagnosis["client_id"], detail="onset date")


__all__ = ["DiagnosisService", "Icd10Code", "Icd10List", "NotFound", "UnknownCode", "default_icd10"]
