"""New client: the date of birth is stored as the clinician typed it, never a default nobody chose; a form copied
from a letter is read when its order shows, and one that could be read two ways is refused, saying so (never the
date typed: an error holds no client data)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from ui_helpers import unlock


def _add(qtbot, practice, window, first: str, last: str, born: str | None):
    from session_assistant.ui.common.dialogs import NewClientDialog

    dialog = NewClientDialog(practice, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.first, first)
    QTest.keyClicks(dialog.last, last)
    if born is not None:
        dialog.dob.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab leaves it (offscreen, Tab itself is not sent on)
        QTest.keyClicks(dialog.dob, born)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog


def test_a_typed_date_of_birth_is_stored_as_typed_and_none_typed_stores_none(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    practice = window.ctx.practice
    typed = _add(qtbot, practice, window, "Maya", "Lindqvist", "1991-06-14")
    qtbot.waitUntil(lambda: typed.client_id is not None, timeout=5000)
    assert practice.clients.get(typed.client_id)["date_of_birth"] == "1991-06-14"
    skipped = _add(qtbot, practice, window, "Ray", "Unknownborn", None)
    qtbot.waitUntil(lambda: skipped.client_id is not None, timeout=5000)
    assert practice.clients.get(skipped.client_id)["date_of_birth"] is None  # not a made-up 1990-01-01
    copied = _add(qtbot, practice, window, "Dee", "Slashes", "03/14/1991")  # as on a US intake form
    qtbot.waitUntil(lambda: copied.client_id is not None, timeout=5000)
    assert practice.clients.get(copied.client_id)["date_of_birth"] == "1991-03-14"
    either = _add(qtbot, practice, window, "Ola", "Either", "05/06/1991")  # 5 June or 6 May: never guessed
    assert either.isVisible() and either.client_id is None
    assert "day first or month first" in either.message.text() and "5 June" not in either.message.text()
