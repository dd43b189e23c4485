"""The audit trail as a list on screen: one row per entry, in the words of ``services.audit_words``.

Shared by the chart's Activity tab (one client) and the practice's audit trail dialog (all of it).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from session_assistant.services.audit_words import plain_entry
from session_assistant.ui.common import theme
from session_assistant.ui.common.widgets import WrappingDelegate

SEQ_ROLE = Qt.ItemDataRole.UserRole  # the entry's number in the trail (tests and the CLI's JSON compare it)
WHAT = 2  # the one column that wraps; the others are sized to their text


class _WhatWraps(WrappingDelegate):
    """Only the sentence wraps: a date or a name sized to the column it sizes would fold into one word
    a line (the column then shrinks to that, and so on)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt name
        if index.column() == WHAT:
            return super().sizeHint(option, index)
        return QStyledItemDelegate.sizeHint(self, option, index)


def audit_tree(name: str, with_client: bool) -> QTreeWidget:
    """When | Who | What (| Client): dates and names read whole, the sentence wraps."""
    tree = QTreeWidget()
    headers = ("When", "Who", "What") + (("Client",) if with_client else ())
    tree.setHeaderLabels(headers)
    tree.setColumnCount(len(headers))
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setAccessibleName(name)
    tree.setItemDelegate(_WhatWraps(tree))
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if column == WHAT else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return tree


def audit_entries(rows: list[dict], clinician: str) -> list[dict]:
    """``AuditService.history``'s rows in words (no Qt: runs on the vault pool with the read)."""
    return [plain_entry(row, clinician) for row in rows]


def fill_audit_tree(tree: QTreeWidget, entries: list[dict]) -> None:
    """Replace the tree's rows with ``entries`` (``audit_entries``', newest first)."""
    with_client = tree.columnCount() > 3
    tree.setUpdatesEnabled(False)
    tree.clear()
    items = []
    notice = QBrush(QColor(theme.colours().error))
    for entry in entries:
        texts = [entry["when"], entry["who"], entry["what"]] + ([entry["client"] or "—"] if with_client else [])
        item = QTreeWidgetItem(texts)
        item.setData(0, SEQ_ROLE, entry["seq"])
        item.setToolTip(WHAT, entry["what"])
        if entry["attention"]:  # a failed sign-in, a lost record, lost audio: not one more grey line
            item.setForeground(WHAT, notice)
            font = item.font(WHAT)
            font.setBold(True)
            item.setFont(WHAT, font)
            item.setToolTip(WHAT, f"Worth a look: {entry['what']}")
        items.append(item)
    tree.addTopLevelItems(items)
    tree.setUpdatesEnabled(True)


def shown_rows(tree: QTreeWidget) -> list[list[str]]:
    """What the clinician reads, row by row (tests, and the look-through script)."""
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())] for i in range(tree.topLevelItemCount())]
