"""Status you can see: coloured pills in list columns, count badges on the navigation.

The text stays the item's own (screen readers and tests read ``item.text(column)``); the delegate
only paints it as a pill in the colours ``theme.status_colours`` gives its kind.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidgetItem

from session_assistant.ui.common import theme
from session_assistant.ui.agenda.session_status import status_kind

KIND_ROLE = Qt.ItemDataRole.UserRole + 20  # the pill's colour family (theme.STATUS_KINDS)
BADGES_ROLE = Qt.ItemDataRole.UserRole + 21  # [(text, kind)]: a count drawn on a nav entry's icon
PILL_PAD = 6  # px either side of a pill's text (between the grid's 4 and 8: pills sit in dense rows)


def set_status(item: QTreeWidgetItem, column: int, label: str, kind: str | None = None) -> None:
    """Show ``label`` in ``column`` as a pill coloured by ``kind`` (default: the kind of a session status)."""
    item.setText(column, label)
    item.setData(column, KIND_ROLE, kind or status_kind(label))


def _pill(painter: QPainter, rect: QRect, text: str, kind: str, option: QStyleOptionViewItem,
          pad: int = PILL_PAD) -> int:
    """Draw one pill with its left edge at ``rect.left()``, centred vertically; returns its width."""
    metrics = option.fontMetrics
    width = max(metrics.horizontalAdvance(text) + 2 * pad, metrics.height())
    height = min(metrics.height() + theme.SPACE["xs"], rect.height())
    box = QRect(rect.left(), rect.top() + (rect.height() - height) // 2, width, height)
    fg, bg = theme.status_colours(kind)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(box, height / 2, height / 2)
    painter.setPen(fg)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
    return width


class StatusPillDelegate(QStyledItemDelegate):
    """For a status column: the row's background and selection as usual, the text as a pill."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        kind = index.data(KIND_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if not kind or not text:
            super().paint(painter, option, index)
            return
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        styled.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, styled, painter, widget)
        _pill(painter, option.rect.adjusted(theme.SPACE["xs"], 0, 0, 0), text, kind, option)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt name
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * PILL_PAD + theme.SPACE["s"], max(size.height(), option.fontMetrics.height()
                                                                         + 2 * theme.SPACE["xs"]))


class NavDelegate(QStyledItemDelegate):
    """A navigation entry (icon and name, drawn by the style) with a count badge on its icon's corner.

    On the icon rather than after the name: the sidebar stays as narrow as the names, which a 1024 px
    screen needs beside the note editor.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        badges = index.data(BADGES_ROLE) or []
        if not badges:
            return
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        icon = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, styled, widget)
        small = QStyleOptionViewItem(option)
        small.font = theme.font("caption", option.font)
        small.font.setBold(True)
        small.fontMetrics = QFontMetrics(small.font)
        text, kind = badges[0]
        height = small.fontMetrics.height() + 2
        left = icon.center().x() + 2
        painter.save()
        painter.setFont(small.font)
        _pill(painter, QRect(left, icon.top() - height // 2, 0, height), text, kind, small, pad=4)
        painter.restore()
