"""Issue 15 items 8 and 9 in the window: a vault held by another process still opens, and a
damaged failure record shows a wait instead of crashing or letting guesses through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from sa_testing import TEST_PASSPHRASE
from ui_helpers import unlock

HOLDER = Path(__file__).resolve().parents[1] / "vault" / "hold_write_lock.py"


def test_a_damaged_record_shows_the_wait_and_a_busy_vault_still_opens(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    page = window.unlock_page
    (ready_vault.vault_dir / "unlock-attempts.json").write_text("{ damaged")
    page.passphrase.setText(TEST_PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page._worker is None, timeout=15000)
    assert "damaged" in page.message.text() and "wait" in page.message.text()
    assert not page.unlock_button.isEnabled() and window.workspace is None

    page._wait_timer.stop()
    page._wait_left = 0
    page.unlock_button.setEnabled(True)
    (ready_vault.vault_dir / "unlock-attempts.json").unlink()
    env = {**os.environ, "SESSION_ASSISTANT_PASSPHRASE": TEST_PASSPHRASE}
    holder = subprocess.Popen([sys.executable, str(HOLDER), str(ready_vault.vault_dir), "20"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "held"
        unlock(qtbot, window)
        assert holder.poll() is None, "the window waited for the other process's write lock"
        assert window.workspace.agenda.isVisible()
        # The deleted failure record is reported to the owner, not just written to the audit trail.
        box = window.findChild(QMessageBox, "signin_notices")
        assert box is not None and "deleted or replaced" in box.text()
    finally:
        holder.kill()
        holder.wait()
