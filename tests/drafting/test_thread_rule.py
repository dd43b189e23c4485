"""The drafting thread rule: one core is left to the rest of the machine (bench/busy_core_bench.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from session_assistant.drafting.note_model import NoteModel, drafting_threads


def test_one_core_is_left_free():
    assert [drafting_threads(n) for n in (1, 2, 4, 8)] == [1, 1, 3, 7]


def test_the_model_uses_the_rule_unless_told(tmp_path):
    assert NoteModel(tmp_path / "m.gguf")._n_threads == drafting_threads()
    assert NoteModel(tmp_path / "m.gguf", n_threads=3)._n_threads == 3


@pytest.mark.skipif(shutil.which("taskset") is None, reason="needs taskset")
def test_a_process_given_two_cores_drafts_with_one_thread():
    code = "from session_assistant.drafting.note_model import drafting_threads; print(drafting_threads())"
    out = subprocess.run(["taskset", "-c", "0,1", sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert out.strip() == "1"
