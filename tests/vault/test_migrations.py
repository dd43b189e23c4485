"""Numbered migrations: every historical schema's fixture vault upgrades to the current one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from session_assistant.errors import UserError
from session_assistant.vault import migrations
from session_assistant.vault.store import Vault

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"
FIXTURE_PASSPHRASE = "fixture vault passphrase"


def test_migrations_are_numbered_without_gaps():
    found = migrations.available()
    assert [m.version for m in found] == list(range(1, len(found) + 1))


def test_a_fixture_exists_for_every_older_schema():
    latest = migrations.latest_version()
    assert latest >= 1
    for version in range(1, latest):
        assert (FIXTURES / f"v{version}" / "vault.db").exists(), f"no fixture vault for schema {version}"


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_fixture_vault_upgrades_and_keeps_its_records(tmp_path, fixture):
    folder = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, folder)
    old_version = int(fixture[1:])
    vault = Vault.unlock(folder, FIXTURE_PASSPHRASE)
    conn = vault.db.conn
    assert vault.db.schema_version() == migrations.latest_version()
    assert conn.execute("SELECT last_name FROM clients WHERE id = 1").fetchone()[0] == "Fixture"
    assert conn.execute("SELECT status FROM progress_notes WHERE id = 1").fetchone()[0] == "signed"
    vault.close()
    backups = list((folder / "backups").glob(f"pre-migration-v{old_version}-*.db")) if old_version < migrations.latest_version() else []
    if old_version < migrations.latest_version():
        assert backups, "no backup was written before migrating"
        assert not backups[0].read_bytes().startswith(b"SQLite format 3"), "pre-migration backup is plaintext"


def test_a_vault_from_a_newer_release_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "v1"
    shutil.copytree(FIXTURES / "v1", folder)
    vault = Vault.unlock(folder, FIXTURE_PASSPHRASE)
    vault.db.conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    vault.close()
    with pytest.raises(UserError, match="newer Session Assistant"):
        Vault.unlock(folder, FIXTURE_PASSPHRASE)


def test_a_failing_migration_rolls_back_entirely(tmp_path):
    folder = tmp_path / "v1"
    shutil.copytree(FIXTURES / "v1", folder)
    broken = tmp_path / "migrations"
    broken.mkdir()
    for m in migrations.available():
        shutil.copy(m.path, broken / m.path.name)
    n = migrations.latest_version() + 1
    (broken / f"{n:04d}_broken.sql").write_text("CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);\n")
    vault = Vault.unlock(folder, FIXTURE_PASSPHRASE)
    with pytest.raises(Exception):
        migrations.upgrade(vault.db.conn, vault.db.schema_version(), migrations.available(broken))
    assert vault.db.schema_version() == n - 1
    assert vault.db.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    vault.close()
