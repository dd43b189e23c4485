"""Cancel during transcription, then finish the session from the window without importing again.

The clinician imports a recording, cancels while it is being transcribed, and later finishes the
session from the sealed recording still in the vault (kept at most 24 hours): Resume offers it, on
the screen and after leaving it and coming back; the windows already transcribed are kept; the
transcript, the draft and the note are stored. The speech and note models are the fakes of
``engine_fakes`` (the neighbours); the session screen, the job queue, the sealed recording and the
vault are real.
"""

from __future__ import annotations

import re
import wave

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from engine_fakes import FakeNoteModel, FakeWhisper, fake_engines
from ui_helpers import hold_last_window_until_cancelled, open_todays_session, unlock, use_fake_microphone

SECONDS = 90  # four transcription windows (25 s each, the last 15 s: the noise has no pauses)


class OffsetsWhisper(FakeWhisper):
    """The fake transcriber, noting where in the recording each window it is given starts."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.offsets: list[float] = []

    def transcribe(self, audio, *args, offset_s: float = 0.0, **kwargs):
        self.offsets.append(offset_s)
        return super().transcribe(audio, *args, offset_s=offset_s, **kwargs)


def _noise_wav(path) -> None:
    """A mono 16 kHz recording that holds sound throughout (the fake transcriber hears a line per 5 s)."""
    samples = (np.random.default_rng(7).normal(0, 0.1, SECONDS * 16000) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(samples.tobytes())



def _badge(window) -> str:
    today = window.workspace.agenda.tree.topLevelItem(0)
    return next(today.child(j).text(3) for j in range(today.childCount()) if "Jonah" in today.child(j).text(1))


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


def _cancel_mid_transcription(qtbot, window, tmp_path, warnings, voices: int = 2):
    """Import a recording on Jonah's session and cancel once one window is transcribed: (session, job)."""
    practice, session = window.ctx.practice, open_todays_session(window, "Jonah")
    session.call_inputs.voices.setValue(voices)
    appointment = session.appointment_id
    wav = tmp_path / "session.wav"
    _noise_wav(wav)
    session.import_recording(wav)
    qtbot.waitUntil(lambda: session.busy.message.text().startswith("Transcribing"), timeout=60000)
    qtbot.waitUntil(lambda: len(practice.jobs.checkpoints(practice.jobs.latest("transcribe", appointment).id)) >= 1,
                    timeout=60000)  # one window done, the next one running
    # The stage, its percentage and a time estimate a person reads at a glance.
    qtbot.waitUntil(lambda: re.fullmatch(r"Transcribing \(2 of 3\) · \d+ % · .+ left", session.busy.message.text())
                    is not None, timeout=15000)
    assert re.fullmatch(r"Transcribing… \d{1,3} %", _badge(window))  # the agenda shows the same work's percentage
    session.busy.cancel.click()
    assert session.busy.message.text() == "Cancelling…"
    qtbot.waitUntil(lambda: session._worker is None, timeout=15000)
    assert not warnings
    job = practice.jobs.latest("transcribe", appointment)
    assert job.state == "cancelled"
    return session, job


def test_cancel_mid_transcription_then_resume_finishes_the_session_without_importing_again(
        qtbot, ready_vault, make_window, tmp_path, warnings):
    whisper = OffsetsWhisper(seconds_per_call=4.0)  # slow enough that Cancel lands mid-transcription
    window = make_window(ready_vault, engines=fake_engines(whisper=whisper))
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    practice = window.ctx.practice
    session, job = _cancel_mid_transcription(qtbot, window, tmp_path, warnings)
    appointment = session.appointment_id
    kept = len(practice.jobs.checkpoints(job.id))
    assert 1 <= kept < 4
    recording = practice.recordings.get(job.params["recording_id"])
    assert recording["state"] == "complete" and not recording["transcript_stored"]  # sealed, still here
    assert not session.resume_button.isHidden()  # the way forward without importing again
    assert session.draft_again_button.isHidden()  # no transcript yet to draft from
    assert practice.sessions.transcript(appointment) is None
    said = session.consent_state.text()  # what was cancelled, and what Resume does, until when
    assert said.startswith("Cancelled during transcription") and "Resume" in said and "Draft again" not in said
    assert "kept sealed until" in said and "24 hours" in said and "app closed" not in said

    # Leave the screen and come back (the next morning's first look): Resume is still offered, and
    # the screen says the transcription was cancelled (not that the app stopped).
    window.workspace.go(0)
    session = open_todays_session(window, "Jonah")
    assert session.appointment_id == appointment and not session.resume_button.isHidden()
    assert session.consent_state.text() == said

    whisper.seconds_per_call = 0.0
    ready: list[int] = []
    session.summary_ready.connect(ready.append)
    before_resume = len(whisper.offsets)
    session.resume_button.click()
    qtbot.waitUntil(lambda: bool(ready or warnings), timeout=60000)
    assert not warnings and ready == [appointment]
    assert window.workspace.last_notification == "An AI session summary is ready for review."  # names no client
    assert _badge(window) == "AI session summary ready"
    resumed = whisper.offsets[before_resume:]
    assert len(resumed) == 4 - kept and 0.0 not in resumed  # the windows done before Cancel were kept
    transcript = practice.sessions.transcript(appointment)
    assert transcript is not None and transcript.segments
    assert transcript.segments[-1].end > SECONDS - 10  # the whole recording, not only the part before Cancel
    assert practice.recordings.get(job.params["recording_id"])["transcript_stored"]
    assert practice.jobs.latest("transcribe", appointment).state == "done"
    assert practice.sessions.latest_draft(appointment) is not None
    assert session.resume_button.isHidden() and not session.draft_again_button.isHidden()
    assert session.open_note_button.isEnabled()
    session.open_note_button.click()
    editor = window.workspace.note
    assert editor.note is not None and editor.note["ai_assisted"] == 1
    assert editor.note["fields"]["session_summary"].strip()


