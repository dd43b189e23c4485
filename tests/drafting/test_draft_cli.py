"""``session-assistant draft`` through the real CLI: errors are one clear line (the JSON shape is checked on
the CLI draft in tests/bench/test_rerender.py, the JSON transcript input in tests/test_offline_strace.py)."""

from __future__ import annotations

import json

import pytest

from sa_testing import run_cli

TINY = "smollm2-135m-instruct"


def _one_line_error(result):
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_empty_transcript_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n")
    assert "empty" in _one_line_error(run_cli("draft", str(path), "--model", TINY))


@pytest.mark.parametrize("content", [
    "[1,2,3]",
    json.dumps({"segments": [{"id": 0, "speaker": "Client", "text": "3"},
                             {"id": 1, "speaker": "Clinician", "text": "..."},
                             {"id": 2, "speaker": "Client", "text": "42!"}]}),
    "Client: 7\nClinician: 2, 3?\n",
], ids=["json-list", "number-segments", "number-lines"])
def test_wordless_transcript_is_refused(tmp_path, content):
    """Issue 15 item 11: a transcript with no word in it is refused like an empty one, in one line."""
    path = tmp_path / "wordless.json"
    path.write_text(content)
    result = run_cli("draft", str(path), "--model", TINY)
    assert "no words" in _one_line_error(result)
    assert result.stdout == ""


def test_missing_transcript_is_refused(tmp_path):
    assert "not found" in _one_line_error(run_cli("draft", str(tmp_path / "none.json"), "--model", TINY))


def test_unknown_format_and_model_are_refused(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Client: I slept badly.\n")
    assert "format" in _one_line_error(run_cli("draft", str(path), "--format", "xyz", "--model", TINY))
    assert "model" in _one_line_error(run_cli("draft", str(path), "--model", "no-such-model"))


def test_a_missing_or_malformed_chart_is_refused_before_any_model_loads(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Client: I slept badly.\n")
    assert "Chart file not found" in _one_line_error(run_cli("draft", str(path), "--chart", str(tmp_path / "no.json"),
                                                             "--model", "no-such-model"))
    bad = tmp_path / "chart.json"
    bad.write_text('{"measures": ["PHQ-9 was 14"]}')
    error = _one_line_error(run_cli("draft", str(path), "--chart", str(bad), "--model", "no-such-model"))
    assert "chart" in error.lower() and "PHQ" not in error  # names the problem, never the content
