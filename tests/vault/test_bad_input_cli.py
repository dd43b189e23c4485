"""Issue 15 item 10, SECURITY item 20: bad input gets one clear line, never a traceback or a hang.

Everything runs through the real CLI in a fresh interpreter, on a real vault.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time

import pytest

from sa_testing import run_cli
from session_assistant.app import create_practice
from session_assistant.services.limits import NAME, TEXT
from vault_helpers import PASSPHRASE


def one_error_line(result) -> str:
    assert result.returncode not in (0, 1), (result.returncode, result.stderr)  # 1: Python's own crash
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def vault(paths):
    practice, _ = create_practice(paths, PASSPHRASE)
    practice.close()
    return paths


# ---- malformed vault.keys ---------------------------------------------------------------------
_B64_5 = base64.b64encode(b"12345").decode()
_WRAP_FIELDS = ("salt", "nonce", "ciphertext")
KEY_FILE_DAMAGE = {
    **{f"{field}-{kind}": (field, value) for field in _WRAP_FIELDS
       for kind, value in (("wrong-type", 12345), ("missing", None), ("bad-base64", "!!not*base64!!"),
                           ("wrong-length", _B64_5))},
    "kdf-wrong-type": ("kdf", "argon2id"),
    "kdf-missing": ("kdf", None),
    "kdf-cost-not-a-number": ("kdf", {"name": "argon2id", "time_cost": "three", "memory_kib": 65536,
                                      "parallelism": 2}),
    "kdf-cost-absurd": ("kdf", {"name": "argon2id", "time_cost": 3, "memory_kib": 2 ** 40, "parallelism": 2}),
    "vault-id-wrong-type": ("vault_id", ["x"]),
    "vault-id-missing": ("vault_id", None),
}


@pytest.mark.parametrize("case", sorted(KEY_FILE_DAMAGE))
def test_a_malformed_key_file_field_fails_in_one_line(vault, case):
    keys, db = vault.vault_dir / "vault.keys", vault.vault_dir / "vault.db"
    field, value = KEY_FILE_DAMAGE[case]
    data = json.loads(keys.read_text())
    target = data if field == "vault_id" else data["passphrase"]
    if value is None:
        del target[field]
    else:
        target[field] = value
    keys.write_text(json.dumps(data))
    before = (digest(keys), digest(db))
    started = time.monotonic()
    result = run_cli("--vault", str(vault.vault_dir), "clients", "list", timeout=120)
    line = one_error_line(result)
    assert "key file" in line
    assert time.monotonic() - started < 60
    assert (digest(keys), digest(db)) == before


@pytest.mark.parametrize("content", [b"[]", b"\xff\xfe\x00", b"{}", b"null", b'{"format": 5}'])
def test_a_key_file_that_is_not_an_envelope_fails_in_one_line(vault, content):
    (vault.vault_dir / "vault.keys").write_bytes(content)
    one_error_line(run_cli("--vault", str(vault.vault_dir), "clients", "list"))


# ---- ids past 2**63 ---------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ("notes", "show", "99999999999999999999"),
    ("clients", "show", str(2 ** 63)),
    ("clients", "show", str(-(2 ** 64))),
    ("appointments", "add", "--client", "1", "--start", "2026-11-20T10:00", "--minutes", "99999999999999999999"),
    ("export", "note", "99999999999999999999", "--out", "{tmp}/never.pdf"),
    ("audit", "list", "--limit", str(2 ** 70)),
])
def test_a_number_past_64_bits_fails_in_one_line(vault, args, tmp_path):
    result = run_cli("--vault", str(vault.vault_dir), *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert "out of range" in one_error_line(result)
    assert result.returncode == 2


@pytest.mark.parametrize("window", [("--transcribe", "--window-seconds", "2"), ("--window-seconds", "8")])
def test_a_live_window_out_of_range_or_without_transcription_fails_in_one_line(vault, window):
    # Refused before any device or the vault is opened (no audio device is needed for this).
    result = run_cli("--vault", str(vault.vault_dir), "record", "--appointment", "1", "--consent", "given", *window)
    assert "--window-seconds goes with --transcribe and must be between 5 and 60" in one_error_line(result)


def test_the_largest_id_sqlite_holds_is_simply_not_found(vault):
    result = run_cli("--vault", str(vault.vault_dir), "clients", "show", str(2 ** 63 - 1))
    assert "No client with id" in one_error_line(result)
    assert result.returncode == 3


# ---- init where a vault cannot be ---------------------------------------------------------------
def test_init_into_an_unwritable_place_or_onto_a_file_fails_in_one_line(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("someone's file")
    for place in (a_file, a_file / "vault", "/proc/sa-no-such-folder/vault", "/sys/sa-vault"):
        result = run_cli("--vault", str(place), "init")
        line = one_error_line(result)
        assert "Nothing was changed" in line or "nothing was kept" in line, line
    assert a_file.read_text() == "someone's file"


# ---- very long text ---------------------------------------------------------------------------
def test_a_100kb_name_is_refused_at_once_without_echoing_it(vault):
    huge = "Q" * 100_000
    for args in (("clients", "add", "--first", huge, "--last", "Example"),
                 ("profile", "set", "--name", huge)):
        started = time.monotonic()
        result = run_cli("--vault", str(vault.vault_dir), *args, timeout=120)
        line = one_error_line(result)
        assert "too long" in line and "QQQQ" not in line
        assert time.monotonic() - started < 30
    listed = run_cli("--vault", str(vault.vault_dir), "clients", "list")
    assert listed.returncode == 0 and "No clients yet." in listed.stdout


@pytest.mark.slow
def test_export_of_a_note_with_every_field_at_its_limit_is_quick(paths, tmp_path):
    practice, _ = create_practice(paths, PASSPHRASE)
    try:
        practice.profile.update(name="D" * NAME, credentials="C" * NAME)
        client = practice.clients.add("F" * NAME, "L" * NAME, "1980-01-01")
        appointment = practice.appointments.add(client, "2026-11-20T10:00", 50)
        note = practice.notes.create(appointment)
        field = practice.notes.get(note)["template"][0]["name"]
        practice.notes.set_field(note, field, ("word " * (TEXT // 5))[:TEXT])
        practice.notes.sign(note, practice.profile.get())
        with pytest.raises(Exception, match="too long"):
            practice.notes.set_field(note, field, "x" * (TEXT + 1))
    finally:
        practice.close()
    out = tmp_path / "note.pdf"
    started = time.monotonic()
    result = run_cli("--vault", str(paths.vault_dir), "export", "note", str(note), "--out", str(out), timeout=300)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert seconds < 60, f"export took {seconds:.0f} s"
