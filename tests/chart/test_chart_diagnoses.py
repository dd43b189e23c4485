"""ICD-10-CM diagnoses from the offline list: validation, search, onset and resolution."""

from __future__ import annotations

import pytest

from session_assistant.errors import UserError
from session_assistant.services.diagnoses import Icd10List, UnknownCode, default_icd10


def test_offline_list_covers_the_mental_chapter_and_therapy_z_codes():
    codes = default_icd10()
    present = {c.code[:3] for c in codes.codes}
    for category in ("F01", "F03", "F10", "F17", "F20", "F25", "F31", "F32", "F33", "F40", "F41", "F42", "F43",
                     "F44", "F45", "F50", "F51", "F60", "F63", "F64", "F84", "F90", "F91", "F98", "F99",
                     "Z55", "Z56", "Z59", "Z60", "Z62", "Z63", "Z64", "Z65", "Z69", "Z70", "Z71", "Z73"):
        assert category in present, category
    assert sum(1 for c in codes.codes if c.billable and c.code.startswith("F")) > 450
    expected = {"F41.1": "Generalized anxiety disorder", "F43.10": "Post-traumatic stress disorder, unspecified",
                "F32.A": "Depression, unspecified", "F33.1": "Major depressive disorder, recurrent, moderate",
                "F90.2": "Attention-deficit hyperactivity disorder, combined type",
                "F10.20": "Alcohol dependence, uncomplicated", "F43.81": "Prolonged grief disorder",
                "Z63.0": "Problems in relationship with spouse or partner",
                "Z91.51": "Personal history of suicidal behavior", "Z71.9": "Counseling, unspecified",
                "R45.851": "Suicidal ideations"}
    for code, description in expected.items():
        assert codes.get(code).description == description and codes.get(code).billable


def test_add_by_code_stores_the_official_description(practice, client_id):
    diagnosis = practice.diagnoses.get(practice.diagnoses.add(client_id, "f411", onset_date="2026-01-05"))
    assert (diagnosis["code"], diagnosis["description"], diagnosis["onset_date"]) == (
        "F41.1", "Generalized anxiety disorder", "2026-01-05")


@pytest.mark.parametrize("code,message", [("F41.7", "not in the offline ICD-10-CM list"),
                                          ("X99", "not in the offline ICD-10-CM list"),
                                          ("", "empty code"),
                                          ("F41", "is a category.*F41.0, F41.1"),
                                          ("Z91.5", "is a category.*Z91.51, Z91.52")])
def test_unknown_or_incomplete_code_is_a_clear_error_and_stores_nothing(practice, client_id, code, message):
    with pytest.raises(UnknownCode, match=message):
        practice.diagnoses.add(client_id, code)
    assert practice.diagnoses.list(client_id) == []


def test_search_by_code_prefix_and_by_words():
    codes = default_icd10()
    by_code = [c.code for c in codes.search("F43.1")]
    assert by_code == ["F43.10", "F43.11", "F43.12"]
    by_words = [c.code for c in codes.search("post-traumatic chronic")]
    assert by_words == ["F43.12"]
    assert [c.code for c in codes.search("spouse partner")] == ["Z63.0"]
    assert [c.code for c in codes.search("partner abuse")] == ["Z69.11", "Z69.12"]
    assert codes.search("   ") == [] and codes.search("no such disorder xyz") == []
    # complete codes before category headers
    anxiety = [c.billable for c in codes.search("anxiety", limit=500)]
    assert anxiety[0] and False in anxiety and anxiety == sorted(anxiety, reverse=True)


def test_list_from_a_custom_file(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("code,description,billable\nF41,Other anxiety disorders,N\nF41.1,Generalized anxiety disorder,Y\n")
    codes = Icd10List.load(path)
    assert codes.require_billable("F41.1").description == "Generalized anxiety disorder"
    with pytest.raises(UnknownCode, match="category"):
        codes.require_billable("F41")


def test_onset_and_resolution(practice, client_id):
    diagnosis = practice.diagnoses.add(client_id, "F43.21", onset_date="2026-02-01")
    with pytest.raises(UserError, match="before the onset"):
        practice.diagnoses.resolve(diagnosis, "2026-01-01")
    practice.diagnoses.resolve(diagnosis, "2026-06-30")
    assert practice.diagnoses.get(diagnosis)["resolved_date"] == "2026-06-30"
    with pytest.raises(UserError, match="already resolved"):
        practice.diagnoses.resolve(diagnosis, "2026-07-01")
    active = practice.diagnoses.add(client_id, "Z63.0")
    assert [d["id"] for d in practice.diagnoses.list(client_id, active_only=True)] == [active]
    assert [d["id"] for d in practice.diagnoses.list(client_id)] == [active, diagnosis]
    with practice.vault.db.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE entity = 'diagnosis' ORDER BY seq")]
    assert actions == ["diagnosis_added", "diagnosis_resolved", "diagnosis_added"]


def test_a_code_already_active_is_refused_but_a_recurrence_after_resolution_is_not(practice, client_id):
    # A double click on Add once stored F41.1 twice; the only way out was to "resolve" one,
    # which wrote a false resolution into the chart.
    first = practice.diagnoses.add(client_id, "F41.1", onset_date="2026-02-01")
    with pytest.raises(UserError, match=r"F41\.1 is already an active diagnosis.*2026-02-01"):
        practice.diagnoses.add(client_id, "f411", onset_date="2026-03-01")
    assert [d["id"] for d in practice.diagnoses.list(client_id)] == [first]
    practice.diagnoses.resolve(first, "2026-06-30")
    again = practice.diagnoses.add(client_id, "F41.1", onset_date="2026-09-01")
    assert [d["id"] for d in practice.diagnoses.list(client_id, active_only=True)] == [again]
