"""Signed assessments, treatment plans and summaries carry the same "Signed · read-only" banner as a
signed note (issue 21), and a draft of each does not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ui_helpers import unlock

PLAN = {"problems": [{"problem": "Worry", "goals": [{"goal": "Sleep through", "objectives": []}]}]}


def _is_signed_banner(banner, record: str) -> bool:
    return (banner.isVisible() and banner.text() == "Signed · read-only" and banner.property("kind") == "signed"
            and banner.accessibleName() == f"This {record} is signed and read-only")


@pytest.fixture
def window_and_avery(qtbot, ready_vault, make_window):
    """The window, shown at 1366x768 and unlocked, and the sample client Avery's id."""
    window = make_window(ready_vault)
    window.resize(1366, 768)
    window.show()
    unlock(qtbot, window)
    return window, next(c["id"] for c in window.ctx.practice.clients.list() if c["first_name"] == "Avery")


def _chart_tab(window, client: int, tab: str):
    window.workspace.open_chart(client)
    chart = window.workspace.chart
    chart.tabs.setCurrentIndex(chart.optional_tabs[tab])
    return chart


def test_a_signed_assessment_shows_the_banner_and_a_draft_does_not(window_and_avery):
    window, client = window_and_avery
    practice = window.ctx.practice
    practice.assessments.add(client, "gad7", [0, 1, 0, 1, 0, 1, 0], date.today().isoformat())  # a draft
    chart = _chart_tab(window, client, "Assessments")
    tab = chart.assessments_tab
    history = [tab.history.topLevelItem(i) for i in range(tab.history.topLevelItemCount())]
    signed = next(item for item in history if item.text(5) == "Signed")
    draft = next(item for item in history if item.text(5) == "Draft")
    tab.history.setCurrentItem(signed)
    assert _is_signed_banner(tab.signed_banner, "assessment")
    tab.history.setCurrentItem(draft)
    assert not tab.signed_banner.isVisible()


def test_a_signed_plan_version_shows_the_banner_and_a_draft_does_not(window_and_avery):
    window, client = window_and_avery
    practice = window.ctx.practice
    signed = practice.plans.create(client, PLAN, (date.today() + timedelta(weeks=12)).isoformat())
    practice.plans.sign(signed, "Dr Test Clinician")
    draft = practice.plans.create(client, PLAN, None)
    chart = _chart_tab(window, client, "Treatment plan")
    editor = chart.plan_tab
    editor.fill(practice, client, select=signed)
    assert _is_signed_banner(editor.signed_banner, "treatment plan")
    editor.fill(practice, client, select=draft)
    assert not editor.signed_banner.isVisible()


def test_a_signed_summary_shows_the_banner_and_a_draft_does_not(window_and_avery):
    window, client = window_and_avery
    summaries = window.ctx.practice.summaries
    start, end = (date.today() - timedelta(weeks=12)).isoformat(), date.today().isoformat()
    # Stored as the model would have written it: what the tab shows is under test here, not the model.
    signed = summaries._insert_treatment(client, start, end, "", "Fictional summary.", [], "test")
    summaries.sign(signed, "Dr Test Clinician")
    draft = summaries._insert_treatment(client, start, end, "", "Fictional draft.", [], "test")
    chart = _chart_tab(window, client, "Summary")
    tab = chart.summary_tab
    tab.open_summary(signed)
    assert _is_signed_banner(tab.signed_banner, "summary")
    tab.open_summary(draft)
    assert not tab.signed_banner.isVisible()
