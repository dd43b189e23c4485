"""Session recordings in the vault: the consent gate, record, import, list, decrypt, retention.

The per-recording key is written to ``recording_keys`` in the same transaction as the recording's
row, after the sealed file's header exists and before any audio is sealed, so every chunk on disk
has its key in the vault (or, after a crash before the commit, the file is an orphan holding no
audio). Imports seal the whole file first and commit after, so a failed import changes nothing;
the sealed file stays locked until that commit, so no sweep can take it for an orphan meanwhile.

Threads: call this service from the thread that owns vault writes; the recorder's own threads never
touch the vault.
"""

from __future__ import annotations

import errno
import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from session_assistant.audio import notices, sealed
from session_assistant.audio.retention import MAX_RETENTION, Retention, SweepReport
from session_assistant.errors import DiskFull, NotFound, UserError
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress
from session_assistant.services.clients import ClientService
from session_assistant.services.profile import ProfileService
from session_assistant.vault.writer import writes

if TYPE_CHECKING:  # capture, the importer and numpy are imported when recording or importing: every
    import numpy as np  # unlock builds this service and sweeps, and a CLI command should not pay for them
    from session_assistant.audio.capture import Recorder, RecorderResult, StreamFactory

log = logging.getLogger(__name__)

CONSENT_CHOICES = ("given", "declined")


_ENDED_BY = {"stopped": "stop", "capped": "length limit", "failed": "write error"}


class ConsentRequired(UserError):
    """Recording is not allowed: AI Usage Consent is off, or the client has not consented."""

    exit_code = 11


@dataclass
class ActiveRecording:
    """A recording in progress; ``recorder`` gives level, elapsed time, pause and resume."""

    id: str
    appointment_id: int
    recorder: Recorder


