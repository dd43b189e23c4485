"""The headless interface, run as a user would: export, verify, share, client export and check."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText

from doc_samples import EXPORT_PASSPHRASE

# Each test runs the CLI several times (vault unlock with Argon2id each time).
pytestmark = pytest.mark.slow


@pytest.fixture
def closed_chart(practice, chart):
    appointment = practice.appointments.add(chart.client_id, "2026-03-09T10:00", 50)
    chart.draft = practice.notes.create(appointment)
    practice.notes.set_field(chart.draft, "session_summary", "Draft text.")
    practice.close()
    return chart


def _one_error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_export_note_then_verify_accepts_and_rejects_tampering(cli, closed_chart, tmp_path):
    out = tmp_path / "note.pdf"
    result = cli("export", "note", str(closed_chart.notes[0]), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists() and "SHA-256" in result.stdout
    verified = cli("verify", str(out), passphrase=None)
    assert verified.returncode == 0, verified.stderr
    assert "Σοφία Papadopoulou-Müller" in verified.stdout and "Signed: 2026-" in verified.stdout
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Zoë Łukasiewicz" in text and "Progress Note" in text

    flipped = tmp_path / "flipped.pdf"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    rejected = cli("verify", str(flipped), passphrase=None)
    assert rejected.returncode != 0 and "modified after signing" in rejected.stderr

    writer = PdfWriter(io.BytesIO(out.read_bytes()), incremental=True)
    writer.add_annotation(0, FreeText(text="Edited", rect=(40, 40, 160, 70)))
    appended = tmp_path / "appended.pdf"
    with appended.open("wb") as handle:
        writer.write(handle)
    rejected = cli("verify", str(appended), "--json", passphrase=None)
    assert rejected.returncode != 0 and '"ok": false' in rejected.stdout
    assert "modified after signing" in rejected.stdout


def test_bad_input_gives_one_line_and_writes_nothing(cli, closed_chart, tmp_path):
    before = set(tmp_path.iterdir())
    cases = [
        ("export", "note", str(closed_chart.draft), "--out", str(tmp_path / "draft.pdf")),
        ("export", "note", "9999", "--out", str(tmp_path / "unknown.pdf")),
        ("export", "note", str(closed_chart.notes[0]), "--out", str(tmp_path / "no-such-folder" / "n.pdf")),
        ("export", "summary", "9999", "--out", str(tmp_path / "s.pdf"), "--share"),
    ]
    for args in cases:
        result = cli(*args)
        assert result.returncode != 0, args
        line = _one_error_line(result)
        assert line.startswith("error: ") and "Traceback" not in result.stderr
        assert "Zoë" not in result.stderr and "Łukasiewicz" not in result.stderr
    wrong = cli("export", "note", str(closed_chart.notes[0]), "--out", str(tmp_path / "w.pdf"),
                passphrase="not the vault passphrase")
    assert wrong.returncode != 0
    assert set(tmp_path.iterdir()) == before


def test_client_export_check_and_wrong_passphrase(cli, closed_chart, tmp_path):
    out = tmp_path / "client.export"
    missing = cli("export", "client", str(closed_chart.client_id), "--out", str(out))
    assert missing.returncode != 0 and "SESSION_ASSISTANT_EXPORT_PASSPHRASE" in _one_error_line(missing)
    assert not out.exists()
    env = {"SESSION_ASSISTANT_EXPORT_PASSPHRASE": EXPORT_PASSPHRASE}
    made = cli("--json", "export", "client", str(closed_chart.client_id), "--out", str(out), env=env)
    assert made.returncode == 0, made.stderr
    assert '"notes": 7' in made.stdout and '"documents": 12' in made.stdout  # the draft: JSON only
    checked = cli("export", "check", str(out), env=env, passphrase=None)
    assert checked.returncode == 0, checked.stderr
    assert "Export is intact" in checked.stdout and "signed documents verified" in checked.stdout
    wrong = cli("export", "check", str(out), env={"SESSION_ASSISTANT_EXPORT_PASSPHRASE": "wrong passphrase x"},
                passphrase=None)
    assert wrong.returncode != 0 and "passphrase is wrong" in _one_error_line(wrong)


def test_shared_summary_shows_passphrase_once_and_verifies(cli, closed_chart, tmp_path):
    out = tmp_path / "summary.pdf"
    made = cli("--json", "export", "summary", str(closed_chart.summary_id), "--out", str(out), "--share")
    assert made.returncode == 0, made.stderr
    import json

    passphrase = json.loads(made.stdout)["passphrase"]
    assert len(passphrase.split()) >= 5
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.trailer["/Encrypt"]["/R"] == 6
    locked = cli("verify", str(out), passphrase=None)
    assert locked.returncode != 0 and "encrypted" in locked.stderr
    opened = cli("verify", str(out), passphrase=None, env={"SESSION_ASSISTANT_PDF_PASSPHRASE": passphrase})
    assert opened.returncode == 0, opened.stderr


def test_consent_form_and_verify_of_a_non_pdf(cli, closed_chart, tmp_path):
    out = tmp_path / "consent.pdf"
    made = cli("export", "consent-form", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert "Harbourview Counselling" in " ".join(p.extract_text() for p in PdfReader(out).pages)
    text = tmp_path / "notes.txt"
    text.write_text("plain text")
    result = cli("verify", str(text), passphrase=None)
    assert result.returncode != 0 and "not a PDF" in _one_error_line(result)
