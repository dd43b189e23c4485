"""Issue 15 item 12(d): a passphrase opens the vault whichever Unicode form the keyboard sends.

"é" typed on one keyboard is U+00E9 (NFC); pasted from a macOS dialog it is "e" + U+0301 (NFD).
The same visible passphrase must open the same vault, and vaults wrapped before passphrases were
normalised (with whatever form was typed then) must still open.
"""

from __future__ import annotations

import json
import unicodedata

from sa_testing import run_cli
from session_assistant.app import create_practice
from session_assistant.paths import AppPaths
from session_assistant.vault.keys import KeyEnvelope, Wrap

VISIBLE = "Crème brûlée à l'école, s'il vous plaît"
NFC = unicodedata.normalize("NFC", VISIBLE)
NFD = unicodedata.normalize("NFD", VISIBLE)


def _init(vault, passphrase: str) -> None:
    """The vault is made here, not by a CLI `init`: the same wrap (vault.keys normalises the form it
    seals) at the test KDF, so each CLI open below pays the cheap Argon2id, not the product's
    (~0.3 s of CPU an unlock, ~1 s the init: these four tests cost 15 s of CPU that way). Every
    open is still a real CLI process reading the passphrase as typed; `init` itself is
    tests/vault/test_vault_encryption.py's."""
    practice, _ = create_practice(AppPaths.default(vault_dir=vault), passphrase)
    practice.clients.add("Ann", "Lee")
    practice.close()


def _opens(vault, passphrase: str) -> bool:
    result = run_cli("--vault", str(vault), "--json", "clients", "list", passphrase=passphrase)
    if result.returncode == 0:
        assert [r["last_name"] for r in json.loads(result.stdout)] == ["Lee"]
        return True
    assert "Wrong passphrase" in result.stderr, result.stderr
    return False


def test_the_forms_really_differ():
    assert NFC != NFD and NFC.encode() != NFD.encode()


def test_a_vault_made_with_the_nfc_form_opens_with_the_nfd_form(tmp_path):
    vault = tmp_path / "vault"
    _init(vault, NFC)
    assert _opens(vault, NFD)
    assert _opens(vault, NFC)
    assert not _opens(vault, NFC.replace("è", "e"))  # normalising is not loosening


def test_a_vault_made_with_the_nfd_form_opens_with_the_nfc_form(tmp_path):
    vault = tmp_path / "vault"
    _init(vault, NFD)
    assert _opens(vault, NFC)
    assert _opens(vault, NFD)


def test_a_changed_passphrase_is_normalised_too(tmp_path):
    vault = tmp_path / "vault"
    _init(vault, "plain ascii passphrase here")
    changed = run_cli("--vault", str(vault), "passphrase", "change", passphrase="plain ascii passphrase here",
                      env={"SESSION_ASSISTANT_NEW_PASSPHRASE": NFD})
    assert changed.returncode == 0, changed.stderr
    assert _opens(vault, NFC)


def test_a_vault_wrapped_before_normalisation_still_opens(tmp_path):
    """Earlier releases wrapped the raw text; a vault made by typing the NFD form must keep opening."""
    vault = tmp_path / "vault"
    _init(vault, NFC)
    keys = vault / "vault.keys"
    envelope = KeyEnvelope.load(keys)
    vault_key = envelope.passphrase_wrap.open(NFC, "passphrase")
    envelope.passphrase_wrap = Wrap.seal(vault_key, NFD, "passphrase", envelope.passphrase_wrap.kdf)  # old format
    envelope.save(keys)
    assert envelope.passphrase_wrap.open(NFD, "passphrase") == vault_key
    assert _opens(vault, NFD)
    assert _opens(vault, NFC)