def test_after_the_24_hour_shred_a_cancelled_transcription_is_not_offered_for_resume(
        qtbot, ready_vault, make_window, tmp_path, warnings):
    """Once the recording is shredded (its 24 hours are up) there is nothing to resume: the screen
    says so and offers what is left (record or import again, or write by hand), not a Resume that
    fails."""
    window = make_window(ready_vault, engines=fake_engines(whisper=FakeWhisper(seconds_per_call=4.0)))
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    practice = window.ctx.practice
    session, job = _cancel_mid_transcription(qtbot, window, tmp_path, warnings)
    appointment = session.appointment_id
    practice.recordings.retention.shred(job.params["recording_id"], force=True)  # as the deadline does
    assert practice.sessions.interrupted_job(appointment) is None
    window.workspace.go(0)
    session = open_todays_session(window, "Jonah")
    assert session.resume_button.isHidden() and session.draft_again_button.isHidden()
    said = session.consent_state.text()
    assert "shredded" in said and "before it was transcribed" in said and "by hand" in said
    assert session.import_button.isEnabled() and session.manual_button.isEnabled()


def test_resume_transcribes_with_the_voices_chosen_at_import(qtbot, ready_vault, make_window, tmp_path, warnings,
                                                             monkeypatch):
    """One voice chosen at import stays one voice when the cancelled transcription is resumed (not
    split into two speakers because Resume forgot the choice)."""
    from session_assistant.transcribe import live

    asked: list[int] = []
    real = live.transcribe_blocks
    monkeypatch.setattr(live, "transcribe_blocks",
                        lambda *a, speakers=2, **k: asked.append(speakers) or real(*a, speakers=speakers, **k))
    whisper = FakeWhisper(seconds_per_call=4.0)
    window = make_window(ready_vault, engines=fake_engines(whisper=whisper))
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    session, _job = _cancel_mid_transcription(qtbot, window, tmp_path, warnings, voices=1)
    whisper.seconds_per_call = 0.0
    ready: list[int] = []
    session.summary_ready.connect(ready.append)
    session.resume_button.click()
    qtbot.waitUntil(lambda: bool(ready or warnings), timeout=60000)
    assert not warnings and asked == [1, 1]  # the import's pass, then Resume's


def _resume_label(session) -> str:
    return session.resume_button.text().replace("&", "")


def test_after_cancel_the_part_already_transcribed_is_on_screen_and_resume_says_what_it_does(
        qtbot, ready_vault, make_window, tmp_path, warnings):
    """A deliberate Cancel is no crash: the button says it resumes the transcription (not
    "Interrupted"), and the windows finished before Cancel are on the screen, read-only, also after
    leaving the screen and coming back."""
    window = make_window(ready_vault, engines=fake_engines(whisper=FakeWhisper(seconds_per_call=4.0)))
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    practice = window.ctx.practice
    session, job = _cancel_mid_transcription(qtbot, window, tmp_path, warnings)
    done = [s["text"] for w in practice.jobs.checkpoints(job.id) for s in w["segments"]]
    assert done  # at least one window was finished before Cancel
    for shown_on in ("the screen just cancelled", "the screen opened again"):
        assert _resume_label(session) == "Resume transcription", shown_on
        assert "Interrupted" not in session.resume_button.accessibleName(), shown_on
        lines = session.transcript.line_texts()
        assert len(lines) == len(done) and all(text in line for text, line in zip(done, lines)), shown_on
        assert not session.transcript.swap_button.isEnabled()  # read-only: the transcript is not stored yet
        assert "already transcribed" in session.consent_state.text(), shown_on
        window.workspace.go(0)
        session = open_todays_session(window, "Jonah")


