"""SECURITY items 4-7: wrong passphrase, corruption, crash safety and disk full, backups."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from session_assistant.errors import DiskFull, UserError, VaultCorrupt, VaultLocked, WrongPassphrase
from session_assistant.vault.store import Vault, restore
from vault_helpers import MARKER, PASSPHRASE, assert_no_plaintext, reopen, seed_chart


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_passphrase_leaves_vault_identical_is_audited_and_slows_down(new_practice, paths, clock):
    new_practice.close()
    db, keys = paths.vault_dir / "vault.db", paths.vault_dir / "vault.keys"
    before = (digest(db), digest(keys))
    for _ in range(3):
        with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
            Vault.unlock(paths.vault_dir, "not the passphrase", clock)
    assert (digest(db), digest(keys)) == before
    # A fourth try straight away is refused without even checking the passphrase...
    with pytest.raises(VaultLocked, match="try again in"):
        Vault.unlock(paths.vault_dir, PASSPHRASE, clock)
    clock.advance(seconds=3)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(paths.vault_dir, "still not it", clock)
    # ...and each further failure doubles the wait.
    clock.advance(seconds=3)
    with pytest.raises(VaultLocked):
        Vault.unlock(paths.vault_dir, PASSPHRASE, clock)
    clock.advance(seconds=2)
    practice = reopen(paths, clock)
    rows = practice.vault.db.conn.execute(
        "SELECT detail FROM audit_log WHERE action = 'unlock_failed'").fetchall()
    assert rows and rows[0][0].startswith("4 failed attempt")
    practice.close()
    # After a successful unlock the counter starts again.
    with pytest.raises(WrongPassphrase):
        Vault.unlock(paths.vault_dir, "wrong again", clock)


@pytest.mark.parametrize("where", ["header", "middle", "last_page"])
def test_a_flipped_byte_is_detected_and_the_file_is_left_alone(new_practice, paths, where):
    seed_chart(new_practice)
    new_practice.close()
    db = paths.vault_dir / "vault.db"
    data = bytearray(db.read_bytes())
    offset = {"header": 20, "middle": len(data) // 2 + 100, "last_page": len(data) - 200}[where]
    data[offset] ^= 0x01
    db.write_bytes(bytes(data))
    damaged = digest(db)
    with pytest.raises(VaultCorrupt, match="(?i)restore"):
        reopen(paths)
    assert digest(db) == damaged  # never "repaired" or overwritten


def test_committed_writes_survive_kill_9(tmp_path, paths):
    Vault.create(paths.vault_dir, PASSPHRASE)[0].close()
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from session_assistant.app import open_practice
        from session_assistant.paths import AppPaths
        practice = open_practice(AppPaths.default(vault_dir=Path({str(paths.vault_dir)!r})), {PASSPHRASE!r})
        i = 0
        while True:
            i += 1
            cid = practice.clients.add("Crash", f"Test{{i}}")
            print(cid, flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    acknowledged = []
    for line in proc.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (paths.vault_dir / "vault.db-wal").exists()  # the kill left a WAL behind to recover from
    practice = reopen(paths)
    stored = {row[0] for row in practice.vault.db.conn.execute("SELECT id FROM clients")}
    assert set(acknowledged) <= stored
    assert practice.verify_audit().ok
    practice.close()


def test_disk_full_rolls_back_with_a_clear_error(new_practice):
    conn = new_practice.vault.db.conn
    client = new_practice.clients.add("Big", "Client")
    note = new_practice.notes.create(new_practice.appointments.add(client, "2026-11-20T10:00", 50))
    field = new_practice.notes.get(note)["template"][0]["name"]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow: SQLITE_FULL
    with pytest.raises(DiskFull, match="disk is full"):
        new_practice.notes.set_field(note, field, "x" * 45_000)  # within the length limit, but ~11 pages
    assert new_practice.notes.get(note)["fields"].get(field, "") == ""
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert new_practice.clients.add("Small", "Client") > 0


def test_backup_is_encrypted_and_restores(new_practice, paths, tmp_path):
    ids = seed_chart(new_practice)
    backup = new_practice.vault.backup(tmp_path / "b.backup")
    assert_no_plaintext([backup])
    with pytest.raises(UserError, match="already exists"):
        new_practice.vault.backup(backup)
    new_practice.clients.add("After", "Backup")
    new_practice.close()
    moved = restore(backup, paths.vault_dir, PASSPHRASE)
    assert moved != paths.vault_dir and (moved / "vault.db").exists()  # old vault kept, not overwritten
    practice = reopen(paths)
    names = [r[0] for r in practice.vault.db.conn.execute("SELECT last_name FROM clients")]
    assert "Backup" not in names and practice.notes.get(ids["note"])["status"] == "signed"
    assert practice.verify_audit().ok
    practice.close()


def test_restore_refuses_a_wrong_passphrase_or_a_damaged_backup(new_practice, paths, tmp_path):
    backup = new_practice.vault.backup(tmp_path / "b.backup")
    new_practice.close()
    before = digest(paths.vault_dir / "vault.db")
    with pytest.raises(WrongPassphrase):
        restore(backup, paths.vault_dir, "the wrong passphrase")
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="cannot be read"):
        restore(junk, paths.vault_dir, PASSPHRASE)
    assert digest(paths.vault_dir / "vault.db") == before
