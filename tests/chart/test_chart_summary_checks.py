"""The issue's checks on what a summary may say, without depending on what a model writes.

* A model that misstates scores (the issue's "13 out of 27" for a PHQ-9, "out of 27" for a GAD-7)
  or dates never gets a number into the draft; its clean sentence stays, citing the chart items
  behind the facts it named. The model is a scripted neighbour: the composer is under test.
* Every date in a draft is the date of an item the statement cites; every statement cites one.
* The plan statement names each intervention as the plan words it (goal and objective level).
* Signed summaries are immutable and deletable; only signed ones are in the client export.
"""

from __future__ import annotations

import json
import re

import pytest

from session_assistant.documents.export import check_export
from session_assistant.drafting.note_model import Generation
from session_assistant.errors import ImmutableRecord
from session_assistant.services.sample_chart import ADMIN_MARKER, build_sample_chart
from session_assistant.vault.database import IntegrityError

EXPORT_PASSPHRASE = "otter lantern fjord quilt"
FAST_KDF = {"name": "argon2id", "time_cost": 1, "memory_kib": 8192, "parallelism": 1}
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CLEAN = "The client worked on worry and low mood and engaged well with the plan"


class ScriptedModel:
    """Answers every narrative call with the same statements (what a small model might write)."""

    model_id = "scripted-model"

    def __init__(self, statements: list[dict]) -> None:
        self.answer = json.dumps({"statements": statements})
        self.calls: list[list[dict]] = []

    def prompt_tokens(self, messages) -> int:
        return sum(len(m["content"].split()) for m in messages)

    def generate_json(self, messages, schema, max_tokens, *, cancel=None, on_token=None, **_kwargs):
        self.calls.append(messages)
        return Generation(self.answer, "stop", 40, 0.01)


def _fact_line_numbers(messages, label: str) -> list[int]:
    return [int(n) for n in re.findall(rf"^\[(\d+)\] {label}:", messages[-1]["content"], re.M)]


def _statement_dates_are_cited(summary) -> None:
    for statement in summary["statements"]:
        assert statement["sources"], f"unsourced: {statement['text']!r}"
        cited = {r["date"] for r in statement["sources"]}
        assert set(DATE.findall(statement["text"])) <= cited, statement


def test_a_model_that_misstates_scores_and_dates_never_gets_a_number_into_the_draft(practice):
    chart = build_sample_chart(practice, weeks=26)
    practice.digests.run_pending()
    model = ScriptedModel([
        {"text": "The PHQ-9 score was 13 out of 27 at intake. " + CLEAN + ".", "sources": [1, 2]},
        {"text": "The GAD-7 fell to 4 out of 27 by 2026-06-22.", "sources": [3]},
        {"text": "The client reported thoughts of self-harm early on.", "sources": [1]},
    ])
    summary_id = practice.summaries.generate_treatment(chart.client_id, chart.first_day, chart.last_day, model)
    summary = practice.summaries.get(summary_id)
    text = summary["text"]
    assert "13 out of 27" not in text and "out of 27" not in text and "self-harm early" not in text
    assert practice.summaries.last_result.dropped_sentences == 3
    narrative = summary["statements"][0]
    assert narrative["text"] == CLEAN + "."
    # The clean sentence cites the chart items behind fact lines 1 and 2 (the diagnoses, the concerns).
    assert _fact_line_numbers(model.calls[0], "Diagnoses") == [1]
    assert {r["kind"] for r in narrative["sources"]} == {"diagnosis", "progress_note"}
    # Scores in the draft are the chart's, with their instrument's maximum.
    for instrument, maximum in (("PHQ-9", 27), ("GAD-7", 21)):
        line = next(s["text"] for s in summary["statements"] if s["text"].startswith(f"{instrument} went from"))
        assert set(re.findall(r"of (\d+)", line)) == {str(maximum)}
    rows = practice.assessments.list(chart.client_id, signed_only=True)
    for total, maximum, date in re.findall(r"(\d+) of (\d+) \([a-z ]+\) on (\d{4}-\d{2}-\d{2})", text):
        assert any(str(r["total_score"]) == total and r["administered_on"] == date for r in rows), (total, date)
    _statement_dates_are_cited(summary)
    assert ADMIN_MARKER not in text


