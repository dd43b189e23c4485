"""The window must not spend references to None: PySide6 6.12.0 on Python 3.11 drops one per Qt call that
returns nothing, and after a few thousand clicks the interpreter aborts with unsaved edits lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from ui_helpers import unlock

from session_assistant.ui.common.qt_binding_check import guard_none_refcount, none_references_lost_per_call

PAGES = 5
ROUNDS = 60


def test_the_installed_qt_binding_keeps_its_references_to_none(qtbot):
    assert none_references_lost_per_call() < 0.5


def test_going_through_every_page_many_times_leaves_nones_count_where_it_was(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    workspace = window.workspace
    for page in range(PAGES):  # the first visit builds each page: its objects are not a leak
        workspace.go(page)
    qtbot.wait(50)
    before = sys.getrefcount(None)
    for _ in range(ROUNDS):
        for page in range(PAGES):
            workspace.go(page)
    qtbot.wait(50)
    # 300 page changes make thousands of Qt calls; a leaking binding loses thousands, a sound one a handful.
    assert before - sys.getrefcount(None) < 100


def test_the_guard_leaves_a_sound_binding_alone_and_pads_none_where_it_leaks():
    assert guard_none_refcount() is False
    # A leak made in a child process (each decref of None by hand stands for one leaking Qt call): the guard
    # sees it and pads None so that spending more references than None had does not abort the interpreter.
    script = textwrap.dedent("""
        import ctypes, sys
        from PySide6.QtCore import QObject
        import session_assistant.ui.common.qt_binding_check as check
        original = QObject.setObjectName
        def leaking(self, name):
            original(self, name)
            ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))
        QObject.setObjectName = leaking
        spend = sys.getrefcount(None) + 10_000  # more than None holds before the guard
        assert check.guard_none_refcount() is True
        QObject.setObjectName = original
        for _ in range(spend):
            ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))
        print("survived", flush=True)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout
