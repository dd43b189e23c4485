"""The session screen: consent check, record or import, then transcription and drafting.

The screen only shows and drives the engine's one session (``services.live_session``, which the
``record`` command uses too): ``LiveSession`` while recording; then one Worker on the engine pool
runs the rest (finish, import, resume, draft again), reporting stages with a percentage and a
time estimate. Every session is a persistent job, so after a crash the screen offers Resume.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from session_assistant.errors import UserError
from session_assistant.services import live_session
from session_assistant.services.notes import DEFAULT_TEMPLATE
from session_assistant.ui.common.context import UiContext
from session_assistant.ui.common.dialogs import ask_recording_consent
from session_assistant.ui.common.engines import session_pipeline, stored_draft
from session_assistant.ui.session.replace_check import may_replace_stored_work
from session_assistant.ui.session.session_view import SessionView
from session_assistant.ui.session.speaker_fix import SpeakerFixMixin
from session_assistant.ui.session.way_forward import way_forward
from session_assistant.ui.common.worker import Worker

log = logging.getLogger(__name__)
AUDIO_FILTER = "Audio (*.wav *.flac *.mp3 *.m4a *.ogg *.oga *.opus *.aac *.webm *.mp4);;All files (*)"
CANCELLING = "Cancelling…"


class SessionPage(SpeakerFixMixin, SessionView):
    """Emits ``stage_changed(appointment_id)`` and ``summary_ready(appointment_id)`` for the agenda."""

    stage_changed = Signal(int)
    progress_changed = Signal(int)  # appointment id: its work's percentage moved (the agenda shows it)
    summary_ready = Signal(int)
    note_requested = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.appointment_id: int | None = None
        self._appointment: dict | None = None
        self._worker: Worker | None = None
        self._live: live_session.LiveSession | None = None  # while recording
        self._finishing: live_session.LiveSession | None = None  # stopped, its work running
        self._cancelling = False
        self._meter = QTimer(self)
        self._meter.setInterval(100)
        self._meter.timeout.connect(self._on_meter_tick)
        self.record_button.clicked.connect(self._on_record_clicked)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self._on_stop_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.manual_button.clicked.connect(self._on_manual_clicked)
        self.resume_button.clicked.connect(self._on_resume_clicked)
        self.draft_again_button.clicked.connect(self._on_draft_again_clicked)
        self.open_note_button.clicked.connect(lambda: self.appointment_id and self.note_requested.emit(self.appointment_id))
        self.busy.cancel_clicked.connect(self._on_busy_cancel_clicked)
        self._connect_speaker_fix()
        self.show_appointment(None)

    # ---- which appointment ------------------------------------------------------------------------
    def show_appointment(self, appointment_id: int | None) -> None:
        if self._live is not None or self._worker is not None:
            if appointment_id != self.appointment_id:
                QMessageBox.information(self, "Session running", "Finish the running session first.")
            return
        self.appointment_id = appointment_id
        self.transcript.clear()
        self.busy.done()
        self.show_empty(appointment_id is None)
        if appointment_id is None:
            self._appointment = None
            self.title.setText("Session")
            self.consent_state.clear()
            for widget in (self.record_box, self.manual_button, self.open_note_button):
                widget.setEnabled(False)
            self.resume_button.hide()
            self.draft_again_button.hide()
            return
        practice = self._ctx.practice
        self._appointment = appointment = practice.appointments.get(appointment_id)
        client = practice.clients.get(appointment["client_id"])
        kind = "Telehealth" if appointment["modality"] == "telehealth" else "In person"
        self.title.setText(f"Session with {client['first_name']} {client['last_name']}")
        self.subtitle.setText(f"{appointment['starts_at'].replace('T', ' ')} · {appointment['minutes']} min · {kind}")
        self.manual_button.setEnabled(True)
        work = self._ctx.sessions.get(appointment_id)
        pipeline = session_pipeline(self._ctx)
        if work and work.transcript is not None:
            self._show_transcript(work.transcript)
        elif (stored := pipeline.view_transcript(appointment_id)) is not None:  # shown: audited
            self._show_transcript(stored)
        partial = self._show_done_part(pipeline)
        self.open_note_button.setEnabled(self._has_note())
        self._refresh_controls()
        if self.draft_again_button.isHidden() or not self.resume_button.isHidden():
            # Unfinished work (Resume, or a recording shredded untranscribed) says what is left to do.
            self.consent_state.setText(way_forward(pipeline, appointment_id, partial=partial)
                                       or self.consent_state.text())
        self.call_inputs.suggest_call(appointment["modality"] == "telehealth")

    def refresh_note_button(self) -> None:
        """A note written since this screen was shown ("Write the note by hand") can be opened from it."""
        if self._appointment is not None:
            self.open_note_button.setEnabled(self._has_note())

    def _has_note(self) -> bool:
        rows = self._ctx.practice.appointments.list(client_id=self._appointment["client_id"])
        return any(r["id"] == self.appointment_id and r["note_id"] for r in rows)

    def _refresh_controls(self) -> None:
        practice = self._ctx.practice
        ai_on = practice.profile.get().ai_usage_consent
        decision = practice.clients.consent(self._appointment["client_id"]).decision
        if not ai_on:
            text = "AI Usage Consent is off (Settings › Privacy & Security): write this note by hand."
        elif decision == "given":
            text = "The client has consented to AI session recording."
        elif decision is None:
            text = "The client has not been asked about recording yet; you will be asked when you start."
        else:
            text = f"The client {decision} recording: write this note by hand."
        self.consent_state.setText(text)
        allowed = ai_on and decision in ("given", None)
        recording, idle = self._live is not None, self._live is None and self._worker is None
        self.record_box.setEnabled(allowed and self._worker is None)
        self.record_button.setEnabled(allowed and not recording)
        self.pause_button.setEnabled(recording)
        self.stop_button.setEnabled(recording)
        self.import_button.setEnabled(allowed and not recording)
        pipeline = session_pipeline(self._ctx)
        unfinished = pipeline.interrupted_job(self.appointment_id)
        self.resume_button.setVisible(idle and unfinished is not None)
        self.label_resume(unfinished)
        self.draft_again_button.setVisible(idle and ai_on and pipeline.transcript(self.appointment_id) is not None)
        if not self.device.count():
            self.fill_devices()

    # ---- consent -------------------------------------------------------------------------------
    def ensure_consent(self) -> bool:
        """True if this session may be recorded; asks the clinician for the client's answer if needed."""
        practice = self._ctx.practice
        if not practice.profile.get().ai_usage_consent:
            QMessageBox.information(self, "AI is off", "Turn on AI Usage Consent in Settings to record sessions.")
            return False
        client_id = self._appointment["client_id"]
        decision = practice.clients.consent(client_id).decision
        if decision is None:
            decision = ask_recording_consent(practice, client_id, self)
        self._refresh_controls()
        if decision != "given":
            if decision in ("declined", "revoked"):
                self.consent_state.setText("The client declined recording; nothing was recorded. "
                                           "You can write the note by hand.")
            return False
        return True

    # ---- recording -----------------------------------------------------------------------------
    def _on_record_clicked(self) -> None:
        if self._appointment is None or not self.ensure_consent() or not may_replace_stored_work(self, "Record"):
            return
        device = self.device.currentData()
        if device is None:
            return
        session = live_session.LiveSession(session_pipeline(self._ctx), self.appointment_id,
                                           speakers=self.call_inputs.speakers,
                                           draft_format=self._ctx.settings.note_format)
        try:
            self.call_inputs.start(session, device)  # the microphone alone, or with the call's audio
        except UserError as error:
            QMessageBox.warning(self, "Recording did not start", str(error))
            return
        self._live = session
        self.transcript.clear()
        self._set_stage("recording")
        self.pause_button.setText("&Pause")
        self._meter.start()
        self._refresh_controls()
        # A device can take a second to deliver audio: "Recording" only once it does (meter tick).
        self.consent_state.setText("Starting the microphone… wait a moment before you begin.")

    def _on_meter_tick(self) -> None:
        session = self._live
        if session is None or session.recorder is None:
            self._meter.stop()
            return
        recorder = session.recorder
        if recorder.audio_flowing and self.consent_state.text().startswith("Starting"):
            self.consent_state.setText("Recording. The transcript appears as you go; Stop drafts the summary.")
        self.level.set_dbfs(recorder.level.rms_dbfs)
        minutes, seconds = divmod(int(recorder.elapsed_s), 60)
        self.elapsed.setText(f"{minutes:02d}:{seconds:02d}")
        self.rec_warning.setText(recorder.warning or session.warning)
        for window in session.take_new_windows():
            for segment in window.segments:
                minutes, seconds = divmod(int(segment.start), 60)
                self.transcript.appendPlainText(f"[{minutes:02d}:{seconds:02d}] {segment.text}")

    def _on_pause_clicked(self) -> None:
        if self._live is None:
            return
        if self.pause_button.text().endswith("Pause"):
            self._live.pause()
            self.pause_button.setText("&Resume")
        else:
            self._live.resume()
            self.pause_button.setText("&Pause")

    def _on_stop_clicked(self) -> None:
        if self._live is None:
            return
        session = self._live
        self._on_meter_tick()  # the last windows transcribed while recording
        self._meter.stop()
        try:
            session.stop()  # sealed now, whatever happens to the work after it
        except UserError as error:
            QMessageBox.warning(self, "Recording", str(error))
        self._live = None
        self._finishing = session
        self._set_stage("transcribing")
        self._run(session.finish, "Transcribing the rest of the session…")

    # ---- import, resume, draft again -----------------------------------------------------------
    def _on_import_clicked(self) -> None:
        if self._appointment is None or not self.ensure_consent() or not may_replace_stored_work(self, "Import"):
            return
        file, _ = QFileDialog.getOpenFileName(self, "Import a session recording", str(Path.home()), AUDIO_FILTER)
        if file:
            self.import_recording(Path(file))

    def import_recording(self, path: Path) -> None:
        """Seal the file into the vault, transcribe the sealed copy (resumable), draft."""
        pipeline, appointment_id, fmt = session_pipeline(self._ctx), self.appointment_id, self._ctx.settings.note_format
        self._set_stage("transcribing")
        speakers = self.call_inputs.speakers
        self._run(lambda p, t: live_session.import_and_draft(pipeline, appointment_id, path, fmt, p, t, speakers=speakers),
                  "Importing and encrypting the recording…")

    def _on_resume_clicked(self) -> None:
        """Finish an interrupted session: the windows and draft sections already done are kept."""
        pipeline, appointment_id, fmt = session_pipeline(self._ctx), self.appointment_id, self._ctx.settings.note_format
        self._set_stage("transcribing")
        self._run(lambda p, t: live_session.resume_session(pipeline, appointment_id, fmt, p, t),
                  "Resuming the interrupted session…")

    def _on_draft_again_clicked(self) -> None:
        """A new draft from the stored transcript (after a cancel, or to try again)."""
        pipeline, appointment_id, fmt = session_pipeline(self._ctx), self.appointment_id, self._ctx.settings.note_format
        self._set_stage("drafting")
        self._show_stored_transcript()
        self._run(lambda p, t: live_session.draft_again(pipeline, appointment_id, fmt, p, t),
                  "Drafting the session summary again…")

    # ---- the outcome ---------------------------------------------------------------------------------
    def _on_session_done(self, _result) -> None:
        """Show the stored transcript and draft; create the note with the summary (never overwriting one)."""
        appointment_id = self.appointment_id
        transcript = session_pipeline(self._ctx).transcript(appointment_id)
        work = self._ctx.session(appointment_id)
        work.transcript = transcript
        if transcript is not None:
            self._show_transcript(transcript)
        utterances, draft = stored_draft(self._ctx, appointment_id)
        if draft is None:
            self._on_work_failed("The draft could not be read back from the vault; try drafting again.")
            return
        work.utterances, work.draft = list(utterances), draft
        self._create_note_with_summary(draft)
        self._set_stage("ready")
        self.consent_state.setText("The AI session summary is ready: open the note to review it.")
        self.open_note_button.setEnabled(True)
        self.summary_ready.emit(appointment_id)

    def _create_note_with_summary(self, draft) -> None:
        notes = self._ctx.practice.notes
        if self._has_note():
            return  # never overwrite what the clinician wrote; the draft stays beside the note
        try:
            notes.create(self.appointment_id, DEFAULT_TEMPLATE, draft=draft)  # each section where the template wants it
        except UserError as error:
            log.info("note not created after drafting: %s", type(error).__name__)

    def _show_stored_transcript(self) -> None:
        """The stored transcript the draft is written from (audited: a person sees it), as a live
        recording's transcript is on screen while its draft is written."""
        stored = session_pipeline(self._ctx).view_transcript(self.appointment_id)
        if stored is not None:
            self._ctx.session(self.appointment_id).transcript = stored
            self._show_transcript(stored)

    def _show_transcript(self, transcript) -> None:
        self._show_speaker_lines(transcript)

    def _show_done_part(self, pipeline) -> bool:
        """No transcript stored yet: the windows a cancelled or crashed transcription finished, read-only."""
        if pipeline.transcript(self.appointment_id) is not None:
            return False
        segments = pipeline.view_partial_transcript(self.appointment_id)  # shown: audited
        if segments:
            self.transcript.show_segments(segments, editable=False, locked_reason="Read-only")
        return bool(segments)

    # ---- manual note ---------------------------------------------------------------------------------
    def _on_manual_clicked(self) -> None:
        if self.appointment_id is not None:
            self.note_requested.emit(self.appointment_id)

    # ---- running work --------------------------------------------------------------------------------
    def _set_stage(self, stage: str) -> None:
        work = self._ctx.session(self.appointment_id)
        work.stage, work.progress = stage, None
        self.stage_changed.emit(self.appointment_id)

    def _run(self, fn, message: str) -> None:
        """One engine Worker for the session's work; the outcome comes back on the GUI thread."""
        self._cancelling = False
        self.busy.start(message)
        self._worker = worker = Worker(fn, "session")
        worker.progress.connect(self._on_work_progress)
        worker.finished.connect(lambda result: (self._end_work(), self._ctx.practice is not None
                                                and self._on_session_done(result)))
        worker.failed.connect(self._on_work_failed)
        worker.cancelled.connect(self._on_work_cancelled)
        self._ctx.pools.run(worker, "engine")
        self._refresh_controls()

    def _on_work_progress(self, fraction: float, message: str) -> None:
        if self._cancelling or self._ctx.practice is None:
            # "Cancelling…" stays until the work has stopped; a report queued before a lock or a
            # quit arrives after the screen was torn down and the vault closed
            return
        self.busy.show_progress(fraction, message)
        stage = self._ctx.session(self.appointment_id).stage
        if message.startswith(live_session.STAGE_NAMES["draft"]) and stage != "drafting":
            self._set_stage("drafting")
            self._show_stored_transcript()  # transcription is over: the transcript stays on screen while drafting
        work = self._ctx.session(self.appointment_id)
        shown = work.progress
        work.progress = fraction
        if shown is None or int(100 * fraction) != int(100 * shown):  # at most once per percent
            self.progress_changed.emit(self.appointment_id)

    def _end_work(self) -> None:
        finishing, self._finishing = self._finishing, None
        if finishing is not None and self._worker is not None and self._worker.outcome != "finished":
            finishing.abandon(cancelled=self._cancelling)  # unfinished: Resume later
        self._worker = None
        self._cancelling = False
        self.busy.done()
        if self._ctx.practice is not None:  # a late signal after a lock finds no vault
            self._refresh_controls()

    def _on_work_failed(self, message: str) -> None:
        self._end_work()
        if self._ctx.practice is None:
            return
        self._set_stage("failed")
        QMessageBox.warning(self, "Session", message)

    def _on_work_cancelled(self) -> None:
        self._end_work()
        if self._ctx.practice is None:
            return
        self._set_stage("")
        pipeline = session_pipeline(self._ctx)
        partial = self._show_done_part(pipeline)
        self.consent_state.setText(way_forward(pipeline, self.appointment_id, cancelled_now=True, partial=partial))

    def _on_busy_cancel_clicked(self) -> None:
        if self._worker is not None:
            self._cancelling = True
            self._worker.cancel()
            self.busy.message.setText(CANCELLING)
            self.busy.cancel.setEnabled(False)

    @property
    def busy_now(self) -> bool:
        return self._worker is not None or self._live is not None

    def teardown(self) -> None:
        """Before a lock or quit: seal a running recording and leave its job 'interrupted' (Resume
        later), and cancel running work."""
        self._meter.stop()
        if self._worker is not None:
            self._worker.cancel()
            if not self._cancelling and self._ctx.practice is not None:  # a quit or a lock, not the clinician's Cancel
                self._ctx.practice.sessions.mark_stopped_work_interrupted(self.appointment_id)
        if self._live is not None:
            self._live.abandon()
            self._live = None