def test_a_narrative_statement_that_repeats_an_earlier_one_or_says_nothing_is_left_out(practice):
    """The Transfer-of-care summary listed the same three interventions in both narrative statements;
    the Summary tab's picture began with "The client" and nothing else."""
    chart = build_sample_chart(practice, weeks=26)
    practice.digests.run_pending()
    first = ("The main concerns were worry and low mood, which were addressed through sleep hygiene, "
             "thought records, and graded exposure.")
    model = ScriptedModel([
        {"text": first, "sources": [1]},
        {"text": "The work focused on improving sleep hygiene, thought records, and graded exposure.", "sources": [2]},
        {"text": "The client now sleeps better and worries less before meetings.", "sources": [2]},
        {"text": "The client", "sources": [1]},  # where smollm2 stopped in the Summary tab's screenshot
    ])
    summary_id = practice.summaries.generate_treatment(chart.client_id, chart.first_day, chart.last_day, model)
    narrative = [s["text"] for s in practice.summaries.get(summary_id)["statements"][:2]]
    assert narrative == [first, "The client now sleeps better and worries less before meetings."]
    assert practice.summaries.last_result.repeated_sentences == 1
    assert practice.summaries.last_result.fragment_sentences == 1
    assert practice.summaries.get(summary_id)["statements"][2]["text"].startswith("Diagnoses:")


def test_every_date_in_a_case_summary_is_a_date_of_an_item_it_cites(practice):
    chart = build_sample_chart(practice, weeks=52)
    summary = practice.summaries.get(practice.summaries.case_summary(chart.client_id, None))
    assert len(summary["statements"]) >= 8
    _statement_dates_are_cited(summary)
    diagnoses = practice.diagnoses.list(chart.client_id)
    assert set(re.findall(r"\b[A-Z]\d{2}\.\d+\b", summary["text"])) == {d["code"] for d in diagnoses}


def test_the_plan_statement_names_each_intervention_as_the_plan_words_it(practice, client_id):
    plan = {"problems": [{"problem": "Panic episodes on public transport", "goals": [{
        "goal": "Travel to work by train", "measure": "five journeys a week",
        "objectives": [{"objective": "Ride two stops with a support person",
                        "interventions": [{"intervention": "Interoceptive exposure", "target_date": "2026-03-01"}]}],
        "interventions": ["Psychoeducation on the panic cycle",
                          {"intervention": "Graded exposure to train travel", "target_date": None}]}]}]}
    plan_id = practice.plans.create(client_id, plan, "2026-06-01")
    practice.plans.sign(plan_id, "Dr Sam Example")
    practice.digests.run_pending()
    digest = next(d for d in practice.digests.client_digests(client_id) if d["source"]["kind"] == "treatment_plan")
    interventions = [i["text"] for i in digest["items"] if i["category"] == "intervention"]
    assert sorted(interventions) == ["Graded exposure to train travel", "Interoceptive exposure",
                                     "Psychoeducation on the panic cycle"]
    note = practice.notes.create(practice.appointments.add(client_id, "2026-02-02T10:00", 50))
    practice.notes.set_field(note, "session_summary", "The client reported two panic attacks on the train.")
    practice.notes.sign(note, practice.profile.get())
    summary = practice.summaries.get(practice.summaries.case_summary(client_id, None))
    plan_line = next(s["text"] for s in summary["statements"] if s["text"].startswith("Treatment plan v1"))
    assert "Interventions: " in plan_line and "{" not in plan_line and "target_date" not in plan_line
    assert all(name in plan_line for name in interventions)


