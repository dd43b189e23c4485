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


def test_a_lock_never_leaves_a_digest_pass_writing_after_the_vault_writer_stopped(qtbot, ready_vault, make_window,
                                                                               caplog):
    """At a lock the chart keeps an unsaved plan as a draft, and a saved plan asks for a digest pass.
    That pass must not start (or must end) before the vault's writer stops: before, it began after
    the pools had been waited for, and its next write met a stopped writer (RuntimeError, the job
    left 'running'). The pass is slowed (a real digest, a pause first) so the order, not luck, decides."""
    import time

    from PySide6.QtCore import Qt

    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    client_id = practice.clients.list()[0]["id"]
    practice.assessments.sign(practice.assessments.add(client_id, "gad7", [2, 2, 2, 1, 1, 1, 1]), "Dr Sam Example")
    digest_one = practice.digests._digest_one

    def slow_digest(ctx):
        time.sleep(1.0)
        return digest_one(ctx)

    practice.digests._digest_one = slow_digest
    # A busy machine: the GUI thread is slow to get from the chart's save to the rest of the lock,
    # so a pass that save asked for is under way by then.
    session_teardown = window.workspace.session.teardown

    def slow_session_teardown():
        time.sleep(0.5)
        session_teardown()

    window.workspace.session.teardown = slow_session_teardown
    window.workspace.open_chart(client_id)
    chart = window.workspace.chart
    chart.tabs.setCurrentWidget(chart.plan_tab)
    qtbot.mouseClick(chart.plan_tab.new_plan, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(chart.plan_tab.tree.text, "Sleep six hours on most nights")
    assert chart.plan_tab.has_unsaved()
    caplog.clear()
    window.lock("idle")
    time.sleep(1.5)  # a pass left running would now write to the stopped writer
    qtbot.wait(100)
    assert "RuntimeError" not in caplog.text
    unlock(qtbot, window)
    with window.ctx.practice.vault.db.read() as conn:
        states = [r[0] for r in conn.execute("SELECT state FROM jobs WHERE kind LIKE '%digest%'")]
    assert "running" not in states and "failed" not in states, states
    assert "queued" in states  # the signing's digest waits for the next pass
