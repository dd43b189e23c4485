"""Issue 15 item 9, SECURITY item 4: the wrong-passphrase slow-down cannot be defeated, and a
wrong clock cannot lock the owner out for long. Parallel guesses are real processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest

from sa_testing import run_cli
from session_assistant.app import create_practice
from session_assistant.errors import VaultLocked, WrongPassphrase
from session_assistant.vault.attempts import ATTEMPTS_NAME, FREE_ATTEMPTS, MAX_DELAY_S, delay_after
from session_assistant.vault.store import Vault
from vault_helpers import PASSPHRASE, reopen


@pytest.fixture
def vault_dir(paths):
    practice, _ = create_practice(paths, PASSPHRASE)
    practice.close()
    return paths.vault_dir


def _wait_in(message: str) -> int:
    match = re.search(r"try again in (\d+) s", message)
    assert match, message
    return int(match.group(1))


def _audit_actions(paths, clock=None) -> list[tuple[str, str]]:
    practice = reopen(paths, clock)
    try:
        return practice.vault.db.conn.execute("SELECT action, detail FROM audit_log ORDER BY seq").fetchall()
    finally:
        practice.close()


def test_parallel_wrong_guesses_are_checked_one_at_a_time(vault_dir):
    env = {**os.environ, "SESSION_ASSISTANT_PASSPHRASE": "not the passphrase at all"}
    started = time.monotonic()
    guesses = [subprocess.Popen([sys.executable, "-m", "session_assistant", "--vault", str(vault_dir),
                                 "clients", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env) for _ in range(8)]
    results = [(g.wait(timeout=180), g.stderr.read()) for g in guesses]
    elapsed = time.monotonic() - started
    for code, err in results:
        assert "Traceback" not in err
    checked = [err for code, err in results if code == WrongPassphrase.exit_code]
    refused = [err for code, err in results if code == VaultLocked.exit_code]
    assert len(checked) + len(refused) == 8, results
    assert all("try again in" in err for err in refused)
    # Every guess that was checked beyond the free ones waited its turn, as if sent one by one
    # (usually the five after the third arrive within the first delay and are refused unchecked).
    assert len(checked) >= FREE_ATTEMPTS
    assert elapsed >= sum(delay_after(n) for n in range(len(checked))), (len(checked), elapsed)
    assert json.loads((vault_dir / ATTEMPTS_NAME).read_text())["failures"] == len(checked)


@pytest.mark.parametrize("content", [b"\x00\xffnot json", b"[]", b'{"failures": -1}', b'{"failures": "lots"}',
                                     b'{"failures": 9}', b'{"failures": 4, "last": "yesterday"}'])
def test_a_damaged_attempts_record_fails_closed(vault_dir, paths, clock, content):
    (vault_dir / ATTEMPTS_NAME).write_bytes(content)
    with pytest.raises(VaultLocked, match="damaged") as refused:
        Vault.unlock(vault_dir, PASSPHRASE, clock)
    assert 0 < _wait_in(str(refused.value)) <= MAX_DELAY_S + 1
    clock.advance(seconds=MAX_DELAY_S + 1)
    actions = _audit_actions(paths, clock)
    assert ("unlock_attempts_record_damaged" in [a for a, _ in actions])


def test_a_damaged_attempts_record_fails_closed_through_the_cli(vault_dir):
    (vault_dir / ATTEMPTS_NAME).write_text("{ this is not a counter")
    result = run_cli("--vault", str(vault_dir), "clients", "list")
    assert result.returncode == VaultLocked.exit_code, result.stderr
    assert result.stderr.startswith("error: The record of failed unlock attempts is damaged")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_deleted_attempts_record_is_audited_at_the_next_sign_in(vault_dir, paths):
    for _ in range(2):
        wrong = run_cli("--vault", str(vault_dir), "clients", "list", passphrase="a wrong passphrase")
        assert wrong.returncode == WrongPassphrase.exit_code, wrong.stderr
    (vault_dir / ATTEMPTS_NAME).unlink()
    signed_in = run_cli("--vault", str(vault_dir), "clients", "list")
    assert signed_in.returncode == 0, signed_in.stderr
    assert "deleted or replaced" in signed_in.stderr  # the owner is told at once
    actions = [a for a, _ in _audit_actions(paths)]
    assert actions.count("unlock_attempts_record_lost") == 1
    # Counted failures that were not deleted still show up as before.
    wrong = run_cli("--vault", str(vault_dir), "clients", "list", passphrase="a wrong passphrase")
    assert wrong.returncode == WrongPassphrase.exit_code
    signed_in = run_cli("--vault", str(vault_dir), "clients", "list")
    assert "1 wrong passphrase attempt" in signed_in.stderr
    details = [d for a, d in _audit_actions(paths) if a == "unlock_failed"]
    assert details and details[-1].startswith("1 failed attempt")


@pytest.mark.parametrize("failures, longest", [(FREE_ATTEMPTS + 1, 5), (50, MAX_DELAY_S + 1)])
def test_a_time_in_the_future_never_locks_the_owner_out_beyond_the_cap(vault_dir, failures, longest):
    # The clock ran a year fast when the failures were counted, and was then corrected.
    future = (datetime.now(timezone.utc) + timedelta(days=365)).isoformat(timespec="seconds")
    (vault_dir / ATTEMPTS_NAME).write_text(json.dumps({"failures": failures, "last": future}))
    refused = run_cli("--vault", str(vault_dir), "clients", "list")
    assert refused.returncode == VaultLocked.exit_code, refused.stderr
    wait = _wait_in(refused.stderr)
    assert wait <= longest
    if wait <= 5:  # the short case is waited out for real: then the owner gets in
        time.sleep(wait)
        opened = run_cli("--vault", str(vault_dir), "clients", "list")
        assert opened.returncode == 0, opened.stderr
    else:  # and a second refusal counts down from the first, it does not start again
        time.sleep(2)
        again = run_cli("--vault", str(vault_dir), "clients", "list")
        assert _wait_in(again.stderr) <= wait - 1


def test_the_sign_in_notice_reads_as_words_not_a_timestamp(monkeypatch):
    # Found clicking through the window: "1 wrong passphrase attempt(s) since your last sign-in, the last
    # at 2026-12-02T07:39:28+00:00". The office clock, a count in words; the audit keeps the exact time.
    import time

    from session_assistant.vault.signin import _failures_notice
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        last = datetime(2026, 7, 2, 7, 39, 28, tzinfo=timezone.utc)  # summer time: 08:39 in London
        assert _failures_notice(1, last) == "1 wrong passphrase attempt since your last sign-in, the last on 02 Jul 2026 at 08:39."
        assert _failures_notice(3, None) == "3 wrong passphrase attempts since your last sign-in."
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
