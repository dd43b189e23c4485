"""A small line plot of questionnaire totals over time (QtCharts is not in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class TrendPlot(QWidget):
    """Totals (oldest first) against their maximum; colours come from the palette (light and dark)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(90)
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
        area = QRectF(self.rect()).adjusted(30, 8, -70, -18)
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.drawRect(area)
        if not self._series:
            painter.setPen(palette.text().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No scores yet")
            return
        colours = (palette.highlight().color(), palette.link().color().darker(120))
        for index, (label, points, maximum) in enumerate(self._series):
            pen = QPen(colours[index % len(colours)], 2)
            if index:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            step = area.width() / max(1, len(points) - 1)
            xy = [QPointF(area.left() + i * step if len(points) > 1 else area.center().x(),
                          area.bottom() - area.height() * total / max(1, maximum)) for i, (_d, total) in enumerate(points)]
            for a, b in zip(xy, xy[1:]):
                painter.drawLine(a, b)
            for point in xy:
                painter.drawEllipse(point, 3, 3)
            painter.drawText(QPointF(area.right() + 6, xy[-1].y() + 4), f"{label} {points[-1][1]}")
