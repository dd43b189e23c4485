"""The note editor and the chart at a laptop's size (1024x600, 1280x720), read in the real window by look24:
every mental status finding and "own words" box whole, the AI sentence list tall enough to work through,
the assessment history without a sideways scroll, a diagnosis's description whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel

from session_seed import seed_session
from ui_helpers import unlock

SIZES = (QSize(1024, 600), QSize(1280, 720))


def settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def inside(widget, outer) -> bool:
    """``widget`` lies wholly inside ``outer``'s rectangle (nothing of it cut by a scroll area's edge)."""
    rect = QRect(widget.mapTo(outer, QPoint(0, 0)), widget.size())
    return outer.rect().contains(rect)


def scroll_area_of(widget, within):
    """The scroll area inside ``within`` whose viewport holds ``widget``, or None."""
    parent = widget.parentWidget()
    while parent is not None and parent is not within:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_mental_status_finding_and_own_words_box_reads_whole(qtbot, ready_vault, make_window, size):
    """At 1280 and 1024 wide the two-column checklist cut "well groomed, appropriately dressed" to
    "well groomed, app" and the own-words boxes to "o..." (look23, 45-47)."""
    appointment, _note = seed_session(ready_vault, template="SOAP Note (manual)")
    window = make_window(ready_vault)
    window.resize(size)
    unlock(qtbot, window)
    window.workspace.open_note(appointment)
    panel = window.workspace.note.mental_status
    panel.normal_button.click()  # every item shows its (long) normal finding
    settle()
    labels = {label.buddy(): label for label in panel.findChildren(QLabel) if label.buddy() is not None}
    for key, combo in panel.choices.items():
        metrics = combo.fontMetrics()
        widest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.width() >= widest + 16, (key, combo.width(), widest)  # every choice, not only the one shown
        own = panel.notes[key]
        assert own.width() >= own.fontMetrics().horizontalAdvance("own words") + 12, (key, own.width())
        label = labels[combo]
        assert label.width() >= label.sizeHint().width(), (key, label.text())
        for widget in (label, combo, own):  # scrolled to where it scrolls; nothing of it cut at the sides
            area = scroll_area_of(widget, panel)
            if area is not None:
                assert not area.horizontalScrollBar().isVisible()
                area.ensureWidgetVisible(widget, 0, 0)
                settle()
            assert inside(widget, area.viewport() if area is not None else panel), (key, type(widget).__name__)
    assert window.size() == size


def test_the_ai_sentence_list_shows_five_rows_at_1024_by_600_and_the_note_keeps_its_room(qtbot, ready_vault,
                                                                                          make_window):
    """At 1024x600 the list of AI sentences showed two rows (look23, 63): five rows of an eight-sentence draft
    are in view, beside a note whose text still has room, with the chosen sentence's lines and the transcript."""
    from session_assistant.drafting import DraftSentence
    from test_ui_note_review import SOAP_AI, _draft, _seed

    draft = _draft()  # and three more, so the list scrolls: 8 rows, the first five in view
    draft.sentences += [DraftSentence("plan", f"Client will keep a short sleep diary on {day} evening.", [4])
                        for day in ("Monday", "Wednesday", "Friday")]
    appointment = _seed(ready_vault, draft=draft)
    window = make_window(ready_vault)
    window.resize(SIZES[0])
    unlock(qtbot, window)
    window.workspace.open_note(appointment)
    editor = window.workspace.note
    editor.template.setCurrentIndex(editor.template.findText(SOAP_AI))
    editor.create_button.click()
    editor.sentences.setCurrentRow(1)
    settle()
    listing = editor.sentences
    assert listing.count() == 8
    viewport = listing.viewport().rect()
    rects = [listing.visualItemRect(listing.item(row)) for row in range(listing.count())]
    whole = [row for row, rect in enumerate(rects)
             if rect.top() >= viewport.top() and rect.bottom() <= viewport.bottom()]
    assert whole[:5] == [0, 1, 2, 3, 4], (whole, viewport, rects)
    assert not listing.horizontalScrollBar().isVisible()
    for rect in rects:  # wrapped at the list's width, none cut at the right under a sideways scroll bar
        assert rect.right() <= viewport.right() + 1, (rect, viewport)
    line = listing.fontMetrics().lineSpacing()
    assert editor.fields_scroll.viewport().height() >= 8 * line  # the note's text: several lines of it
    assert editor.evidence.viewport().height() >= 2 * line  # the chosen sentence's transcript lines
    assert editor.transcript.lines.viewport().height() >= 2 * line
    assert window.size() == SIZES[0]


