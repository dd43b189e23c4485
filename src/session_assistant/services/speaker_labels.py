"""Correcting who said what in a stored transcript: swap the two names, or move one line.

The window's transcript view and the CLI (``sessions speakers swap|set``) call these. Each
correction rewrites the newest transcript of the appointment in one transaction with one audit
row (which segment, from whom to whom: names of roles, never words), and returns the segment ids
that changed, so a caller can update only the parts of a draft that rest on those lines.
"""

from __future__ import annotations

import json

from session_assistant.errors import NotFound, UserError
from session_assistant.services.base import Service

CLINICIAN, CLIENT = "clinician", "client"


def _valid_speaker(name: str) -> str:
    name = (name or "").strip().lower()
    if name in (CLINICIAN, CLIENT) or (name.startswith("client ") and name[7:].isdigit()):
        return name
    raise UserError("A speaker is 'clinician', 'client' or 'client N' (for a third voice and more).")


class SpeakerLabelService(Service):
    def __init__(self, vault, sessions) -> None:
        super().__init__(vault)
        self.sessions = sessions  # SessionPipeline: reads the stored transcript

    def _load(self, appointment_id: int):
        transcript = self.sessions.transcript(appointment_id)
        if transcript is None:
            raise NotFound(f"Appointment {appointment_id} has no transcript yet.")
        return transcript

    def _save(self, appointment_id: int, transcript, action: str, detail: str) -> None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT max(id), (SELECT client_id FROM appointments WHERE id = ?) FROM transcripts "
                               "WHERE appointment_id = ?", (appointment_id, appointment_id)).fetchone()
            conn.execute("UPDATE transcripts SET segments_json = ?, updated_at = ? WHERE id = ?",
                         (json.dumps([s.to_dict() for s in transcript.segments]), self.clock.iso(), row[0]))
            self.audit.append(conn, action, entity="appointment", entity_id=appointment_id, client_id=row[1],
                              detail=f"transcript {row[0]}: {detail}")

    def swap_speakers(self, appointment_id: int) -> list[int]:
        """Clinician and client were the wrong way round: swap them in the whole session.
        Returns the ids of the segments whose speaker changed."""
        transcript = self._load(appointment_id)
        changed = []
        for segment in transcript.segments:
            swapped = {CLINICIAN: CLIENT, CLIENT: CLINICIAN}.get(segment.speaker)
            if swapped:
                segment.speaker = swapped
                changed.append(segment.id)
        if changed:
            self._save(appointment_id, transcript, "transcript_speakers_swapped", f"{len(changed)} segments")
        return changed

    def reassign_segment(self, appointment_id: int, segment_id: int, speaker: str) -> list[int]:
        """Give one segment (line) to ``speaker``; returns [segment_id] if it changed, else []."""
        speaker = _valid_speaker(speaker)
        transcript = self._load(appointment_id)
        segment = next((s for s in transcript.segments if s.id == segment_id), None)
        if segment is None:
            raise NotFound(f"The transcript of appointment {appointment_id} has no segment {segment_id}.")
        if segment.speaker == speaker:
            return []
        before = segment.speaker or "unknown"
        segment.speaker = speaker
        self._save(appointment_id, transcript, "transcript_segment_reassigned",
                   f"segment {segment_id}: {before} -> {speaker}")
        return [segment_id]
