"""Issue 15 item 2 in real processes: the CLI under libfaketime (``apt-get install faketime``).

libfaketime moves the wall clock of one process; with ``FAKETIME_DONT_FAKE_MONOTONIC`` the boot
clock stays real, as when a laptop's clock is simply wrong. (It cannot make 24 real hours pass on
the boot clock: the in-process tests in test_retention_deadlines drive that with the injected clock.)
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_recording_cli import cli, vault, write_wav  # noqa: F401 - vault is a fixture

FAKETIME_LIB = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
pytestmark = pytest.mark.skipif(not FAKETIME_LIB.exists() or not Path("/proc/sys/kernel/random/boot_id").exists(),
                                reason="needs libfaketime (apt-get install faketime) and a Linux boot clock")


def wall_clock_off_by(offset: str) -> dict:
    """Environment for a CLI process whose wall clock is off by ``offset`` ("+30d", "+1442m"); its
    boot clock stays real.

    FAKETIME_FORCE_MONOTONIC_FIX=0: libfaketime turns on, for this glibc, a workaround for a hang on
    other platforms that re-times every timed wait, and with the boot clock left real it spun ~0.3 s of
    CPU in each ThreadPoolExecutor.submit (the vault writer's): ~1.8 s a command, 3-4x the command
    itself. Off, timed waits are the kernel's; the wall clock is faked the same."""
    return {"LD_PRELOAD": str(FAKETIME_LIB), "FAKETIME": offset, "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            "FAKETIME_FORCE_MONOTONIC_FIX": "0"}


def row_of(vault_dir, rec_id, env=None) -> dict:
    done = cli(vault_dir, "--json", "recordings", "list", env=env)
    assert done.returncode == 0, done.stderr
    return next(r for r in json.loads(done.stdout) if r["id"] == rec_id)


def test_untranscribed_audio_is_gone_24_hours_after_it_ends(vault, tmp_path):  # noqa: F811
    vault_dir, appt = vault
    done = cli(vault_dir, "recordings", "import", str(write_wav(tmp_path / "visit.wav")), "--appointment", str(appt),
               "--consent", "given")
    assert done.returncode == 0, done.stderr
    rec_id = done.stdout.strip()
    assert "sessions transcribe" in done.stderr  # told to transcribe before the deadline

    done = cli(vault_dir, "shred", "--due", env=wall_clock_off_by("+1430m"))  # 23 h 50 min (one unit only)
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert "is not transcribed and its audio is shredded" in said and f"sessions transcribe {rec_id}" in said
    assert row_of(vault_dir, rec_id)["state"] == "complete"

    later = wall_clock_off_by("+1442m")  # 24 h 2 min
    done = cli(vault_dir, "recordings", "list", env=later)  # any command's start-up sweep shreds it
    assert done.returncode == 0, done.stderr
    assert "unread notice" in done.stderr
    assert row_of(vault_dir, rec_id, later)["state"] == "shredded"
    notices = json.loads(cli(vault_dir, "--json", "recordings", "notices", env=later).stdout)
    assert [(n["kind"], n["recording_id"]) for n in notices] == [("shredded_untranscribed", rec_id)]
    done = cli(vault_dir, "recordings", "play", rec_id, "--out", str(tmp_path / "out.wav"), env=later)
    assert done.returncode != 0 and "shredded" in done.stderr
    assert not (vault_dir / "recordings" / f"{rec_id}.sealed").exists()
    log = json.loads(cli(vault_dir, "--json", "recordings", "log", env=later).stdout)
    assert [(e["recording_id"], e["reason"]) for e in log] == [(rec_id, "untranscribed")]
    assert cli(vault_dir, "recordings", "notices", "--dismiss", str(notices[0]["id"]), env=later).returncode == 0
    assert "unread notice" not in cli(vault_dir, "recordings", "list", env=later).stderr


def test_a_clock_30_days_fast_at_import_does_not_stretch_the_deadline(vault, tmp_path):  # noqa: F811
    vault_dir, appt = vault
    done = cli(vault_dir, "recordings", "import", str(write_wav(tmp_path / "visit.wav")), "--appointment", str(appt),
               "--consent", "given", env=wall_clock_off_by("+30d"))
    assert done.returncode == 0, done.stderr
    rec_id = done.stdout.strip()

    now = datetime.now(timezone.utc)  # the clock is right again
    row = row_of(vault_dir, rec_id)
    assert row["ended_at"] > (now + timedelta(days=29)).isoformat()  # what the wrong clock said
    due = datetime.fromisoformat(row["shred_due_at"])
    assert now + timedelta(hours=23, minutes=50) <= due <= now + timedelta(hours=24, minutes=1), due
    assert row["deadline_basis"] == "boot"
    done = cli(vault_dir, "shred", "--due")
    assert done.returncode == 0 and rec_id not in done.stdout.split("Not transcribed")[0]
    assert row_of(vault_dir, rec_id)["state"] == "complete"  # only seconds of real time have passed
