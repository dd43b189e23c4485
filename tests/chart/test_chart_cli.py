"""The chart's headless interface: JSON shapes, clear errors, and no change on bad input."""

from __future__ import annotations

import json

import pytest

from session_assistant.services.sample_chart import build_sample_chart

pytestmark = pytest.mark.slow


def _json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_chart_cli_end_to_end(practice, chart_paths, tiny_model, cli):
    practice.summaries.summarizer_options = {"final_statements": 2, "period_statements": 2}
    chart = build_sample_chart(practice, weeks=3)
    summary_id = practice.summaries.generate_treatment(chart.client_id, chart.first_day, chart.last_day, tiny_model)
    empty_client = practice.clients.add("Alex", "Nobody")
    practice.close()
    vault = ["--vault", str(chart_paths.vault_dir)]

    shown = _json(cli(*vault, "--json", "summary", "show", str(summary_id)))
    assert {"id", "status", "text", "sources"} <= set(shown) and shown["status"] == "draft"
    assert shown["sources"] and all(set(s) == {"kind", "id", "date"} for s in shown["sources"])
    assert all(st["sources"] for st in shown["statements"])
    assert _json(cli(*vault, "summary", "show", str(summary_id), "--json"))["id"] == summary_id  # --json after too

    second = cli(*vault, "summary", "treatment", str(chart.client_id), "--from", chart.first_day,
                 "--to", chart.last_day, "--model", "smollm2-135m-instruct")
    assert second.returncode == 2 and f"draft ({summary_id})" in second.stderr and "discard" in second.stderr
    nothing = cli(*vault, "summary", "treatment", str(empty_client), "--from", "2026-01-01", "--to", "2026-06-30",
                  "--model", "smollm2-135m-instruct")
    assert nothing.returncode == 2 and "holds 0 signed clinical item" in nothing.stderr
    assert "Widen the date range" in nothing.stderr

    before = _json(cli(*vault, "--json", "assessments", "list", str(chart.client_id)))
    for answers, message in (("0,1,2", "exactly 9 answers; got 3"), ("0,1,2,3,4,0,0,0,0", "0, 1, 2 or 3"),
                             ("0,a", "whole numbers")):
        bad = cli(*vault, "assessments", "add", str(chart.client_id), "phq9", "--answers", answers)
        assert bad.returncode == 2 and message in bad.stderr
    unknown = cli(*vault, "diagnoses", "add", str(chart.client_id), "F99.9")
    assert unknown.returncode == 2 and "not in the offline ICD-10-CM list" in unknown.stderr
    assert _json(cli(*vault, "--json", "assessments", "list", str(chart.client_id))) == before

    gad = _json(cli(*vault, "assessments", "add", str(empty_client), "gad7", "--answers", "3,3,3,3,3,3,3",
                    "--date", "2026-03-01", "--json"))
    assert (gad["total_score"], gad["severity"], gad["status"]) == (21, "severe", "draft")
    assert cli(*vault, "assessments", "sign", str(gad["id"])).returncode == 0
    search = cli(*vault, "diagnoses", "search", "panic", "disorder")
    assert search.returncode == 0 and "F41.0" in search.stdout
    added = _json(cli(*vault, "--json", "diagnoses", "add", str(empty_client), "F41.0", "--onset", "2026-02-01"))
    assert added["description"].startswith("Panic disorder")
    plan = _json(cli(*vault, "--json", "plans", "add", str(empty_client), "--problem", "Panic attacks",
                     "--goal", "No panic attacks for a month", "--intervention", "Interoceptive exposure",
                     "--review", "2026-05-01"))
    assert plan["version"] == 1 and cli(*vault, "plans", "sign", str(plan["id"])).returncode == 0
    latest = _json(cli(*vault, "--json", "plans", "show", "--client", str(empty_client)))
    assert latest["status"] == "signed" and "Interoceptive exposure" in latest["text"]

    autosave = cli(*vault, "summary", "update", str(summary_id), "--text", "Edited by the clinician.")
    assert autosave.returncode == 0
    signed = _json(cli(*vault, "--json", "summary", "sign", str(summary_id)))
    assert signed["status"] == "signed" and signed["text"] == "Edited by the clinician."
    for change in (("--text", "x"), ("--instruction", "shorter")):
        refused = cli(*vault, "summary", "update", str(summary_id), *change)
        assert refused.returncode == 7 and "signed" in refused.stderr
    assert cli(*vault, "summary", "delete", str(summary_id)).returncode == 0
    assert _json(cli(*vault, "--json", "summary", "list", str(chart.client_id))) == []
    assert cli(*vault, "audit", "verify").returncode == 0
