"""The audit trail in words a therapist reads: what happened, by whom, when on the office clock.

The trail stores event codes ("note_signed"), UTC times and technical details (hashes, random
recording ids) for verification; the window and the CLI's text output both say them this way,
so what the clinician reads on screen and in a terminal is the same sentence.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

SYSTEM_WHO = "Session Assistant (automatic)"
NOT_SIGNED_IN = "Someone not signed in"

# action -> sentence. Filled from the entry: "{of}" / "{on}" a session's date (" of Mon 30 Nov 2026",
# " on Mon 30 Nov 2026 at 14:00"), "{thing}" a questionnaire's name (" (PHQ-9)").
_ACTIONS = {
    # the chart
    "chart_viewed": "Opened the chart",
    "client_created": "Added the client",
    "client_updated": "Edited the client's details",
    "consent_recording_given": "Recorded the client's consent to AI session recording",
    "consent_recording_declined": "Recorded that the client declined AI session recording",
    "consent_recording_revoked": "Recorded that the client revoked consent to AI session recording",
    "consent_recording_given_for_session": "Recorded the client's consent for this one session's recording",
    "admin_note_created": "Added an administrative note",
    # sessions, audio, transcripts
    "appointment_created": "Booked an appointment{on}",
    "appointment_scheduled": "Marked the appointment{on} as scheduled",
    "appointment_completed": "Marked the appointment{on} as completed",
    "appointment_cancelled": "Cancelled the appointment{on}",
    "appointment_no_show": "Marked the appointment{on} as a no-show",
    "recording_started": "Started recording the session{of}",
    "recording_imported": "Imported a recording of the session{of}",
    "recording_stopped": "Stopped recording the session{of}",
    "recording_decrypted": "Opened the session's audio{of} to transcribe it",
    "recording_recovered": "Recovered an interrupted recording of the session{of}",
    "recording_shredded": "Deleted the session's audio{of} for good",
    "recording_shredded_untranscribed": "Deleted the session's audio{of} at the 24-hour limit, before a "
                                        "transcript was stored",
    "recording_orphan_removed": "Removed a leftover recording file of the session{of}",
    "recording_file_missing": "Found a recording file of the session{of} missing",
    "recording_file_found": "Found the missing recording file of the session{of} again",
    "recording_transcript_stored": "Stored the transcript of the session{of}",
    "transcript_stored": "Stored the transcript of the session{of}",
    "transcript_viewed": "Read the transcript of the session{of}",
    "transcript_speakers_relabelled": "Corrected who said what in the transcript of the session{of}",
    "transcript_voices_recounted": "Recounted the voices in the transcript of the session{of}",
    "notice_dismissed": "Dismissed a notice about the session{of}",
    "voice_profile_used": "Used your voice profile to tell the speakers apart in the session{of}",
    "session_summary_drafted": "Drafted the note of the session{of} with the AI model",
    # progress notes
    "note_created": "Started the progress note for the session{of}",
    "note_viewed": "Opened the progress note for the session{of}",
    "note_edited": "Edited the progress note for the session{of}",
    "note_reviewed": "Reviewed the AI draft of the progress note for the session{of}",
    "note_signed": "Signed the progress note for the session{of}",
    "addendum_added": "Added an addendum to the signed progress note for the session{of}",
    "note_deleted": "Deleted the unsigned progress note for the session{of}",
    # questionnaires, diagnoses, plans, summaries
    "assessment_added": "Recorded a questionnaire{thing}",
    "assessment_signed": "Signed a questionnaire{thing}",
    "assessment_deleted": "Deleted an unsigned questionnaire{thing}",
    "diagnosis_added": "Added a diagnosis",
    "diagnosis_edited": "Edited a diagnosis",
    "diagnosis_resolved": "Marked a diagnosis as resolved",
    "plan_created": "Started a treatment plan",
    "plan_edited": "Edited the treatment plan",
    "plan_signed": "Signed the treatment plan",
    "plan_deleted": "Deleted an unsigned treatment plan",
    "summary_generated": "Drafted a summary",
    "summary_refined": "Refined a summary with the AI model",
    "summary_edited": "Edited a summary",
    "summary_signed": "Signed a summary",
    "summary_viewed": "Opened a signed summary",
    "summary_discarded": "Discarded a draft summary",
    "summary_deleted": "Deleted a summary",
    # exports
    "note_exported": "Exported the signed progress note for the session{of} as a PDF",
    "summary_exported": "Exported a signed summary as a PDF",
    "plan_exported": "Exported the signed treatment plan as a PDF",
    "assessment_exported": "Exported a signed questionnaire{thing} as a PDF",
    "client_exported": "Exported the whole chart (encrypted)",
    "consent_form_exported": "Saved the blank consent form as a PDF",
    # the practice
    "vault_created": "Created the practice's vault",
    "unlock": "Signed in",
    "unlock_failed": "Wrong passphrases were tried before this sign-in",  # with a count: see what()
    "unlock_attempts_record_lost": "The record of failed sign-ins was found deleted or replaced",
    "unlock_attempts_record_damaged": "The record of failed sign-ins was found damaged",
    "audit_pending_altered": "Sign-in entries waiting to be recorded were found altered and dropped",
    "passphrase_changed": "Changed the passphrase",
    "passphrase_reset_with_recovery_key": "Reset the passphrase with the recovery key",
    "state_accepted": "Continued with a vault older than its last recorded state",
    "vault_restored": "Restored the vault from a backup",
    "backup_created": "Made an encrypted backup",
    "backup_scheduled": "Turned on daily backups",
    "backup_schedule_off": "Turned off daily backups",
    "backup_verified": "Checked a backup: it opens",
    "backup_failed": "A backup failed its check",
    "profile_updated": "Edited the practice profile",
    "ai_usage_consent_changed": "Changed the AI Usage Consent",
    "template_saved": "Saved a note template",
    "signing_identity_created": "Created the certificate that signs exported documents",
    "voice_profile_created": "Recorded your voice profile",
    "voice_profile_deleted": "Deleted your voice profile",
}

_INSTRUMENTS = {"phq9": "PHQ-9", "gad7": "GAD-7"}

# Entries a clinician should notice among hundreds of ordinary ones (the window shows them in the
# error colour): someone tried passphrases, records were found tampered with or lost, audio was lost.
ATTENTION = frozenset({"unlock_failed", "unlock_attempts_record_lost", "unlock_attempts_record_damaged",
                       "audit_pending_altered", "state_accepted", "backup_failed", "recording_file_missing",
                       "recording_shredded_untranscribed", "passphrase_reset_with_recovery_key"})


def local_time(at: str) -> datetime:
    """A stored UTC time on this computer's clock."""
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone()


