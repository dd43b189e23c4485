"""A small line plot of questionnaire totals over time (QtCharts is not in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from session_assistant.ui.common import theme

# The series colours come from the theme (Okabe-Ito hues, one set for light and one for dark, that stay
# apart for the common colour-vision deficiencies); the second series is also dashed so grey still works.

# Severity cut-offs the PHQ-9 and GAD-7 share (the PHQ-9 adds 20); drawn as faint lines.
SHARED_CUTOFFS = ((5, "mild"), (10, "moderate"), (15, "mod. severe / severe"), (20, "severe"))
# One questionnaire alone gets its own bands: a GAD-7-only chart drew "severe" at 20 (the PHQ-9's,
# above the GAD-7's 15) and printed its 20 over the scale's 21.
SHARED_BANDS_SAID = "5 mild, 10 moderate, 15 moderately severe (GAD-7: severe), 20 severe (PHQ-9 only)"
OWN_CUTOFFS = {"GAD-7": ((5, "mild"), (10, "moderate"), (15, "severe")),
               "PHQ-9": ((5, "mild"), (10, "moderate"), (15, "moderately severe"), (20, "severe"))}


class TrendPlot(QWidget):
    """Totals (oldest first) on one scale, a legend naming each instrument and its range, and
    optional severity cut-off lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._series: list[tuple[str, list[tuple[str, int]], int]] = []
        self._cutoffs: tuple[tuple[int, str], ...] = ()

    def set_series(self, series: list[tuple[str, list[tuple[str, int]], int]],
                   cutoffs: tuple[tuple[int, str], ...] = ()) -> None:
        """``[(label, [(date, total), ...], max_total), ...]`` and ``[(score, band name), ...]``."""
        self._series = [s for s in series if s[1]]
        plotted = {label for label, _points, _maximum in self._series}
        if cutoffs == SHARED_CUTOFFS and len(plotted) == 1:
            cutoffs = OWN_CUTOFFS.get(next(iter(plotted)), cutoffs)
        self._cutoffs = cutoffs
        self.setAccessibleDescription("; ".join(f"{label} total (0-{maximum}): " + ", ".join(f"{d} {t}" for d, t in points)
                                                for label, points, maximum in self._series))
        self.update()

    @property
    def cutoffs(self) -> tuple[tuple[int, str], ...]:
        return self._cutoffs

    def title(self, default: str) -> str:
        """"GAD-7 over time" for what is plotted; ``default`` while nothing is."""
        return " and ".join(label for label, _points, _maximum in self._series) + " over time" if self._series else default

    def caption(self) -> str:
        """The words under the plot, for what it shows: a GAD-7-only plot said "on one 0–27 scale"
        under its 0–21 axis, and named the PHQ-9's bands."""
        if not self._series:
            return "Totals at each administration will show here, oldest on the left."
        top = max(maximum for _label, _points, maximum in self._series)
        scale = f"on the {self._series[0][0]}'s 0–{top} scale" if len(self._series) == 1 else f"on one 0–{top} scale"
        bands = (SHARED_BANDS_SAID if self._cutoffs == SHARED_CUTOFFS
                 else ", ".join(f"{value} {name}" for value, name in self._cutoffs if value < top))
        return f"Totals at each administration, oldest on the left, {scale}." + (
            f" Dotted lines: severity cut-offs {bands}." if bands else "")

    def legend_texts(self) -> list[str]:
        return [f"{label} total, 0–{maximum} (latest {points[-1][1]})" for label, points, maximum in self._series]

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.text().color()
        metrics = painter.fontMetrics()
        line_h = metrics.height()
        legends = self._legend_positions(metrics, self.width() - 40)
        rows = 1 + max((row for _x, row in legends), default=0)
        area = QRectF(self.rect()).adjusted(28, rows * line_h + 10, -12, -line_h - 6)
        if not self._series:
            painter.setPen(text_colour)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No scores yet")
            return
        top = max(maximum for _label, _points, maximum in self._series)  # one scale: totals compare
        grid_pen = QPen(palette.mid().color(), 1)
        for value in (0, top):
            y = area.bottom() - area.height() * value / top
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(theme.colour("muted"))  # the grid's colour is too faint for text (AA)
            painter.drawText(QRectF(0, y - line_h / 2, area.left() - 4, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        self._paint_cutoffs(painter, area, top, line_h)
        dates = sorted({d for _label, points, _max in self._series for d, _t in points})
        position = {d: i for i, d in enumerate(dates)}
        step = area.width() / max(1, len(dates) - 1)
        painter.setPen(text_colour)
        painter.drawText(QPointF(area.left(), area.bottom() + line_h + 2), dates[0])
        if len(dates) > 1:
            painter.drawText(QPointF(area.right() - metrics.horizontalAdvance(dates[-1]), area.bottom() + line_h + 2),
                             dates[-1])
        for index, ((label, points, _maximum), legend, (legend_x, row)) in enumerate(
                zip(self._series, self.legend_texts(), legends)):
            legend_x += area.left()
            legend_y = row * line_h
            series = theme.colours().series
            pen = QPen(QColor(series[index % len(series)]), 2.5)
            if index % 2:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            xy = [QPointF(area.left() + position[d] * step if len(dates) > 1 else area.center().x(),
                          area.bottom() - area.height() * total / top) for d, total in points]
            for a, b in zip(xy, xy[1:]):
                painter.drawLine(a, b)
            painter.setBrush(pen.color())
            for point in xy:
                painter.drawEllipse(point, 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawLine(QPointF(legend_x, legend_y + line_h / 2 + 3), QPointF(legend_x + 22, legend_y + line_h / 2 + 3))
            painter.setPen(text_colour)
            painter.drawText(QPointF(legend_x + 26, legend_y + line_h), legend)

    def _legend_positions(self, metrics, width: float) -> list[tuple[float, int]]:
        """(x, row) of each legend entry: entries wrap to a new row rather than run off the edge."""
        positions, x, row = [], 0.0, 0
        for legend in self.legend_texts():
            entry = 26 + metrics.horizontalAdvance(legend)
            if x and x + entry > width:
                x, row = 0.0, row + 1
            positions.append((x, row))
            x += entry + 18
        return positions

    def _paint_cutoffs(self, painter: QPainter, area: QRectF, top: int, line_h: int) -> None:
        """Faint dotted lines at the severity cut-offs, labelled with the score and band at the right."""
        faint = theme.colour("muted")  # AA on the background, unlike a see-through text colour
        pen = QPen(theme.colour("border"), 1, Qt.PenStyle.DotLine)
        small = theme.font("caption", painter.font())
        painter.save()
        painter.setFont(small)
        for value, name in self._cutoffs:
            if value >= top:
                continue
            y = area.bottom() - area.height() * value / top
            painter.setPen(pen)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(faint)
            painter.drawText(QRectF(0, y - line_h / 2, area.left() - 4, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
            painter.drawText(QRectF(area.left(), y - line_h, area.width() - 2, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, name)
        painter.restore()
