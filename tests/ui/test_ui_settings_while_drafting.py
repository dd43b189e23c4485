"""Settings → Models lists the installed models while a draft is running on the engine thread."""

from __future__ import annotations

import time

from session_assistant.ui.common.worker import Worker
from ui_helpers import unlock


def _long_draft(_progress, token) -> None:
    """Stands in for a draft: holds the engine thread until cancelled, as llama.cpp does for minutes."""
    while not token.cancelled:
        time.sleep(0.05)


def test_models_are_listed_while_a_draft_holds_the_engine(qtbot, ready_vault, make_window):
    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    window = make_window(ready_vault, model_overrides={"llm": "smollm2-135m-instruct"})
    unlock(qtbot, window)
    draft = window.ctx.pools.run(Worker(_long_draft, "draft"))
    qtbot.waitUntil(lambda: draft.running, timeout=5000)
    try:
        dialog = SettingsDialog(window.ctx, window.workspace)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.note_model.count() > 1, timeout=60000)
        assert draft.running  # the list came while the draft was still going
        ids = [dialog.note_model.itemData(i) for i in range(dialog.note_model.count())]
        assert "smollm2-135m-instruct" in ids
        assert "Looking for installed models" not in dialog.models_message.text()
    finally:
        draft.cancel()
        # Nothing left running, so closing the window asks nothing.
        qtbot.waitUntil(lambda: not window.ctx.pools.busy, timeout=60000)
