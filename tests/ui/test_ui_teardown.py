"""A window test that fails while transcription or drafting still runs must fail, not hang the
suite: closing the window then asks "Work is still running... quit?" (``closeEvent``), a modal
question nobody answers offscreen. A failed assertion in the imported-recording test left the
fresh-clone suite hanging there (speakers17e's change, 2026-12-01), with no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_a_window_test_failing_while_work_runs_fails_and_does_not_hang(tmp_path):
    try:
        # Its own base folder: the child must not clean up the temporary folders of a run beside it.
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                               f"--basetemp={tmp_path / 'inner'}", str(HERE / "probe_fails_while_working.py")],
                              cwd=HERE.parents[1], env=dict(os.environ), capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired as hung:
        raise AssertionError(f"the failing window test hung at teardown: {hung.stdout!r}") from None
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 failed" in done.stdout and "failed on purpose while work runs" in done.stdout, done.stdout[-3000:]
