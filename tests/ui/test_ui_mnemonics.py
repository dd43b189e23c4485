"""Alt+letter keys in the real window: no two visible controls of one screen share a letter.

Qt does not press either of two controls that share Alt+letter: it moves the focus between them.
The note editor had "✓ &Accept" beside "Sign && &Approve…", so Alt+A while reviewing a draft
did nothing but move the focus to Sign & Approve; the chart's tabs and forms and the session
screen had seven more such pairs (Alt+O: Overview or Other instrument, Alt+T: Telehealth or Stop)."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

from test_ui_note_review import SOAP_AI, editor_for  # noqa: F401 (fixture)

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def shared_alt_keys(window) -> dict[str, list[str]]:
    """Alt+letter -> the visible controls that claim it (a disabled one too: it is enabled a click later), where more than one does."""
    claims: dict[str, list[str]] = defaultdict(list)

    def claim(text: str) -> None:
        letter = _letter(text)
        if letter:
            claims[letter].append(text)

    for widget in window.findChildren(QAbstractButton) + window.findChildren(QGroupBox):
        if widget.isVisible():
            claim(widget.text() if isinstance(widget, QAbstractButton) else widget.title())
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if label.isVisible() and buddy is not None and buddy.isVisible():
            claim(label.text())
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for index in range(bar.count()):
                if bar.isTabVisible(index):
                    claim(bar.tabText(index))
    for action in window.menuBar().actions():
        claim(action.text())
    return {letter: texts for letter, texts in claims.items() if len(texts) > 1}


def test_the_note_under_review_has_one_control_per_alt_key(editor_for):
    window, editor = editor_for(SOAP_AI)
    editor.sentences.setCurrentRow(1)
    assert editor.accept_button.isEnabled()
    assert shared_alt_keys(window) == {}
    editor.review_tabs.setCurrentIndex(1)  # the Risk tab: its Accept button beside Refine
    editor.risk.setCurrentRow(0)
    assert shared_alt_keys(window) == {}


def test_the_agenda_each_chart_tab_and_the_session_screen_have_one_control_per_alt_key(
        qtbot, ready_vault, make_window):
    from ui_helpers import open_todays_session, unlock

    window = make_window(ready_vault)
    unlock(qtbot, window)
    shared = {"agenda": shared_alt_keys(window)}
    client = window.ctx.practice.clients.list()[0]
    window.workspace.open_chart(client["id"])
    tabs = window.workspace.chart.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        shared[tabs.tabText(index)] = shared_alt_keys(window)
    window.workspace.nav.setCurrentRow(0)
    name = window.workspace.agenda.tree.topLevelItem(0).child(0).text(1)
    open_todays_session(window, name)
    shared["session"] = shared_alt_keys(window)
    clashes = {screen: keys for screen, keys in shared.items() if keys}
    assert not clashes, "\n".join(f"{screen}: {keys}" for screen, keys in clashes.items())
