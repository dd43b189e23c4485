"""The backup commands as a clinician runs them (real CLI processes), and the README's restore drill."""

from __future__ import annotations

import json

from sa_testing import TEST_PASSPHRASE, run_cli
from session_assistant.app import create_practice
from session_assistant.paths import AppPaths


def _ok(*args, **kwargs):
    result = run_cli(*args, **kwargs)
    assert result.returncode == 0, (args, result.stderr)
    return result


def test_schedule_now_status_verify_and_the_restore_drill(tmp_path, user_home):
    vault, drive = str(tmp_path / "vault"), tmp_path / "nas"
    drive.mkdir()
    # Made here at the test KDF, not by a CLI `init` at the product's (tests/vault/test_vault_encryption.py
    # runs `init`): each of the eleven commands below unlocks the vault or its backup, ~0.3 s of CPU less each.
    create_practice(AppPaths.default(vault_dir=tmp_path / "vault"), TEST_PASSPHRASE)[0].close()
    _ok("--vault", vault, "clients", "add", "--first", "Drill", "--last", "Client")

    schedule = json.loads(_ok("--vault", vault, "backup", "schedule", "--folder", str(drive), "--keep", "2",
                              "--json").stdout)
    assert schedule["folder"] == str(drive) and schedule["keep"] == 2
    first = json.loads(_ok("--vault", vault, "backup", "now", "--if-due", "--json").stdout)
    assert first["ran"] is True and first["removed"] == []
    again = json.loads(_ok("--vault", vault, "backup", "now", "--if-due", "--json").stdout)
    assert again == {"ran": False}  # the last good one is minutes old
    status = json.loads(_ok("--vault", vault, "backup", "status", "--json").stdout)
    assert status["last_result"].startswith("verified") and first["file"].endswith(status["last_file"])

    # The drill: check the newest backup, restore it into a scratch folder, open it, read a record.
    checked = json.loads(_ok("--vault", vault, "backup", "verify", first["file"], "--json").stdout)
    assert checked["ok"] is True and checked["audit_rows"] > 0
    scratch = str(tmp_path / "drill-vault")
    _ok("--vault", scratch, "restore", first["file"])
    clients = json.loads(_ok("--vault", scratch, "clients", "list", "--json").stdout)
    assert [c["last_name"] for c in clients] == ["Client"]
    assert json.loads(_ok("--vault", scratch, "audit", "verify", "--json").stdout)["ok"] is True

    wrong = run_cli("--vault", vault, "backup", "verify", first["file"], passphrase="a different passphrase")
    assert wrong.returncode == 5 and "does not open this backup" in wrong.stderr
    damaged = tmp_path / "damaged.sabak"
    data = bytearray(open(first["file"], "rb").read())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    refused = run_cli("--vault", vault, "backup", "verify", str(damaged))
    assert refused.returncode == 6 and refused.stdout == "" and "damaged" in refused.stderr


def test_backup_without_out_or_action_says_what_to_give(tmp_path, user_home):
    result = run_cli("--vault", str(tmp_path / "vault"), "backup")
    assert result.returncode == 2 and "backup schedule" in result.stderr
