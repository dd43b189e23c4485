"""Sign & Approve, Download PDF, Share and Delete of the summary open in the Summary tab.

A mixin of ``SummaryTab`` (it uses the tab's ``summary``, ``_ctx``, ``_run`` and widgets), kept
apart so each module stays readable. Exports run on the vault pool through ``DocumentService``,
which writes through the one output guard (``output_files``): never into the vault folder, never
half a file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from session_assistant.ui.common.dialogs import ask_pdf_path, confirm
from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.summary.summary_dialogs import SharePassphraseDialog

TITLES = {"treatment": "Treatment Summary", "case": "AI Case Summary"}


class SummaryRecordActions:
    """Sign, export, share and delete; mixed into ``SummaryTab``."""

    def _on_sign_clicked(self) -> None:
        if self.summary is None or self._worker is not None:
            return
        self.save(then=self._confirm_sign)  # sign what the screen shows, once it is stored

    def _confirm_sign(self) -> None:
        if self.summary is None or self._worker is not None:
            return
        name = self._ctx.practice.profile.get().name
        confirmed = confirm(
            self, "Sign & Approve",
            f"Sign and approve this {TITLES[self.summary['kind']]} as {name or '(no name set)'}?\n\nA signed "
            "summary can never be changed: to correct it later, delete it and generate a new one.")
        if not confirmed:
            return
        summary_id, service, client_id = self.summary["id"], self._service, self.client_id

        def signed(_none) -> None:
            if self.client_id == client_id:
                self.refresh_list(summary_id)
                self.result.setText("Signed. Download the PDF or Share an encrypted copy.")

        VaultOp(self._ctx.practice, lambda: service.sign(summary_id, name), parent=self, title="Not signed") \
            .success(signed).run()

    def _on_pdf_clicked(self) -> None:
        if self.summary is not None and self._worker is None:
            path = ask_pdf_path(self, "Download the signed summary as PDF", f"summary-{self.summary['id']}.pdf")
            if path is not None:
                self.export_to(path, replace=True)

    def _on_share_clicked(self) -> None:
        if self.summary is not None and self._worker is None:
            path = ask_pdf_path(self, "Save the encrypted copy for the client",
                                f"summary-{self.summary['id']}-shared.pdf")
            if path is not None:
                self.export_to(path, share=True, replace=True)

    def export_to(self, path: Path, *, share: bool = False, replace: bool = False) -> None:
        """Write the signed PDF, or the AES-256 copy to share, on the vault pool (recorded, audited)."""
        service, summary_id = self._ctx.practice.documents, self.summary["id"]

        def done(record) -> None:
            self.last_export_path = record.path
            if record.passphrase:
                self.result.setText(f"Wrote the encrypted copy {record.path.name} (AES-256).")
                self.passphrase_dialog = SharePassphraseDialog(record.passphrase, record.path.name,
                                                               self._ctx.clipboard, self)
                self.passphrase_dialog.open()
            else:
                self.result.setText(f"Wrote the signed PDF {record.path.name} (SHA-256 {record.sha256[:12]}…).")

        self._run(lambda p, t: service.export_summary(summary_id, path, share=share, force=replace),
                  self.editor_busy, "Writing the encrypted copy…" if share else "Writing the signed PDF…", done,
                  lambda message, _type: QMessageBox.warning(self, "Not written", message), pool="vault",
                  cancellable=False)

    def _on_delete_clicked(self) -> None:
        if self.summary is None or self._worker is not None:
            return
        signed = self.summary["status"] == "signed"
        text = (f"Delete this signed {TITLES[self.summary['kind']]}? It leaves the chart; PDFs already written are "
                "not affected. The deletion is recorded in the audit trail." if signed else
                f"Delete this {TITLES[self.summary['kind']]} draft? This cannot be undone.")
        if QMessageBox.question(self, "Delete summary", text) != QMessageBox.StandardButton.Yes:
            return
        self._dirty = False
        self._autosave.stop()
        summary_id, service, client_id = self.summary["id"], self._service, self.client_id

        def deleted(_none) -> None:
            if self.client_id == client_id:
                self.summary = None
                self.refresh_list()
                self.result.clear()

        VaultOp(self._ctx.practice, lambda: service.delete(summary_id), parent=self, title="Not deleted") \
            .success(deleted).run()
