"""``self-check``'s offline step (issue 15, item 1): it passes on a clean run and FAILS when a
library loaded before its telemetry was switched off, when a socket other than AF_UNIX is open,
or when something was written under the home folder outside the app's folders.

Each case is a real process with its own empty HOME; the "bad" behaviour is produced for real (an
onnxruntime import before the app's, a UDP socket, a file under ~/.cache), never simulated.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from sa_testing import REPO

SWITCHES = ("ORT_DISABLE_TELEMETRY", "ORT_TELEMETRY_DISABLED", "HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY",
            "HF_HUB_DISABLE_IMPLICIT_TOKEN", "HF_HUB_DISABLE_UPDATE_CHECK", "TRANSFORMERS_OFFLINE",
            "HF_DATASETS_OFFLINE", "DO_NOT_TRACK")


def _self_check(tmp_path, before: str = "", during: str = "") -> dict:
    """``self-check --steps pdf,offline --json`` in a fresh process; ``before`` runs before the app is
    imported, ``during`` inside the pdf step (so after the check's starting snapshot)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    script = textwrap.dedent(f"""
        import sys
        {before}
        from session_assistant import selfcheck
        from session_assistant.__main__ import main
        real_pdf = selfcheck.SelfCheck.check_pdf
        def pdf_then(self):
            detail = real_pdf(self)
            {during or "pass"}
            return detail
        selfcheck.SelfCheck.check_pdf = pdf_then
        sys.exit(main(["self-check", "--steps", "pdf,offline", "--json"]))
    """)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k not in SWITCHES}
    env.update(HOME=str(home), PYTHONPATH=str(REPO / "src"))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    report = json.loads(result.stdout)
    report["returncode"] = result.returncode
    report["offline"] = next(s for s in report["steps"] if s["step"] == "offline")
    return report


def test_a_clean_run_passes(tmp_path):
    report = _self_check(tmp_path)
    assert report["returncode"] == 0, report
    assert report["offline"]["status"] == "pass"
    assert "no socket but AF_UNIX" in report["offline"]["detail"]


def test_onnxruntime_loaded_before_the_switches_fails_the_check(tmp_path):
    pytest.importorskip("onnxruntime")
    report = _self_check(tmp_path, before="import onnxruntime")
    assert report["returncode"] == 1
    assert report["offline"]["status"] == "fail"
    assert "onnxruntime loaded before the offline switches were set" in report["offline"]["detail"]


def test_an_open_network_socket_fails_the_check(tmp_path):
    # A UDP socket needs no network to exist; it is exactly what a DNS lookup opens.
    report = _self_check(tmp_path, during="import socket; self._kept = socket.socket(socket.AF_INET, "
                                          "socket.SOCK_DGRAM)")
    assert report["returncode"] == 1
    assert "AF_INET (socket:[" in report["offline"]["detail"], report["offline"]


def test_a_write_under_home_outside_the_app_fails_the_check(tmp_path):
    during = ("import pathlib; f = pathlib.Path.home() / '.cache' / 'Microsoft' / 'DeveloperTools' / "
              "'.onnxruntime' / 'deviceid'; f.parent.mkdir(parents=True); f.write_text('x')")
    report = _self_check(tmp_path, during=during)
    assert report["returncode"] == 1
    detail = report["offline"]["detail"]
    assert "onnxruntime's telemetry wrote" in detail and "written under the home folder" in detail, detail
