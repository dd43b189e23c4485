"""SECURITY items 18-20 across the CLI, and the rule that the engine never imports Qt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sa_testing import TEST_KDF, TEST_PASSPHRASE, run_cli
from session_assistant.app import create_practice
from session_assistant.paths import AppPaths
from session_assistant.vault import keys

MARKER = "QPHIMARK4412"
ENGINE_PACKAGES = ["session_assistant.vault", "session_assistant.services", "session_assistant.audio",
                   "session_assistant.transcribe", "session_assistant.drafting", "session_assistant.documents",
                   "session_assistant.jobs", "session_assistant.app", "session_assistant.cli",
                   "session_assistant.model_registry"]


def test_engine_packages_never_import_qt():
    code = textwrap.dedent(f"""
        import importlib, pkgutil, sys
        for name in {ENGINE_PACKAGES!r}:
            module = importlib.import_module(name)
            for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
                importlib.import_module(info.name)
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
        print(",".join(loaded))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"engine imported Qt: {result.stdout}"


def _seed_with_marker(vault: Path) -> None:
    steps = [
        ("init",),
        ("profile", "set", "--name", "Dr Test", "--ai-consent", "on"),
        ("clients", "add", "--first", MARKER, "--last", "Client", "--dob", "1990-01-01"),
        ("appointments", "add", "--client", "1", "--start", "2026-11-20T09:00", "--minutes", "50"),
        ("notes", "create", "--appointment", "1"),
        ("notes", "set", "1", "--field", "session_summary", "--text", f"Client {MARKER} reported stress."),
        ("notes", "sign", "1"),
    ]
    for step in steps:
        result = run_cli("--vault", str(vault), *step)
        assert result.returncode == 0, (step, result.stderr)


def test_no_phi_in_logs_or_stderr_even_on_errors(tmp_path, user_home):
    vault = tmp_path / "vault"
    _seed_with_marker(vault)
    failing = [
        ("notes", "set", "1", "--field", "session_summary", "--text", MARKER),  # signed: immutable
        ("notes", "set", "999", "--field", "x", "--text", MARKER),  # unknown note
        ("clients", "add", "--first", MARKER, "--last", "X", "--dob", f"not-a-date-{MARKER}"),
        ("appointments", "add", "--client", "1", "--start", MARKER, "--minutes", "50"),
    ]
    outputs = []
    for step in failing:
        result = run_cli("--vault", str(vault), *step)
        assert result.returncode != 0
        outputs.append(result.stderr)
    wrong = run_cli("--vault", str(vault), "clients", "list", passphrase="wrong passphrase here")
    assert wrong.returncode != 0
    outputs.append(wrong.stderr)
    logs = [p for p in user_home.rglob("*") if p.is_file() and "log" in str(p).lower()]
    assert logs, "the CLI wrote no log file at all"
    for text in outputs + [p.read_text(errors="replace") for p in logs]:
        assert MARKER not in text


def test_no_network_socket_is_opened(tmp_path):
    vault = tmp_path / "vault"
    probe = textwrap.dedent("""
        import json, sys
        events = []
        def hook(event, args):
            if event in ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname",
                         "socket.sendto", "socket.sendmsg"):
                events.append(event)
        sys.addaudithook(hook)
        from session_assistant.__main__ import main
        codes = [main(list(step)) for step in json.loads(sys.argv[1])]
        print(json.dumps({"codes": codes, "events": events}))
    """)
    steps = [["--vault", str(vault), "init"],
             ["--vault", str(vault), "clients", "add", "--first", "A", "--last", "B"],
             ["--vault", str(vault), "clients", "show", "1"],
             ["--vault", str(vault), "backup", "--out", str(tmp_path / "b.backup")],
             ["models"]]
    env = dict(os.environ, SESSION_ASSISTANT_PASSPHRASE=TEST_PASSPHRASE)
    result = subprocess.run([sys.executable, "-c", probe, json.dumps(steps)], capture_output=True, text=True,
                            env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["codes"] == [0] * len(steps)
    assert report["events"] == []


@pytest.fixture(scope="module")
def small_vault(tmp_path_factory):
    """A vault with one client, appointment and draft note, made once and copied per test."""
    vault = tmp_path_factory.mktemp("base") / "vault"
    # Made here at the test KDF (cheap_vault_kdf is per test, so set by hand for this module fixture), not by
    # a CLI `init` at the product's: the 24 CLI children that unlock its copies cost ~0.3 s of CPU less each.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_KDF", dict(TEST_KDF))
        create_practice(AppPaths.default(vault_dir=vault), TEST_PASSPHRASE)[0].close()
    for step in (("clients", "add", "--first", "A", "--last", "B"),
                 ("appointments", "add", "--client", "1", "--start", "2026-11-20T09:00", "--minutes", "50"),
                 ("notes", "create", "--appointment", "1")):
        assert run_cli("--vault", str(vault), *step).returncode == 0
    return vault


@pytest.mark.parametrize("args, message", [
    (("clients", "show", "42"), "No client with id 42"),
    (("notes", "sign", "42"), "No note with id 42"),
    (("appointments", "add", "--client", "42", "--start", "2026-11-20T09:00", "--minutes", "50"), "No client"),
    (("appointments", "add", "--client", "1", "--start", "tomorrow", "--minutes", "50"), "YYYY-MM-DDTHH:MM"),
    (("appointments", "add", "--client", "1", "--start", "2026-11-20T09:00", "--minutes", "0"), "Minutes"),
    (("notes", "create", "--appointment", "1", "--template", "Nope"), "No note template"),
    (("notes", "set", "1", "--field", "nope", "--text", "x"), "has no field"),
    (("clients", "consent", "1", "--recording", "revoked"), "no given consent"),
])
def test_bad_input_is_one_clear_line_and_changes_nothing(tmp_path, small_vault, args, message):
    vault = tmp_path / "vault"
    shutil.copytree(small_vault, vault)
    before = run_cli("--vault", str(vault), "--json", "clients", "show", "1").stdout
    result = run_cli("--vault", str(vault), *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    after = run_cli("--vault", str(vault), "--json", "clients", "show", "1").stdout
    strip = lambda text: {k: v for k, v in json.loads(text).items()}
    assert strip(after) == strip(before)


def test_locked_missing_and_corrupt_vaults_fail_clearly(tmp_path):
    vault = tmp_path / "vault"
    missing = run_cli("--vault", str(vault), "clients", "list")
    assert missing.returncode != 0 and "session-assistant init" in missing.stderr
    assert run_cli("--vault", str(vault), "init").returncode == 0
    no_passphrase = run_cli("--vault", str(vault), "clients", "list", passphrase=None)
    assert no_passphrase.returncode != 0 and "SESSION_ASSISTANT_PASSPHRASE" in no_passphrase.stderr
    db = vault / "vault.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))
    corrupt = run_cli("--vault", str(vault), "clients", "list")
    assert corrupt.returncode != 0 and "backup" in corrupt.stderr.lower()
    assert db.read_bytes() == bytes(data)
