"""One session, the same for the window and ``record``: record with live transcription (and the
note's facts drafted while recording), stop, finish the transcript, draft; or import a file; or
resume a session a crash interrupted. No Qt: the window only shows a ``LiveSession`` and drives it.

Persistence: ``start`` submits the session's transcription job and marks it running; every window
transcribed while recording is a job checkpoint, and every sealed audio chunk (about one second,
``audio.sealed``) is on disk before the next one is taken. After a crash or kill -9 the next start
finds the job 'interrupted' (``JobQueue.recover_interrupted``) and the recording closed
(``Retention.recover_interrupted``); ``resume_session`` transcribes only the audio after the last
finished window, then drafts (the draft job keeps its own checkpoints).

Threads: ``start``/``pause``/``resume`` from the caller (the window's GUI thread or the CLI's);
one thread of this object transcribes closed windows while recording; ``finish`` on a worker.
Vault writes run on the vault's writer thread (``@writes`` methods of the services used here).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from session_assistant.errors import Cancelled
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.services.session_pipeline import TRANSCRIBE_JOB, SessionPipeline

log = logging.getLogger(__name__)
STAGE_NAMES = {"import": "Importing", "transcribe": "Transcribing", "draft": "Drafting"}


class StagedProgress:
    """Reports each stage as 'Transcribing (2 of 3) · 42 % · about 1 min left'.

    The estimate is the stage's own pace so far (elapsed / fraction); it appears once 3 % is done,
    because the first percent (loading a model) says little about the rest.
    """

    def __init__(self, on_progress: ProgressFn, stages: tuple[str, ...],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._on_progress, self._stages, self._clock = on_progress, stages, clock

    def stage(self, name: str) -> ProgressFn:
        started = self._clock()
        number = self._stages.index(name) + 1

        def report(fraction: float, _message: str = "") -> None:
            fraction = max(0.0, min(1.0, float(fraction)))
            parts = [f"{STAGE_NAMES[name]} ({number} of {len(self._stages)})", f"{int(fraction * 100)} %"]
            if 0.03 <= fraction < 1.0:
                parts.append(about(max(0.0, (self._clock() - started) * (1 - fraction) / fraction)))
            self._on_progress(fraction, " · ".join(parts))

        report(0.0)
        return report


def about(seconds: float) -> str:
    """A time estimate a person reads at a glance."""
    if seconds < 60:
        return "under a minute left" if seconds >= 10 else "a few seconds left"
    minutes = round(seconds / 60)
    return f"about {minutes} min left"


class LiveSession:
    """A session being recorded: level, elapsed time, pause/resume, the transcript so far."""

    def __init__(self, pipeline: SessionPipeline, appointment_id: int, *, language: str | None = None,
                 speakers: int = 2, draft_format: str | None = None) -> None:
        from session_assistant.transcribe.engine import check_language

        check_language(language)
        self.pipeline, self.appointment_id = pipeline, appointment_id
        self.language, self.speakers, self.draft_format = language, speakers, draft_format
        self.active = None  # audio.recordings.ActiveRecording once started
        self.is_call = False  # two channels: the microphone (clinician) and the call's audio (client)
        self.job_id: int | None = None
        self.live = None  # transcribe.live.LiveTranscriber once the speech model is loaded
        self.warning = ""  # why the live transcript stopped, if it did (the recording goes on)
        self._lock = threading.Lock()
        self._pending: list[np.ndarray] = []  # chunks recorded before the model was loaded (memory only)
        self._new_windows: list = []
        self._stop = threading.Event()
        self._extracting = CancelToken()  # cancelled at Stop: a half-extracted window is redone later
        self._thread: threading.Thread | None = None
        self.summary: dict | None = None  # the sealed recording, once stopped
        self.stopped_at = 0.0

    # ---- recording -----------------------------------------------------------------------------
    def start(self, open_stream, input_rate: int, channels: int, *, consent_now: str | None = None,
              store_consent: bool = True, max_seconds: float | None = None, call: tuple | None = None) -> str:
        """Start recording now (the speech model loads meanwhile); returns the recording id.

        ``call=(open_call_stream, (rate, channels))`` records a telehealth call: ``open_stream`` is
        the microphone (the clinician), the call's audio is the client, each named by its channel.

        Raises the recording service's errors (ConsentRequired, AudioUnavailable, DiskFull).
        """
        extra = {"max_seconds": max_seconds} if max_seconds else {}
        self.is_call = call is not None
        if self.is_call:
            self.active = self.pipeline.recordings.start_call(self.appointment_id, open_stream, (input_rate, channels),
                                                              *call, consent_now=consent_now,
                                                              store_consent=store_consent, on_chunk=self._on_chunk,
                                                              **extra)
        else:
            self.active = self.pipeline.recordings.start(self.appointment_id, open_stream, input_rate, channels,
                                                         consent_now=consent_now, store_consent=store_consent,
                                                         on_chunk=self._on_chunk, **extra)
        jobs = self.pipeline.jobs
        self.job_id = jobs.submit(TRANSCRIBE_JOB, self.appointment_id,
                                  {"live": True, "language": self.language, "recording_id": self.active.id,
                                   "speakers": self.speakers})
        jobs.mark_running(self.job_id)  # from now on a crash leaves it 'interrupted': resumable
        self._thread = threading.Thread(target=self._transcribe_while_recording, name="live-transcription",
                                        daemon=True)
        self._thread.start()
        return self.active.id

    @property
    def recorder(self):
        """The running recorder (level, elapsed time, warning), or None after Stop."""
        return self.active.recorder if self.active is not None else None

    def pause(self) -> None:
        self.active.recorder.pause()

    def resume(self) -> None:
        self.active.recorder.resume()

    def take_new_windows(self) -> list:
        """Windows transcribed since the last call (for the live transcript on screen)."""
        with self._lock:
            windows, self._new_windows = self._new_windows, []
        return windows

    def _on_chunk(self, samples: np.ndarray) -> None:  # the recorder's writer thread: no vault, no model
        with self._lock:
            if self.live is None:
                self._pending.append(samples)
                return
            live = self.live
        live.feed(samples)

    def _on_window_done(self, window) -> None:
        self.pipeline.jobs.save_checkpoint(self.job_id, window.to_dict())
        with self._lock:
            self._new_windows.append(window)

    def _transcribe_while_recording(self) -> None:
        from session_assistant.transcribe.engine import DecodeOptions
        from session_assistant.transcribe.live import LiveSettings, LiveTranscriber

        settings = self.pipeline.live_settings or LiveSettings()
        try:
            if self.is_call:  # each channel's speech is named by its channel: no voice clustering
                from session_assistant.transcribe.channels import CallTranscriber

                live = CallTranscriber(self.pipeline.whisper(), DecodeOptions(language=self.language), settings,
                                       on_window_done=self._on_window_done)
            else:
                voice = self.pipeline._clinician_voice(self.appointment_id) if self.speakers > 1 else None
                live = LiveTranscriber(self.pipeline.whisper(), DecodeOptions(language=self.language), settings,
                                       speakers=self.speakers, clinician_voice=voice,
                                       on_window_done=self._on_window_done)
        except Exception as error:  # noqa: BLE001 - the recording goes on; the sealed file is transcribed after Stop
            log.warning("live transcription unavailable: %s", type(error).__name__)
            self.warning = "Live transcript unavailable; the recording continues and is transcribed after Stop."
            return
        with self._lock:
            for block in self._pending:
                live.feed(block)
            self._pending.clear()
            self.live = live
        drafting = self.draft_format is not None
        while not self._stop.is_set():
            try:
                new_windows = live.transcribe_ready(self._extracting)
            except Cancelled:
                return
            except Exception as error:  # noqa: BLE001 - finish() redoes any window still queued
                log.warning("live window deferred: %s", type(error).__name__)
                return
            if new_windows and drafting:
                drafting = self.pipeline._extract_live(self.appointment_id, self.draft_format, self.active.id,
                                                       live, self._extracting)
            self._stop.wait(0.5)

    def stop(self) -> dict | None:
        """Stop and seal the recording now (quick; safe to call twice); returns its summary.
        The live thread is told to stop; ``finish`` waits for it and does the rest."""
        self._stop.set()
        self._extracting.cancel()
        if self.active is None or self.summary is not None:
            return self.summary
        self.stopped_at = time.monotonic()
        self.summary = self.pipeline.recordings.finish(self.active)
        return self.summary

    def _stop_thread(self) -> None:
        self._stop.set()
        self._extracting.cancel()
        if self._thread is not None:
            self._thread.join()

    # ---- after Stop ----------------------------------------------------------------------------
    def finish(self, on_progress: ProgressFn = no_progress, token: CancelToken | None = None) -> dict:
        """Stop and seal the recording, transcribe what is left, store the transcript; then draft
        when a format was chosen. Returns {"recording_id", "transcript_id", ["draft_id"], ...}."""
        from session_assistant.transcribe.errors import NoSpeech

        active, summary = self.active, self.stop()
        self._stop_thread()
        stages = StagedProgress(on_progress, ("transcribe", "draft") if self.draft_format else ("transcribe",))
        transcribing = stages.stage("transcribe")
        if self.live is None:  # the model never loaded while recording: transcribe the sealed file
            result = self.pipeline.transcribe_recording(active.id, language=self.language, speakers=self.speakers,
                                                        on_progress=transcribing, token=token)
        else:
            def work(ctx) -> dict:
                transcript = self.live.finish(ctx.token, ctx.on_progress)
                if not transcript.segments:
                    raise NoSpeech("No speech was heard in the recording; nothing was transcribed.")
                if self.speakers > 1 and not self.is_call:
                    from session_assistant.services.voice_profile import flag_outdated

                    flag_outdated(transcript, self.pipeline.voice_profile)  # a profile of an earlier encoder
                return {"transcript_id": self.pipeline.store_transcript(self.appointment_id, transcript, active.id)}

            result = self.pipeline._outcome(self.pipeline.jobs.run(self.job_id, work, token=token,
                                                                   on_progress=transcribing))
        result = {**result, "recording_id": active.id, "recording": summary,
                  "stop_to_transcript_s": round(time.monotonic() - self.stopped_at, 2)}
        self.active = None
        if self.draft_format:
            result.update(self.pipeline.draft_session(self.appointment_id, self.draft_format,
                                                      on_progress=stages.stage("draft"), token=token))
        return result

    def abandon(self, *, cancelled: bool = False) -> None:
        """The window locks or quits mid-session: seal what was recorded and leave the job
        'interrupted', so the next start offers to resume it. ``cancelled``: the clinician pressed
        Cancel; the job stays 'cancelled' (still resumable), so the screen never says the app
        closed. Never raises."""
        try:
            self.stop()
        except Exception as error:  # noqa: BLE001 - locking must go on; the sweep recovers the file
            log.warning("recording not finished cleanly: %s", type(error).__name__)
        self.active = None
        self._stop_thread()
        if self.job_id is not None:
            mark = self.pipeline.jobs.mark_cancelled if cancelled else self.pipeline.jobs.mark_interrupted
            mark(self.job_id)


def resume_session(pipeline: SessionPipeline, appointment_id: int, draft_format: str,
                   on_progress: ProgressFn = no_progress, token: CancelToken | None = None) -> dict:
    """Finish an interrupted session: transcribe after the last finished window, then draft."""
    job = pipeline.interrupted_job(appointment_id)
    stages = StagedProgress(on_progress, ("transcribe", "draft"))
    result: dict[str, Any] = {"resumed": job.kind if job else None}
    if job is not None and job.kind == TRANSCRIBE_JOB:
        done_before = len(pipeline.jobs.checkpoints(job.id))
        result.update(pipeline.transcribe_recording(job.params["recording_id"], language=job.params.get("language"),
                                                    speakers=job.params.get("speakers", 2),
                                                    on_progress=stages.stage("transcribe"), token=token))
        result["windows_kept"] = done_before
    result.update(pipeline.draft_session(appointment_id, draft_format, on_progress=stages.stage("draft"), token=token))
    return result


def import_and_draft(pipeline: SessionPipeline, appointment_id: int, path: Path, draft_format: str,
                     on_progress: ProgressFn = no_progress, token: CancelToken | None = None, *,
                     consent_now: str | None = None, speakers: int = 2) -> dict:
    """Import a recording file (sealed into the vault), transcribe it (resumable), draft."""
    stages = StagedProgress(on_progress, ("import", "transcribe", "draft"))
    recording_id = pipeline.recordings.import_file(appointment_id, path, consent_now=consent_now,
                                                   on_progress=stages.stage("import"), token=token)
    result = pipeline.transcribe_recording(recording_id, speakers=speakers, on_progress=stages.stage("transcribe"),
                                           token=token)
    result.update(pipeline.draft_session(appointment_id, draft_format, on_progress=stages.stage("draft"), token=token))
    return {**result, "recording_id": recording_id}


def draft_again(pipeline: SessionPipeline, appointment_id: int, draft_format: str,
                on_progress: ProgressFn = no_progress, token: CancelToken | None = None) -> dict:
    """A new draft from the stored transcript (after a cancel, or to try again)."""
    stages = StagedProgress(on_progress, ("draft",))
    return pipeline.draft_session(appointment_id, draft_format, on_progress=stages.stage("draft"), token=token)


def record_live(pipeline: SessionPipeline, appointment_id: int, open_stream, input_rate: int, channels: int, *,
                wait: Callable[[Any], None], language: str | None = None, speakers: int = 2,
                consent_now: str | None = None, store_consent: bool = True, max_seconds: float | None = None,
                draft_format: str | None = None, on_progress: ProgressFn = no_progress,
                token: CancelToken | None = None, call: tuple | None = None) -> dict:
    """Record with live transcription (``LiveSession``, the window's session too): windows are
    transcribed while the session runs, so after Stop only the last window remains. ``wait(active_recording)`` returns when the clinician stops. With
    ``draft_format`` the note's facts are extracted as the transcript grows, and the
    transcript is left for ``draft_session`` (the caller drafts, as before).

    Every finished window is a job checkpoint: after a crash, ``resume_session``
    (or ``transcribe_recording`` on the interrupted recording) resumes from them.

    ``call=(open_call_stream, (rate, channels))`` records a telehealth call: ``open_stream`` is
    the microphone (the clinician), the call's audio is the client, each named by its channel.
    """
    session = LiveSession(pipeline, appointment_id, language=language, speakers=speakers, draft_format=draft_format)
    pipeline.whisper()  # loaded before the session starts, not at Stop
    if draft_format is not None:
        pipeline.llm().load()
    session.start(open_stream, input_rate, channels, consent_now=consent_now, store_consent=store_consent,
                  max_seconds=max_seconds, call=call)
    try:
        wait(session.active)
    finally:
        session.draft_format = None  # record's caller drafts after printing the transcript's outcome
        result = session.finish(on_progress=on_progress, token=token)
    return result
