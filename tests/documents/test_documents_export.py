"""Client export: versioned JSON + signed PDFs in an AES-256-GCM container that round-trips."""

from __future__ import annotations

import json

import pytest

from session_assistant.documents import archive
from session_assistant.documents.export import CHART_KEYS, ExportInvalid, check_export
from session_assistant.errors import UserError, WrongPassphrase

from doc_practice import build_chart, new_practice
from doc_samples import EXPORT_PASSPHRASE, FAST_KDF
from sa_testing import MODELS_DIR, TEST_KDF


@pytest.fixture(scope="module")
def shared_export(tmp_path_factory):
    """One real vault, chart and client export, read by the four tests that follow, none of which changes
    them: rendering and signing the chart's PDFs for an export costs ~3.5 s of CPU, once per module
    instead of once per test. Its vault wraps its key with the tests' cheap Argon2id, as every other
    test vault does (tests/conftest.py's cheap_vault_kdf is per test, so it is pinned here)."""
    from session_assistant.paths import AppPaths
    from session_assistant.vault import keys

    folder = tmp_path_factory.mktemp("export")
    paths = AppPaths(data_dir=folder / "data", log_dir=folder / "log", config_dir=folder / "config",
                     vault_dir=folder / "data" / "vault", models_dir=MODELS_DIR)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_KDF", dict(TEST_KDF))
        practice = new_practice(paths)
    chart = build_chart(practice)
    out = folder / "client.export"
    record = practice.documents.export_client(chart.client_id, out, EXPORT_PASSPHRASE, kdf=FAST_KDF)
    yield practice, chart, (out, record)
    practice.close()


def test_client_export_round_trips_with_everything_the_chart_holds(shared_export):
    _, chart, (out, record) = shared_export
    data = out.read_bytes()
    assert data.startswith(archive.MAGIC)
    assert "Łukasiewicz".encode() not in data and b"chart.json" not in data  # nothing readable outside
    result = check_export(data, EXPORT_PASSPHRASE)
    exported_chart = result.chart
    assert exported_chart["format"] == "session-assistant-client-export" and exported_chart["version"] == 1
    assert set(CHART_KEYS) <= set(exported_chart)
    assert exported_chart["client"]["last_name"] == "Łukasiewicz"
    assert [n["id"] for n in exported_chart["notes"]] == chart.notes
    assert exported_chart["notes"][0]["addenda"][0]["reason"] == "Correction of session length"
    assert exported_chart["consents"][0]["decision"] == "given"
    assert len(exported_chart["diagnoses"]) == 2 and len(exported_chart["assessments"]) == len(chart.assessments)
    assert exported_chart["treatment_plans"][0]["status"] == "signed"
    assert [s["id"] for s in exported_chart["summaries"]] == [chart.summary_id]
    assert exported_chart["admin_notes"]
    actions = {row["action"] for row in exported_chart["audit"]}
    assert {"note_signed", "addendum_added", "consent_recording_given"} <= actions
    assert all(row["client_id"] == chart.client_id for row in exported_chart["audit"])
    expected_docs = len(chart.notes) + len(chart.assessments) + 2  # + plan + summary
    assert len(result.documents) == expected_docs == record.counts["documents"]
    assert f"documents/note-{chart.notes[0]}.pdf" in result.documents


def test_export_never_contains_audio(shared_export):
    _, _, (out, _) = shared_export
    files = archive.unseal(out.read_bytes(), EXPORT_PASSPHRASE)
    assert all(name in ("chart.json", "manifest.json") or name.endswith(".pdf") for name in files)
    assert not any(content.startswith(b"RIFF") for content in files.values())
    assert "recording" not in json.loads(files["chart.json"])


def test_export_is_recorded_and_audited(shared_export):
    practice, chart, (out, record) = shared_export
    with practice.vault.db.read() as conn:
        rows = conn.execute("SELECT kind, entity_id, content_sha256 FROM exports").fetchall()
        audit = conn.execute("SELECT client_id, detail FROM audit_log WHERE action = 'client_exported'").fetchall()
    assert rows == [("client", chart.client_id, record.sha256)]
    assert audit[0][0] == chart.client_id and record.sha256 in audit[0][1]


def test_wrong_passphrase_and_any_flipped_byte_are_refused(shared_export):
    _, _, (out, _) = shared_export
    data = out.read_bytes()
    with pytest.raises(WrongPassphrase):
        check_export(data, "not the export passphrase")
    for pos in (0, 9, 14, 30, len(data) // 2, len(data) - 1):
        changed = bytearray(data)
        changed[pos] ^= 0x01
        with pytest.raises(UserError):  # NotAnExport or WrongPassphrase: never a partial read
            check_export(bytes(changed), EXPORT_PASSPHRASE)
    with pytest.raises(UserError):
        check_export(data[: len(data) - 100], EXPORT_PASSPHRASE)
    with pytest.raises(archive.NotAnExport):
        check_export(b"PK\x03\x04 not an export", EXPORT_PASSPHRASE)


def test_check_rejects_stray_members_and_bad_hashes():
    good_chart = json.dumps({"format": "session-assistant-client-export", "version": 1,
                             **{k: [] for k in CHART_KEYS}, "client": {}}).encode()
    manifest = {"files": {"chart.json": "0" * 64}}
    sealed = archive.seal({"chart.json": good_chart, "manifest.json": json.dumps(manifest).encode()},
                          EXPORT_PASSPHRASE, kdf=FAST_KDF)
    with pytest.raises(ExportInvalid, match="manifest"):
        check_export(sealed.data, EXPORT_PASSPHRASE)
    sealed = archive.seal({"chart.json": good_chart, "audio/session.wav": b"RIFF....", "manifest.json": b"{}"},
                          EXPORT_PASSPHRASE, kdf=FAST_KDF)
    with pytest.raises(ExportInvalid, match="unexpected"):
        check_export(sealed.data, EXPORT_PASSPHRASE)


def test_weak_export_passphrase_is_refused_before_writing(practice, chart, documents, tmp_path):
    with pytest.raises(UserError, match="at least 12"):
        documents.export_client(chart.client_id, tmp_path / "x.export", "short", kdf=FAST_KDF)
    assert not list(tmp_path.iterdir())


def test_default_kdf_round_trip():
    sealed = archive.seal({"a.txt": b"hello"}, EXPORT_PASSPHRASE)
    assert sealed.header["kdf"]["memory_kib"] == 65536 and sealed.header["cipher"] == "AES-256-GCM"
    assert archive.unseal(sealed.data, EXPORT_PASSPHRASE) == {"a.txt": b"hello"}
