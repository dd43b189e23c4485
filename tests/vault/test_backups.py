"""Automatic backups on a real vault: daily through the job queue, each one opened and checked,
pruned to the newest N only after the new one verifies; ``verify_backup`` refuses damage."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from session_assistant.app import create_practice
from session_assistant.errors import UserError, WrongPassphrase
from session_assistant.paths import AppPaths
from session_assistant.services import backups as backups_module
from session_assistant.vault.backup_check import BackupInvalid, verify_backup
from vault_helpers import MARKER, PASSPHRASE, assert_no_plaintext, seed_chart


@pytest.fixture
def drive(tmp_path) -> Path:
    folder = tmp_path / "external-drive"
    folder.mkdir()
    return folder


def _ours(drive: Path) -> list[str]:
    return sorted(p.name for p in drive.glob("session-assistant-backup-*.sabak"))


def test_daily_backup_runs_through_the_job_queue_and_verifies(new_practice, clock, drive):
    seed_chart(new_practice)
    backups = new_practice.backups
    assert backups.submit_if_due() is None  # no folder chosen: nothing is due
    backups.schedule(drive, keep=3)
    job_id = backups.submit_if_due()
    assert job_id is not None and backups.submit_if_due() == job_id  # a waiting job is reused, not doubled
    job = backups.run_job(job_id)
    assert job.state == "done", job.error
    (name,) = _ours(drive)
    assert job.result["file"].endswith(name)
    check = verify_backup(drive / name, passphrase=PASSPHRASE)  # it opens alone, with the passphrase
    assert check.audit_rows == job.result["audit_rows"] > 0
    assert_no_plaintext([drive / name], MARKER)
    status = backups.settings()
    assert status.last_ok_at == clock.iso() and status.last_file == name and status.last_result.startswith("verified")
    clock.advance(hours=23, minutes=59)
    assert backups.submit_if_due() is None  # less than 24 hours since the last good backup
    clock.advance(minutes=1)
    assert backups.submit_if_due() is not None


def test_keeps_the_newest_n_of_this_vault_only(new_practice, clock, drive, tmp_path):
    backups = new_practice.backups
    backups.schedule(drive, keep=2)
    (drive / "holiday-photos.zip").write_bytes(b"not ours")
    other_paths = AppPaths.default(vault_dir=tmp_path / "other-vault")
    other, _ = create_practice(other_paths, PASSPHRASE, clock)
    other.backups.schedule(drive, keep=1)
    other.backups.back_up_now()
    other.close()
    made = []
    for _ in range(4):
        made.append(backups.back_up_now().file.name)
        clock.advance(days=1)
    mine = [n for n in _ours(drive) if new_practice.vault.vault_id in n]
    assert mine == made[-2:]  # the two newest
    assert (drive / "holiday-photos.zip").exists()
    assert len(_ours(drive)) == 3  # the other vault's backup is never pruned by this one


def test_a_backup_that_fails_its_check_is_removed_and_nothing_older_is_pruned(new_practice, clock, drive,
                                                                           monkeypatch):
    backups = new_practice.backups
    backups.schedule(drive, keep=1)
    good = backups.back_up_now().file.name
    good_at = backups.settings().last_ok_at
    clock.advance(days=1)
    real_backup = type(new_practice.vault).backup

    def backup_then_damage(vault, target, **kwargs):  # the drive flips bytes after the write
        written = real_backup(vault, target, **kwargs)
        data = bytearray(written.read_bytes())
        data[len(data) // 2] ^= 0xFF
        written.write_bytes(bytes(data))
        return written

    monkeypatch.setattr(type(new_practice.vault), "backup", backup_then_damage)
    job = backups.run_job(backups.submit_if_due())
    assert job.state == "failed" and "damaged" in job.error
    assert _ours(drive) == [good]  # the damaged one is gone; the good one was not pruned for it
    status = backups.settings()
    assert status.last_result.startswith("failed") and status.last_ok_at == good_at
    assert backups.is_due()  # it tries again at the next unlock


def test_folder_checks(new_practice, drive):
    with pytest.raises(UserError, match="does not exist"):
        new_practice.backups.schedule(drive / "unplugged", keep=3)
    with pytest.raises(UserError, match="inside the vault"):
        new_practice.backups.schedule(new_practice.vault.folder, keep=3)
    with pytest.raises(UserError, match="Keep between"):
        new_practice.backups.schedule(drive, keep=0)
    with pytest.raises(UserError, match="No backup folder"):
        new_practice.backups.back_up_now()
    assert new_practice.backups.settings().folder is None  # nothing refused was stored


def _rewrite_member(path: Path, name: str, change) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = change(members[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n, data in members.items():
            archive.writestr(n, data)
    path.write_bytes(buffer.getvalue())


def test_verify_refuses_damage_another_vault_and_a_wrong_passphrase(new_practice, tmp_path, clock):
    seed_chart(new_practice)
    good = new_practice.vault.backup(tmp_path / "good.sabak")
    assert verify_backup(good, passphrase=PASSPHRASE).schema_version >= 1
    assert new_practice.vault.verify_backup(good).audit_rows > 0
    with pytest.raises(WrongPassphrase):
        verify_backup(good, passphrase="not the passphrase at all")

    flipped = tmp_path / "flipped.sabak"  # one byte of the zip changed: the member's CRC fails
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    with pytest.raises(BackupInvalid):
        verify_backup(flipped, passphrase=PASSPHRASE)

    page = tmp_path / "page.sabak"  # a consistent zip around an altered database page: SQLCipher's HMAC fails
    page.write_bytes(good.read_bytes())
    _rewrite_member(page, "vault.db", lambda db: db[:8192] + bytes([db[8192] ^ 0x01]) + db[8193:])
    with pytest.raises(BackupInvalid, match="integrity"):
        verify_backup(page, passphrase=PASSPHRASE)

    relabelled = tmp_path / "relabelled.sabak"  # the manifest claims another schema
    relabelled.write_bytes(good.read_bytes())
    _rewrite_member(relabelled, "manifest.json",
                    lambda m: json.dumps({**json.loads(m), "schema_version": 99}).encode())
    with pytest.raises(BackupInvalid, match="schema"):
        verify_backup(relabelled, passphrase=PASSPHRASE)

    not_a_backup = tmp_path / "notes.zip"
    with zipfile.ZipFile(not_a_backup, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(BackupInvalid):
        verify_backup(not_a_backup, passphrase=PASSPHRASE)

    other, _ = create_practice(AppPaths.default(vault_dir=tmp_path / "other"), PASSPHRASE, clock)
    try:
        with pytest.raises(BackupInvalid, match="another vault"):
            other.vault.verify_backup(good)
    finally:
        other.close()


def test_the_service_module_names_its_files_so_pruning_cannot_match_others():
    assert backups_module._STAMP.fullmatch("20261122T090000.sabak")
    assert not backups_module._STAMP.fullmatch("20261122T090000.sabak.partial")