def test_a_live_recording_cancelled_mid_transcription_stays_cancelled_after_reopening_and_a_restart(
        qtbot, ready_vault, make_window, monkeypatch, warnings):
    """Record (a fake input stream: the hardware neighbour), Stop, Cancel while the rest is
    transcribed: the job is stored as cancelled, not as a crash, so the screen says "Cancelled"
    (never "the app closed") on the screen, after coming back to it, and in a new window on the
    same vault."""
    use_fake_microphone(monkeypatch)
    hold_last_window_until_cancelled(monkeypatch)
    window = make_window(ready_vault)
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    session = open_todays_session(window, "Avery")
    appointment = session.appointment_id
    session.record_button.click()
    assert session._live is not None, warnings
    qtbot.waitUntil(lambda: session.elapsed.text() >= "00:02", timeout=15000)
    qtbot.waitUntil(lambda: session._live.live is not None, timeout=15000)  # the live transcriber is loaded
    session.stop_button.click()
    qtbot.waitUntil(lambda: session.busy.message.text().startswith("Transcribing"), timeout=30000)
    session.busy.cancel.click()
    qtbot.waitUntil(lambda: session._worker is None, timeout=30000)
    assert not warnings
    assert window.ctx.practice.jobs.latest("transcribe", appointment).state == "cancelled"  # not 'interrupted'

    def says_cancelled(page) -> None:
        said = page.consent_state.text()
        assert said.startswith("Cancelled during transcription") and "app closed" not in said, said
        assert not page.resume_button.isHidden() and _resume_label(page) == "Resume transcription"

    says_cancelled(session)
    window.workspace.go(0)
    today = window.workspace.agenda.tree.topLevelItem(0)
    badge = next(today.child(j).text(3) for j in range(today.childCount()) if "Avery" in today.child(j).text(1))
    assert badge == "Transcription cancelled: resume in Session"  # "Interrupted" is for a crash or a quit
    says_cancelled(open_todays_session(window, "Avery"))
    window.shutdown()  # quit; a new window on the same vault reads the job state back
    again = make_window(ready_vault)
    unlock(qtbot, again)
    says_cancelled(open_todays_session(again, "Avery"))


def _import_on_jonahs_session(qtbot, window, tmp_path):
    """Unlock (no auto-lock meanwhile) and import the noise recording on Jonah's session today:
    (practice, appointment id)."""
    window.ctx.settings.auto_lock_minutes = 120
    unlock(qtbot, window)
    session = open_todays_session(window, "Jonah")
    wav = tmp_path / "session.wav"
    _noise_wav(wav)
    session.import_recording(wav)
    return window.ctx.practice, session.appointment_id


def test_quitting_mid_transcription_is_interrupted_not_cancelled_in_the_next_window(
        qtbot, ready_vault, make_window, tmp_path, warnings):
    """Quitting the app while a recording is transcribed stops the work as a Cancel does, but the
    clinician did not cancel: the next window says "Interrupted" and offers "Resume (Interrupted)"."""
    window = make_window(ready_vault, engines=fake_engines(whisper=FakeWhisper(seconds_per_call=4.0)))
    practice, appointment = _import_on_jonahs_session(qtbot, window, tmp_path)
    qtbot.waitUntil(lambda: (job := practice.jobs.latest("transcribe", appointment)) is not None
                    and len(practice.jobs.checkpoints(job.id)) >= 1, timeout=60000)
    window.shutdown()  # quit mid-transcription
    again = make_window(ready_vault)
    unlock(qtbot, again)
    assert again.ctx.practice.jobs.latest("transcribe", appointment).state == "interrupted"
    session = open_todays_session(again, "Jonah")
    assert session.consent_state.text().startswith("Interrupted") and not session.resume_button.isHidden()
    assert _resume_label(session) == "Resume (Interrupted)"
    assert session.transcript.line_texts()  # the windows done before the quit are on screen


def test_quitting_mid_drafting_is_interrupted_and_resume_drafts_from_the_stored_transcript(
        qtbot, ready_vault, make_window, tmp_path, warnings):
    """Quitting while the summary is being drafted is no Cancel either: the next window offers
    "Resume (Interrupted)" (not a fresh Draft), and Resume drafts without transcribing again."""
    whisper = OffsetsWhisper()
    window = make_window(ready_vault, engines=fake_engines(whisper=whisper,
                                                           llm=FakeNoteModel(seconds_per_token=0.2)))
    practice, appointment = _import_on_jonahs_session(qtbot, window, tmp_path)
    qtbot.waitUntil(lambda: (job := practice.jobs.latest("draft", appointment)) is not None
                    and job.state == "running", timeout=60000)
    transcribed = len(whisper.offsets)
    window.shutdown()  # quit mid-drafting
    again = make_window(ready_vault, engines=fake_engines(whisper=whisper))
    unlock(qtbot, again)
    assert again.ctx.practice.jobs.latest("draft", appointment).state == "interrupted"
    session = open_todays_session(again, "Jonah")
    assert session.consent_state.text().startswith("Interrupted") and not session.resume_button.isHidden()
    assert _resume_label(session) == "Resume (Interrupted)"
    session.resume_button.click()
    qtbot.waitUntil(lambda: again.ctx.practice.jobs.latest("draft", appointment).state == "done", timeout=60000)
    assert len(whisper.offsets) == transcribed  # the transcript was stored: nothing transcribed again
    assert not warnings
