"""The busy panel during a long silent step: a wait at "0 %" (a model reading a long transcript
before its first word) or "100 %" (a large import being sealed) shows a running clock, so the
window does not look frozen; any visible progress takes the clock away again."""

from __future__ import annotations

import re

from session_assistant.ui.common import widgets


def test_a_step_without_visible_progress_shows_a_running_clock_that_progress_takes_away(qtbot, monkeypatch):
    monkeypatch.setattr(widgets, "STILL_WORKING_AFTER_S", 0.5, raising=False)
    panel = widgets.BusyPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.start("Drafting (3 of 3) · 0 %")
    panel.show_progress(0.0, "Drafting (3 of 3) · 0 %")  # the same report again: no change a clinician sees
    texts = lambda: [label.text() for label in panel.findChildren(type(panel.message)) if label.isVisible()]  # noqa: E731
    qtbot.waitUntil(lambda: any(text.startswith("Still working: ") for text in texts()), timeout=4000)
    clock = next(text for text in texts() if text.startswith("Still working: "))
    assert re.fullmatch(r"Still working: \d+ s since the last change shown above\.", clock), clock
    assert panel.message.text() == "Drafting (3 of 3) · 0 %"  # the engine's own words are left alone
    panel.show_progress(0.2, "Drafting (3 of 3) · 20 % · about 3 min left")
    assert not any(text.startswith("Still working") for text in texts())
    panel.done()
    assert not panel.isVisible()


def test_durations_read_as_seconds_then_minutes_and_seconds():
    assert widgets.spoken_duration(45.7) == "45 s"
    assert widgets.spoken_duration(125) == "2 min 05 s"


def test_the_percentage_is_said_once_in_the_line_above_not_drawn_over_the_filled_bar(qtbot):
    # The bar's own "100%" was dark text on the dark filled part (unreadable past half-way).
    panel = widgets.BusyPanel()
    qtbot.addWidget(panel)
    panel.start("Importing (1 of 3) · 0 %")
    panel.show_progress(1.0, "Importing (1 of 3) · 100 %")
    assert not panel.bar.isTextVisible() and panel.bar.value() == panel.bar.maximum()
    assert panel.message.text().endswith("100 %")
