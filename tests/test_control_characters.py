"""Issue 15 item 12(c): control characters in names are refused on input and escaped on output."""

from __future__ import annotations

import json
import shutil

import pytest

from sa_testing import TEST_KDF, TEST_PASSPHRASE, run_cli
from session_assistant.app import create_practice
from session_assistant.paths import AppPaths
from session_assistant.vault import keys

CLEAR_SCREEN = "\x1b[2J\x1b[H"
UNSAFE = [
    ("escape", f"{CLEAR_SCREEN}Eve"),
    ("forged-row", "Ann\n    2  Forged, Row  1990-01-01  active"),
    ("carriage-return", "Ann\rMallory"),
    ("c1-csi", "Ann\x9b2J"),
    ("bidi-override", "Ann\u202eyrolleM"),
    ("line-separator", "Ann\u2028Mallory"),
    ("delete", "Ann\x7f"),
]


@pytest.fixture(scope="module")
def base_vault(tmp_path_factory):
    folder = tmp_path_factory.mktemp("base") / "vault"
    # Made here at the test KDF (the autouse cheap_vault_kdf is per test, so it is set for this module
    # fixture by hand), not by a CLI `init` at the product's: each of the ~50 CLI children below
    # unlocks a copy of it, ~0.3 s of CPU less each. The names still go in and out through the CLI.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_KDF", dict(TEST_KDF))
        create_practice(AppPaths.default(vault_dir=folder), TEST_PASSPHRASE)[0].close()
    assert run_cli("--vault", str(folder), "clients", "add", "--first", "Zoë", "--last", "Núñez-محمد").returncode == 0
    return folder


@pytest.fixture
def vault(tmp_path, base_vault):
    folder = tmp_path / "vault"
    shutil.copytree(base_vault, folder)
    return folder


@pytest.mark.parametrize("name", [value for _, value in UNSAFE], ids=[key for key, _ in UNSAFE])
def test_a_name_with_a_control_character_is_refused_in_one_line(vault, name):
    for args in (("clients", "add", "--first", name, "--last", "Client"),
                 ("clients", "add", "--first", "Ann", "--last", name),
                 ("profile", "set", "--name", name)):
        result = run_cli("--vault", str(vault), *args)
        assert result.returncode != 0, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "control character" in lines[0], result.stderr
        assert "\x1b" not in result.stderr and "\x9b" not in result.stderr
    listed = json.loads(run_cli("--vault", str(vault), "--json", "clients", "list").stdout)
    assert [(r["first_name"], r["last_name"]) for r in listed] == [("Zoë", "Núñez-محمد")]  # nothing added


def _plant(vault, first_name: str) -> None:
    """A record written before the rule existed (straight into the vault, past the service)."""
    from session_assistant.app import open_practice
    from session_assistant.paths import AppPaths

    practice = open_practice(AppPaths.default(vault_dir=vault), TEST_PASSPHRASE)
    try:
        with practice.vault.db.transaction() as conn:
            conn.execute("UPDATE clients SET first_name = ? WHERE id = 1", (first_name,))
    finally:
        practice.close()


def test_an_old_record_with_control_characters_is_printed_escaped(vault):
    _plant(vault, f"{CLEAR_SCREEN}Eve\n    2  Forged, Row  1990-01-01  active\x9b\u202e")
    listed = run_cli("--vault", str(vault), "clients", "list")
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout
    assert not any(ch in out for ch in "\x1b\x9b\u202e\r"), repr(out)
    assert len(out.strip().splitlines()) == 1, out  # the planted line break did not forge a second row
    assert "\\x1b[2J" in out and "\\x0a" in out  # shown, not hidden: the clinician sees what is there
    shown = run_cli("--vault", str(vault), "clients", "show", "1")
    assert shown.returncode == 0 and "\x1b" not in shown.stdout and "\\x1b" in shown.stdout
    as_json = run_cli("--vault", str(vault), "--json", "clients", "list")
    assert not any(ch in as_json.stdout for ch in "\x1b\x9b\u202e")
    assert json.loads(as_json.stdout)[0]["first_name"].startswith(CLEAR_SCREEN)  # the data itself is intact


def test_names_in_other_scripts_and_multi_line_addresses_are_accepted(vault):
    result = run_cli("--vault", str(vault), "profile", "set", "--name", "Dr Ŝeŋ 陈", "--address",
                     "1 Main St\nSpringfield")
    assert result.returncode == 0, result.stderr
    profile = json.loads(run_cli("--vault", str(vault), "--json", "profile", "show").stdout)
    assert profile["name"] == "Dr Ŝeŋ 陈" and profile["practice_address"] == "1 Main St\nSpringfield"
