"""The words the session screen and ``record`` show while they work: stage, percentage, time left."""

from __future__ import annotations

from session_assistant.services.live_session import StagedProgress, about


def test_each_stage_reports_its_number_percentage_and_an_estimate_from_its_own_pace():
    now = [100.0]
    seen: list[tuple[float, str]] = []
    stages = StagedProgress(lambda f, m: seen.append((f, m)), ("import", "transcribe", "draft"), clock=lambda: now[0])
    report = stages.stage("transcribe")
    assert seen[-1] == (0.0, "Transcribing (2 of 3) · 0 %")  # no estimate before anything is done
    now[0] += 30.0
    report(0.25, "window 1")
    assert seen[-1] == (0.25, "Transcribing (2 of 3) · 25 % · about 2 min left")  # 30 s for 25 %: 90 s to go
    drafting = stages.stage("draft")
    now[0] += 1.0
    drafting(0.5)
    assert seen[-1][1] == "Drafting (3 of 3) · 50 % · a few seconds left"
    drafting(1.0)
    assert seen[-1] == (1.0, "Drafting (3 of 3) · 100 %")


def test_estimates_read_at_a_glance():
    assert about(5) == "a few seconds left"
    assert about(45) == "under a minute left"
    assert about(200) == "about 3 min left"
