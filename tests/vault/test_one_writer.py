"""One writer: every vault write runs on the vault's writer thread, and the test flag
(``vault.writer.WRITE_CHECK``) catches a write made anywhere else. No models here (a stand-in
writes the summaries' narrative)."""

from __future__ import annotations

import json
import threading
import wave
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from sa_testing import MODELS_DIR, TEST_PASSPHRASE
from session_assistant.app import create_practice, open_practice
from session_assistant.audio import sealed
from session_assistant.audio.retention import Retention
from session_assistant.paths import AppPaths
from session_assistant.services.sample_chart import PLAN
from session_assistant.transcribe.segments import Segment, Transcript
from session_assistant.vault import writer
from session_assistant.vault.store import restore

NEW_PASSPHRASE = "tangerine orbit granite lullaby"


@pytest.fixture
def practice(tmp_path):
    paths = AppPaths.default(vault_dir=tmp_path / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    yield practice
    practice.close()


@pytest.fixture
def write_check(monkeypatch):
    found: list[str] = []
    monkeypatch.setattr(writer, "WRITE_CHECK", found)
    return found


def test_a_write_off_the_writer_thread_is_reported_with_where_it_came_from(practice, write_check):
    with practice.vault.db.read():  # a write asked for inside a read runs on the caller (no deadlock)...
        practice.clients.add("Ann", "Example")
    assert len(write_check) == 1 and "services.clients.add" in write_check[0]  # ...and is reported
    assert "Ann" not in write_check[0]  # names of code only, never data


def test_marked_writes_from_many_threads_all_run_on_the_one_writer(practice, write_check):
    client = practice.clients.add("Ann", "Example")
    appointment = practice.appointments.add(client, "2026-11-20T10:00", 50)
    seen: set[str] = set()
    original = practice.jobs._db.transaction

    def spy(*args, **kwargs):
        seen.add(threading.current_thread().name)
        return original(*args, **kwargs)

    practice.jobs._db.transaction = spy
    try:
        def work() -> None:
            job_id = practice.jobs.submit("draft", appointment, {"format": "soap"})
            practice.jobs.mark_running(job_id)
            for index in range(5):
                practice.jobs.save_checkpoint(job_id, {"index": index})
            practice.jobs.mark_interrupted(job_id)

        threads = [threading.Thread(target=work, name=f"caller-{i}") for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        practice.jobs._db.transaction = original
    assert write_check == []
    assert len(seen) == 1 and next(iter(seen)).startswith("vault-writer")
    jobs = [practice.jobs.latest("draft", appointment)]
    assert jobs[0].state == "interrupted" and len(practice.jobs.checkpoints(jobs[0].id)) == 5


def test_a_failing_write_raises_in_the_caller_and_the_writer_goes_on(practice, write_check):
    from session_assistant.errors import NotFound

    with pytest.raises(NotFound):
        practice.recordings.mark_transcript_stored("no-such-recording")
    assert practice.jobs.submit("draft", None, {}) > 0  # the writer thread survived the failure
    assert write_check == []


# ---- every service's writes -------------------------------------------------------------------
class NarrativeModel:
    """Stands in for the language model (a neighbour here): one cited sentence without numbers."""

    model_id = "fake-narrative"

    def prompt_tokens(self, messages) -> int:
        return 10

    def generate_json(self, messages, schema, budget, *, cancel=None, on_token=None):
        text = json.dumps({"statements": [{"text": "The client engaged well in every session.", "sources": [1]}]})
        return SimpleNamespace(text=text, tokens=12)


def _wav(path: Path, seconds: float = 1.0) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        tone = np.sin(np.linspace(0, 440 * 2 * np.pi * seconds, int(16000 * seconds)))
        out.writeframes((tone * 8000).astype("<i2").tobytes())
    return path


def _drive_the_chart(practice, out: Path) -> None:
    """Every write of the chart's services, in the order a clinician meets them."""
    practice.profile.update(name="Dr Sam Example", credentials="LCSW", ai_usage_consent=True)
    client = practice.clients.add("Ann", "Example", "1980-02-03")
    practice.clients.update(client, phone="555-0100")
    practice.clients.chart(client)  # an audited view
    practice.clients.record_consent(client, "given")
    first = practice.appointments.add(client, "2026-11-20T10:00", 50)
    second = practice.appointments.add(client, "2026-11-21T10:00", 50)
    practice.appointments.set_status(second, "cancelled", "unwell")
    practice.appointments.add_admin_note(client, "Called to rebook.")

    notes = practice.notes
    notes.save_template("Brief", [{"name": "body", "label": "Body"}])
    note = notes.create(first, "SOAP Note (manual)")
    notes.set_field(note, "subjective", "Reports better sleep.")
    notes.set_service_code(note, "90834")
    notes.set_review(note, {"checked": True})
    notes.get(note, audit_view=True)
    notes.sign(note, practice.profile.get())
    notes.add_addendum(note, "Called after the session.", "late entry", "Dr Sam Example")
    spare = notes.create(second, "Brief")
    notes.delete_draft(spare)

    assessment = practice.assessments.add(client, "phq9", [1, 1, 1, 0, 0, 0, 0, 0, 0], "2026-11-20")
    practice.assessments.sign(assessment, "Dr Sam Example")
    other = practice.assessments.add_other(client, "PCL-5", 31, "2026-11-20")
    practice.assessments.delete_draft(other)

    diagnosis = practice.diagnoses.add(client, "F41.1", "2026-10-01")
    practice.diagnoses.set_onset(diagnosis, "2026-09-01")
    practice.diagnoses.resolve(diagnosis, "2026-11-25")

    plan = practice.plans.create(client, PLAN, "2027-01-01")
    practice.plans.update(plan, PLAN, "2027-02-01")
    practice.plans.sign(plan, "Dr Sam Example")
    practice.plans.delete_draft(practice.plans.new_version(client))
    practice.digests.run_pending()

    summaries, model = practice.summaries, NarrativeModel()
    summary = summaries.generate_treatment(client, "2026-01-01", "2026-12-31", model)
    summaries.get(summary, audit_view=True)
    summaries.update_text(summary, summaries.get(summary)["text"] + "\nSeen weekly.")
    summaries.discard_draft(summary)
    summary = summaries.generate_treatment(client, "2026-01-01", "2026-12-31", model)
    summaries.refine(summary, "Say it more plainly.", model)
    summaries.sign(summary, "Dr Sam Example")
    summaries.delete(summaries.case_summary(client, model))
    summaries.delete(summary)

    practice.documents.export_note(note, out / "note.pdf")
    practice.documents.export_consent_form(out / "consent.pdf")

    transcript = Transcript("en", 4.0, [Segment(i, 2.0 * i, 2.0 * i + 2, "Hello there.", voice=[[1.0, 0.0, 0.5]])
                                        for i in range(2)])
    practice.sessions.store_transcript(second, transcript)
    practice.voice_count.set_voice_count(second, 1)
    practice.voice_profile.delete()


def _drive_recordings(practice, out: Path) -> None:
    """Recordings: import, shred, a missing file's notice dismissed, an orphan removed by the sweep
    of a ``Retention`` used directly (the engine class, not the service)."""
    client = practice.clients.add("Bo", "Example")
    practice.clients.record_consent(client, "given")
    appointment = practice.appointments.add(client, "2026-11-22T09:00", 50)
    shredded = practice.recordings.import_file(appointment, _wav(out / "a.wav"))
    practice.recordings.shred(shredded, force=True)
    kept = practice.recordings.import_file(appointment, _wav(out / "b.wav"))
    folder = practice.paths.recordings_dir
    (folder / sealed.file_name_for(kept)).unlink()  # the drive was unplugged
    (folder / ("0" * 32 + sealed.FILE_SUFFIX)).write_bytes(b"no key for this one")
    retention = Retention(practice.vault, folder)
    report = retention.sweep()
    assert report.missing == [kept] and report.orphans == ["0" * 32]
    (notice,) = practice.recordings.notices()
    practice.recordings.dismiss_notice(notice["id"])


def test_every_service_write_runs_on_the_one_writer(tmp_path, write_check):
    paths = AppPaths.default(vault_dir=tmp_path / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    out = tmp_path / "out"
    out.mkdir()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    try:
        _drive_the_chart(practice, out)
        _drive_recordings(practice, out)
        practice.backups.schedule(out, keep=2)
        outcome = practice.backups.back_up_now()
        practice.backups.turn_off()
        practice.vault.change_passphrase(TEST_PASSPHRASE, NEW_PASSPHRASE)
    finally:
        practice.close()
    open_practice(paths, NEW_PASSPHRASE).close()  # the sign-in is audited
    restore(outcome.file, tmp_path / "restored", TEST_PASSPHRASE)
    assert write_check == [], "vault writes off the writer thread:\n" + "\n".join(sorted(set(write_check)))
    actions = {row[0] for row in _audit_actions(paths.vault_dir, NEW_PASSPHRASE)}
    # The drive reached every kind of write it claims to (a path that silently did nothing would pass).
    assert {"client_updated", "chart_viewed", "appointment_cancelled", "note_viewed", "note_signed",
            "addendum_added", "assessment_signed", "diagnosis_resolved", "plan_signed", "summary_refined",
            "summary_signed", "summary_deleted", "note_exported", "consent_form_exported",
            "transcript_voices_recounted", "recording_shredded", "recording_file_missing",
            "recording_orphan_removed", "notice_dismissed", "backup_verified", "backup_schedule_off",
            "passphrase_changed", "unlock"} <= actions


def _audit_actions(folder: Path, passphrase: str) -> list[tuple]:
    practice = open_practice(AppPaths.default(vault_dir=folder, models_dir=MODELS_DIR), passphrase)
    try:
        with practice.vault.db.read() as conn:
            return conn.execute("SELECT action FROM audit_log").fetchall()
    finally:
        practice.close()


def test_submit_queues_behind_a_busy_writer_in_order_and_close_runs_what_is_queued(tmp_path):
    paths = AppPaths.default(vault_dir=tmp_path / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    db_writer = practice.vault.db.writer
    release, ran = threading.Event(), []
    busy = db_writer.submit(lambda: release.wait(10))  # returns at once although the writer is now busy
    first = db_writer.submit(lambda: (ran.append(threading.current_thread().name),
                                      practice.clients.add("Ann", "Example"))[1])
    second = db_writer.submit(lambda: practice.clients.add("Ben", "Example"))
    assert not busy.done() and not first.done() and ran == []
    failing = db_writer.submit(lambda: 1 / 0)  # queued: its error waits in the future, not raised here
    on_writer = db_writer.submit(lambda: db_writer.submit(lambda: "nested").result(timeout=0))
    release.set()
    assert first.result(timeout=10) < second.result(timeout=10)  # first asked, first written
    assert ran and ran[0].startswith("vault-writer")
    assert on_writer.result(timeout=10) == "nested"  # a submit on the writer itself runs at once
    assert isinstance(failing.exception(timeout=10), ZeroDivisionError)
    release.clear()
    db_writer.submit(lambda: release.wait(0.3))
    late = db_writer.submit(lambda: practice.clients.add("Cleo", "Example"))
    practice.close()  # waits for every queued write before the connection closes
    assert late.done() and late.exception() is None
    reopened = open_practice(paths, TEST_PASSPHRASE)
    try:
        assert [c["first_name"] for c in reopened.clients.list()] == ["Ann", "Ben", "Cleo"]
    finally:
        reopened.close()
