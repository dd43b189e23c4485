"""What summaries may draw on (signed clinical items only), "too little", citations, no model needed."""

from __future__ import annotations

import json

import pytest

from session_assistant.chart.citations import SourceItem, SourceRef, Statement, fingerprint, parse_statements, render
from session_assistant.chart.summarizer import _parse
from session_assistant.errors import UserError
from session_assistant.services import chart_sources
from session_assistant.services.chart_sources import MIN_DOCUMENTED_ITEMS, TooLittleToSummarize
from session_assistant.services.sample_chart import ADMIN_MARKER, build_sample_chart
from chart_helpers import ExplodingModel


@pytest.fixture
def sample(practice):
    return build_sample_chart(practice, weeks=8)


def _kinds(items):
    return sorted({i.kind for i in items})


def test_sources_are_the_signed_clinical_record_only(practice, sample):
    client = sample.client_id
    # An unsigned note and assessment, and a signed note on an appointment later cancelled.
    draft_note = practice.notes.create(practice.appointments.add(client, "2026-01-20T10:00", 50))
    practice.notes.set_field(draft_note, "session_summary", "Draft text never used.")
    practice.assessments.add(client, "phq9", [3] * 9, "2026-01-20")
    cancelled = practice.appointments.add(client, "2026-01-21T10:00", 50)
    late_note = practice.notes.create(cancelled)
    practice.notes.set_field(late_note, "session_summary", f"Late cancellation noted {ADMIN_MARKER}.")
    practice.notes.sign(late_note, practice.profile.get())
    practice.appointments.set_status(cancelled, "cancelled", f"Cancelled {ADMIN_MARKER}")

    items = practice.summaries.sources(client)
    by_kind = {k: [i.id for i in items if i.kind == k] for k in _kinds(items)}
    assert by_kind["progress_note"] == sample.notes  # signed notes of held sessions only
    assert sorted(by_kind["assessment"]) == sorted(sample.assessments)
    assert sorted(by_kind["diagnosis"]) == sorted(sample.diagnoses)
    assert by_kind["treatment_plan"] == [sample.plan_id]
    assert not any(ADMIN_MARKER in i.text or "Draft text" in i.text for i in items)
    with practice.vault.db.read() as conn:  # the admin and cancellation notes do exist in the vault
        kinds = {r[0] for r in conn.execute("SELECT kind FROM admin_notes WHERE client_id = ?", (client,))}
    assert kinds == {"administrative", "cancellation"}
    item9 = next(i for i in items if i.kind == "assessment" and "item 9" in i.text)
    assert item9.label == "PHQ-9" and item9.date == sample.first_day

    # Digests (what summaries are composed from) follow the same rule: the late note's signing queued
    # a digest job, which finds it is no source; nothing digested quotes an admin or cancellation note.
    counts = practice.digests.run_pending()
    assert counts["failed"] == 0 and counts["built"] == len(sample.notes) + len(sample.assessments) + 1
    digests = practice.digests.client_digests(client)
    assert late_note not in {d["source"]["id"] for d in digests if d["source"]["kind"] == "progress_note"}
    assert not any(ADMIN_MARKER in json.dumps(d) for d in digests)


def test_range_keeps_items_in_range_and_the_plan_in_force(practice, sample):
    items = practice.summaries.sources(sample.client_id, "2026-01-19", "2026-02-09")
    notes = [i.date for i in items if i.kind == "progress_note"]
    assert notes == ["2026-01-19", "2026-01-26", "2026-02-02", "2026-02-09"]
    assert [i.date for i in items if i.kind == "assessment"] == ["2026-02-02", "2026-02-02"]
    assert [i.id for i in items if i.kind == "treatment_plan"] == [sample.plan_id]  # signed before, in force
    assert len([i for i in items if i.kind == "diagnosis"]) == 2


def test_too_little_is_fewer_than_two_signed_documentation_items(practice, sample):
    assert MIN_DOCUMENTED_ITEMS == 2
    audit_before = practice.verify_audit().rows
    # One note in range; the plan in force since day one does not count: it is not dated in the range.
    with pytest.raises(TooLittleToSummarize, match="holds 1 signed clinical item.*Widen the date range"):
        practice.summaries.generate_treatment(sample.client_id, "2026-02-16", "2026-02-16", ExplodingModel())
    with pytest.raises(TooLittleToSummarize, match="holds 0 signed"):  # nothing at all in the range
        practice.summaries.generate_treatment(sample.client_id, "2027-01-01", "2027-03-01", ExplodingModel())
    two = practice.summaries.sources(sample.client_id, "2026-02-16", "2026-02-23")
    assert chart_sources.documented_count(two, "2026-02-16", "2026-02-23") == 2  # two notes: enough
    assert [i.kind for i in two].count("treatment_plan") == 1  # the plan in force is still a source
    assert practice.summaries.list(sample.client_id) == []
    assert practice.verify_audit().rows == audit_before


def test_diagnoses_alone_are_too_little(practice, client_id):
    practice.diagnoses.add(client_id, "F41.1", onset_date="2026-01-01")
    practice.diagnoses.add(client_id, "Z63.0", onset_date="2026-01-01")
    assert len(practice.summaries.sources(client_id)) == 2
    with pytest.raises(TooLittleToSummarize, match="complete and sign the documentation"):
        practice.summaries.case_summary(client_id, ExplodingModel())


