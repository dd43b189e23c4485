"""A small line plot of questionnaire totals over time (QtCharts is not in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class TrendPlot(QWidget):
    """Totals (oldest first) against their maximum; colours come from the palette (light and dark)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._series: list[tuple[str, list[tuple[str, int]], int]] = []

    def set_series(self, series: list[tuple[str, list[tuple[str, int]], int]]) -> None:
        """``[(label, [(date, total), ...], max_total), ...]``."""
        self._series = [s for s in series if s[1]]
        self.setAccessibleDescription("; ".join(f"{label}: " + ", ".join(f"{d} {t}" for d, t in points)
                                                for label, points, _ in self._series))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.text().color()
        metrics = painter.fontMetrics()
        line_h = metrics.height()
        area = QRectF(self.rect()).adjusted(28, line_h + 10, -12, -line_h - 6)
        if not self._series:
            painter.setPen(text_colour)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No scores yet")
            return
        top = max(maximum for _label, _points, maximum in self._series)  # one scale: totals compare
        painter.setPen(QPen(palette.mid().color(), 1))
        for value in range(0, top + 1, 5 if top <= 30 else 10):
            y = area.bottom() - area.height() * value / top
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QRectF(0, y - line_h / 2, area.left() - 4, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        dates = sorted({d for _label, points, _max in self._series for d, _t in points})
        position = {d: i for i, d in enumerate(dates)}
        step = area.width() / max(1, len(dates) - 1)
        painter.setPen(text_colour)
        painter.drawText(QPointF(area.left(), area.bottom() + line_h + 2), dates[0])
        if len(dates) > 1:
            painter.drawText(QPointF(area.right() - metrics.horizontalAdvance(dates[-1]), area.bottom() + line_h + 2),
                             dates[-1])
        colours = (palette.highlight().color(), palette.link().color())
        legend_x = area.left()
        for index, (label, points, _maximum) in enumerate(self._series):
            pen = QPen(colours[index % len(colours)], 2)
            if index:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            xy = [QPointF(area.left() + position[d] * step if len(dates) > 1 else area.center().x(),
                          area.bottom() - area.height() * total / top) for d, total in points]
            for a, b in zip(xy, xy[1:]):
                painter.drawLine(a, b)
            for point in xy:
                painter.drawEllipse(point, 3, 3)
            painter.drawLine(QPointF(legend_x, line_h / 2 + 3), QPointF(legend_x + 18, line_h / 2 + 3))
            painter.setPen(text_colour)
            legend = f"{label} (latest {points[-1][1]})"
            painter.drawText(QPointF(legend_x + 22, line_h), legend)
            legend_x += 22 + metrics.horizontalAdvance(legend) + 18