def test_signed_summaries_are_immutable_deletable_and_only_they_are_in_the_client_export(practice, tmp_path):
    chart = build_sample_chart(practice, weeks=3)
    signed_id = practice.summaries.generate_treatment(chart.client_id, chart.first_day, chart.last_day, None)
    practice.summaries.sign(signed_id, "Dr Sam Example")
    draft_id = practice.summaries.case_summary(chart.client_id, None)  # a draft: never exported
    with pytest.raises(ImmutableRecord):
        practice.summaries.update_text(signed_id, "changed")
    with pytest.raises(IntegrityError, match="immutable"):
        practice.vault.db.conn.execute("UPDATE summaries SET text = 'x' WHERE id = ?", (signed_id,))

    def exported(name: str):
        out = tmp_path / name
        practice.documents.export_client(chart.client_id, out, EXPORT_PASSPHRASE, kdf=FAST_KDF)
        return check_export(out.read_bytes(), EXPORT_PASSPHRASE)

    first = exported("first.export")
    assert [s["id"] for s in first.chart["summaries"]] == [signed_id]
    assert first.chart["summaries"][0]["text"] == practice.summaries.get(signed_id)["text"]
    assert f"documents/summary-{signed_id}.pdf" in first.documents
    assert f"documents/summary-{draft_id}.pdf" not in first.documents

    practice.summaries.delete(signed_id)
    second = exported("second.export")
    assert second.chart["summaries"] == [] and not any("summary-" in name for name in second.documents)
    assert "summary_deleted" in {row["action"] for row in second.chart["audit"]}


def test_a_narrative_sentence_with_nothing_named_after_its_verb_is_left_out(practice):
    """"The work focused on [note 1]": a small model cited a fact line instead of naming the focus;
    with the number taken out, the sentence says nothing and the summary showed an empty statement."""
    chart = build_sample_chart(practice, weeks=26)
    practice.digests.run_pending()
    model = ScriptedModel([
        {"text": "The work focused on [2].", "sources": [2]},
        {"text": "The client now sleeps better and worries less before meetings.", "sources": [2]},
    ])
    summary_id = practice.summaries.generate_treatment(chart.client_id, chart.first_day, chart.last_day, model)
    texts = [s["text"] for s in practice.summaries.get(summary_id)["statements"]]
    assert not any(t.startswith("The work focused on") for t in texts), texts
    assert texts[0] == "The client now sleeps better and worries less before meetings."
    assert practice.summaries.last_result.fragment_sentences == 1


def test_risk_documentation_is_quoted_in_whole_sentences_without_transcript_line_numbers(practice, client_id):
    """The treatment summary read 'Risk: suicidal ideation denied ("No, nothing like that.' (the quote cut
    at its first full stop) and 'Latest risk documentation: (transcript line 6).' (a fragment naming a
    line of a transcript that is not part of the record)."""
    first = practice.notes.create(practice.appointments.add(client_id, "2026-01-26T10:00", 50))
    practice.notes.set_field(first, "session_summary", "The client reported worry about the train.")
    practice.notes.sign(first, practice.profile.get())
    note = practice.notes.create(practice.appointments.add(client_id, "2026-02-02T10:00", 50))
    practice.notes.set_field(note, "session_summary", "The client reported two panic attacks on the train.")
    practice.notes.set_field(note, "risk_assessment",
                             'Risk: suicidal ideation denied ("No, nothing like that. I am fine.").\n'
                             "Risk was screened in session; the client denied self-harm. (transcript line 6)")
    practice.notes.sign(note, practice.profile.get())
    practice.digests.run_pending()
    summary = practice.summaries.get(practice.summaries.case_summary(client_id, None))
    risk = [s["text"] for s in summary["statements"] if "risk" in s["text"].lower()]
    assert risk, summary["statements"]
    for text in risk:
        assert "transcript line" not in text and "(." not in text and ": ." not in text, text
        assert text.count('"') % 2 == 0 and text.count("(") == text.count(")"), text
    assert any('"No, nothing like that. I am fine."' in t for t in risk) or any("denied self-harm" in t for t in risk)
    assert any(t.endswith("the client denied self-harm.") for t in risk), risk
