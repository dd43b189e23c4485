"""The one status word for an appointment, shared by the agenda and the "Notes to write" queue.

The vault's side comes from ``SessionPipeline.status()`` (the session engine owns what a job or a
draft means); this module only adds what the window alone knows (work running in this process) and
what the appointment row already carries (signed note, cancellation, time). The column is never
blank: a future session says "Scheduled", a past one with nothing yet says "Note to write".
"""

from __future__ import annotations

from datetime import datetime, timedelta

SIGNED = "✓ Note signed"
RUNNING = {"recording": "● Recording", "transcribing": "Transcribing…", "drafting": "Drafting…",
           "ready": "AI session summary ready", "failed": "Needs attention"}
INTERRUPTED = "Interrupted: resume in Session"
CANCELLED_WORK = "Transcription cancelled: resume in Session"
# Rows whose way forward is the session screen's Resume, even when a note exists: Enter opens the session.
RESUME_IN_SESSION = (INTERRUPTED, CANCELLED_WORK)
NOTE_DRAFT = "Note draft"
SUMMARY_READY = "AI session summary ready"
TRANSCRIBED = "Transcribed"
RECORDED = "Recorded"
NOTE_TO_WRITE = "Note to write"
SCHEDULED = "Scheduled"
IN_PROGRESS = "In session now"
CLOSED = {"cancelled": "Cancelled", "no_show": "No-show"}
# The colour family of each status (ui/common/theme.py STATUS_KINDS): what the pill on a row shows.
KIND_OF = {SIGNED: "signed", INTERRUPTED: "overdue", CANCELLED_WORK: "overdue",
           NOTE_DRAFT: "draft_ready", SUMMARY_READY: "draft_ready",
           TRANSCRIBED: "recorded", RECORDED: "recorded", NOTE_TO_WRITE: "overdue", SCHEDULED: "scheduled",
           IN_PROGRESS: "transcribing", RUNNING["recording"]: "risk", RUNNING["transcribing"]: "transcribing",
           RUNNING["drafting"]: "transcribing", RUNNING["failed"]: "overdue"}


def status_kind(label: str) -> str:
    """The pill colour family for a label of ``status_label`` or ``running_label`` (with or without %)."""
    for text, kind in KIND_OF.items():
        if label == text or label.startswith(text + " "):
            return kind
    return "neutral"  # cancelled, no-show


def session_end(appointment: dict) -> datetime:
    return datetime.fromisoformat(appointment["starts_at"]) + timedelta(minutes=appointment["minutes"])


def is_past(appointment: dict, now: datetime) -> bool:
    """Over (its scheduled end has passed), or begun and already holding a note draft."""
    started = datetime.fromisoformat(appointment["starts_at"]) <= now
    return session_end(appointment) <= now or (started and bool(appointment.get("note_id")))


def needs_note(appointment: dict, now: datetime) -> bool:
    """A past session that took place (not cancelled, not a no-show) and has no signed note."""
    return (appointment.get("status") not in CLOSED and appointment.get("note_status") != "signed"
            and is_past(appointment, now))


def running_label(stage: str, progress: float | None = None) -> str:
    """"Transcribing… 42 %" while work runs in this window (the percentage once it is known)."""
    if stage in ("transcribing", "drafting") and progress is not None:
        return f"{RUNNING[stage]} {round(100 * min(max(progress, 0.0), 1.0))} %"
    return RUNNING[stage]


def status_label(appointment: dict, now: datetime, running_stage: str = "", pipeline=None,
                 recordings=None, progress: float | None = None) -> str:
    """The status shown for one appointment row (from ``AppointmentService.list``).

    Args:
        appointment: the row; its ``note_status``/``status`` answer signed, cancelled and no-show.
        now: local naive time (a past session with nothing says "Note to write").
        running_stage: the in-memory stage of work running in this window ("" when none).
        pipeline: ``SessionPipeline`` (its ``status()``), or None where the build has none.
        recordings: ``RecordingService`` for "Recorded" before any transcript, or None.
        progress: 0..1 of the running work, shown as a percentage beside its stage.
    """
    if appointment.get("note_status") == "signed":
        return SIGNED
    if running_stage in ("recording", "transcribing", "drafting", "failed"):
        return running_label(running_stage, progress)
    if appointment.get("status") in CLOSED:
        return CLOSED[appointment["status"]]
    state = pipeline.status(appointment["id"]) if pipeline is not None else {}
    unfinished = state.get("transcribing") or state.get("drafting")
    if state.get("cancelled"):
        return CANCELLED_WORK
    if state.get("interrupted") or (unfinished and not running_stage):
        # An unfinished job with nothing running for it in this window was interrupted (a quit,
        # a crash, a lock): the session screen offers to resume it.
        return INTERRUPTED
    if running_stage == "ready" or state.get("summary_ready"):
        return SUMMARY_READY  # the note holding it is still a draft: the clinician reviews it
    if appointment.get("note_id"):
        return NOTE_DRAFT
    if state.get("has_transcript"):
        return TRANSCRIBED
    if state.get("recorded") or (recordings is not None and _has_recording(recordings, appointment["id"])):
        return RECORDED
    if is_past(appointment, now):
        return NOTE_TO_WRITE
    if datetime.fromisoformat(appointment["starts_at"]) <= now:
        return IN_PROGRESS
    return SCHEDULED


def _has_recording(recordings, appointment_id: int) -> bool:
    return any(row.get("state") in ("complete", "interrupted") for row in recordings.list(appointment_id))
