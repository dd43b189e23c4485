"""No command writes over an existing file unless told to, and none ever writes into the vault folder.

Issue 15 item 3, through the real CLI: ``export note 1 --out VAULT/vault.db`` used to replace the
database with a PDF, and ``export consent-form --out VAULT/vault.keys`` destroyed the wrapped key.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each case runs the CLI in a fresh interpreter


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def closed(practice, chart):
    vault_dir = Path(practice.vault.folder)
    practice.close()
    return vault_dir, chart


def _vault_files(vault_dir: Path) -> dict[str, str]:
    return {p.name: _digest(p) for p in sorted(vault_dir.iterdir()) if p.is_file()}


def test_export_into_the_vault_folder_is_refused_and_the_vault_still_opens(cli, closed, tmp_path):
    vault_dir, chart = closed
    before = _vault_files(vault_dir)
    note = str(chart.notes[0])
    link_to_folder = tmp_path / "innocent-folder"
    link_to_folder.symlink_to(vault_dir)
    link_to_db = tmp_path / "innocent.pdf"
    link_to_db.symlink_to(vault_dir / "vault.db")
    attempts = [
        ("export", "note", note, "--out", str(vault_dir / "vault.db")),
        ("export", "note", note, "--out", str(vault_dir / "vault.db"), "--force"),
        ("export", "consent-form", "--out", str(vault_dir / "vault.keys")),
        ("export", "consent-form", "--out", str(vault_dir / "vault.keys"), "--force"),
        ("export", "client", str(chart.client_id), "--out", str(vault_dir / "fresh.export")),
        ("export", "note", note, "--out", str(vault_dir / "recordings" / ".." / "new.pdf")),
        ("export", "note", note, "--out", str(link_to_folder / "new.pdf")),
        ("export", "note", note, "--out", str(link_to_db), "--force"),
        ("backup", "--out", str(vault_dir / "inside.backup")),
        ("recordings", "play", "0" * 32, "--out", str(vault_dir / "audio.wav")),
        ("gui", "--startup-stamp", str(vault_dir / "vault.keys")),
    ]
    for argv in attempts:
        result = cli(*argv, env={"SESSION_ASSISTANT_EXPORT_PASSPHRASE": "a long export passphrase"})
        assert result.returncode != 0, argv
        assert "inside the vault folder" in _one_error_line(result), argv
    assert _vault_files(vault_dir) == before  # not one byte of the vault changed, nothing was added
    assert link_to_db.is_symlink()
    listed = cli("clients", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Łukasiewicz" in listed.stdout


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(cli, closed, tmp_path):
    vault_dir, chart = closed
    out = tmp_path / "note.pdf"
    out.write_bytes(b"the clinician's own file")
    refused = cli("export", "note", str(chart.notes[0]), "--out", str(out))
    assert refused.returncode != 0
    assert "already exists" in _one_error_line(refused) and "--force" in refused.stderr
    assert out.read_bytes() == b"the clinician's own file"

    backup = tmp_path / "practice.backup"
    backup.write_bytes(b"an older backup")
    refused = cli("backup", "--out", str(backup))
    assert refused.returncode != 0 and "already exists" in _one_error_line(refused)
    assert backup.read_bytes() == b"an older backup"

    replaced = cli("export", "note", str(chart.notes[0]), "--out", str(out), "--force")
    assert replaced.returncode == 0, replaced.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert cli("verify", str(out), passphrase=None).returncode == 0
    assert cli("backup", "--out", str(backup), "--force").returncode == 0
    assert backup.read_bytes().startswith(b"PK")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp left


def test_a_failed_write_leaves_no_half_file_and_the_old_file_intact(tmp_path):
    from session_assistant.errors import UserError
    from session_assistant.output_files import StagedOutput, write_output

    vault_dir = tmp_path / "vault"
    vault_dir.mkdir()
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with StagedOutput(out, vault_dir, force=True) as staged:
            staged.write(b"half of the new")
            raise RuntimeError("rendering failed halfway")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "vault"]  # no temp file left
    # A file that appears while the export is being built is not overwritten either.
    late = tmp_path / "late.pdf"
    staged = StagedOutput(late, vault_dir)
    staged.write(b"new")
    late.write_bytes(b"appeared meanwhile")
    with pytest.raises(UserError, match="already exists"):
        staged.publish()
    assert late.read_bytes() == b"appeared meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["late.pdf", "report.pdf", "vault"]
    # A hard link to a vault file, replaced with force, leaves the vault file alone (rename, not write-through).
    (vault_dir / "vault.db").write_bytes(b"database")
    twin = tmp_path / "twin.bin"
    os.link(vault_dir / "vault.db", twin)
    write_output(twin, b"export", vault_dir, force=True)
    assert (vault_dir / "vault.db").read_bytes() == b"database" and twin.read_bytes() == b"export"
