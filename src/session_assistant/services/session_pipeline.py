"""Recording -> transcript -> draft -> note, as persistent jobs that resume after a restart.

The engines (faster-whisper, llama.cpp) are loaded once per pipeline and reused. Transcription
works window by window over the decrypted (in-memory) recording and saves every finished window
as a job checkpoint, so a crash or restart never redoes finished windows. The transcript and the
draft are stored in the vault only; the AI draft is content for the clinician, never a signature.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from session_assistant.errors import NotFound, UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.jobs.queue import JobQueue
from session_assistant.services.base import Service, fetch_all
from session_assistant.services.engine_loaders import EngineLoaders
from session_assistant.services.live_extraction import LiveExtraction
from session_assistant.vault.writer import writes

TRANSCRIBE_JOB, DRAFT_JOB = "transcribe", "draft"


class SessionPipeline(LiveExtraction, Service):
    def __init__(self, vault, recordings, jobs: JobQueue, models_dir: Path, *,
                 whisper_model: str | None = None, note_model: str | None = None, voice_profile=None,
                 engines: EngineLoaders | None = None) -> None:
        super().__init__(vault)
        self.engines = engines or EngineLoaders()
        self.voice_profile = voice_profile  # VoiceProfileService: the clinician's voice, when recorded
        self.recordings = recordings
        self.jobs = jobs
        self.models_dir = Path(models_dir)
        self.whisper_model = whisper_model
        self.note_model = note_model
        self.max_sentences: int | None = None  # per section; None lets the format decide
        # transcribe.live.LiveSettings: how long a window is, live and after Stop; None: the defaults.
        self.live_settings = None
        self.drafting_cores: int | None = None  # after transcription; None: all this process may use
        # When and how a stored transcript is windowed (draft_note's direct_limit, window_tokens); {}: its own.
        self.windowing: dict[str, int] = {}
        self._engine_lock = threading.Lock()
        self._whisper = None
        self._llm = None
        self._accumulators: dict[tuple, Any] = {}  # (appointment, format, recording) -> live DraftAccumulator

    # ---- engines, loaded once --------------------------------------------------------------
    def whisper(self):
        with self._engine_lock:
            if self._whisper is None:
                self._whisper = self.engines.whisper(self.models_dir, self.whisper_model)
            return self._whisper

    def llm(self):
        with self._engine_lock:
            if self._llm is None:
                self._llm = self.engines.llm(self.models_dir, self.note_model)
            return self._llm

    def close(self) -> None:
        with self._engine_lock:
            if self._llm is not None:
                self._llm.close()
            self._llm = self._whisper = None

    def _clinician_voice(self, appointment_id: int):
        """The clinician's voice print for naming speakers in this session (an audited use), or None."""
        if self.voice_profile is None:
            return None
        return self.voice_profile.clinician_voice(appointment_id)

    # ---- transcription ---------------------------------------------------------------------
    def transcribe_recording(self, recording_id: str, *, language: str | None = None, speakers: int = 2,
                             on_progress: ProgressFn = no_progress, token: CancelToken | None = None) -> dict:
        """Transcribe a sealed recording (resuming an interrupted job) and store the transcript."""
        from session_assistant.transcribe.engine import DecodeOptions, check_language
        from session_assistant.transcribe.live import LiveSettings, transcribe_blocks

        check_language(language)
        recording = self.recordings.get(recording_id)
        job = self._resumable_job(TRANSCRIBE_JOB, recording["appointment_id"], {"recording_id": recording_id})
        # The voices go with the job: Resume must tell apart as many as the clinician chose.
        job_id = job.id if job else self.jobs.submit(TRANSCRIBE_JOB, recording["appointment_id"],
                                                     {"recording_id": recording_id, "language": language,
                                                      "speakers": speakers})

        def work(ctx) -> dict:
            import numpy as np  # here: `recordings list` asks this service about interrupted jobs

            from session_assistant.transcribe.channels import transcribe_call_blocks

            reader = self.recordings.open_reader(recording_id, "transcription")
            total = int(round((recording.get("duration_s") or 0) * 16000))
            save = lambda w: ctx.save_checkpoint(w.to_dict())  # noqa: E731
            settings = self.live_settings or LiveSettings()
            if reader.channels == 2:  # a call: each channel is one person, named by its channel
                blocks = (b.astype(np.float32) / 32768.0 for b in reader.channel_blocks())
                transcript = transcribe_call_blocks(self.whisper(), blocks, total, DecodeOptions(language=language),
                                                    done=ctx.checkpoints, on_window_done=save,
                                                    on_progress=ctx.on_progress, token=ctx.token, settings=settings)
            else:
                blocks = (b.astype(np.float32) / 32768.0 for b in reader.blocks())
                voice = self._clinician_voice(recording["appointment_id"]) if speakers > 1 else None
                transcript = transcribe_blocks(self.whisper(), blocks, total, DecodeOptions(language=language),
                                               done=ctx.checkpoints, on_window_done=save, speakers=speakers,
                                               on_progress=ctx.on_progress, token=ctx.token, clinician_voice=voice,
                                               settings=settings)
                if voice is None and speakers > 1:
                    from session_assistant.services.voice_profile import flag_outdated

                    flag_outdated(transcript, self.voice_profile)
            if not transcript.segments:
                from session_assistant.transcribe.errors import NoSpeech

                raise NoSpeech("No speech was found in the recording (silence or noise only); nothing to draft from.")
            # The naming's warning (transcript.naming_check) is stored with the transcript.
            return {"transcript_id": self.store_transcript(recording["appointment_id"], transcript, recording_id)}

        finished = self.jobs.run(job_id, work, token=token, on_progress=on_progress)
        return self._outcome(finished)

    def _resumable_job(self, kind: str, target_id: int, match: dict):
        with self.db.read() as conn:
            rows = conn.execute("SELECT id, params_json FROM jobs WHERE kind = ? AND target_id = ? "
                                "AND state IN ('queued', 'running', 'interrupted', 'failed', 'cancelled') "
                                "ORDER BY id DESC", (kind, target_id)).fetchall()
        for job_id, params in rows:
            if all(json.loads(params).get(k) == v for k, v in match.items()):
                job = self.jobs.get(job_id)
                if job.state != "done":
                    return job
        return None

    def _outcome(self, job) -> dict:
        if job.state == "done":
            return job.result
        if job.state == "cancelled":
            from session_assistant.errors import Cancelled

            raise Cancelled()
        raise UserError(job.error or "The job failed; see the log.")

    @writes
    def store_transcript(self, appointment_id: int, transcript, recording_id: str | None = None,
                         model: str = "") -> int:
        now = self.clock.iso()
        data = transcript.to_dict()
        with self.db.transaction() as conn:
            client_id = conn.execute("SELECT client_id FROM appointments WHERE id = ?", (appointment_id,)).fetchone()[0]
            transcript_id = conn.execute(
                "INSERT INTO transcripts (appointment_id, recording_id, language, duration_s, model, segments_json, "
                "naming_check, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (appointment_id, recording_id, data["language"], data["duration_s"], model or self.whisper_model or "",
                 json.dumps(data["segments"]), transcript.naming_check, now, now)).lastrowid
            self.audit.append(conn, "transcript_stored", entity="appointment", entity_id=appointment_id,
                              client_id=client_id, detail=f"transcript {transcript_id}")
            if recording_id:  # same transaction: the audio is never shreddable without its transcript
                self.recordings.mark_transcript_stored(recording_id, conn=conn)
        return transcript_id

    def transcript(self, appointment_id: int):
        """The newest transcript of an appointment, or None."""
        from session_assistant.transcribe.segments import Transcript

        with self.db.read() as conn:
            row = conn.execute("SELECT language, duration_s, segments_json FROM transcripts WHERE appointment_id = ? "
                               "ORDER BY id DESC LIMIT 1", (appointment_id,)).fetchone()
        if row is None:
            return None
        return Transcript.from_dict({"language": row[0], "duration_s": row[1], "segments": json.loads(row[2])})

    @writes
    def view_transcript(self, appointment_id: int):
        """The newest transcript, read for a person to see: the view is audited (SECURITY 14).

        ``transcript()`` stays unaudited for the engine's own reads (drafting, relabelling); every
        place that shows the whole transcript to someone goes through here.
        """
        transcript = self.transcript(appointment_id)
        if transcript is not None:
            with self.db.transaction() as conn:
                row = conn.execute("SELECT client_id FROM appointments WHERE id = ?", (appointment_id,)).fetchone()
                self.audit.append(conn, "transcript_viewed", entity="appointment", entity_id=appointment_id,
                                  client_id=row[0] if row else None)
        return transcript

    @writes
    def view_partial_transcript(self, appointment_id: int) -> list:
        """The segments of the windows an unfinished transcription did finish (its checkpoints), for
        the clinician to see what is done after a Cancel or a crash; audited like a whole transcript."""
        from session_assistant.transcribe.segments import Segment

        job = self.interrupted_job(appointment_id)
        if job is None or job.kind != TRANSCRIBE_JOB:
            return []
        segments = sorted((Segment.from_dict(s) for window in self.jobs.checkpoints(job.id)
                           for s in window.get("segments", [])), key=lambda s: s.start)
        if segments:
            with self.db.transaction() as conn:
                row = conn.execute("SELECT client_id FROM appointments WHERE id = ?", (appointment_id,)).fetchone()
                self.audit.append(conn, "transcript_viewed", entity="appointment", entity_id=appointment_id,
                                  client_id=row[0] if row else None, detail="partial")
        return segments

    @writes
    def relabel_speakers(self, appointment_id: int, mapping: dict[str, str]) -> None:
        """The clinician corrects who spoke: e.g. {"clinician": "client", "client": "clinician"}."""
        transcript = self.transcript(appointment_id)
        if transcript is None:
            raise UserError(f"Appointment {appointment_id} has no transcript yet.")
        for segment in transcript.segments:
            segment.speaker = mapping.get(segment.speaker, segment.speaker)
        with self.db.transaction() as conn:
            conn.execute("UPDATE transcripts SET segments_json = ?, updated_at = ?, naming_check = '' WHERE id = "
                         "(SELECT max(id) FROM transcripts WHERE appointment_id = ?)",
                         (json.dumps([s.to_dict() for s in transcript.segments]), self.clock.iso(), appointment_id))
            self.audit.append(conn, "transcript_speakers_relabelled", entity="appointment", entity_id=appointment_id)

    # ---- drafting --------------------------------------------------------------------------
    def draft_session(self, appointment_id: int, fmt: str = "soap", *, on_progress: ProgressFn = no_progress,
                      token: CancelToken | None = None) -> dict:
        """Draft the session summary from the stored transcript; returns {"draft_id": ...}.

        When facts were extracted while recording (``extract_while_recording``) or by this job before
        a restart, only the windows after them are extracted now; else the whole transcript is
        drafted section by section, window by window when long (each a checkpoint); windows go two at
        once where two cores are free (``window_workers``). With the client's chart (``draft_chart``)."""
        from session_assistant.drafting import draft_note, get_format, parse_transcript, require_words
        from session_assistant.services.draft_chart import chart_context
        from session_assistant.services.live_drafting import (JobCheckpointStore, drafting_helpers, finish_windows,
                                                              resumed_accumulator)

        get_format(fmt)
        transcript = self.transcript(appointment_id)
        if transcript is None or not transcript.segments:
            raise UserError(f"Appointment {appointment_id} has no transcript to draft from.")
        require_words(parse_transcript(transcript))  # a wordless transcript fails here, not inside a job
        recording_id = self._transcript_recording(appointment_id)
        job_id = self._draft_job(appointment_id, fmt, recording_id)
        pronouns = self._client_pronouns(appointment_id)
        # goals, diagnoses, measures, last plan; and the session's date even with none of them: the next
        # session's day is counted from it (``visit_date``)
        chart = chart_context(self.vault, appointment_id)

        def work(ctx) -> dict:
            model = self.llm()
            acc = self._accumulators.pop((appointment_id, fmt, recording_id), None)
            store = JobCheckpointStore(self.jobs, job_id, fmt)
            helpers = drafting_helpers(model, self.drafting_cores)
            try:
                if store.has_windows:  # windows extracted while recording, or by an import before a restart
                    acc = acc or resumed_accumulator(model, store, fmt, pronouns, self.max_sentences)
                    acc.chart = chart  # the chart as of now, even for windows extracted while recording
                    draft = finish_windows(acc, parse_transcript(transcript), helpers, ctx.on_progress, ctx.token)
                else:  # the whole transcript at once, or (a long one) window by window, each a checkpoint
                    draft = draft_note(model, transcript, fmt, on_progress=ctx.on_progress, cancel=ctx.token,
                                       max_sentences=self.max_sentences, pronouns=pronouns, chart=chart,
                                       store=store, helpers=helpers, **self.windowing)
            finally:
                for helper in helpers:  # its context's memory is not kept between drafts
                    helper.close()
            return {"draft_id": self._store_draft(appointment_id, fmt, draft.to_json(), model.model_id)}

        return self._outcome(self.jobs.run(job_id, work, token=token, on_progress=on_progress))

    def _draft_job(self, appointment_id: int, fmt: str, recording_id: str | None) -> int:
        """The unfinished draft job for this transcript's recording and format, or a new one."""
        params = {"format": fmt, "recording_id": recording_id}
        job = self._resumable_job(DRAFT_JOB, appointment_id, params)
        return job.id if job else self.jobs.submit(DRAFT_JOB, appointment_id, params)

    def _client_pronouns(self, appointment_id: int) -> str | None:
        """The pronouns on the client's chart ("she/her"), which the draft uses; None if not recorded."""
        with self.db.read() as conn:
            row = conn.execute("SELECT c.pronouns FROM appointments a JOIN clients c ON c.id = a.client_id "
                               "WHERE a.id = ?", (appointment_id,)).fetchone()
        return (row[0] or "").strip() or None if row else None

    def _transcript_recording(self, appointment_id: int) -> str | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT recording_id FROM transcripts WHERE appointment_id = ? ORDER BY id DESC LIMIT 1",
                               (appointment_id,)).fetchone()
        return row[0] if row else None

    @writes
    def _store_draft(self, appointment_id: int, fmt: str, draft_json: dict, model_id: str) -> int:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT a.client_id, (SELECT max(id) FROM transcripts t WHERE t.appointment_id = a.id) "
                               "FROM appointments a WHERE a.id = ?", (appointment_id,)).fetchone()
            draft_id = conn.execute(
                "INSERT INTO session_drafts (appointment_id, transcript_id, format, draft_json, model, created_at) "
                "VALUES (?,?,?,?,?,?)",
                (appointment_id, row[1], fmt, json.dumps(draft_json), model_id, self.clock.iso())).lastrowid
            self.audit.append(conn, "session_summary_drafted", entity="appointment", entity_id=appointment_id,
                              client_id=row[0], detail=f"draft {draft_id}; model {model_id}")
        return draft_id

    def latest_draft(self, appointment_id: int) -> dict | None:
        with self.db.read() as conn:
            rows = fetch_all(conn, "SELECT id, format, draft_json, model, created_at FROM session_drafts "
                                   "WHERE appointment_id = ? ORDER BY id DESC LIMIT 1", (appointment_id,))
        if not rows:
            return None
        row = rows[0]
        row["draft"] = json.loads(row.pop("draft_json"))
        return row

    def interrupted_job(self, appointment_id: int):
        """The unfinished transcribe or draft job a crash, a lock or a Cancel left behind (resumable), or None.

        A job 'running' means the session is going on now (here or in another process): not offered.
        """
        transcribing = self.jobs.latest(TRANSCRIBE_JOB, appointment_id)
        if transcribing is not None and transcribing.state == "running":
            return None
        if (transcribing is not None and transcribing.state in ("interrupted", "queued", "cancelled")
                and transcribing.params.get("recording_id")):
            # A cancelled transcription (Cancel, or a lock while it ran) is unfinished work too, as
            # long as its recording has no transcript yet. Once the 24-hour shred took the audio
            # there is nothing to resume from: offering Resume would only fail.
            recording_id = transcribing.params["recording_id"]
            if not self.audio_shredded(recording_id) and (transcribing.state != "cancelled"
                                                          or not self._transcript_stored(recording_id)):
                return transcribing
        drafting = self.jobs.latest(DRAFT_JOB, appointment_id)
        if drafting is not None and drafting.state in ("interrupted", "queued"):
            return drafting
        return None

    def mark_stopped_work_interrupted(self, appointment_id: int) -> None:
        """A quit or a lock stopped the session's running transcription or drafting: the job queue
        stored it as 'cancelled' (any stopped work is), but the clinician cancelled nothing, so it is
        kept as 'interrupted' and the next start offers Resume, which goes on from its checkpoints
        (not a fresh Draft). Only the stage that was running: the drafting job is looked at only
        once the transcription is done. Work that ends later keeps its own state."""
        job = self.jobs.latest(TRANSCRIBE_JOB, appointment_id)
        if job is not None and job.state != "done":
            if job.state in ("running", "cancelled"):
                self.jobs.mark_interrupted(job.id)
            return
        job = self.jobs.latest(DRAFT_JOB, appointment_id)
        if job is not None and job.state in ("running", "cancelled"):
            self.jobs.mark_interrupted(job.id)

    def audio_shredded(self, recording_id: str) -> bool:
        """True when the recording's audio is gone (shredded at its deadline, or no such recording)."""
        try:
            return self.recordings.get(recording_id)["state"] == "shredded"
        except NotFound:
            return True

    def _transcript_stored(self, recording_id: str) -> bool:
        try:
            return self.recordings.get(recording_id)["transcript_stored"]
        except NotFound:
            return True  # nothing left to resume from

    def status(self, appointment_id: int) -> dict[str, Any]:
        """What the agenda badge shows: transcribing / drafting / interrupted (Resume) / summary ready."""
        transcribing = self.jobs.latest(TRANSCRIBE_JOB, appointment_id)
        drafting = self.jobs.latest(DRAFT_JOB, appointment_id)
        return {
            "transcribing": bool(transcribing and transcribing.state in ("running", "queued", "interrupted")),
            "drafting": bool(drafting and drafting.state in ("running", "queued", "interrupted")),
            "summary_ready": self.latest_draft(appointment_id) is not None,
            "interrupted": (unfinished := self.interrupted_job(appointment_id)) is not None,
            # The clinician's own Cancel of a transcription: resumable, but no crash to report.
            "cancelled": bool(unfinished and unfinished.kind == TRANSCRIBE_JOB and unfinished.state == "cancelled"),
            "has_transcript": self.transcript(appointment_id) is not None,
        }
