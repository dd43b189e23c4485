"""First run (vault, recovery key shown once, AI consent off by default, sample) and unlock."""

from __future__ import annotations

from session_assistant.ui.start.unlock import CALM_WRONG
from session_assistant.vault.store import Vault

from ui_helpers import TEST_PASSPHRASE, unlock


def test_first_run_creates_the_vault_and_shows_the_recovery_key_once(qtbot, ui_paths, make_window):
    window = make_window(ui_paths)
    page = window.first_run
    assert page is not None and window.unlock_page is None
    page.name.setText("Dr Ada Example")
    page.credentials.setText("PsyD")
    page.passphrase.setText("short")
    page.repeat.setText("short")
    page.create_button.click()
    assert "at least 10" in page.create_message.text()
    assert not Vault.exists(ui_paths.vault_dir)
    assert page.meter.words.text().startswith("Too short")

    page.passphrase.setText(TEST_PASSPHRASE)
    assert page.meter.words.text() in ("Fair", "Strong")
    page.repeat.setText(TEST_PASSPHRASE + "x")
    page.create_button.click()
    assert "differ" in page.create_message.text()

    page.repeat.setText(TEST_PASSPHRASE)
    page.create_button.click()
    qtbot.waitUntil(lambda: page.currentIndex() == 1, timeout=15000)
    key = page.recovery_key.text()
    assert len(key.replace("-", "").replace(" ", "")) >= 32
    assert page.passphrase.text() == "" and page.repeat.text() == ""
    assert not page.key_continue.isEnabled()  # the confirm step is required
    page.written_down.setChecked(True)
    page.key_continue.click()
    assert page.currentIndex() == 2
    assert page.recovery_key.text() == ""  # shown once: gone from the widget
    assert not page.ai_consent.isChecked()  # AI Usage Consent is off until turned on
    page.load_sample.setChecked(True)
    page.finish_button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30000)

    practice = window.ctx.practice
    assert practice.profile.get().name == "Dr Ada Example"
    assert practice.profile.get().ai_usage_consent is False
    assert len(practice.clients.list()) == 4
    assert window.workspace.agenda.tree.topLevelItemCount() >= 1
    window.lock()
    # The recovery key really opens the vault (it was the real one).
    vault = Vault.recover(ui_paths.vault_dir, key, "another long passphrase")
    vault.close()


def test_unlock_wrong_passphrase_is_calm_then_right_one_opens(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    assert window.first_run is None and window.unlock_page is not None
    before = (ready_vault.vault_dir / "vault.db").read_bytes()
    page = window.unlock_page
    page.passphrase.setText("not the passphrase")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.message.text() == CALM_WRONG, timeout=15000)
    assert window.workspace is None
    assert (ready_vault.vault_dir / "vault.db").read_bytes() == before
    unlock(qtbot, window)
    assert window.ctx.practice is not None
    assert window.workspace.agenda.isVisible()


def test_repeated_wrong_passphrases_show_the_wait(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    page = window.unlock_page
    for _ in range(4):
        page.passphrase.setText("wrong wrong wrong")
        page._on_unlock_clicked()
        qtbot.waitUntil(lambda: page._worker is None, timeout=15000)
    qtbot.waitUntil(lambda: "wait" in page.message.text(), timeout=15000)
    assert not page.unlock_button.isEnabled()
    assert window.workspace is None
