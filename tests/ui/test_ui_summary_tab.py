"""The chart's Summary tab, driven in the real window on the sample practice.

The whole treatment-summary workflow with the 135M test model: Add, Generate (progress, cancel),
the autosaving editor, Update in words, Sign & Approve, the PDF read back, the shared AES-256 copy
opened with its one-time passphrase, Delete; one draft per client; the too-little-range error.
Assertions are on what the app guarantees (sources, states, files), never on the model's wording.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from session_assistant.ui.summary import summary_warmup
from ui_helpers import unlock

TEST_LLM = "smollm2-135m-instruct"
FAST = {"final_statements": 3, "period_statements": 2}  # fewer statements: quick on two shared cores


def summary_tab(qtbot, window, name: str = "Avery"):
    unlock(qtbot, window)
    workspace = window.workspace
    workspace.go(1)
    chart = workspace.chart
    item = next(chart.clients.item(i) for i in range(chart.clients.count()) if name in chart.clients.item(i).text())
    chart.clients.setCurrentItem(item)
    index = chart.optional_tabs["Summary"]
    assert chart.tabs.isTabEnabled(index)
    chart.tabs.setCurrentIndex(index)
    return chart.summary_tab


def audit_actions(practice, summary_id: int) -> list[str]:
    with practice.vault.db.read() as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE entity = 'summary' AND entity_id = ? "
                                           "ORDER BY seq", (summary_id,))]


def answer(monkeypatch, button) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: button)


def save_as(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "PDF (*.pdf)"))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.slow
def test_treatment_summary_from_add_to_delete(qtbot, ready_vault, make_window, monkeypatch, tmp_path):
    window = make_window(ready_vault, model_overrides={"llm": TEST_LLM})
    window.ctx.settings.auto_lock_minutes = 120
    tab = summary_tab(qtbot, window)
    practice = window.ctx.practice
    practice.summaries.summarizer_options = FAST
    assert tab.pages.currentIndex() == tab.EMPTY and tab.summaries.topLevelItemCount() == 0

    tab.add_treatment_action.trigger()
    assert tab.pages.currentIndex() == tab.FORM
    assert "1 signed progress note, 6 signed assessments" in tab.in_range.text()
    tab.purpose.setCurrentText("discharge")
    seen = []
    show = tab.form_busy.show_progress
    monkeypatch.setattr(tab.form_busy, "show_progress", lambda f, m: (seen.append((f, m)), show(f, m)))

    # Cancel while the model writes: "Cancelling…", then nothing was saved.
    tab.generate_button.click()
    assert not tab.add_button.isEnabled() and not tab.summaries.isEnabled()  # one piece of work at a time
    # At the first progress report: composing from digests is quick, so waiting for the model's
    # tokens could find the draft already done (the cancel would then come too late to test).
    qtbot.waitUntil(lambda: bool(seen) or not tab.busy_now, timeout=300_000)
    assert tab.busy_now, "the summary was drafted before the first progress report reached the screen"
    tab.form_busy.cancel.click()
    assert tab.form_busy.message.text() == "Cancelling…" or not tab.busy_now
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=60_000)
    assert "Cancelled" in tab.result.text() and practice.summaries.list(tab.client_id) == []

    # Generate: stages with a percentage that only moves forward, then the draft in the editor.
    seen.clear()
    tab.generate_button.click()
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=600_000)
    assert tab.pages.currentIndex() == tab.EDITOR, tab.form_error.text()
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions) and len(set(fractions)) >= 3 and any(0 < f < 1 for f in fractions)
    # The stages of the composition from digests (the model writes only the short narrative).
    assert any(m.startswith("Reading the digests") for _f, m in seen), seen
    assert any(m.startswith("Writing the narrative") for _f, m in seen), seen
    assert all(m.endswith(" s") for _f, m in seen[1:]), seen
    assert tab.last_generate_seconds is not None and tab.last_generate_seconds > 0
    summary = practice.summaries.get(tab.summary["id"])
    assert (summary["kind"], summary["status"], summary["purpose"], summary["ai_model"]) == \
        ("treatment", "draft", "discharge", TEST_LLM)
    assert tab.text.toPlainText() == summary["text"] and not tab.text.isReadOnly()
    assert tab.state.text() == "Draft · saved" and tab.summaries.topLevelItemCount() == 1
    allowed = {(s["kind"], s["id"]) for s in summary["sources"]}
    assert allowed and all((r["kind"], r["id"]) in allowed for s in summary["statements"] for r in s["sources"])
    assert TEST_LLM in tab.details.text() and summary["date_from"] in tab.details.text()
    assert not tab.pdf_button.isEnabled() and not tab.share_button.isEnabled()  # only signed ones are exported
    tab.sources_button.click()
    assert tab.sources_dialog.table.topLevelItemCount() == len(summary["sources"])
    tab.sources_dialog.close()

    # The editor saves itself a moment after typing stops.
    tab.text.appendPlainText("Clinician's own line.")
    assert tab.state.text() == "Draft · editing…"
    qtbot.waitUntil(lambda: practice.summaries.get(summary["id"])["text"].endswith("Clinician's own line."),
                    timeout=5000)
    assert tab.state.text() == "Draft · saved" and "summary_edited" in audit_actions(practice, summary["id"])

    # Locking right after typing (before the autosave fired) saves the edit first.
    tab.text.appendPlainText("Typed just before the lock.")
    window.lock("on demand")
    tab = summary_tab(qtbot, window)
    practice = window.ctx.practice
    practice.summaries.summarizer_options = FAST
    assert tab.pages.currentIndex() == tab.EMPTY  # nothing of the last session's screen survives the lock
    tab.summaries.setCurrentItem(tab.summaries.topLevelItem(0))
    assert tab.text.toPlainText().endswith("Clinician's own line.\nTyped just before the lock.")

    # A second Add opens the existing draft instead of starting another.
    tab.add_treatment_action.trigger()
    assert tab.pages.currentIndex() == tab.EDITOR and tab.summary["id"] == summary["id"]
    assert len(practice.summaries.list(tab.client_id)) == 1

    # Update in words: the model reworks the draft, sources carry through.
    tab.instruction.setText("Make it shorter.")
    tab.update_button.click()
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=600_000)
    updated = practice.summaries.get(summary["id"])
    assert "summary_refined" in audit_actions(practice, summary["id"]), tab.result.text()
    assert tab.text.toPlainText() == updated["text"] and tab.instruction.text() == ""
    assert all((r["kind"], r["id"]) in allowed for s in updated["statements"] for r in s["sources"])

    # Sign & Approve asks first; Cancel changes nothing, Yes signs and makes it read-only.
    answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    tab.sign_button.click()
    assert practice.summaries.get(summary["id"])["status"] == "draft"
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.sign_button.click()
    signed = practice.summaries.get(summary["id"])
    assert signed["status"] == "signed" and signed["signer_name"] == "Dr Test Clinician"
    assert tab.state.text() == "Signed · read-only" and tab.text.isReadOnly()
    assert tab.sign_button.isHidden() and tab.update_button.isHidden()
    assert tab.pdf_button.isEnabled() and tab.share_button.isEnabled()
    assert tab.summaries.topLevelItem(0).text(2) == "Signed"

    # Download PDF: the signed document, written through the output guard, read back and verified.
    out = tmp_path / "out"
    out.mkdir()
    save_as(monkeypatch, out / "summary.pdf")
    tab.pdf_button.click()
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=60_000)
    from session_assistant.documents.verify import verify

    assert tab.last_export_path == out / "summary.pdf" and verify(out / "summary.pdf").ok
    text = pdf_text(PdfReader(out / "summary.pdf"))
    assert "Lindqvist" in text and "Dr Test Clinician" in text

    # Share: an AES-256 copy that opens only with the passphrase shown once.
    save_as(monkeypatch, out / "shared.pdf")
    tab.share_button.click()
    qtbot.waitUntil(lambda: tab.passphrase_dialog is not None, timeout=60_000)
    passphrase = tab.passphrase_dialog.passphrase.text()
    assert len(passphrase) >= 20
    shared = PdfReader(out / "shared.pdf")
    assert shared.is_encrypted and shared.trailer["/Encrypt"]["/V"] == 5 and shared.trailer["/Encrypt"]["/R"] == 6
    with pytest.raises(FileNotDecryptedError):
        pdf_text(shared)
    assert shared.decrypt("wrong passphrase") == 0
    reopened = PdfReader(out / "shared.pdf")
    assert reopened.decrypt(passphrase) != 0 and "Lindqvist" in pdf_text(reopened)
    tab.passphrase_dialog.accept()
    assert tab.passphrase_dialog.passphrase.text() == ""  # shown once
    assert passphrase not in tab.result.text()

    # Delete asks first, then the summary leaves the chart (audited).
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.delete_button.click()
    assert practice.summaries.list(tab.client_id) == [] and tab.summaries.topLevelItemCount() == 0
    assert tab.pages.currentIndex() == tab.EMPTY
    assert audit_actions(practice, summary["id"])[-1] == "summary_deleted"


def test_too_little_in_the_range_says_what_to_add(qtbot, ready_vault, make_window):
    window = make_window(ready_vault, model_overrides={"llm": TEST_LLM})
    tab = summary_tab(qtbot, window)
    tab.add_treatment_action.trigger()
    today = tab.date_to.date()
    tab.date_from.setDate(today.addDays(-25))
    tab.date_to.setDate(today.addDays(-10))  # the sample signed items 1, 4 and 8 weeks ago
    assert "0 signed progress notes, 0 signed assessments" in tab.in_range.text()
    qtbot.wait(summary_warmup.DELAY_MS + 500)  # the form rests: a range too thin to summarise loads no model
    assert not tab.warm_up.running and window.ctx.practice.sessions._llm is None
    window.workspace.chart.consent_revoke.click()  # the chart redraws: the half-filled form stays
    assert tab.pages.currentIndex() == tab.FORM and tab.date_to.date() == today.addDays(-10)
    qtbot.keyClick(tab.purpose.lineEdit(), Qt.Key.Key_Return)  # Enter generates
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=30_000)
    assert tab.pages.currentIndex() == tab.FORM and tab.form_error.isVisible()
    message = tab.form_error.text()
    assert "at least 2 are needed" in message and "What to add" in message and "PHQ-9" in message
    assert "0 signed progress notes" in message
    assert window.ctx.practice.summaries.list(tab.client_id) == []
    assert window.ctx.practice.sessions._llm is None  # refused before any model was loaded
    tab.form_cancel_button.click()  # Back
    assert tab.pages.currentIndex() == tab.EMPTY and "No summaries yet" in tab.empty_hint.text()


def test_case_summary_of_a_thin_record_is_refused_before_the_model(qtbot, ready_vault, make_window):
    window = make_window(ready_vault, model_overrides={"llm": TEST_LLM})
    tab = summary_tab(qtbot, window, "Jonah")  # one signed note only
    tab.add_case_action.trigger()
    assert tab.pages.currentIndex() == tab.FORM
    assert not tab.range_widget.isVisible() and not tab.purpose.isVisible()
    assert "In the signed record: 1 signed progress note" in tab.in_range.text()
    tab.generate_button.click()
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=30_000)
    assert tab.form_error.isVisible() and "What to add" in tab.form_error.text()
    assert window.ctx.practice.summaries.list(tab.client_id) == []
    assert window.ctx.practice.sessions._llm is None


@pytest.mark.slow
def test_case_summary_generates_once_and_add_reopens_it(qtbot, ready_vault, make_window):
    window = make_window(ready_vault, model_overrides={"llm": TEST_LLM})
    window.ctx.settings.auto_lock_minutes = 120
    tab = summary_tab(qtbot, window)
    practice = window.ctx.practice
    practice.summaries.summarizer_options = FAST
    tab.add_case_action.trigger()
    assert "In the signed record: 1 signed progress note, 6 signed assessments" in tab.in_range.text()
    tab.generate_button.click()
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=600_000)
    assert tab.pages.currentIndex() == tab.EDITOR, tab.form_error.text()
    case = practice.summaries.get(tab.summary["id"])
    assert (case["kind"], case["status"], case["date_from"]) == ("case", "draft", None)
    assert "whole signed record" in tab.details.text() and tab.summaries.topLevelItem(0).text(0) == "AI Case Summary"
    tab.summaries.clearSelection()
    tab.add_case_action.trigger()  # one draft at a time: Add opens it, nothing is generated
    assert tab.pages.currentIndex() == tab.EDITOR and tab.summary["id"] == case["id"] and not tab.busy_now
    assert "already has" in tab.result.text() and len(practice.summaries.list(tab.client_id)) == 1


@pytest.mark.slow
def test_a_resting_form_reads_the_prompt_ahead_so_generate_only_writes(qtbot, ready_vault, make_window):
    # The real model: what is proven is llama.cpp's cache, which a fake does not have.
    window = make_window(ready_vault, real_engines=True, model_overrides={"llm": TEST_LLM})
    window.ctx.settings.auto_lock_minutes = 120
    tab = summary_tab(qtbot, window)
    practice = window.ctx.practice
    tab.add_treatment_action.trigger()
    tab.purpose.setCurrentText("consultation")
    key, seen = tab._form_key(), []
    assert practice.sessions._llm is None  # nothing loads while the form is being filled in
    # While it warms up, quitting would not ask: it is preparation, not drafting.
    qtbot.waitUntil(lambda: seen.append(window.ctx.pools.engine_busy) or key in tab.warm_up.finished_keys,
                    timeout=120_000)
    assert seen and not any(seen)
    evaluated = []
    llm = practice.sessions.llm()._llm
    original = llm.eval
    llm.eval = lambda tokens: (evaluated.append(len(tokens)), original(tokens))[1]
    tab.generate_button.click()
    qtbot.waitUntil(lambda: not tab.busy_now, timeout=300_000)
    assert tab.pages.currentIndex() == tab.EDITOR, tab.form_error.text()
    # Generate read none of the prompt again (at most its last token, to refresh the logits).
    assert evaluated and evaluated[0] <= 1 and all(n == 1 for n in evaluated[1:]), evaluated[:3]
    result = practice.summaries.last_result
    assert result.model_calls == 1 and result.prompt_tokens > 100
    summary = practice.summaries.get(tab.summary["id"])
    assert summary["purpose"] == "consultation" and all(s["sources"] for s in summary["statements"])
