"""What the session screen says when a session's work stopped before its summary (a Cancel, a crash,
a lock), so the clinician sees the way forward without importing again: Resume from the sealed
recording while the vault still keeps it (24 hours at most, then it is shredded), Draft again from
the stored transcript, or, once the shred took an untranscribed recording, record or import again
or write by hand. Pure reads of the pipeline; no Qt."""

from __future__ import annotations

from datetime import datetime

from session_assistant.errors import NotFound
from session_assistant.services.session_pipeline import TRANSCRIBE_JOB

INTERRUPTED = ("Interrupted: this session stopped before it finished (the app closed or the computer stopped). "
               "Resume finishes it; work already done is kept.")
KEPT = "The recording is kept sealed until {kept} (24 hours at most), then shredded."
CANCELLED_TRANSCRIBING = ("Cancelled during transcription. The recording is kept sealed until {kept} (24 hours at "
                          "most): Resume transcribes the rest, keeping what is done, then drafts the summary. "
                          "Or write the note by hand.")
CANCELLED_DRAFTING = ("Cancelled during drafting. Nothing was lost: Draft again writes a new draft from the stored "
                      "transcript, or write the note by hand.")
CANCELLED_EARLY = "Cancelled before the recording was stored: import or record it again, or write the note by hand."
PARTIAL = "The part already transcribed is shown below, read-only until Resume finishes it."
SHREDDED = ("The recording was shredded at its 24-hour limit before it was transcribed: there is nothing left to "
            "resume. Record or import the session again, or write the note by hand.")


def kept_until(pipeline, recording_id: str) -> str:
    """When the recording's audio is shredded, in local time ("Tue 01 Dec 14:05")."""
    try:
        due = pipeline.recordings.get(recording_id).get("shred_due_at")
    except NotFound:
        due = None
    return datetime.fromisoformat(due).astimezone().strftime("%a %d %b %H:%M") if due else "its 24-hour limit"


def resume_label(job) -> tuple[str, str]:
    """The Resume button's text and accessible name: "Interrupted" only for a crash, a quit or a
    lock; after the clinician's own Cancel it says what it does."""
    if job is not None and job.kind == TRANSCRIBE_JOB and job.state == "cancelled":
        return "Res&ume transcription", "Resume the cancelled transcription, keeping what is done"
    return "Res&ume (Interrupted)", "Resume the interrupted session"


def way_forward(pipeline, appointment_id: int, *, cancelled_now: bool = False, partial: bool = False) -> str | None:
    """The line for a session whose work stopped unfinished, or None when nothing is unfinished.

    ``cancelled_now``: the clinician has just cancelled; ``partial``: the windows transcribed
    before it stopped are on the screen.
    """
    job = pipeline.interrupted_job(appointment_id)
    if job is not None and job.kind == TRANSCRIBE_JOB:
        kept, shown = kept_until(pipeline, job.params["recording_id"]), f" {PARTIAL}" if partial else ""
        if cancelled_now or job.state == "cancelled":
            return CANCELLED_TRANSCRIBING.format(kept=kept) + shown
        return f"{INTERRUPTED} {KEPT.format(kept=kept)}{shown}"
    if job is not None:
        return INTERRUPTED
    has_transcript = pipeline.transcript(appointment_id) is not None
    transcribing = pipeline.jobs.latest(TRANSCRIBE_JOB, appointment_id)
    if (transcribing is not None and transcribing.state != "done" and not has_transcript
            and transcribing.params.get("recording_id") and pipeline.audio_shredded(transcribing.params["recording_id"])):
        return SHREDDED
    if cancelled_now:
        return CANCELLED_DRAFTING if has_transcript else CANCELLED_EARLY
    return None
