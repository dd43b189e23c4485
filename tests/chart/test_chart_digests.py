"""Digests of signed chart items: queued at signing, built by persistent jobs, resumable after kill -9.

No model is involved: digests are a rule pass, and these tests read them back from the real vault.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from session_assistant.app import create_practice, open_practice
from session_assistant.chart.citations import SourceItem
from session_assistant.chart.digest import classify, digest_note, risk_status
from session_assistant.jobs.progress import CancelToken
from session_assistant.services.digest_jobs import BACKFILL_JOB, DIGEST_JOB
from session_assistant.services.sample_chart import build_sample_chart
from session_assistant.vault.store import Vault

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures" / "vaults"
PASSPHRASE = "correct horse battery staple"


def _jobs(practice, kind):
    with practice.vault.db.read() as conn:
        return [dict(zip(("id", "target_id", "state", "params"), r)) for r in conn.execute(
            "SELECT id, target_id, state, params_json FROM jobs WHERE kind = ? ORDER BY id", (kind,))]


def _digest_rows(practice):
    with practice.vault.db.read() as conn:
        return {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
            "SELECT source_kind, source_id, id, created_at FROM digests")}


def test_sentences_fall_into_the_parts_a_summary_needs():
    assert [(i.category, i.tags) for i in classify("Graded exposure continued; the client rode the train.")] == [
        ("intervention", ("graded exposure",))]
    assert {i.category for i in classify("The client practised diaphragmatic breathing and reported using it.")} == {
        "intervention", "response"}
    assert [i.category for i in classify("The client reported two panic episodes and avoidance of the train.")] == [
        "problem"]
    assert risk_status("Passive thoughts of being better off dead were reported; no plan or intent.") == "endorsed"
    assert risk_status("No suicidal ideation, plan or intent reported.") == "denied"
    assert risk_status("Denied thoughts of self-harm; protective factors reviewed.") == "denied"
    assert [i.category for i in classify("Session 4.")] == []
    # Every sentence of the risk field is risk documentation, and only that.
    assert [i.category for i in classify("Safety plan reviewed and updated.", "Risk Assessment")] == ["risk"]
    assert "homework" in {i.category for i in classify("Keep the worry log daily.", "Plan for Next Session")}


def test_a_note_digest_quotes_its_own_sentences_with_their_field():
    item = SourceItem("progress_note", 7, "2026-02-02", "Progress note",
                      "Session Summary: Cognitive restructuring targeted the fear of dismissal. Session 5. | "
                      "Risk Assessment: Denied thoughts of self-harm. | Addendum (2026-02-03): The client "
                      "reported less rumination.")
    digest = digest_note(item)
    assert digest.source == item.ref and digest.source_digest == item.digest
    assert all(i.text in item.text for i in digest.items)  # verbatim, never a paraphrase
    by_category = {i.category: i for i in digest.items}
    assert by_category["intervention"].field == "Session Summary"
    assert (by_category["risk"].field, by_category["risk"].status) == ("Risk Assessment", "denied")
    assert by_category["response"].field == "Addendum"


def test_signing_queues_a_digest_that_the_queue_builds(practice, client_id):
    appointment = practice.appointments.add(client_id, "2026-03-02T10:00", 50)
    note = practice.notes.create(appointment)
    practice.notes.set_field(note, "session_summary", "The client reported two panic attacks on the train. "
                                                      "Psychoeducation on the panic cycle was provided.")
    practice.notes.set_field(note, "risk_assessment", "No suicidal ideation reported.")
    assert _jobs(practice, DIGEST_JOB) == []  # a draft is not digested
    practice.notes.sign(note, practice.profile.get())
    queued = _jobs(practice, DIGEST_JOB)
    assert [(j["target_id"], j["state"], json.loads(j["params"])) for j in queued] == [
        (note, "queued", {"source": "progress_note"})]

    assessment = practice.assessments.add(client_id, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1], "2026-03-02")
    practice.assessments.sign(assessment, "Dr Sam Example")
    assert [j["target_id"] for j in _jobs(practice, DIGEST_JOB)] == [note, assessment]

    counts = practice.digests.run_pending()
    assert (counts["jobs"], counts["built"], counts["failed"]) == (2, 2, 0)
    assert all(j["state"] == "done" for j in _jobs(practice, DIGEST_JOB))
    digests = {d["source"]["kind"]: d for d in practice.digests.client_digests(client_id)}
    note_items = {(i["category"], i["text"]) for i in digests["progress_note"]["items"]}
    assert ("problem", "The client reported two panic attacks on the train.") in note_items
    assert ("intervention", "Psychoeducation on the panic cycle was provided.") in note_items
    assert ("risk", "No suicidal ideation reported.") in note_items
    score = digests["assessment"]["items"][0]["score"]
    assert (score["total"], score["max"], score["severity"], score["item9"]) == (9, 27, "mild", 1)
    assert practice.digests.status() == {"signed_items": 2, "digested": 2, "missing": 0, "jobs_waiting": 0}

    # An addendum changes what the note says: its digest is queued again and rebuilt.
    practice.notes.add_addendum(note, "The client later reported fewer panic attacks.", "late entry", "Dr Sam")
    assert practice.digests.status()["missing"] == 1
    assert practice.digests.run_pending()["built"] == 1
    texts = {i["text"] for d in practice.digests.client_digests(client_id) for i in d["items"]}
    assert "The client later reported fewer panic attacks." in texts
    assert practice.digests.run_pending() == {"jobs": 0, "built": 0, "failed": 0, "cancelled": 0}


def test_a_plan_digest_lists_its_problems_goals_and_interventions(practice):
    chart = build_sample_chart(practice, weeks=1)
    practice.digests.run_pending()
    plan = next(d for d in practice.digests.client_digests(chart.client_id) if d["source"]["kind"] == "treatment_plan")
    categories = [i["category"] for i in plan["items"]]
    assert categories.count("problem") == 2 and categories.count("goal") == 2 and categories.count("intervention") == 5
    assert {"graded exposure", "behavioural activation"} <= {t for i in plan["items"] for t in i.get("tags", [])}


def test_cancelled_backfill_keeps_what_it_built_and_resumes(practice):
    chart = build_sample_chart(practice, weeks=8)
    with practice.vault.db.transaction() as conn:  # as if these were signed before digests existed
        conn.execute("DELETE FROM jobs WHERE kind = ?", (DIGEST_JOB,))
    total = practice.digests.status()["signed_items"]
    token, seen = CancelToken(), []

    def progress(fraction, message):
        seen.append(message)
        if message.startswith("Digested 4 of"):
            token.cancel()

    counts = practice.digests.backfill(on_progress=progress, cancel=token)
    assert counts["cancelled"] == 1 and _jobs(practice, BACKFILL_JOB)[0]["state"] == "cancelled"
    assert practice.digests.status()["digested"] == 4
    before = _digest_rows(practice)
    counts = practice.digests.backfill()  # resumes the same job, with the items still missing
    assert [j["state"] for j in _jobs(practice, BACKFILL_JOB)] == ["done"]
    assert counts["built"] == total - 4 and practice.digests.status()["missing"] == 0
    after = _digest_rows(practice)
    assert all(after[key] == row for key, row in before.items())  # the first four were not redone
    assert chart.client_id and f"Digesting {total} signed item(s)" in seen[0]

    rebuilt = practice.digests.backfill(rebuild=True)
    assert rebuilt["built"] == total and all(_digest_rows(practice)[k][0] != after[k][0] for k in after)


def test_kill_9_during_backfill_then_restart_finishes_without_redoing_done_digests(chart_paths, chart_clock, cli):
    practice, _ = create_practice(chart_paths, PASSPHRASE, chart_clock)
    practice.profile.update(name="Dr Sam Example")
    build_sample_chart(practice, weeks=12)
    with practice.vault.db.transaction() as conn:
        conn.execute("DELETE FROM jobs WHERE kind = ?", (DIGEST_JOB,))
    total = practice.digests.status()["signed_items"]
    practice.close()

    child = subprocess.Popen([sys.executable, str(HERE / "digest_backfill_child.py"), str(chart_paths.vault_dir),
                              PASSPHRASE, "5"], stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()  # the child stops after 5 digests and waits to be killed
        assert line.startswith("paused after 5"), line
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    practice = open_practice(chart_paths, PASSPHRASE, chart_clock)
    try:
        assert [j["state"] for j in _jobs(practice, BACKFILL_JOB)] == ["interrupted"]  # never left "running"
        before = _digest_rows(practice)
        assert len(before) == 5
    finally:
        practice.close()

    # The next start is a new process: `summary digests` picks the interrupted job up and finishes it.
    finished = cli("--vault", str(chart_paths.vault_dir), "--json", "summary", "digests")
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout)["built"] == total - 5  # only the missing ones

    practice = open_practice(chart_paths, PASSPHRASE, chart_clock)
    try:
        after = _digest_rows(practice)
        assert all(after[key] == row for key, row in before.items())  # the five done before are untouched
        assert practice.digests.status() == {"signed_items": total, "digested": total, "missing": 0, "jobs_waiting": 0}
        with practice.vault.db.read() as conn:  # one row per item: nothing was digested twice
            assert conn.execute("SELECT count(*), count(DISTINCT source_kind || source_id) FROM digests").fetchone() \
                == (total, total)
        assert [j["state"] for j in _jobs(practice, BACKFILL_JOB)] == ["done"]  # the same job, resumed
        assert _jobs(practice, DIGEST_JOB) == []
    finally:
        practice.close()


def test_the_upgrade_queues_one_backfill_for_items_signed_before_digests(tmp_path):
    folder = tmp_path / "v5"
    shutil.copytree(FIXTURES / "v5", folder)
    vault = Vault.unlock(folder, "fixture vault passphrase")
    with vault.db.read() as conn:
        jobs = conn.execute("SELECT kind, state FROM jobs").fetchall()
    vault.close()
    assert jobs == [(BACKFILL_JOB, "queued")]


def test_a_fresh_vault_queues_no_backfill(practice):
    assert _jobs(practice, BACKFILL_JOB) == []


def test_summary_digests_cli_builds_with_progress_and_lists(practice, chart_paths, cli):
    chart = build_sample_chart(practice, weeks=4)
    practice.close()
    vault = ["--vault", str(chart_paths.vault_dir)]
    started = time.monotonic()
    built = cli(*vault, "--json", "summary", "digests", "--client", str(chart.client_id))
    assert built.returncode == 0, built.stderr
    data = json.loads(built.stdout)
    assert data["status"]["missing"] == 0 and data["built"] == data["status"]["signed_items"] == 4 + 2 * 1 + 1
    assert "Digested" in built.stderr or "Digests up to date" in built.stderr
    assert {d["source"]["kind"] for d in data["digests"]} == {"progress_note", "assessment", "treatment_plan"}
    assert all(i["text"] for d in data["digests"] for i in d["items"])
    again = cli(*vault, "summary", "digests")
    assert again.returncode == 0 and "Digests built: 0." in again.stdout
    assert time.monotonic() - started < 120


def test_a_summary_never_waits_for_the_queue_and_reads_the_same_from_stored_digests(practice):
    chart = build_sample_chart(practice, weeks=10)
    assert practice.digests.status()["digested"] == 0  # nothing digested yet: the jobs are still queued
    fresh_id = practice.summaries.generate_treatment(chart.client_id, chart.first_day, chart.last_day, None)
    fresh = practice.summaries.get(fresh_id)
    assert practice.summaries.last_result.model_calls == 0 and fresh["ai_model"] == ""
    practice.summaries.discard_draft(fresh_id)
    practice.digests.run_pending()
    stored = practice.summaries.get(practice.summaries.generate_treatment(chart.client_id, chart.first_day,
                                                                          chart.last_day, None))
    assert stored["text"] == fresh["text"] and stored["statements"]
    assert all(s["sources"] and not s["unsupported_numbers"] for s in stored["statements"])


def test_digests_of_an_older_rule_set_are_rebuilt_by_the_next_pass(practice):
    chart = build_sample_chart(practice, weeks=4)
    practice.digests.run_pending()
    total = practice.digests.status()["signed_items"]
    with practice.vault.db.transaction() as conn:  # as an older release left them
        conn.execute("UPDATE digests SET extractor = 'rules-1'")
    assert practice.digests.status()["missing"] == total
    counts = practice.digests.run_pending()  # what the window runs at unlock and after each signing
    assert counts["built"] == total and practice.digests.status()["missing"] == 0
    assert [j["state"] for j in _jobs(practice, BACKFILL_JOB)] == ["done"]
    assert practice.digests.run_pending()["jobs"] == 0  # queued once, not at every pass
    plan = next(d for d in practice.digests.client_digests(chart.client_id) if d["source"]["kind"] == "treatment_plan")
    assert "Cognitive restructuring" in [i["text"] for i in plan["items"]]


def test_a_summary_states_each_goal_with_its_status_in_the_signed_plan(practice):
    # A treatment or transfer summary must say where each goal stands (met, in progress, ...), as
    # the signed plan records it, not only what the goals were.
    from session_assistant.chart.compose import digest_statements
    from session_assistant.chart.digest import from_dict

    chart = build_sample_chart(practice, weeks=1)
    practice.digests.run_pending()
    digests = [from_dict(d, "") for d in practice.digests.client_digests(chart.client_id)]
    plan = next(s.text for s in digest_statements(digests, practice.summaries.sources(chart.client_id))
                if s.text.startswith("Treatment plan"))
    assert plan.count("(in progress)") == 1 and plan.count("(not started)") == 1, plan
