"""AI Case Summary and AI Treatment Summary: drafted from the signed chart, every line sourced.

* Treatment summary: a date range and an optional purpose; one active draft per client (a second
  start raises ``DraftExists`` carrying the draft's id, so the UI can offer resume or discard);
  the draft autosaves (``update_text``), can be refined by the model (``refine``), and signing
  makes it immutable. A signed summary can be deleted (audited); a change means delete and
  generate anew.
* Case summary: the whole signed record, one per client, regenerated only when the signed record
  changed (the stored sources carry a digest per item).

Both are composed (``chart.compose``) from the items' digests and facts computed from the chart;
the model only writes a short narrative over a bounded list of facts, so a long range costs about
what a short one does, and every number in the draft comes from the chart.

Model work happens outside any transaction; the row is written in one transaction afterwards,
so a failed or cancelled generation changes nothing.
"""

from __future__ import annotations

import hashlib
import json

from session_assistant.chart.citations import SourceItem, fingerprint, parse_statements, render
from session_assistant.chart.compose import NARRATIVE_STATEMENTS, ComposeResult, Composer
from session_assistant.errors import ImmutableRecord, UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.services import chart_facts, chart_sources
from session_assistant.services.base import Service, canonical_json, fetch_all, fetch_one, parse_date
from session_assistant.services.digests import DigestService
from session_assistant.services.limits import check_length
from session_assistant.vault.database import IntegrityError
from session_assistant.vault.writer import writes

PURPOSES = ("consultation", "transfer of care", "discharge")
TREATMENT_TITLE = "a treatment summary of this period"  # no dates: the narrative must not state any
CASE_TITLE = "a case summary of the whole course of care"


class DraftExists(UserError):
    """The client already has an active treatment-summary draft."""

    def __init__(self, draft_id: int, client_id: int) -> None:
        super().__init__(f"Client {client_id} already has a treatment summary draft ({draft_id}): resume it "
                         f"(summary show {draft_id}) or discard it (summary discard {draft_id}).")
        self.draft_id = draft_id