def open_chart_tab(qtbot, window, last_name: str, tab_name: str):
    practice = window.ctx.practice
    client = next(c["id"] for c in practice.clients.list() if c["last_name"] == last_name)
    window.workspace.open_chart(client)
    chart = window.workspace.chart
    chart.tabs.setCurrentWidget(getattr(chart, tab_name))
    settle()
    return chart


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_assessment_history_shows_every_column_without_a_sideways_scroll(qtbot, ready_vault, make_window, size):
    """At 1280 wide "Status" was off the right edge behind a horizontal scroll bar (look23, 35)."""
    window = make_window(ready_vault)
    window.resize(size)
    unlock(qtbot, window)
    history = open_chart_tab(qtbot, window, "Lindqvist", "assessments_tab").assessments_tab.history
    qtbot.waitUntil(lambda: history.topLevelItemCount() > 0 and history.isVisible())
    settle()
    header, metrics = history.header(), history.fontMetrics()
    assert not history.horizontalScrollBar().isVisible()
    assert header.sectionPosition(5) + header.sectionSize(5) <= history.viewport().width()
    for column in range(history.columnCount()):
        words = [history.headerItem().text(column)] + [history.topLevelItem(r).text(column)
                                                        for r in range(history.topLevelItemCount())]
        # a column of short values shows each whole; the Severity words may wrap, a word at a time
        widest = max(metrics.horizontalAdvance(w) for text in words for w in ([text] if column != 3 else text.split()))
        assert header.sectionSize(column) > widest, (column, header.sectionSize(column), widest)
    for row in range(history.topLevelItemCount()):  # a wrapped severity is a taller row, not "moder..."
        item = history.topLevelItem(row)
        rect = history.visualItemRect(item)
        needed = metrics.boundingRect(QRect(0, 0, header.sectionSize(3) - 8, 10_000), Qt.TextFlag.TextWordWrap,
                                      item.text(3)).height()
        assert rect.height() >= needed, (item.text(3), rect, needed)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_diagnosis_description_reads_whole(qtbot, ready_vault, make_window, size):
    """"Generalized anxiety disorder" showed as "Generalized anxiety ..." at 1280 wide (look23, 31): a
    description longer than its column wraps, its row as tall as the wrapped text."""
    from session_assistant.app import open_practice
    from sa_testing import TEST_PASSPHRASE

    practice = open_practice(ready_vault, TEST_PASSPHRASE)
    try:
        client = next(c["id"] for c in practice.clients.list() if c["last_name"] == "Lindqvist")
        practice.diagnoses.add(client, "F10.280", "2026-10-01")  # a long one beside the sample's F41.1
    finally:
        practice.close()
    window = make_window(ready_vault)
    window.resize(size)
    unlock(qtbot, window)
    listing = open_chart_tab(qtbot, window, "Lindqvist", "diagnoses_tab").diagnoses_tab.listing
    group = listing.topLevelItem(0)
    assert group.childCount() == 2
    width = listing.header().sectionSize(1) - 8  # the item's text margins
    metrics = listing.fontMetrics()

    def whole() -> bool:
        for row in range(group.childCount()):
            item = group.child(row)
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text(1)).height()
            if listing.visualItemRect(item).height() < needed:
                return False
        return True
    qtbot.waitUntil(whole, timeout=3000)
    assert metrics.horizontalAdvance(group.child(1).text(1)) > width  # the long one needs its second line
