"""SECURITY items 1-3: never plaintext, pinned crypto settings, keying and recovery."""

from __future__ import annotations

import pytest

from session_assistant.errors import UserError, WrongPassphrase
from session_assistant.vault import database
from session_assistant.vault.store import Vault
from vault_helpers import PASSPHRASE, assert_no_plaintext, files_under, reopen, seed_chart


def test_vault_files_never_hold_plaintext_during_and_after_use(new_practice, paths, tmp_path):
    seed_chart(new_practice)
    # While open (WAL and shm present) and after a backup and close.
    assert_no_plaintext(files_under(paths.vault_dir))
    backup = new_practice.vault.backup(tmp_path / "practice.backup")
    new_practice.close()
    assert_no_plaintext(files_under(paths.vault_dir) + [backup])
    assert len(files_under(paths.vault_dir)) >= 2


def test_cli_init_leaves_no_plaintext(cli, tmp_path):
    vault = tmp_path / "v"
    result = cli("--vault", str(vault), "init")
    assert result.returncode == 0, result.stderr
    assert "Recovery key" in result.stdout
    for path in files_under(vault):
        assert not path.read_bytes().startswith(b"SQLite format 3")
        assert (path.stat().st_mode & 0o077) == 0, f"{path.name} is readable by others"


def test_pinned_settings_are_in_force(new_practice):
    conn = new_practice.vault.db.conn
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    for pragma, wanted in database.PINNED.items():
        assert str(conn.execute(f"PRAGMA {pragma}").fetchone()[0]).upper() == wanted.upper()


def test_open_refuses_when_a_pinned_setting_differs(new_practice, paths, monkeypatch):
    new_practice.close()
    monkeypatch.setitem(database.PINNED, "cipher_hmac_algorithm", "HMAC_SHA1")
    with pytest.raises(UserError, match="Refusing to run"):
        reopen(paths)


def test_passphrase_change_rewraps_without_reencrypting(new_practice, paths):
    seed_chart(new_practice)
    key_before = new_practice.vault._key
    new_practice.vault.change_passphrase(PASSPHRASE, "a brand new long passphrase")
    new_practice.close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(paths.vault_dir, PASSPHRASE)
    vault = Vault.unlock(paths.vault_dir, "a brand new long passphrase")
    assert vault._key == key_before  # same data key: the database was not re-encrypted
    vault.close()


def test_recovery_key_works_after_a_passphrase_change(new_practice, paths):
    ids = seed_chart(new_practice)
    recovery = new_practice.recovery_key
    new_practice.vault.change_passphrase(PASSPHRASE, "second passphrase here")
    new_practice.close()
    vault = Vault.recover(paths.vault_dir, recovery.lower().replace("-", " "), "third passphrase here")
    vault.close()
    vault = Vault.unlock(paths.vault_dir, "third passphrase here")
    assert vault.db.conn.execute("SELECT count(*) FROM clients WHERE id = ?", (ids["client"],)).fetchone()[0] == 1
    actions = [r[0] for r in vault.db.conn.execute("SELECT action FROM audit_log")]
    assert "passphrase_reset_with_recovery_key" in actions
    vault.close()


def test_wrong_recovery_key_is_refused(new_practice, paths):
    new_practice.close()
    with pytest.raises(WrongPassphrase, match="recovery key"):
        Vault.recover(paths.vault_dir, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "whatever passphrase")


def test_short_passphrase_is_refused(paths):
    with pytest.raises(UserError, match="at least"):
        Vault.create(paths.vault_dir, "short")
    assert not (paths.vault_dir / "vault.db").exists()
