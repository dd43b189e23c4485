"""Digests in the window (issue 20): built in the background at unlock, and again after a signing
in the chart, so a summary finds them ready. Real vault, real digest service, real worker pool."""

from __future__ import annotations

from ui_helpers import unlock


def test_digests_are_built_at_unlock_and_after_a_signing(qtbot, ready_vault, make_window, monkeypatch):
    from session_assistant.vault import writer

    from session_assistant.ui.chart import chart_digests

    monkeypatch.setattr(chart_digests, "UNLOCK_DELAY_MS", 100)  # 30 s in the app
    window = make_window(ready_vault)
    unlock(qtbot, window)
    foreign: list[str] = []
    monkeypatch.setattr(writer, "WRITE_CHECK", foreign)  # digests are written on the one writer thread
    runner, practice = window.workspace.digests, window.ctx.practice
    qtbot.waitUntil(lambda: runner.passes >= 1, timeout=60000)  # (may run before the flag is set)
    status = practice.digests.status()
    assert status["signed_items"] > 0 and status["missing"] == 0 and status["jobs_waiting"] == 0, status

    client_id = practice.clients.list()[0]["id"]
    before = len(practice.digests.client_digests(client_id))
    assessment = practice.assessments.add(client_id, "gad7", [2, 2, 2, 1, 1, 1, 1])
    practice.assessments.sign(assessment, "Dr Sam Example")  # queues one digest job
    assert practice.digests.status()["jobs_waiting"] == 1
    passes = runner.passes
    window.workspace.note.changed.emit()  # what the note editor emits after a save or a signing
    qtbot.waitUntil(lambda: runner.passes > passes, timeout=60000)
    digests = practice.digests.client_digests(client_id)
    assert len(digests) == before + 1
    assert practice.digests.status()["jobs_waiting"] == 0
    assert foreign == []  # nor did the signing, made on the GUI thread: every write ran on the one writer
