"""The Summary tab's form: Add → a range and a purpose (or the whole record) → Generate → the draft.

A mixin of ``SummaryTab`` (it uses the tab's ``_ctx``, ``client_id``, ``_service``, ``_run``, the
list and the form's widgets), kept apart from the list and the editor. While the form rests it
warms the note model up (``summary_warmup``), so Generate mostly writes. One draft per client and
kind: Add opens the existing draft instead.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from PySide6.QtCore import QDate

from session_assistant.model_registry import KNOWN_MODELS
from session_assistant.services.chart_sources import TooLittleToSummarize
from session_assistant.services.summaries import DraftExists
from session_assistant.ui.summary import summary_work
from session_assistant.ui.summary.summary_actions import TITLES

DEFAULT_LLM = next((m.id for m in KNOWN_MODELS if m.kind == "llm" and m.role == "default"), "the default model")
DEFAULT_RANGE_DAYS = 90
WHAT_TO_ADD = ("What to add: sign the progress notes of the sessions {where}, record and sign a PHQ-9 or GAD-7, "
               "or sign a treatment plan{widen}.")
# (plural, singular) of what a summary is drafted from
KIND_WORDS = {"progress_note": ("signed progress notes", "signed progress note"),
              "assessment": ("signed assessments", "signed assessment"),
              "treatment_plan": ("signed plan versions", "signed plan version"),
              "diagnosis": ("diagnoses", "diagnosis")}


class SummaryForm:
    """Add, the range, Generate; mixed into ``SummaryTab`` (which owns ``warm_up``)."""

    def add(self, kind: str) -> None:
        """Open the form for a new summary, or the client's existing draft of that kind."""
        if self.client_id is None or self._worker is not None:
            return
        self.save()
        existing = next((r for r in self._service.list(self.client_id)
                         if r["kind"] == kind and r["status"] == "draft"), None)
        if existing is not None:
            self._select_row(existing["id"])
            self.open_summary(existing["id"])
            self.result.setText(f"This client already has a {TITLES[kind]} draft, so here it is: one draft at a "
                                "time. Sign or delete it to start another.")
            return
        self._kind = kind
        self.form_title.setText(f"New {TITLES[kind]}")
        if kind == "treatment":
            self.form_intro.setText("Drafted from the signed notes, assessments, diagnoses and treatment plans "
                                    "in the range; administrative and cancellation notes are never used.")
        else:
            self.form_intro.setText("An overview of the whole course of care, drafted from every signed note, "
                                    "assessment, diagnosis and treatment plan; administrative and cancellation "
                                    "notes are never used.")
        self.form.setRowVisible(self.range_widget, kind == "treatment")
        self.form.setRowVisible(self.purpose, kind == "treatment")
        items = self._service.sources(self.client_id)
        today = self._today()
        first = min((i.date for i in items), default=(today - timedelta(days=DEFAULT_RANGE_DAYS)).isoformat())
        self.date_to.setDate(QDate(today.year, today.month, today.day))
        self.date_from.setDate(QDate.fromString(first, "yyyy-MM-dd"))
        self.purpose.setCurrentIndex(0)
        self.model_line.setText(f"Model: {self._ctx.model_name('llm') or DEFAULT_LLM} "
                                "(change it in Settings → Models). It runs on this computer; nothing is sent.")
        self.form_error.hide()
        self._show_range_contents()
        self.summaries.clearSelection()
        self.pages.setCurrentIndex(self.FORM)
        self.generate_button.setFocus()

    def _on_form_back_clicked(self) -> None:
        self.warm_up.stop()
        if self.summary is not None:
            self._select_row(self.summary["id"])
            self.open_summary(self.summary["id"])
        else:
            self.refresh_list()

    def _today(self):
        now = self._ctx.clock.now() if self._ctx.clock else datetime.now().astimezone()
        return now.astimezone().date()

    def _range(self) -> tuple[str | None, str | None]:
        if self._kind != "treatment":
            return None, None
        return self.date_from.date().toString("yyyy-MM-dd"), self.date_to.date().toString("yyyy-MM-dd")

    def _form_key(self) -> tuple:
        """What the narrative's prompt depends on: the warm-up and Generate compare it."""
        purpose = self.purpose.currentText().strip() if self._kind == "treatment" else ""
        return (self.client_id, *self._range(), purpose)

    def _on_form_changed(self, *_args) -> None:
        if self.pages.currentIndex() == self.FORM and self._worker is None and self.client_id is not None:
            self.warm_up.schedule(self._form_key())

    def _show_range_contents(self) -> None:
        if self.client_id is None or self._ctx is None or self._ctx.practice is None:
            return
        date_from, date_to = self._range()
        if date_from and date_to and date_from > date_to:
            self.in_range.setText("The start of the range is after its end.")
            self.warm_up.stop()
            return
        items = self._service.sources(self.client_id, date_from, date_to)
        count = {kind: sum(1 for i in items if i.kind == kind) for kind in KIND_WORDS}
        where = "In this range" if self._kind == "treatment" else "In the signed record"
        self.in_range.setText(where + ": " + ", ".join(f"{count[kind]} {KIND_WORDS[kind][count[kind] == 1]}"
                                                       for kind in KIND_WORDS) + ".")
        self.warm_up.schedule(self._form_key())

    def _on_generate_clicked(self) -> None:
        if self.client_id is None or self._worker is not None:
            return
        ctx, client_id, kind = self._ctx, self.client_id, self._kind
        date_from, date_to = self._range()
        purpose = self.purpose.currentText().strip()
        self.warm_up.before_generate(self._form_key())
        self.form_error.hide()
        self._generate_started = time.monotonic()
        if kind == "treatment":
            def fn(p, t):
                return summary_work.generate_treatment(ctx, client_id, date_from, date_to, purpose, p, t)
        else:
            def fn(p, t):
                return summary_work.generate_case(ctx, client_id, p, t)
        self._run(fn, self.form_busy, f"Generating the {TITLES[kind]}…",
                  lambda summary_id: self._on_generated(client_id, summary_id), self._on_generate_failed)

    def _on_generated(self, client_id: int, summary_id: int) -> None:
        if self.client_id != client_id:
            return  # the clinician moved to another chart; the draft waits in its list
        self.refresh_list(summary_id)
        self.text.repaint()
        self.last_generate_seconds = time.monotonic() - self._generate_started
        self.result.setText(f"Drafted in {self.last_generate_seconds:.0f} s. Review it, edit or Update it, then "
                            "Sign & Approve.")

    def _on_generate_failed(self, message: str, error_type) -> None:
        if error_type is not None and issubclass(error_type, DraftExists):
            self.refresh_list(self._service.active_draft(self.client_id)["id"])
            self.result.setText(message)
            return
        if error_type is not None and issubclass(error_type, TooLittleToSummarize):
            treatment = self._kind == "treatment"
            hint = WHAT_TO_ADD.format(where="in this period" if treatment else "held so far",
                                      widen="; or widen the range" if treatment else "")
            message = f"{message}\n{self.in_range.text()}\n{hint}"
        self.form_error.setText(message)
        self.form_error.show()