def test_bad_ranges_are_refused_before_any_work(practice, sample):
    with pytest.raises(UserError, match="after its end"):
        practice.summaries.generate_treatment(sample.client_id, "2026-03-01", "2026-01-01", ExplodingModel())
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        practice.summaries.generate_treatment(sample.client_id, "March", "2026-01-01", ExplodingModel())
    with pytest.raises(UserError, match="No client"):
        practice.summaries.generate_treatment(999, "2026-01-01", "2026-03-01", ExplodingModel())


def test_computed_statements_give_trends_item_nine_and_diagnoses_with_sources(practice, sample):
    items = practice.summaries.sources(sample.client_id)
    with practice.vault.db.read() as conn:
        fixed = chart_sources.fixed_statements(conn, items)
    texts = [s.text for s in fixed]
    trends = {a["instrument"]: a for a in practice.assessments.list(sample.client_id)}
    assert any(t.startswith("PHQ-9 went from ") and t.endswith(f"on {sample.first_day[:5]}02-02.") for t in texts)
    assert any(t.startswith("GAD-7 went from ") for t in texts) and trends
    item9 = next(s for s in fixed if "item 9" in s.text)
    assert item9.text.count("2026-") == 1 and [r.kind for r in item9.sources] == ["assessment"]
    assert next(s for s in fixed if s.text.startswith("Diagnoses:")).sources == tuple(
        sorted(i.ref for i in items if i.kind == "diagnosis"))
    assert all(s.sources for s in fixed)


def test_citations_render_and_parse_back():
    refs = (SourceRef("2026-01-05", "progress_note", 12), SourceRef("2026-01-05", "assessment", 3))
    text = render([Statement("The client slept better.", refs), Statement("Plan reviewed.", refs[:1])])
    assert text.splitlines()[0] == "The client slept better. [assessment 3, 2026-01-05; note 12, 2026-01-05]"
    parsed = parse_statements(text + "\nA line the clinician typed.\n\n")
    assert [set(s.sources) for s in parsed] == [set(refs), {refs[0]}, set()]
    assert parsed[2].text == "A line the clinician typed."
    assert parsed[0].as_dict()["sources"][0] == {"kind": "assessment", "id": 3, "date": "2026-01-05"}


def test_fingerprint_follows_content():
    item = SourceItem("progress_note", 1, "2026-01-05", "Progress note", "Text.")
    same = SourceItem("progress_note", 1, "2026-01-05", "Progress note", "Text.")
    changed = SourceItem("progress_note", 1, "2026-01-05", "Progress note", "Text. Addendum.")
    assert fingerprint([item]) == fingerprint([same]) == fingerprint([json.loads(json.dumps(item.as_source()))])
    assert fingerprint([item]) != fingerprint([changed]) and fingerprint([item]) != fingerprint([])


def test_model_output_is_parsed_and_a_cut_off_answer_keeps_complete_statements():
    whole = '{"statements": [{"text": "A.", "sources": [1]}, {"text": "B.", "sources": [2]}]}'
    assert [s["text"] for s in _parse(whole)] == ["A.", "B."]
    cut = '{"statements": [{"text": "A.", "sources": [1]}, {"text": "B.", "sour'
    assert [s["text"] for s in _parse(cut)] == ["A."]
    assert _parse("not json") == []


def test_numbers_no_cited_item_states_are_flagged_for_the_clinician(practice, sample):
    items = practice.summaries.sources(sample.client_id)
    note = next(i for i in items if i.kind == "progress_note")
    phq = next(i for i in items if i.kind == "assessment" and i.label == "PHQ-9")
    text = (f"The client's PHQ-9 was {phq.text.split()[1]} and they attended 12 sessions. "
            f"[assessment {phq.id}, {phq.date}; note {note.id}, {note.date}]")
    now = practice.clock.iso()
    with practice.vault.db.transaction() as conn:  # a draft as the summariser stores it
        summary_id = conn.execute(
            "INSERT INTO summaries (client_id, kind, date_from, date_to, text, sources_json, created_at, updated_at) "
            "VALUES (?, 'treatment', ?, ?, ?, '[]', ?, ?)",
            (sample.client_id, sample.first_day, sample.last_day, text, now, now)).lastrowid
    statement = practice.summaries.get(summary_id)["statements"][0]
    assert statement["unsupported_numbers"] == ["12"]
    practice.summaries.update_text(summary_id, text.replace("12 sessions", "weekly sessions"))
    assert practice.summaries.get(summary_id)["statements"][0]["unsupported_numbers"] == []


def test_statements_are_tidied_repeats_fragments_and_echoed_numbers_dropped():
    from session_assistant.chart.summarizer import _tidy

    seen = set()
    assert _tidy("The client felt anxious [1, 2]. The client slept well. The client had a", seen) == \
        "The client felt anxious. The client slept well."
    assert _tidy("The client slept well. Panic attacks stopped.", seen) == "Panic attacks stopped."
    assert _tidy("the client slept well", seen) == ""  # nothing new: the statement is dropped
    assert _tidy("A single unfinished clause", seen) == "A single unfinished clause"  # never emptied by the cut
