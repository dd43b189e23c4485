"""The daily backup in the real window: made in the background at unlock when due, checked, shown;
Settings → Backups chooses the folder and backs up now. Real vault, real files."""

from __future__ import annotations

from session_assistant.app import open_practice
from session_assistant.vault.backup_check import verify_backup
from sa_testing import TEST_PASSPHRASE
from ui_helpers import unlock


def _backups(folder):
    return sorted(folder.glob("session-assistant-backup-*.sabak"))


def test_unlock_makes_the_daily_backup_in_the_background(qtbot, ready_vault, make_window, tmp_path):
    drive = tmp_path / "usb-drive"
    drive.mkdir()
    practice = open_practice(ready_vault, TEST_PASSPHRASE)
    practice.backups.schedule(drive, keep=3)
    practice.close()

    window = make_window(ready_vault)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: "written and checked" in window.statusBar().currentMessage(), timeout=60000)
    (made,) = _backups(drive)
    assert verify_backup(made, passphrase=TEST_PASSPHRASE).audit_rows > 0
    job = [j for j in window.ctx.practice.jobs.pending() if j.kind == "backup"]
    assert job == []  # the job ended (done), nothing left waiting

    window.lock()
    unlock(qtbot, window)
    qtbot.wait(1500)
    qtbot.waitUntil(lambda: not window.ctx.pools.busy, timeout=30000)
    assert _backups(drive) == [made]  # not due again within 24 hours


def test_settings_tab_chooses_the_folder_and_backs_up_now(qtbot, ready_vault, make_window, tmp_path):
    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    drive = tmp_path / "nas-share"
    drive.mkdir()
    window = make_window(ready_vault)
    unlock(qtbot, window)
    dialog = SettingsDialog(window.ctx, window.workspace)
    qtbot.addWidget(dialog)
    tab = dialog.backups_tab
    assert tab.last.text() == "None yet." and not tab.back_up_now.isEnabled()
    tab.keep.setValue(2)
    tab.choose_folder(str(drive))  # what the folder picker does with the chosen folder
    qtbot.waitUntil(lambda: tab.folder.text() == str(drive), timeout=30000)
    assert window.ctx.practice.backups.settings().keep == 2
    tab.back_up_now.click()
    qtbot.waitUntil(lambda: tab.message.text() == "Backup written and checked.", timeout=60000)
    assert "verified" in tab.last.text()
    assert len(_backups(drive)) == 1
    tab.turn_off.click()
    qtbot.waitUntil(lambda: tab.folder.text() == "", timeout=30000)
    assert window.ctx.practice.backups.settings().folder is None and len(_backups(drive)) == 1
