"""``session-assistant draft`` through the real CLI: errors are one clear line, JSON has the promised shape."""

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


@pytest.mark.slow
def test_draft_json_shape_with_a_chart_citing_chart_items(tmp_path, short_session):
    path = tmp_path / "session.json"
    path.write_text(json.dumps(short_session))
    chart = tmp_path / "chart.json"
    chart.write_text(json.dumps({"goals": [{"id": "g1", "goal": "Sleep through the night without waking",
                                            "objectives": ["Keep a sleep diary"]}],
                                 "measures": [{"id": "a7", "instrument": "ISI", "total": 18, "date": "2026-11-30"}]}))
    result = run_cli("draft", str(path), "--model", TINY, "--max-sentences", "1", "--chart", str(chart), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # The JSON's shape (one CLI draft checks it and the chart: each is a minute of model time on CI).
    assert {"format", "sections", "sentences", "risk", "model", "elapsed_s"} <= set(data)
    assert data["format"] == "soap" and list(data["sections"]) == ["subjective", "objective", "assessment", "plan"]
    assert data["model"] == TINY and data["elapsed_s"] > 0
    ids = {s["id"] for s in short_session["segments"]}
    for sentence in data["sentences"]:
        assert {"section", "text", "evidence", "flags"} <= set(sentence)
        assert set(sentence["evidence"]) <= ids
    # No transcript text leaks to stderr (progress is stage names only, and only on a terminal).
    assert "manager" not in result.stderr
    cited = {ref for s in data["sentences"] for ref in s["chart_evidence"]}
    assert {"chart:goal:g1", "chart:assessment:a7"} <= cited
    assert [f["ref"] for f in data["facts"]["chart"]["facts"]] == ["chart:goal:g1", "chart:assessment:a7"]
    assert "ISI" not in result.stderr
