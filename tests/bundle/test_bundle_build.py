"""Build the one-folder bundle with scripts/build-bundle and run the built executables.

Slow (a PyInstaller build plus the self-check: see bench/README.md "Bundle"), so it runs only
with SA_BUNDLE_TEST=1. It uses the existing .venv and models (--no-setup): CI runs setup first.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from sa_testing import REPO

APP = REPO / "dist" / "SessionAssistant"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("SA_BUNDLE_TEST") != "1",
                       reason="builds the desktop bundle (minutes): set SA_BUNDLE_TEST=1 to run"),
]


@pytest.fixture(scope="module")
def build() -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_"))}
    return subprocess.run([str(REPO / "scripts" / "build-bundle"), "--no-setup"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=3000)


@pytest.mark.timeout(3600)
def test_bundle_builds_and_its_self_check_passes_read_only(build):
    log = build.stdout + build.stderr
    assert build.returncode == 0, log[-4000:]
    assert "self-check passed (9/9 steps passed)" in build.stdout, log[-4000:]
    assert "PASS  install-dir  nothing written in the bundle" in build.stdout
    assert "SessionAssistant opened its window" in build.stderr
    assert "bundle size:" in build.stderr and "PyInstaller build:" in build.stderr


@pytest.mark.timeout(3600)
def test_bundle_layout_keeps_models_outside_and_leaves_dev_tools_out(build):
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
    internal = APP / "_internal"
    assert (APP / "session-assistant").is_file() and (APP / "SessionAssistant").is_file()
    assert (APP / "models" / "whisper-base" / "model.bin").is_file()
    assert not list(internal.rglob("*.gguf")) and not (internal / "models").exists()
    for folder in ("migrations", "fonts", "prompts"):
        assert any((internal / "resources" / folder).iterdir()), folder
    assert list((internal / "faster_whisper" / "assets").glob("silero_vad*.onnx"))
    assert list((internal / "llama_cpp" / "lib").glob("libllama*"))
    for unwanted in ("torch", "tkinter", "pytest", "_pytest", "PyInstaller", "aiohttp", "hf_xet"):
        assert not (internal / unwanted).exists(), unwanted
    qt = {p.name for p in internal.rglob("libQt6*")}
    assert {"libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6"} <= qt
    assert not {n for n in qt if n.startswith(("libQt6Qml", "libQt6Quick", "libQt6WebEngine", "libQt6Pdf"))}
