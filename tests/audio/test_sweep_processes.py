"""Issue 15 items 6 and 7 / SECURITY item 12, in real processes: an import is never destroyed by a
sweep in another process, and a recordings folder or file missing for a while loses nothing.

One process sweeps the vault in a tight loop while the CLI imports file after file: every import
that printed an id must still be there and play in full afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from audio_vault import AUDIO_TEST_PASSPHRASE
from test_recording_cli import cli, vault, write_wav  # noqa: F401 - vault is a fixture

from session_assistant.app import open_practice
from session_assistant.paths import AppPaths

HERE = Path(__file__).resolve().parent
IMPORTS = 8


def test_every_import_that_printed_an_id_survives_a_looping_sweep(vault, tmp_path):  # noqa: F811
    vault_dir, appt = vault
    source = write_wav(tmp_path / "visit.wav", seconds=3.0)
    stop = tmp_path / "stop-sweeping"
    env = dict(os.environ, SESSION_ASSISTANT_PASSPHRASE=AUDIO_TEST_PASSPHRASE)
    sweeper = subprocess.Popen([sys.executable, str(HERE / "sweep_loop.py"), str(vault_dir), str(stop)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert sweeper.stdout.readline().strip() == "ready", sweeper.stderr.read()
        printed = []
        for _ in range(IMPORTS):
            done = cli(vault_dir, "recordings", "import", str(source), "--appointment", str(appt),
                       "--consent", "given")
            if done.returncode == 0:
                printed.append(done.stdout.strip())
    finally:
        stop.touch()
        out, err = sweeper.communicate(timeout=120)
    assert sweeper.returncode == 0, err
    assert int(out.split()[-1]) > IMPORTS, "the sweeper must really have been sweeping all along"
    assert len(printed) >= IMPORTS // 2, "most imports should succeed (a busy vault may refuse a few)"

    practice = open_practice(AppPaths.default(vault_dir=vault_dir), AUDIO_TEST_PASSPHRASE)
    try:
        rows = {r["id"]: r for r in practice.recordings.list()}
        lost = [rec_id for rec_id in printed if rows.get(rec_id, {}).get("state") != "complete"]
        assert lost == [], f"{len(lost)} of {len(printed)} imports that printed an id were destroyed"
        for rec_id in printed:
            assert practice.recordings.load_audio(rec_id, "test").size == 3 * 16000
    finally:
        practice.close()


def test_a_recordings_folder_missing_for_a_command_loses_nothing(vault, tmp_path):  # noqa: F811
    """Issue 15 item 7: a detached drive or a sync tool takes the folder away for a while."""
    vault_dir, appt = vault
    done = cli(vault_dir, "recordings", "import", str(write_wav(tmp_path / "visit.wav")), "--appointment", str(appt),
               "--consent", "given")
    assert done.returncode == 0, done.stderr
    rec_id = done.stdout.strip()
    folder, away = vault_dir / "recordings", tmp_path / "detached"
    folder.rename(away)
    done = cli(vault_dir, "recordings", "list")
    assert done.returncode == 0, done.stderr
    assert "recordings folder is missing" in done.stderr
    away.rename(folder)

    (folder / f"{rec_id}.sealed").rename(away)  # now only the one file is away
    done = cli(vault_dir, "shred", "--due")
    assert done.returncode == 0 and f"audio file missing, kept track of until its deadline: {rec_id}" in done.stdout
    away.rename(folder / f"{rec_id}.sealed")

    out_wav = tmp_path / "back.wav"
    done = cli(vault_dir, "recordings", "play", rec_id, "--out", str(out_wav))
    assert done.returncode == 0, done.stderr
    assert out_wav.stat().st_size == 44 + 2 * 16000 * 2
    assert json.loads(cli(vault_dir, "--json", "recordings", "log").stdout) == []
