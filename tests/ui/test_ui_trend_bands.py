"""The measures plot draws the bands of what it plots: a chart with only GAD-7 scores drew the
PHQ-9's "severe" line at 20 (above the GAD-7's own 15) and printed 20 over the scale's 21."""

from __future__ import annotations

from session_assistant.ui.chart.trend_plot import SHARED_CUTOFFS, TrendPlot

GAD7 = ("GAD-7", [("2026-12-03", 13)], 21)
PHQ9 = ("PHQ-9", [("2026-12-03", 9)], 27)


def test_gad7_alone_gets_its_own_bands_and_no_line_at_20(qtbot):
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.set_series([("PHQ-9", [], 27), GAD7], SHARED_CUTOFFS)
    assert plot.cutoffs == ((5, "mild"), (10, "moderate"), (15, "severe"))


def test_phq9_alone_names_15_moderately_severe_and_both_keep_the_shared_bands(qtbot):
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.set_series([PHQ9, ("GAD-7", [], 21)], SHARED_CUTOFFS)
    assert dict(plot.cutoffs)[15] == "moderately severe" and dict(plot.cutoffs)[20] == "severe"
    plot.set_series([PHQ9, GAD7], SHARED_CUTOFFS)
    assert plot.cutoffs == SHARED_CUTOFFS


def test_the_caption_follows_the_measures_shown(qtbot):
    """A GAD-7-only plot said "on one 0-27 scale" under its 0-21 axis, and named the PHQ-9's bands."""
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.set_series([("PHQ-9", [], 27), GAD7], SHARED_CUTOFFS)
    said = plot.caption()
    assert "0–21" in said and "0–27" not in said and "GAD-7" in said
    assert "15 severe" in said and "moderately severe" not in said and "20" not in said
    assert plot.title("PHQ-9 and GAD-7 over time") == "GAD-7 over time"  # the box's title too
    plot.set_series([PHQ9, ("GAD-7", [], 21)], SHARED_CUTOFFS)
    assert "0–27" in plot.caption() and "20 severe" in plot.caption()
    plot.set_series([PHQ9, GAD7], SHARED_CUTOFFS)
    assert "one 0–27 scale" in plot.caption() and "(GAD-7: severe)" in plot.caption()
    plot.set_series([("PHQ-9", [], 27), ("GAD-7", [], 21)], SHARED_CUTOFFS)
    assert "scale" not in plot.caption()
