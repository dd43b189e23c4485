"""PHQ-9 / GAD-7 scoring, the item-9 flag, trends, other instruments, signing and immutability."""

from __future__ import annotations

import pytest

from session_assistant.errors import ImmutableRecord, NotFound, UserError
from session_assistant.services.assessments import GAD7, PHQ9, parse_answers
from session_assistant.vault.database import IntegrityError


def _answers_for(total: int, items: int) -> list[int]:
    answers = []
    for _ in range(items):
        answers.append(min(3, total))
        total -= answers[-1]
    assert total == 0
    return answers


@pytest.mark.parametrize("total,band", [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
                                        (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
                                        (20, "severe"), (27, "severe")])
def test_phq9_bands_at_every_boundary(practice, client_id, total, band):
    # Item 9 carries no points here except when the total needs all nine items.
    answers = _answers_for(total, 9)
    row = practice.assessments.get(practice.assessments.add(client_id, "phq9", answers, "2026-02-01"))
    assert (row["total_score"], row["severity"]) == (total, band)
    assert row["answers"] == answers and row["max_total"] == 27


@pytest.mark.parametrize("total,band", [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"),
                                        (10, "moderate"), (14, "moderate"), (15, "severe"), (21, "severe")])
def test_gad7_bands_at_every_boundary(practice, client_id, total, band):
    row = practice.assessments.get(practice.assessments.add(client_id, "GAD-7", _answers_for(total, 7)))
    assert (row["total_score"], row["severity"], row["max_total"]) == (total, band, 21)
    assert row["administered_on"] == "2026-11-22"  # today by the injected clock


def test_item_texts_are_the_instruments_items():
    assert len(PHQ9.items) == 9 and len(GAD7.items) == 7
    assert "better off dead" in PHQ9.items[8] and "nervous, anxious" in GAD7.items[0]


def test_phq9_item_nine_is_flagged_whenever_above_zero(practice, client_id):
    quiet = practice.assessments.add(client_id, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0])
    flagged = practice.assessments.add(client_id, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 2])
    assert practice.assessments.get(quiet)["self_harm_flag"] is False
    row = practice.assessments.get(flagged)
    assert row["self_harm_flag"] is True and row["self_harm_response"] == 2 and row["severity"] == "minimal"
    listed = {r["id"]: r["self_harm_flag"] for r in practice.assessments.list(client_id)}
    assert listed == {quiet: False, flagged: True}


@pytest.mark.parametrize("instrument,answers,message", [
    ("phq9", [0] * 8, "exactly 9 answers; got 8"),
    ("phq9", [0] * 10, "exactly 9 answers; got 10"),
    ("gad7", [0, 1, 2, 3, 4, 0, 0], r"0, 1, 2 or 3 \(item\(s\) 5\)"),
    ("gad7", [0, -1, 0, 0, 0, 0, 0], r"item\(s\) 2"),
    ("beck", [0] * 21, "Unknown scored instrument"),
])
def test_bad_answers_are_refused_and_nothing_is_stored(practice, client_id, instrument, answers, message):
    audit_before = practice.verify_audit().rows
    with pytest.raises(UserError, match=message):
        practice.assessments.add(client_id, instrument, answers)
    assert practice.assessments.list(client_id) == []
    assert practice.verify_audit().rows == audit_before


def test_answers_text_must_be_numbers():
    assert parse_answers("0, 1,2,3") == [0, 1, 2, 3]
    with pytest.raises(UserError, match="whole numbers"):
        parse_answers("0,1,x")


def test_unknown_client_and_bad_date(practice, client_id):
    with pytest.raises(NotFound):
        practice.assessments.add(999, "phq9", [0] * 9)
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        practice.assessments.add(client_id, "phq9", [0] * 9, "01/02/2026")


def test_trend_lists_date_and_total_per_instrument_oldest_first(practice, client_id):
    practice.assessments.add(client_id, "phq9", _answers_for(12, 9), "2026-03-01")
    practice.assessments.add(client_id, "phq9", _answers_for(18, 9), "2026-01-01")
    practice.assessments.add(client_id, "gad7", _answers_for(7, 7), "2026-02-01")
    practice.assessments.add(client_id, "phq9", _answers_for(6, 9), "2026-05-01")
    assert practice.assessments.trend(client_id, "PHQ-9") == [("2026-01-01", 18), ("2026-03-01", 12), ("2026-05-01", 6)]
    assert practice.assessments.trend(client_id, "gad7") == [("2026-02-01", 7)]


def test_other_instruments_by_name_and_total(practice, client_id):
    row = practice.assessments.get(practice.assessments.add_other(client_id, "PCL-5", 41, "2026-02-02"))
    assert (row["instrument"], row["total_score"], row["answers"], row["self_harm_flag"]) == ("PCL-5", 41, [], False)
    assert practice.assessments.trend(client_id, "PCL-5") == [("2026-02-02", 41)]
    with pytest.raises(UserError, match="item by item"):
        practice.assessments.add_other(client_id, "PHQ-9", 12)
    with pytest.raises(UserError, match="whole number"):
        practice.assessments.add_other(client_id, "AUDIT", -2)


def test_signed_assessment_is_immutable_in_service_and_database(practice, client_id):
    assessment = practice.assessments.add(client_id, "phq9", [1] * 9)
    practice.assessments.sign(assessment, "Dr Sam Example")
    row = practice.assessments.get(assessment)
    assert row["status"] == "signed" and row["signer_name"] == "Dr Sam Example"
    with pytest.raises(ImmutableRecord):
        practice.assessments.sign(assessment, "Dr Sam Example")
    with pytest.raises(ImmutableRecord):
        practice.assessments.delete_draft(assessment)
    conn = practice.vault.db.conn
    with pytest.raises(IntegrityError, match="immutable"):
        conn.execute("UPDATE assessments SET total_score = 0 WHERE id = ?", (assessment,))
    with pytest.raises(IntegrityError, match="immutable"):
        conn.execute("DELETE FROM assessments WHERE id = ?", (assessment,))
    assert practice.assessments.get(assessment)["total_score"] == 9


def test_signing_needs_a_name_and_everything_is_audited(practice, client_id):
    assessment = practice.assessments.add(client_id, "gad7", [0] * 7)
    with pytest.raises(UserError, match="profile"):
        practice.assessments.sign(assessment, "  ")
    practice.assessments.sign(assessment, "Dr Sam Example")
    with practice.vault.db.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE entity = 'assessment' "
                                              "AND entity_id = ? ORDER BY seq", (assessment,))]
    assert actions == ["assessment_added", "assessment_signed"]
    assert practice.verify_audit().ok
