"""The chart's Summary tab: Treatment Summaries and AI Case Summaries, from Add to a shared PDF.

Add → Treatment Summary (a date range, an optional purpose) or AI Case Summary (the whole signed
record) → Generate on the engine pool with stage, percentage and Cancel → the draft in an editor
that saves itself → Update (the AI reworks it as asked in words) → Sign & Approve → Download PDF,
Share (AES-256 copy, passphrase shown once), Delete. One draft per client and kind: Add opens the
existing draft instead. Signed summaries are read-only. Every model call goes through
``summary_work``; exports run on the vault pool through ``DocumentService`` (the output guard).
Here: the list, the editor and running work; the form and Generate are ``summary_form``, sign,
export and delete ``summary_actions``, the layout ``summary_tab_view``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from session_assistant.ui.summary import summary_work
from session_assistant.ui.summary.summary_actions import TITLES, SummaryRecordActions
from session_assistant.ui.summary.summary_dialogs import SourcesDialog, check_before_signing, generation_details, local_time
from session_assistant.ui.summary.summary_form import SummaryForm
from session_assistant.ui.summary.summary_tab_view import SummaryTabView
from session_assistant.ui.summary.summary_warmup import NarrativeWarmUp
from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.common.worker import Worker

AUTOSAVE_MS = 800
SIGNED_FIRST = "Sign & Approve the summary first: only signed summaries are exported."


class SummaryTab(SummaryForm, SummaryRecordActions, SummaryTabView):
    """One client's summaries. ``set_context`` once, then ``show_client`` whenever the chart changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = None
        self.client_id: int | None = None
        self.summary: dict | None = None
        self._dirty = False
        self._worker: Worker | None = None
        self._kind = "treatment"  # of the form
        self._generate_started = 0.0
        self.last_generate_seconds: float | None = None
        self.passphrase_dialog = None  # the last SharePassphraseDialog (tests read it)
        self.last_export_path: Path | None = None
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        self.warm_up = NarrativeWarmUp(self)
        self.summaries.currentItemChanged.connect(self._on_summaries_current_changed)
        self.add_treatment_action.triggered.connect(lambda: self.add("treatment"))
        self.add_case_action.triggered.connect(lambda: self.add("case"))
        self.date_from.dateChanged.connect(self._show_range_contents)
        self.date_to.dateChanged.connect(self._show_range_contents)
        self.generate_button.clicked.connect(self._on_generate_clicked)
        self.form_cancel_button.clicked.connect(self._on_form_back_clicked)
        self.form_busy.cancel_clicked.connect(self._on_cancel_clicked)
        self.editor_busy.cancel_clicked.connect(self._on_cancel_clicked)
        self.text.textChanged.connect(self._on_text_changed)
        self.update_button.clicked.connect(self._on_update_clicked)
        self.instruction.returnPressed.connect(self._on_update_clicked)
        self.sources_button.clicked.connect(self._on_sources_clicked)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.share_button.clicked.connect(self._on_share_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.purpose.lineEdit().returnPressed.connect(self._on_generate_clicked)
        self.purpose.currentTextChanged.connect(self._on_form_changed)
        for keys, slot in ((QKeySequence.StandardKey.Save, self.save), (QKeySequence(Qt.Key.Key_Escape),
                                                                         self._on_cancel_clicked)):
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_context(self, ctx) -> None:
        self._ctx = self.warm_up.ctx = ctx

    @property
    def _service(self):
        return self._ctx.practice.summaries

    # ---- the client and the list ---------------------------------------------------------------
    def show_client(self, client_id: int | None) -> bool:
        """Show this client's summaries (None clears the tab). True: the tab has something to show."""
        self.save()
        if client_id != self.client_id:
            self.warm_up.stop()
            self.summary = None
            self.result.clear()
        elif self.busy_now or self.pages.currentIndex() == self.FORM:
            return True  # the same chart redrawn (a consent change...): keep the form and its progress
        self.client_id = client_id
        if client_id is None:
            self.summaries.clear()
            self.text.clear()
            self.pages.setCurrentIndex(self.EMPTY)
            return False
        keep = self.summary["id"] if self.summary else None
        self.refresh_list(keep)
        return True

    def refresh_list(self, select_id: int | None = None) -> None:
        self.summaries.blockSignals(True)
        self.summaries.clear()
        rows = sorted(self._service.list(self.client_id), key=lambda r: r["id"], reverse=True)
        chosen = None
        for row in rows:
            covers = f"{row['date_from']} to {row['date_to']}" if row["date_from"] else "whole signed record"
            when = f"signed {local_time(row['signed_at'])[:10]}" if row["status"] == "signed" else \
                f"updated {local_time(row['updated_at'])[:10]}"
            item = QTreeWidgetItem([TITLES.get(row["kind"], row["kind"]), covers, row["status"].capitalize(), when])
            item.setData(0, Qt.ItemDataRole.UserRole, row["id"])
            self.summaries.addTopLevelItem(item)
            if row["id"] == select_id:
                chosen = item
        if chosen is not None:
            self.summaries.setCurrentItem(chosen)
        self.summaries.blockSignals(False)
        if select_id is not None and chosen is not None:
            self.open_summary(select_id)
        else:
            self.summary = None
            self.empty_hint.setText("No summaries yet. Add → Treatment Summary (a date range) or AI Case Summary "
                                    "(the whole signed record)." if not rows else
                                    "Choose a summary above, or Add a new one.")
            if self.busy_now:
                self.empty_hint.setText(self.empty_hint.text() + "\n\nA summary is being generated for another "
                                        "client; Add is available again when it is done.")
            self.pages.setCurrentIndex(self.EMPTY)

    def _on_summaries_current_changed(self, current, _previous) -> None:
        if current is not None:
            self.save()
            self.result.clear()
            self.open_summary(int(current.data(0, Qt.ItemDataRole.UserRole)))

    def _select_row(self, summary_id: int) -> None:
        for index in range(self.summaries.topLevelItemCount()):
            item = self.summaries.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == summary_id:
                self.summaries.blockSignals(True)
                self.summaries.setCurrentItem(item)
                self.summaries.blockSignals(False)

    # ---- the editor ----------------------------------------------------------------------------
    def open_summary(self, summary_id: int) -> None:
        self.summary = summary = self._service.get(summary_id, audit_view=True)
        signed = summary["status"] == "signed"
        self.text.blockSignals(True)
        self.text.setPlainText(summary["text"])
        self.text.blockSignals(False)
        self.text.setReadOnly(signed)
        self._dirty = False
        title = TITLES.get(summary["kind"], "Summary")
        if summary["date_from"]:
            title += f" · {summary['date_from']} to {summary['date_to']}"
        self.editor_title.setText(title)
        self.editor_title.setToolTip(title)
        self._show_details()
        for widget in (self.instruction, self.update_button, self.sign_button):
            widget.setVisible(not signed)
        for button in (self.pdf_button, self.share_button):
            button.setEnabled(signed)
            button.setToolTip("" if signed else SIGNED_FIRST)
        self.state.setText("Signed · read-only" if signed else "Draft · saved")
        # A signed summary says so in the banner every signed record shares; the state line is for drafts.
        self.state.setVisible(not signed)
        self.signed_banner.setVisible(signed)
        self.pages.setCurrentIndex(self.EDITOR)

    def _show_details(self) -> None:
        self.details.setText(generation_details(self.summary))
        self.sources_button.setText(f"Sources ({len(self.summary['sources'])})")
        warning = check_before_signing(self.summary)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning) and self.summary["status"] != "signed")

    def _on_text_changed(self) -> None:
        if self.summary is None or self.summary["status"] == "signed" or self.text.isReadOnly():
            return
        self._dirty = True
        self.state.setText("Draft · editing…")
        self._autosave.start()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Write the edited draft now (it also saves itself a moment after typing stops) through
        ``VaultOp``. ``then`` runs once it is stored (at once when nothing changed; never when
        refused). True if it is saved when this returns; False if refused or still on its way."""
        self._autosave.stop()
        if not self._dirty or self.summary is None or self._ctx is None or self._ctx.practice is None:
            if then is not None:
                then()
            return True
        summary_id, service, text, landed = self.summary["id"], self._service, self.text.toPlainText(), []
        self._dirty = False  # an edit made while this write waits marks it again
        self.state.setText("Draft · saving…")

        def saved(stored: dict) -> None:
            landed.append(True)
            if self.summary is None or self.summary["id"] != summary_id:
                return
            self.summary = stored
            self._show_details()
            if not self._dirty:
                self.state.setText("Draft · saved")
            if then is not None:
                then()

        def refused(message: str) -> None:
            if self.summary is not None and self.summary["id"] == summary_id:
                self._dirty = True
                self.state.setText("Draft · not saved")
                self.result.setText(message)

        VaultOp(self._ctx.practice, lambda: (service.update_text(summary_id, text), service.get(summary_id))[1],
                parent=self).success(saved).failure(refused).run()
        return bool(landed)

    def _on_update_clicked(self) -> None:
        if self.summary is None or self._worker is not None:
            return
        self.save(then=self._update_saved)

    def _update_saved(self) -> None:
        instruction = self.instruction.text().strip()
        if self.summary is None or self._worker is not None:
            return
        if not instruction:
            self.result.setText("Say how the draft should change, for example “shorter” or “focus on risk”.")
            self.instruction.setFocus()
            return
        ctx, summary_id = self._ctx, self.summary["id"]
        self.text.setReadOnly(True)  # the model's version replaces the text: no edit may be lost meanwhile

        def done(_text: str) -> None:
            self.instruction.clear()
            self.open_summary(summary_id)
            self.result.setText("Draft updated as asked. Your earlier wording is replaced; check it before signing.")

        def failed(message: str, _error_type) -> None:
            self.text.setReadOnly(False)
            self.result.setText(message)

        self._run(lambda p, t: summary_work.refine(ctx, summary_id, instruction, p, t), self.editor_busy,
                  "Updating the draft…", done, failed)

    def _on_sources_clicked(self) -> None:
        if self.summary is not None:
            self.sources_dialog = SourcesDialog(self.summary, self.details.text(), self)
            self.sources_dialog.open()

    # ---- running work --------------------------------------------------------------------------
    def _run(self, fn, busy, message: str, on_done, on_failed, *, pool: str = "engine",
             cancellable: bool = True) -> None:
        """One worker at a time; the list, Add and the actions wait until it ends."""
        busy.start(message, cancellable=cancellable)
        self._busy_panel = busy
        self._worker = worker = Worker(fn, "summary")
        self._set_busy(True)
        # The elapsed time ticks here, on the GUI thread: a model reading a long prompt reports
        # nothing for many seconds, and a frozen counter would look like a hang.
        began, last = time.monotonic(), {"fraction": 0.0, "message": message}
        ticker = QTimer(self)
        ticker.setInterval(1000)

        def show(fraction: float | None = None, text: str | None = None) -> None:
            if worker.token.cancelled:
                return  # "Cancelling…" stays until the worker ends
            last["fraction"] = last["fraction"] if fraction is None else fraction
            last["message"] = last["message"] if text is None else text
            busy.show_progress(last["fraction"], f"{last['message']} · {int(time.monotonic() - began)} s")

        worker.progress.connect(show)
        ticker.timeout.connect(show)
        ticker.start()

        def end() -> bool:
            ticker.stop()
            ticker.deleteLater()
            self._worker = None
            busy.done()
            self._set_busy(False)
            return self._ctx is not None and self._ctx.practice is not None

        worker.finished.connect(lambda result: end() and on_done(result))
        worker.failed.connect(lambda text: end() and on_failed(text, worker.error_type))
        worker.cancelled.connect(lambda: end() and self.result.setText("Cancelled; nothing was changed."))
        self._ctx.pools.run(worker, pool)

    def _on_cancel_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._busy_panel.message.setText("Cancelling…")
            self._busy_panel.cancel.setEnabled(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.summaries, self.add_button, self.generate_button, self.form_cancel_button,
                       self.update_button, self.instruction, self.sign_button, self.delete_button):
            widget.setEnabled(not busy)
        signed = bool(self.summary and self.summary["status"] == "signed")
        for button in (self.pdf_button, self.share_button):
            button.setEnabled(signed and not busy)

    @property
    def busy_now(self) -> bool:
        return self._worker is not None

    def teardown(self) -> None:
        """Before a lock: save the draft and stop any running work."""
        self.save()
        self.warm_up.stop()
        if self._worker is not None:
            self._worker.cancel()
