"""The session screen: consent check, record or import, then transcription and drafting.

Flow: consent (ask and store when needed; a refusal still allows a hand-written note) ->
record (device, level, elapsed, pause/resume, stop) or import a file -> transcribe (engine pool)
-> draft (engine pool) -> the note is created with the AI session summary in its field.
Each long step is a Worker with progress and Cancel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from session_assistant.errors import UserError
from session_assistant.services.notes import DEFAULT_TEMPLATE
from session_assistant.ui.engines import session_pipeline, stored_draft
from session_assistant.ui.agenda import interrupted_job
from session_assistant.ui.call_inputs import CallInputs
from session_assistant.ui.context import UiContext
from session_assistant.ui.dialogs import ask_recording_consent
from session_assistant.ui.session_live import LiveTranscriptMixin
from session_assistant.ui.session_view import SessionView
from session_assistant.ui.speaker_fix import SpeakerFixMixin
from session_assistant.ui.worker import Worker

log = logging.getLogger(__name__)
AUDIO_FILTER = "Audio (*.wav *.flac *.mp3 *.m4a *.ogg *.oga *.opus *.aac *.webm *.mp4);;All files (*)"


class SessionPage(SpeakerFixMixin, LiveTranscriptMixin, SessionView):
    """Emits ``stage_changed(appointment_id)`` and ``summary_ready(appointment_id)`` for the agenda."""

    stage_changed = Signal(int)
    summary_ready = Signal(int)
    note_requested = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.appointment_id: int | None = None
        self._appointment: dict | None = None
        self._worker: Worker | None = None
        self._active = None  # audio.recordings.ActiveRecording while recording
        self._feed = None  # LiveFeed while recording
        self._live_worker: Worker | None = None
        self._extract_worker: Worker | None = None  # drafting the note's facts while recording
        self._live_drafting = False
        self._ticks = 0
        self._meter = QTimer(self)
        self._meter.setInterval(100)
        self._meter.timeout.connect(self._on_meter_tick)
        self.record_button.clicked.connect(self._on_record_clicked)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self._on_stop_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.manual_button.clicked.connect(self._on_manual_clicked)
        self.resume_button.clicked.connect(self._on_resume_clicked)
        self.open_note_button.clicked.connect(lambda: self.appointment_id and self.note_requested.emit(self.appointment_id))
        self.busy.cancel_clicked.connect(self._on_busy_cancel_clicked)
        self.call_inputs = CallInputs()  # one microphone (and how many voices) or a telehealth call
        self.record_box.layout().insertWidget(1, self.call_inputs)
        self._connect_speaker_fix()
        self.show_appointment(None)

    # ---- which appointment ------------------------------------------------------------------------
    def show_appointment(self, appointment_id: int | None) -> None:
        if self._active is not None or self._worker is not None:
            if appointment_id != self.appointment_id:
                QMessageBox.information(self, "Session running", "Finish the running session first.")
            return
        self.appointment_id = appointment_id
        self.transcript.clear()
        self.busy.done()
        if appointment_id is None:
            self._appointment = None
            self.title.setText("Session")
            self.consent_state.clear()
            for widget in (self.record_box, self.manual_button, self.open_note_button):
                widget.setEnabled(False)
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
        self.resume_button.setVisible(interrupted_job(pipeline, appointment_id) is not None)
        self.open_note_button.setEnabled(self._has_note())
        self._refresh_controls()
        self.call_inputs.suggest_call(appointment["modality"] == "telehealth")

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
        self.record_box.setEnabled(allowed and self._worker is None)
        self.record_button.setEnabled(allowed and self._active is None)
        self.pause_button.setEnabled(self._active is not None)
        self.stop_button.setEnabled(self._active is not None)
        self.import_button.setEnabled(allowed and self._active is None)
        if not self.device.count():
            self._fill_devices()

    def _fill_devices(self) -> None:
        try:
            from session_assistant.audio.devices import list_input_devices

            devices = list_input_devices()
        except (UserError, OSError) as error:
            self.rec_warning.setText(str(error) if isinstance(error, UserError) else "No microphone was found.")
            self.record_button.setEnabled(False)
            return
        for device in devices:
            self.device.addItem(device.name + ("  (default)" if device.is_default else ""), device)
            if device.is_default:
                self.device.setCurrentIndex(self.device.count() - 1)
        self.call_inputs.fill(devices)
        if not devices:
            self.rec_warning.setText("No microphone was found; import a recording instead.")
            self.record_button.setEnabled(False)

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
        if self._appointment is None or not self.ensure_consent():
            return
        service = self._ctx.practice.recordings
        device = self.device.currentData()
        if device is None:
            return
        from session_assistant.ui.live_feed import LiveFeed

        self._feed = LiveFeed()
        try:
            self._active = self.call_inputs.start(service, self.appointment_id, device, self._feed.on_chunk)
        except UserError as error:
            self._feed = None
            QMessageBox.warning(self, "Recording did not start", str(error))
            return
        self.transcript.clear()
        self._live_drafting = True
        self._start_live_transcriber()
        self._set_stage("recording")
        self.pause_button.setText("&Pause")
        self._meter.start()
        self._refresh_controls()

    def _on_meter_tick(self) -> None:
        if self._active is None:
            self._meter.stop()
            return
        recorder = self._active.recorder
        self.level.set_dbfs(recorder.level.rms_dbfs)
        minutes, seconds = divmod(int(recorder.elapsed_s), 60)
        self.elapsed.setText(f"{minutes:02d}:{seconds:02d}")
        self.rec_warning.setText(recorder.warning or "")
        self._ticks += 1
        if self._ticks % 30 == 0:  # every 3 s: transcribe the windows closed at pauses so far
            self._transcribe_live_windows()

    def _on_pause_clicked(self) -> None:
        if self._active is None:
            return
        recorder = self._active.recorder
        if self.pause_button.text().endswith("Pause"):
            recorder.pause()
            self.pause_button.setText("&Resume")
        else:
            recorder.resume()
            self.pause_button.setText("&Pause")

    def _on_stop_clicked(self) -> None:
        if self._active is None:
            return
        active, self._active = self._active, None
        feed, self._feed = self._feed, None
        self._meter.stop()
        if self._extract_worker is not None:
            self._extract_worker.cancel()  # its window is extracted again by the draft
        service = self._ctx.practice.recordings
        live = feed.live if feed is not None else None

        def after_stop(_result) -> None:
            self._set_stage("transcribing")
            if live is not None:  # only the last window is left to transcribe
                self._run(lambda p, t: _with_speech(live.finish(t, p)), "Transcribing the rest of the session…", "engine",
                          lambda transcript: self._on_transcribed(transcript, active.id))
            else:  # the live transcriber never loaded: transcribe the sealed file
                self._transcribe_sealed(active.id)

        self._run(lambda p, t: service.finish(active), "Finishing the recording…", "vault", after_stop)

    # ---- import ----------------------------------------------------------------------------------
    def _on_import_clicked(self) -> None:
        if self._appointment is None or not self.ensure_consent():
            return
        file, _ = QFileDialog.getOpenFileName(self, "Import a session recording", str(Path.home()), AUDIO_FILTER)
        if file:
            self.import_recording(Path(file))

    def import_recording(self, path: Path) -> None:
        """Seal the file into the vault, then transcribe the sealed copy (resumable)."""
        service, appointment_id = self._ctx.practice.recordings, self.appointment_id

        def seal(progress, token):
            return service.import_file(appointment_id, path, on_progress=progress, token=token)

        self._run(seal, "Importing and encrypting the recording…", "vault", self._transcribe_sealed)

    def _transcribe_sealed(self, recording_id: str) -> None:
        """Persistent, resumable transcription of a sealed recording (the transcript goes to the vault)."""
        pipeline = session_pipeline(self._ctx)
        self._set_stage("transcribing")
        speakers = self.call_inputs.speakers
        self._run(lambda p, t: pipeline.transcribe_recording(recording_id, speakers=speakers, on_progress=p, token=t),
                  "Transcribing…", "engine", lambda _result: self._on_transcribed(None))

    # ---- transcription and drafting ------------------------------------------------------------------
    def _on_transcribed(self, transcript, recording_id: str | None = None) -> None:
        """Store and show the transcript, then draft. ``transcript`` None: it is already in the vault."""
        pipeline = session_pipeline(self._ctx)
        ctx, appointment_id, fmt = self._ctx, self.appointment_id, self._ctx.settings.note_format
        if transcript is not None:
            pipeline.store_transcript(appointment_id, transcript, recording_id)
        transcript = pipeline.transcript(appointment_id)
        self._ctx.session(appointment_id).transcript = transcript
        self._show_transcript(transcript)
        self._set_stage("drafting")
        self._run(lambda p, t: pipeline.draft_session(appointment_id, fmt, on_progress=p, token=t),
                  "Drafting the session summary…", "engine", lambda _r: self._on_drafted(stored_draft(ctx, appointment_id)))

    def _on_drafted(self, result) -> None:
        utterances, draft = result
        if draft is None:
            self._on_work_failed("The draft could not be read back from the vault; try drafting again.")
            return
        work = self._ctx.session(self.appointment_id)
        work.utterances, work.draft = list(utterances), draft
        self._create_note_with_summary(draft)
        self._set_stage("ready")
        self.open_note_button.setEnabled(True)
        self.summary_ready.emit(self.appointment_id)

    def _create_note_with_summary(self, draft) -> None:
        notes = self._ctx.practice.notes
        if self._has_note():
            return  # never overwrite what the clinician wrote; the draft stays beside the note
        try:
            notes.create(self.appointment_id, DEFAULT_TEMPLATE, ai_summary=draft.as_text(), ai_model=draft.model)
        except UserError as error:
            log.info("note not created after drafting: %s", type(error).__name__)

    def _show_transcript(self, transcript) -> None:
        self._show_speaker_lines(transcript)

    def _on_resume_clicked(self) -> None:
        """Resume an interrupted transcription (finished windows are kept) or drafting."""
        job = interrupted_job(session_pipeline(self._ctx), self.appointment_id)
        self.resume_button.hide()
        if job is None:
            return
        if job.kind == "transcribe":
            self._transcribe_sealed(job.params["recording_id"])
        else:
            self._on_transcribed(None)

    # ---- manual note ---------------------------------------------------------------------------------
    def _on_manual_clicked(self) -> None:
        if self.appointment_id is not None:
            self.note_requested.emit(self.appointment_id)

    # ---- running work --------------------------------------------------------------------------------
    def _set_stage(self, stage: str) -> None:
        self._ctx.session(self.appointment_id).stage = stage
        self.stage_changed.emit(self.appointment_id)

    def _run(self, fn, message: str, pool: str, on_done) -> None:
        self.busy.start(message)
        self._worker = worker = Worker(fn, "session")
        worker.progress.connect(self.busy.show_progress)
        worker.finished.connect(lambda result: (self._end_work(), self._ctx.practice is not None and on_done(result)))
        worker.failed.connect(self._on_work_failed)
        worker.cancelled.connect(self._on_work_cancelled)
        self._ctx.pools.run(worker, pool)
        self._refresh_controls()

    def _end_work(self) -> None:
        self._worker = None
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
        self.consent_state.setText("Cancelled. Nothing was lost; you can start again or write the note by hand.")

    def _on_busy_cancel_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    @property
    def busy_now(self) -> bool:
        return self._worker is not None or self._active is not None

    def teardown(self) -> None:
        """Stop a running recording (it is sealed and kept) and cancel work, before a lock or quit."""
        self._meter.stop()
        for worker in (self._worker, self._live_worker, self._extract_worker):
            if worker is not None:
                worker.cancel()
        if self._feed is not None:
            self._feed.forget()
            self._feed = None
        if self._active is not None:
            try:
                self._ctx.practice.recordings.finish(self._active)
            except UserError:
                log.warning("recording could not be finished cleanly at lock")
            self._active = None


def _with_speech(transcript):
    """A session with no speech stops here with a clear message: nothing is stored or drafted."""
    if not transcript.segments:
        from session_assistant.transcribe.errors import NoSpeech

        raise NoSpeech("No speech was found in the recording (silence or noise only); nothing to draft from.")
    return transcript