def when(at: str) -> str:
    """'Wed 2 Dec 2026, 14:05' on the office clock (the trail keeps UTC)."""
    moment = local_time(at)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def utc_bounds(start: date | None, end: date | None) -> tuple[str | None, str | None]:
    """Local calendar days ``start``..``end`` (both included) as UTC bounds the trail's times compare
    with: [from, to). The trail's ``at`` is ISO with +00:00, so strings in that form order as times."""
    def utc(day: date) -> str:
        return datetime.combine(day, time.min).astimezone().astimezone(timezone.utc).isoformat(timespec="seconds")

    after = utc(start) if start else None
    before = utc(date.fromordinal(end.toordinal() + 1)) if end else None
    return after, before


def who(entry: dict, clinician: str = "") -> str:
    if entry.get("action") == "unlock_failed":  # written by the app at the next sign-in; who typed is unknown
        return NOT_SIGNED_IN
    if entry.get("actor") == "system":
        return SYSTEM_WHO
    return clinician or "The clinician"


def _session_words(starts_at: str | None) -> tuple[str, str]:
    """(' of Mon 30 Nov 2026', ' on Mon 30 Nov 2026 at 14:00'): appointments are booked on the office
    clock, so their times are shown as stored."""
    if not starts_at:
        return "", ""
    try:
        moment = datetime.fromisoformat(starts_at)
    except ValueError:
        return "", ""
    day = f"{moment:%a} {moment.day} {moment:%b %Y}"
    return f" of {day}", f" on {day} at {moment:%H:%M}"


def what(entry: dict) -> str:
    """One sentence for one entry: ``Signed the progress note of Mon 30 Nov 2026``."""
    action = entry.get("action", "")
    instrument = entry.get("instrument") or ""
    thing = f" ({_INSTRUMENTS.get(instrument, instrument.upper())})" if instrument else ""
    of, on = _session_words(entry.get("session_starts_at"))
    words = _ACTIONS.get(action)
    tried = re.match(r"(\d+) failed attempt", entry.get("detail") or "") if action == "unlock_failed" else None
    if tried:
        count = int(tried.group(1))
        return (f"{count} wrong passphrase{'s were' if count != 1 else ' was'} tried before this sign-in")
    if words is None:  # an event this version has no words for yet: still readable, never hidden
        words = action.replace("_", " ").strip().capitalize() or "Unnamed event"
    return words.format(thing=thing, of=of, on=on) + _extra(action, entry.get("detail") or "")


def _extra(action: str, detail: str) -> str:
    """The part of a stored detail worth reading (never hashes or random ids)."""
    if action == "unlock" and "recovery" in detail:
        return " with the recovery key"
    if action == "transcript_viewed" and detail == "partial":
        return " (while it was still being written)"
    if action == "diagnosis_added" and re.fullmatch(r"[A-Z]\d[0-9A-Z.]{0,6}", detail):
        return f" ({detail})"
    if action == "client_exported":
        found = re.search(r"(\d+) signed documents", detail)
        return f", with {found.group(1)} signed documents" if found else ""
    if action == "ai_usage_consent_changed" and detail in ("on", "off", "given", "withdrawn"):
        return f": {detail}"
    if action == "state_accepted" and detail:  # what was given up: an auditor needs the counts
        return f" ({detail.removeprefix('continued with the vault as found: ')})"
    if action == "vault_restored":
        found = re.search(r"from backup created (\S+)", detail)
        try:
            return f" (the backup of {when(found.group(1))})" if found else ""
        except ValueError:
            return ""
    return ""


def client_name(entry: dict) -> str:
    first, last = entry.get("first_name") or "", entry.get("last_name") or ""
    return f"{first} {last}".strip()


def plain_entry(entry: dict, clinician: str = "") -> dict:
    """The entry as read: when, who, what, about whom (the UI's row and the CLI's line)."""
    return {"seq": entry["seq"], "when": when(entry["at"]), "who": who(entry, clinician), "what": what(entry),
            "client": client_name(entry), "attention": entry.get("action") in ATTENTION}