class RecordingService:
    """Recordings of one practice; the consent gate asks ``clients`` and ``profile`` (both services)."""

    def __init__(self, vault, recordings_dir: Path, clients: ClientService, profile: ProfileService,
                 retention: timedelta = MAX_RETENTION) -> None:
        self.db, self.audit, self.clock = vault.db, vault.audit, vault.clock
        self.folder = Path(recordings_dir)
        self.retention = Retention(vault, self.folder, retention)
        self._clients = clients
        self._profile = profile

    # -- the consent gate ------------------------------------------------------------------------
    def check_consent(self, appointment_id: int, consent_now: str | None = None,
                      store_consent: bool = True) -> tuple[dict, str]:
        """Decide whether this appointment may be recorded; returns (appointment, consent basis).

        ``consent_now`` is the client's answer given in the session ("given" or "declined");
        with ``store_consent`` a "given" is kept in the chart so they are not asked again.

        Raises:
            NotFound: no such appointment. ConsentRequired: recording is not allowed.
        """
        with self.db.read() as conn:
            row = conn.execute("SELECT id, client_id, status FROM appointments WHERE id = ?",
                               (appointment_id,)).fetchone()
        if row is None:
            raise NotFound(f"No appointment with id {appointment_id}.")
        appointment = {"id": row[0], "client_id": row[1], "status": row[2]}
        if appointment["status"] in ("cancelled", "no_show"):
            raise UserError(f"Appointment {appointment_id} is {appointment['status']}; it cannot be recorded.")
        if consent_now is not None and consent_now not in CONSENT_CHOICES:
            raise UserError("The client's answer must be 'given' or 'declined'.")
        if not self._profile.get().ai_usage_consent:
            raise ConsentRequired("AI Usage Consent is off in your profile, so recording is disabled "
                                  "(turn it on with: session-assistant profile set --ai-consent on).")
        client_id = appointment["client_id"]
        if consent_now == "declined":
            self._clients.record_consent(client_id, "declined", note="asked at session start")
            raise ConsentRequired("The client declined recording; it was noted in the chart. "
                                  "Nothing was recorded; the note can still be written by hand.")
        if consent_now == "given":
            if store_consent:
                self._clients.record_consent(client_id, "given", note="asked at session start")
                return appointment, "stored"
            return appointment, "this_session"
        current = self._clients.consent(client_id).decision
        if current != "given":
            state = {None: "has not been asked", "declined": "declined", "revoked": "revoked consent"}[current]
            raise ConsentRequired(f"The client {state} for AI session recording; ask them first "
                                  "(record with --consent given, or set it in the chart).")
        return appointment, "stored"

    # -- recording -------------------------------------------------------------------------------
    def start(self, appointment_id: int, open_stream: StreamFactory, input_rate: int, channels: int = 1, *,
              consent_now: str | None = None, store_consent: bool = True, max_seconds: float = sealed.DEFAULT_MAX_SECONDS,
              on_chunk: Callable[[np.ndarray], None] | None = None) -> ActiveRecording:
        """Check consent, open the device, store the key, start sealing.

        Raises:
            ConsentRequired, NotFound, AudioUnavailable (device cannot be opened), DiskFull.
            On any of these nothing is left behind but a declined consent, which is recorded.
        """
        from session_assistant.audio.capture import Recorder

        return self._start(appointment_id, lambda writer: Recorder(
            writer, open_stream, input_rate, channels, max_seconds=max_seconds, on_chunk=on_chunk),
            consent_now, store_consent)

    def start_call(self, appointment_id: int, open_mic: StreamFactory, mic_settings: tuple[int, int],
                   open_call: StreamFactory, call_settings: tuple[int, int], *, consent_now: str | None = None,
                   store_consent: bool = True, max_seconds: float = sealed.DEFAULT_MAX_SECONDS,
                   on_chunk: Callable[[np.ndarray], None] | None = None) -> ActiveRecording:
        """``start`` for a telehealth call: the microphone (the clinician) and the call's audio
        (the client) as the two channels of one sealed recording; ``on_chunk`` gets (n, 2) chunks.
        Both devices are opened before anything is stored, and start and stop together."""
        from session_assistant.audio.call_capture import CallRecorder

        return self._start(appointment_id, lambda writer: CallRecorder(
            writer, open_mic, open_call, mic_settings, call_settings, max_seconds=max_seconds, on_chunk=on_chunk),
            consent_now, store_consent, channels=sealed.CALL_CHANNELS)

    def _start(self, appointment_id: int, make_recorder, consent_now, store_consent,
               channels: int = sealed.CHANNELS) -> ActiveRecording:
        appointment, basis = self.check_consent(appointment_id, consent_now, store_consent)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        rec_id, key = sealed.new_recording_id(), sealed.new_key()
        path = self.folder / sealed.file_name_for(rec_id)
        writer = _new_writer(path, key, rec_id, channels)
        recorder = make_recorder(writer)
        try:
            recorder.open()
            self._insert(rec_id, key, appointment, basis, "microphone", path.name)
        except BaseException:
            recorder.stop(raise_errors=False)
            path.unlink(missing_ok=True)
            raise
        try:
            recorder.start()
        except BaseException:
            recorder.stop(raise_errors=False)
            self.retention.erase(rec_id, appointment["id"], appointment["client_id"], path.name, "requested")
            raise
        log.info("recording started")
        return ActiveRecording(rec_id, appointment_id, recorder)

    @writes
    def _insert(self, rec_id: str, key: bytes, appointment: dict, basis: str, source: str, file_name: str,
                state: str = "recording", duration_s: float | None = None, chunks: int | None = None) -> None:
        now = self.clock.now()
        boot_id, boot_s = self.retention.boot_reading()
        finished = state != "recording"
        ended = now.isoformat(timespec="seconds") if finished else None
        due = (now + self.retention.retention).isoformat(timespec="seconds") if finished else None
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO recordings (id, appointment_id, client_id, source, file_name, consent_basis, "
                         "state, started_at, ended_at, duration_s, chunks, shred_due_at, retention_s, boot_id, "
                         "started_boot_s, ended_boot_s) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         (rec_id, appointment["id"], appointment["client_id"], source, file_name, basis, state,
                          now.isoformat(timespec="seconds"), ended, duration_s, chunks, due,
                          int(self.retention.retention.total_seconds()), boot_id, boot_s,
                          boot_s if finished else None))
            conn.execute("INSERT INTO recording_keys (recording_id, chunk_key) VALUES (?, ?)", (rec_id, key))
            common = dict(entity="appointment", entity_id=appointment["id"], client_id=appointment["client_id"])
            if basis == "this_session":
                self.audit.append(conn, "consent_recording_given_for_session", **common,
                                  detail=f"recording {rec_id}; not stored in the chart")
            action = "recording_started" if source == "microphone" else "recording_imported"
            self.audit.append(conn, action, **common, detail=f"recording {rec_id}")

    def finish(self, active: ActiveRecording) -> dict:
        """Stop and seal the end marker; the retention clock starts now.

        Raises:
            DiskFull: the disk filled (the audio sealed so far is kept as an interrupted recording).
        """
        result: RecorderResult = active.recorder.stop(raise_errors=False)
        state = "complete" if result.state in ("stopped", "capped") else "interrupted"
        self._record_end(active, result, state)
        if result.error == "disk_full":
            raise DiskFull("The disk is full: recording stopped; the audio sealed so far was kept.")
        summary = self.get(active.id)
        summary.update(warnings=result.warnings, dropped_blocks=result.dropped_blocks,
                       input_overflows=result.input_overflows, ended_by=_ENDED_BY[result.state])
        return summary

    @writes
    def _record_end(self, active: ActiveRecording, result: RecorderResult, state: str) -> None:
        now = self.clock.now()
        boot_id, boot_s = self.retention.boot_reading()
        with self.db.transaction() as conn:
            # The end on the boot clock counts only if this is the boot the recording started in.
            conn.execute("UPDATE recordings SET state = ?, ended_at = ?, duration_s = ?, interrupted_at_s = ?, "
                         "chunks = ?, overruns = ?, shred_due_at = ?, retention_s = ?, "
                         "ended_boot_s = CASE WHEN boot_id = ? THEN ? END WHERE id = ?",
                         (state, now.isoformat(timespec="seconds"), result.duration_s,
                          result.duration_s if state == "interrupted" else None, result.chunks, result.overruns,
                          (now + self.retention.retention).isoformat(timespec="seconds"),
                          int(self.retention.retention.total_seconds()), boot_id, boot_s, active.id))
            row = conn.execute("SELECT client_id FROM recordings WHERE id = ?", (active.id,)).fetchone()
            self.audit.append(conn, "recording_stopped", entity="appointment", entity_id=active.appointment_id,
                              client_id=row[0], detail=f"recording {active.id}; {state}, {result.duration_s:.0f} s, "
                                                        f"{result.overruns} overruns, ended by {_ENDED_BY[result.state]}")

    # -- import ----------------------------------------------------------------------------------
    def import_file(self, appointment_id: int, source: Path, *, consent_now: str | None = None,
                    store_consent: bool = True, on_progress: ProgressFn = no_progress,
                    token: CancelToken | None = None) -> str:
        """Seal an existing audio file for an appointment; the source is only read. Returns the id."""
        from session_assistant.audio.importer import decode_to_writer, probe_duration_s

        probe_duration_s(Path(source))  # unreadable / empty / not audio: fail before anything changes
        appointment, basis = self.check_consent(appointment_id, consent_now, store_consent)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        rec_id, key = sealed.new_recording_id(), sealed.new_key()
        path = self.folder / sealed.file_name_for(rec_id)
        writer = _new_writer(path, key, rec_id)
        # The file stays locked ("being written") until its key is committed: a sweep in another
        # process (the window's timer, any command starting) would otherwise take it for an orphan.
        duration = decode_to_writer(Path(source), writer, on_progress, token, release=False)  # removes it on failure
        try:
            self._insert(rec_id, key, appointment, basis, "import", path.name, state="complete",
                         duration_s=duration, chunks=writer.chunks)
        except BaseException:
            writer.close()
            path.unlink(missing_ok=True)
            raise
        writer.close()
        return rec_id

    # -- reading ---------------------------------------------------------------------------------
    def get(self, recording_id: str) -> dict:
        rows = self.list(recording_id=recording_id)
        if not rows:
            raise NotFound(f"No recording with id {recording_id}.")
        return rows[0]

    def list(self, appointment_id: int | None = None, recording_id: str | None = None) -> list[dict]:
        clauses, params = [], []
        if appointment_id is not None:
            clauses.append("appointment_id = ?")
            params.append(appointment_id)
        if recording_id is not None:
            clauses.append("id = ?")
            params.append(recording_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self.db.read() as conn:
            cursor = conn.execute(
                "SELECT id, appointment_id, source, state, started_at, ended_at, duration_s, interrupted_at_s, "
                f"overruns, transcript_stored, shred_due_at, shredded_at, missing_since, retention_s, boot_id, "
                f"started_boot_s, ended_boot_s FROM recordings {where} "
                "ORDER BY started_at, rowid", params)
            names = [c[0] for c in cursor.description]
            rows = [dict(zip(names, row)) for row in cursor.fetchall()]
        now, boot_now = self.clock.now(), self.clock.boot_time()
        for row in rows:
            row["transcript_stored"] = bool(row["transcript_stored"])
            if row["state"] == "interrupted" and row["interrupted_at_s"] is not None:
                row["interrupted_at"] = sealed.format_mmss(row["interrupted_at_s"])
            clocks = {k: row.pop(k) for k in ("retention_s", "boot_id", "started_boot_s", "ended_boot_s")}
            if row["state"] in ("complete", "interrupted"):
                # The deadline as the next sweep will see it, not the one written at the end.
                due = self.retention.deadline_of({**row, **clocks}, now, boot_now)
                row["shred_due_at"] = due.at.isoformat(timespec="seconds")
                row["deadline_basis"] = due.basis
        return rows

    def open_reader(self, recording_id: str, purpose: str = "playback") -> sealed.SealedReader:
        """Verify the sealed file against the vault's record and return a reader (in memory only).

        Raises:
            NotFound, UserError (shredded or still recording), RecordingDamaged (tampered, or
            a file that should be complete has lost its end).
        """
        with self.db.read() as conn:
            row = conn.execute("SELECT r.state, r.file_name, r.chunks, r.appointment_id, r.client_id, k.chunk_key "
                               "FROM recordings r LEFT JOIN recording_keys k ON k.recording_id = r.id "
                               "WHERE r.id = ?", (recording_id,)).fetchone()
        if row is None:
            raise NotFound(f"No recording with id {recording_id}.")
        state, file_name, chunks, appointment_id, client_id, key = row
        if state == "shredded" or key is None:
            raise UserError(f"Recording {recording_id} was shredded; its audio no longer exists.")
        if state == "recording":
            raise UserError(f"Recording {recording_id} is still running (or needs recovery: run `shred --due`).")
        reader = sealed.SealedReader(self.folder / file_name, key)
        info = reader.info()
        if state == "complete" and (not info.complete or info.chunks != chunks):
            raise sealed.RecordingDamaged("The recording is shorter than when it was stored (truncated or altered).")
        self._audit_decrypted(appointment_id, client_id, f"recording {recording_id}; for {purpose}")
        return reader

    def salvage(self, recording_id: str):
        """The intact chunks of a damaged recording (``audio.salvage``), decrypted in memory; audited.

        Raises:
            NotFound, UserError (shredded or still recording), RecordingDamaged (nothing authenticates).
        """
        from session_assistant.audio.salvage import salvage

        with self.db.read() as conn:
            row = conn.execute("SELECT r.state, r.file_name, r.appointment_id, r.client_id, k.chunk_key "
                               "FROM recordings r LEFT JOIN recording_keys k ON k.recording_id = r.id "
                               "WHERE r.id = ?", (recording_id,)).fetchone()
        if row is None:
            raise NotFound(f"No recording with id {recording_id}.")
        state, file_name, appointment_id, client_id, key = row
        if state == "shredded" or key is None:
            raise UserError(f"Recording {recording_id} was shredded; its audio no longer exists.")
        if state == "recording":
            raise UserError(f"Recording {recording_id} is still running (or needs recovery: run `shred --due`).")
        if not (self.folder / file_name).is_file():
            raise UserError("The recording's audio file is missing.")
        result = salvage(self.folder / file_name, key)
        self._audit_decrypted(appointment_id, client_id, f"recording {recording_id}; for salvage "
                                                         f"({result.intact_chunks} intact, {result.lost_chunks} lost)")
        return result

    @writes
    def _audit_decrypted(self, appointment_id: int, client_id: int, detail: str) -> None:
        with self.db.transaction() as conn:
            self.audit.append(conn, "recording_decrypted", entity="appointment", entity_id=appointment_id,
                              client_id=client_id, detail=detail)

    def load_audio(self, recording_id: str, purpose: str = "transcription") -> np.ndarray:
        """The whole recording as float32 16 kHz mono, decrypted in memory (transcription input)."""
        return self.open_reader(recording_id, purpose).read_float32()

    @writes
    def mark_transcript_stored(self, recording_id: str, conn=None) -> None:
        """Called once the transcript is safely in the vault: the audio may now be shredded when due.

        Pass ``conn`` (an open ``db.transaction()``) to set the flag in the same transaction that
        stores the transcript, so a crash cannot leave one without the other.
        """
        if conn is None:
            with self.db.transaction() as own:
                self._mark_transcript_stored(own, recording_id)
        else:
            self._mark_transcript_stored(conn, recording_id)

    def _mark_transcript_stored(self, conn, recording_id: str) -> None:
        row = conn.execute("SELECT appointment_id, client_id FROM recordings WHERE id = ?", (recording_id,)).fetchone()
        if row is None:
            raise NotFound(f"No recording with id {recording_id}.")
        conn.execute("UPDATE recordings SET transcript_stored = 1 WHERE id = ?", (recording_id,))
        self.audit.append(conn, "recording_transcript_stored", entity="appointment", entity_id=row[0],
                          client_id=row[1], detail=f"recording {recording_id}")

    # -- retention -------------------------------------------------------------------------------
    def shred(self, recording_id: str, force: bool = False) -> None:
        self.retention.shred(recording_id, force=force)

    @writes
    def sweep(self) -> SweepReport:
        return self.retention.sweep()

    def shred_log(self) -> list[dict]:
        return self.retention.shred_log()

    def notices(self, include_dismissed: bool = False) -> list[dict]:
        """What the sweep had to tell the clinician (audio shredded untranscribed, a file missing)."""
        return notices.list_notices(self.db, include_dismissed)

    def dismiss_notice(self, notice_id: int) -> None:
        notices.dismiss(self.db, self.audit, notice_id, self.clock.iso())


def _new_writer(path: Path, key: bytes, rec_id: str, channels: int = sealed.CHANNELS) -> sealed.SealedWriter:
    try:
        return sealed.SealedWriter(path, key, rec_id, channels=channels)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise DiskFull("The disk is full: nothing was recorded or stored.") from None
        raise
