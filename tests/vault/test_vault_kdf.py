"""The Argon2id cost a new vault pins: the product's everywhere, the cheap one only in test vaults.

Most tests create vaults with ``sa_testing.TEST_KDF`` (tests/conftest.py ``cheap_vault_kdf``);
these two check that the product's own cost is what a real vault gets, and that the cheap cost
reaches the key file only through that test fixture.
"""

from __future__ import annotations

import json

import pytest

from sa_testing import TEST_KDF
from session_assistant.vault import keys
from session_assistant.vault.store import KEYS_NAME, Vault
from vault_helpers import PASSPHRASE, reopen

# RFC 9106's second recommended profile, scaled down no further than this (SECURITY 2).
PRODUCT_FLOOR = {"time_cost": 3, "memory_kib": 65536}


def _pinned(paths) -> list[dict]:
    data = json.loads((paths.vault_dir / KEYS_NAME).read_text())
    return [data["passphrase"]["kdf"], data["recovery"]["kdf"]]


@pytest.mark.real_kdf
def test_a_new_vault_pins_the_products_argon2id_cost(new_practice, paths):
    assert keys.DEFAULT_KDF["name"] == "argon2id"
    for name, floor in PRODUCT_FLOOR.items():
        assert keys.DEFAULT_KDF[name] >= floor, name
    new_practice.close()
    assert _pinned(paths) == [keys.DEFAULT_KDF, keys.DEFAULT_KDF]
    reopen(paths).close()  # and it opens with them


def test_test_vaults_pin_the_cheap_cost_and_open_with_it(new_practice, paths):
    new_practice.close()
    assert _pinned(paths) == [TEST_KDF, TEST_KDF]
    Vault.unlock(paths.vault_dir, PASSPHRASE).close()