class SummaryService(Service):
    def __init__(self, vault, digests: DigestService | None = None, **summarizer_options) -> None:
        super().__init__(vault)
        self.digests = digests or DigestService(vault)
        # ``narrative_statements`` (default 2) caps the model's narrative; older options of the
        # staged summariser (final_statements, period_statements, period_tokens) are accepted and
        # ``final_statements`` caps it too.
        self.summarizer_options = summarizer_options
        self.last_result: ComposeResult | None = None  # timings of the latest generation (bench, UI details)

    # ---- reading ----------------------------------------------------------------------------
    def get(self, summary_id: int, *, audit_view: bool = False) -> dict:
        if audit_view:  # audited: a write, so on the writer (the read and its audit row in one transaction)
            return self.db.writer.call(lambda: self._get(summary_id, audit_view=True))
        return self._get(summary_id)

    def _get(self, summary_id: int, *, audit_view: bool = False) -> dict:
        with self.db.transaction() if audit_view else self.db.read() as conn:
            row = fetch_one(conn, "SELECT * FROM summaries WHERE id = ?", (summary_id,),
                            missing=f"No summary with id {summary_id}.")
            if audit_view:
                self.audit.append(conn, "summary_viewed", entity="summary", entity_id=summary_id,
                                  client_id=row["client_id"])
            items = {(i.kind, i.id): i for i in chart_sources.gather(conn, row["client_id"])}
        row["sources"] = json.loads(row.pop("sources_json") or "[]")
        row["statements"] = []
        for statement in parse_statements(row["text"]):
            shaped = statement.as_dict()
            cited = [items[(r.kind, r.id)] for r in statement.sources if (r.kind, r.id) in items]
            shaped["unsupported_numbers"] = chart_sources.unsupported_numbers(statement.text, cited)
            row["statements"].append(shaped)
        return row

    def list(self, client_id: int, *, signed_only: bool = False) -> list[dict]:
        where = " AND status = 'signed'" if signed_only else ""
        with self.db.read() as conn:
            rows = fetch_all(conn, f"SELECT id FROM summaries WHERE client_id = ?{where} ORDER BY id", (client_id,))
        return [self.get(r["id"]) for r in rows]

    def active_draft(self, client_id: int) -> dict | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT id FROM summaries WHERE client_id = ? AND kind = 'treatment' "
                               "AND status = 'draft'", (client_id,)).fetchone()
        return self.get(row[0]) if row else None

    def sources(self, client_id: int, date_from: str | None = None, date_to: str | None = None) -> list[SourceItem]:
        """The chart items a summary of this range would be drafted from (for a preview)."""
        with self.db.read() as conn:
            fetch_one(conn, "SELECT id FROM clients WHERE id = ?", (client_id,), missing=f"No client with id {client_id}.")
            return chart_sources.gather(conn, client_id, date_from, date_to)

    # ---- treatment summary ------------------------------------------------------------------
    def generate_treatment(self, client_id: int, date_from: str, date_to: str, model, *, purpose: str = "",
                           on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> int:
        """Draft a treatment summary of [date_from, date_to]; returns the draft's id.

        Raises:
            DraftExists: the client already has a draft (resume or ``discard_draft`` it).
            TooLittleToSummarize: the range holds too little signed documentation.
        """
        start, end = parse_date(date_from, "Start date"), parse_date(date_to, "End date")
        if not start or not end:
            raise UserError("A treatment summary needs a start and an end date (YYYY-MM-DD).")
        chart_sources.check_range(start, end)
        existing = self.active_draft(client_id) if self._client_exists(client_id) else None
        if existing:
            raise DraftExists(existing["id"], client_id)
        items = self.sources(client_id, start, end)
        chart_sources.require_enough(items, f"The range {start} to {end}", start, end)
        text, model_id = self._draft(client_id, items, model, TREATMENT_TITLE, purpose, on_progress, cancel)
        try:
            return self._insert_treatment(client_id, start, end, purpose, text, items, model_id)
        except IntegrityError:  # a draft appeared while the model was working
            raise DraftExists(self.active_draft(client_id)["id"], client_id) from None

    @writes
    def _insert_treatment(self, client_id, start, end, purpose, text, items, model_id) -> int:
        now = self.clock.iso()
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO summaries (client_id, kind, date_from, date_to, purpose, text, sources_json, "
                "ai_model, created_at, updated_at) VALUES (?, 'treatment', ?, ?, ?, ?, ?, ?, ?, ?)",
                (client_id, start, end, purpose.strip(), text, json.dumps([i.as_source() for i in items]),
                 model_id, now, now))
            self.audit.append(conn, "summary_generated", entity="summary", entity_id=cursor.lastrowid,
                              client_id=client_id, detail=f"treatment, {len(items)} sources")
            return cursor.lastrowid

    def _client_exists(self, client_id: int) -> bool:
        with self.db.read() as conn:
            fetch_one(conn, "SELECT id FROM clients WHERE id = ?", (client_id,), missing=f"No client with id {client_id}.")
        return True

    def _composer(self, model) -> Composer:
        options = self.summarizer_options
        k = min(options.get("narrative_statements", NARRATIVE_STATEMENTS),
                options.get("final_statements", NARRATIVE_STATEMENTS))
        return Composer(model, narrative_statements=k)

    def _inputs(self, client_id, items):
        """(digests, computed facts, trend words) of ``items``: vault reads only, well under a second."""
        with self.db.read() as conn:
            digests, _built = self.digests.for_items(conn, client_id, items)
            return digests, chart_facts.computed_statements(conn, items), chart_facts.trend_words(conn, items)

    def _draft(self, client_id, items, model, title, purpose, on_progress, cancel) -> tuple[str, str]:
        """Compose from digests and computed facts (no model call but the narrative's)."""
        on_progress(0.05, "Reading the digests")
        digests, facts, trends = self._inputs(client_id, items)
        result = self._composer(model).compose(facts, digests, items, trends, title=title, purpose=purpose,
                                               on_progress=on_progress, cancel=cancel)
        self.last_result = result
        return render(result.statements), result.model_id

    def narrative_messages(self, client_id: int, date_from: str | None = None, date_to: str | None = None, *,
                           purpose: str = "") -> list[dict] | None:
        """The messages Generate would send the model for this range (no range: the case summary),
        or None when Generate would refuse before any model call (too little, a bad range, a
        treatment draft already there). Reads the vault only; nothing is written."""
        case = date_from is None and date_to is None
        try:
            if not case:
                start, end = parse_date(date_from, "Start date"), parse_date(date_to, "End date")
                chart_sources.check_range(start, end)
                if self.active_draft(client_id):
                    return None
            start, end = (None, None) if case else (start, end)
            items = self.sources(client_id, start, end)
            chart_sources.require_enough(items, "The range", start, end)
        except UserError:
            return None
        digests, _facts, trends = self._inputs(client_id, items)
        _lines, messages = self._composer(None).narrative_prompt(digests, items, trends,
                                                                 title=CASE_TITLE if case else TREATMENT_TITLE,
                                                                 purpose=purpose)
        return messages

    @writes
    def discard_draft(self, summary_id: int) -> None:
        summary = self._draft_row(summary_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM summaries WHERE id = ?", (summary_id,))
            self.audit.append(conn, "summary_discarded", entity="summary", entity_id=summary_id,
                              client_id=summary["client_id"])

    @writes
    def update_text(self, summary_id: int, text: str) -> None:
        """Autosave the clinician's edit of a draft."""
        check_length("summary", text)
        summary = self._draft_row(summary_id)
        if text == summary["text"]:
            return
        with self.db.transaction() as conn:
            conn.execute("UPDATE summaries SET text = ?, updated_at = ? WHERE id = ?", (text, self.clock.iso(), summary_id))
            self.audit.append(conn, "summary_edited", entity="summary", entity_id=summary_id,
                              client_id=summary["client_id"])

    def refine(self, summary_id: int, instruction: str, model, *, cancel: CancelToken | None = None) -> str:
        """Ask the model to rework the current draft as instructed, without re-reading the chart; sources
        carry through, and statements with chart numbers stay word for word. Returns the text."""
        summary = self._draft_row(summary_id)
        result = self._composer(model).refine(parse_statements(summary["text"]), instruction, cancel=cancel)
        text = render(result.statements)
        self._store_refined(summary_id, summary["client_id"], text, result.model_id)
        return text

    @writes
    def _store_refined(self, summary_id: int, client_id: int, text: str, model_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE summaries SET text = ?, ai_model = ?, updated_at = ? WHERE id = ?",
                         (text, model_id, self.clock.iso(), summary_id))
            self.audit.append(conn, "summary_refined", entity="summary", entity_id=summary_id, client_id=client_id)

    def _draft_row(self, summary_id: int) -> dict:
        """The summary's row (sources parsed) without reading the chart: autosave and Update stay quick."""
        with self.db.read() as conn:
            summary = fetch_one(conn, "SELECT * FROM summaries WHERE id = ?", (summary_id,),
                                missing=f"No summary with id {summary_id}.")
        summary["sources"] = json.loads(summary.pop("sources_json") or "[]")
        if summary["status"] == "signed":
            raise ImmutableRecord(f"Summary {summary_id} is signed and cannot change; delete it and generate anew.")
        return summary

    @writes
    def sign(self, summary_id: int, signer_name: str) -> str:
        """Sign and complete: the summary becomes immutable. Returns its content hash."""
        summary = self._draft_row(summary_id)
        if not (signer_name or "").strip():
            raise UserError("Set your name in the profile before signing (profile set --name ...).")
        if not summary["text"].strip():
            raise UserError(f"Summary {summary_id} is empty; write or regenerate it before signing.")
        signed_at = self.clock.iso()
        content = {"summary_id": summary_id, "client_id": summary["client_id"], "kind": summary["kind"],
                   "date_from": summary["date_from"], "date_to": summary["date_to"], "purpose": summary["purpose"],
                   "text": summary["text"], "sources": summary["sources"], "signer": signer_name.strip(),
                   "signed_at": signed_at}
        content_hash = hashlib.sha256(canonical_json(content).encode()).hexdigest()
        with self.db.transaction() as conn:
            conn.execute("UPDATE summaries SET status = 'signed', signer_name = ?, signed_at = ?, content_hash = ?, "
                         "updated_at = ? WHERE id = ?", (signer_name.strip(), signed_at, content_hash, signed_at,
                                                          summary_id))
            self.audit.append(conn, "summary_signed", entity="summary", entity_id=summary_id,
                              client_id=summary["client_id"], detail=f"sha256 {content_hash}")
        return content_hash

    @writes
    def delete(self, summary_id: int) -> None:
        """Delete a summary (signed or not); always audited."""
        summary = self.get(summary_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM summaries WHERE id = ?", (summary_id,))
            self.audit.append(conn, "summary_deleted", entity="summary", entity_id=summary_id,
                              client_id=summary["client_id"], detail=f"{summary['kind']}, {summary['status']}")

    # ---- case summary -----------------------------------------------------------------------
    def case_summary(self, client_id: int, model, *, force: bool = False, on_progress: ProgressFn = no_progress,
                     cancel: CancelToken | None = None, purpose: str = "") -> int:
        """The client's case summary, regenerated when the signed record changed (or ``force``).

        ``purpose`` (session prep, supervision, handoff, ...) steers the narrative and is stored; a
        different purpose regenerates too.
        """
        self._client_exists(client_id)
        items = self.sources(client_id)
        current = self._case_row(client_id)
        if current and not force and not self._stale(current, items) and current["purpose"] == purpose.strip():
            return current["id"]
        chart_sources.require_enough(items, "The signed record")
        text, model_id = self._draft(client_id, items, model, CASE_TITLE, purpose, on_progress, cancel)
        return self._store_case(client_id, current, purpose, text, items, model_id)

    @writes
    def _store_case(self, client_id: int, current: dict | None, purpose: str, text: str, items, model_id) -> int:
        now, sources = self.clock.iso(), json.dumps([i.as_source() for i in items])
        with self.db.transaction() as conn:
            if current:
                conn.execute("UPDATE summaries SET text = ?, sources_json = ?, ai_model = ?, purpose = ?, "
                             "updated_at = ? WHERE id = ?", (text, sources, model_id, purpose.strip(), now,
                                                             current["id"]))
                summary_id = current["id"]
            else:
                summary_id = conn.execute(
                    "INSERT INTO summaries (client_id, kind, purpose, text, sources_json, ai_model, created_at, "
                    "updated_at) VALUES (?, 'case', ?, ?, ?, ?, ?, ?)",
                    (client_id, purpose.strip(), text, sources, model_id, now, now)).lastrowid
            self.audit.append(conn, "summary_generated", entity="summary", entity_id=summary_id,
                              client_id=client_id, detail=f"case, {len(items)} sources")
        return summary_id

    def case_is_stale(self, client_id: int) -> bool:
        """True when there is no case summary or the signed record changed since it was drafted."""
        current = self._case_row(client_id)
        return current is None or self._stale(current, self.sources(client_id))

    @staticmethod
    def _stale(row: dict, items: list[SourceItem]) -> bool:
        return fingerprint(json.loads(row["sources_json"])) != fingerprint(items)

    def _case_row(self, client_id: int) -> dict | None:
        with self.db.read() as conn:
            rows = fetch_all(conn, "SELECT * FROM summaries WHERE client_id = ? AND kind = 'case' AND status = 'draft' "
                                   "ORDER BY id DESC LIMIT 1", (client_id,))
        return rows[0] if rows else None
