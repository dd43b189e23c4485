"""The window's first size (1280x720) and a size restored from a larger monitor are fitted to the
screen at start-up: on a 1024x600 laptop the right and bottom edges, Sign & Approve included, were
off-screen (the user25 walkthrough)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect

from session_assistant.ui.shell.app_main import fit_to_screen

LAPTOP = QRect(0, 0, 1024, 600)
ROOT = Path(__file__).resolve().parents[2]

START = """
import json, sys
from pathlib import Path
from session_assistant.paths import AppPaths
from session_assistant.ui.shell import app_main

made = []
build = app_main.build_window
app_main.build_window = lambda *a, **k: made.append(build(*a, **k)) or made[-1]
root = Path(sys.argv[1])
paths = AppPaths(data_dir=root / "data", log_dir=root / "log", config_dir=root / "config",
                 vault_dir=root / "data" / "vault", models_dir=root / "models")
paths.ensure()
if len(sys.argv) > 3:  # a size saved on a larger monitor, as the window saves it at quit
    from PySide6.QtWidgets import QApplication, QMainWindow
    from session_assistant.ui.common.ui_settings import UiSettings

    app = QApplication.instance() or QApplication([])
    big = QMainWindow()
    big.setGeometry(300, 200, 1600, 1000)
    settings = UiSettings.load(paths.config_dir)
    settings.geometry_hex = bytes(big.saveGeometry().toHex()).decode()
    settings.save(paths.config_dir)
app_main.run_gui(paths, startup_stamp=sys.argv[2])
frame = made[0].frameGeometry()
print(json.dumps([frame.x(), frame.y(), frame.width(), frame.height()]))
"""


def _start_on_a_laptop_screen(tmp_path, restored: bool) -> QRect:
    """Run the real start-up (run_gui) in a child on an offscreen 1024x600 screen with window frames."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 600, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT / "src")}
    args = [sys.executable, "-c", START, str(tmp_path / "app"), str(tmp_path / "stamp")] + (["restored"] * restored)
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return QRect(*json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_first_start_fits_a_1024x600_screen(tmp_path):
    frame = _start_on_a_laptop_screen(tmp_path, restored=False)
    assert LAPTOP.contains(frame), frame


def test_a_size_restored_from_a_larger_monitor_fits_a_1024x600_screen(tmp_path):
    frame = _start_on_a_laptop_screen(tmp_path, restored=True)
    assert LAPTOP.contains(frame), frame


def test_fitting_leaves_a_window_that_already_fits_as_it_is(ui_paths, make_window):
    window = make_window(ui_paths)
    window.setGeometry(100, 50, 800, 500)
    before = window.frameGeometry()
    fit_to_screen(window, LAPTOP)
    assert window.frameGeometry() == before
    window.setGeometry(0, 0, 1280, 720)  # what make_window's tests see is not changed by start-up fitting
    fit_to_screen(window, LAPTOP)
    assert LAPTOP.contains(window.frameGeometry()), window.frameGeometry()
