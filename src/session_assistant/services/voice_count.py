"""How many voices a session had, changed after it was transcribed (a couple or a family session
recorded as "two voices", or the other way round), without transcribing it again.

The voices are clustered again into the new count and named again (the clinician by the voice
profile or by what each voice says; the others Client, Client 2, ...):

* from the voice prints stored with the transcript's lines, when there are any (no audio needed);
* otherwise from the recording, while its audio still exists: the speaker work only (voice prints
  and clustering), never Whisper.

Line numbers stay as they are (a line takes the voice that spoke most of its words), so the
draft's evidence still points at the right lines; the sections citing a line whose speaker changed
are reported, as for a swap. A call is refused (its channels name the two people), and so is a
session whose note is signed.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from session_assistant.errors import ImmutableRecord, NotFound, UserError
from session_assistant.services.base import Service
from session_assistant.services.speaker_labels import SpeakerChange, SpeakerLabelService
from session_assistant.services.voice_profile import MODEL_ID as LEGACY_MODEL
from session_assistant.services.voice_profile import OUTDATED_CHECK
from session_assistant.vault.writer import writes

MAX_VOICES = 8
STALE_PRINTS_CHECK = ("This transcript's voice prints were made with an earlier speaker model and its audio is gone, "
                      "so your voice profile could not be used: names were chosen from the conversation. Check them.")


class VoiceCountService(Service):
    def __init__(self, vault, recordings, models_dir: Path, voice_profile=None, encoder_loader=None) -> None:
        super().__init__(vault)
        self.recordings = recordings
        self.models_dir = Path(models_dir)
        self.voice_profile = voice_profile
        self._labels = SpeakerLabelService(vault)
        self._encoder_loader = encoder_loader

    def set_voice_count(self, appointment_id: int, count: int) -> SpeakerChange:
        """Cluster the session's voices again into ``count`` and name them.

        Raises:
            UserError: a count out of range, a call, or no voice prints and no audio left.
            NotFound: no transcript. ImmutableRecord: the session's note is signed.
        """
        from session_assistant.transcribe.segments import Segment
        from session_assistant.transcribe.speakers import diarize

        if not 1 <= int(count) <= MAX_VOICES:
            raise UserError(f"The number of voices must be between 1 and {MAX_VOICES}.")
        transcript_id, recording_id, rows = self._newest(appointment_id)
        if self._labels.locked(appointment_id):
            raise ImmutableRecord(f"The note of session {appointment_id} is signed: its transcript is part of the "
                                  "signed record and its speakers cannot change.")
        segments = [Segment.from_dict(row) for row in rows]
        source = "stored voice prints"
        voice = self.voice_profile.clinician_voice(appointment_id) if self.voice_profile and count > 1 else None
        outdated = self.voice_profile and count > 1 and voice is None and self.voice_profile.outdated()
        check = OUTDATED_CHECK if outdated else ""
        if not any(s.voice for s in segments):
            self._prints_from_audio(segments, recording_id)
            source = "the recording's audio"
        elif voice is not None and self._made_by_another_encoder(segments):
            # The profile is this encoder's print; the stored ones are another's: never compared.
            try:
                self._prints_from_audio(segments, recording_id)
                source = "the recording's audio (the stored prints were an earlier speaker model's)"
            except UserError:  # the audio is gone: the stored prints still cluster among themselves
                voice, check = None, STALE_PRINTS_CHECK
        pieces = copy.deepcopy(segments)
        naming = diarize(pieces, int(count), voice)
        naming.check = naming.check or check
        speakers = _per_line(segments, pieces)
        return self._store(appointment_id, transcript_id, rows, segments, speakers, count, source, naming)

    @writes
    def _store(self, appointment_id, transcript_id, rows, segments, speakers, count, source, naming) -> SpeakerChange:
        """The new names, written on the writer once the clustering (on the caller's thread) is done."""
        with self.db.transaction() as conn:
            current = conn.execute("SELECT t.id, a.client_id FROM transcripts t JOIN appointments a "
                                   "ON a.id = t.appointment_id WHERE t.appointment_id = ? ORDER BY t.id DESC LIMIT 1",
                                   (appointment_id,)).fetchone()
            if current is None or current[0] != transcript_id:
                raise UserError("The transcript changed meanwhile; try again.")
            changed = []
            for row, segment in zip(rows, segments):
                segment.speaker = speakers[segment.id]
                if row.get("speaker") != segment.speaker:
                    changed.append(segment.id)
                row["speaker"] = segment.speaker
                if not row.get("voice") or source != "stored voice prints":  # prints made from the audio are kept
                    row["voice"], row["voice_model"] = segment.voice, segment.voice_model
            # The new naming's own warning replaces the old one (a profile that did not decide).
            conn.execute("UPDATE transcripts SET segments_json = ?, updated_at = ?, naming_check = ? WHERE id = ?",
                         (json.dumps(rows), self.clock.iso(), naming.check, transcript_id))
            affected = self._labels._follow_in_draft(conn, appointment_id, speakers, set(changed)) if changed else ()
            self.audit.append(conn, "transcript_voices_recounted", entity="appointment", entity_id=appointment_id,
                              client_id=current[1], detail=f"transcript {transcript_id}: {count} voice(s) from "
                                                           f"{source}, named by {naming.method} "
                                                           f"({len(changed)} line(s) changed)")
        return SpeakerChange(appointment_id, transcript_id, tuple(changed), tuple(affected))

    def _newest(self, appointment_id: int) -> tuple[int, str | None, list[dict]]:
        with self.db.read() as conn:
            row = conn.execute("SELECT id, recording_id, segments_json FROM transcripts WHERE appointment_id = ? "
                               "ORDER BY id DESC LIMIT 1", (appointment_id,)).fetchone()
        if row is None:
            raise NotFound(f"Session {appointment_id} has no transcript yet.")
        return row[0], row[1], json.loads(row[2])

    def _prints_from_audio(self, segments, recording_id: str | None) -> None:
        """Voice prints made again from the sealed recording (decrypted in memory, audited)."""
        from session_assistant.transcribe.speakers import attach_voice_features

        if not recording_id:
            raise UserError("This transcript has no stored voice prints and no recording: the number of voices "
                            "cannot change. Name lines by hand instead.")
        try:
            reader = self.recordings.open_reader(recording_id, "speaker work")
        except UserError:
            raise UserError("The recording's audio is gone (shredded) and this transcript has no stored voice "
                            "prints: the number of voices cannot change. Name lines by hand instead.") from None
        if reader.channels == 2:
            raise UserError("This session was recorded as a call: each channel is one person, named by its "
                            "channel. Name lines by hand if someone else spoke.")
        audio = reader.read_float32()
        attach_voice_features(segments, audio, encoder=self._encoder())

    def _made_by_another_encoder(self, segments) -> bool:
        """Whether the stored prints are another speaker encoder's than the one in use now (rows
        without a model are GE2E's, the only encoder before; MFCC rows have under 64 numbers)."""
        current = getattr(self._encoder(), "model_id", None)
        made = {s.voice_model or LEGACY_MODEL for s in segments if s.voice and len(s.voice[0]) - 2 >= 64}
        return current is not None and bool(made) and made != {current}

    def _encoder(self):
        if self._encoder_loader is not None:
            return self._encoder_loader()
        from session_assistant.transcribe.voice_encoder import load_encoder

        return load_encoder(self.models_dir)  # None: the MFCC fallback, as at transcription


def _per_line(segments, pieces) -> dict[int, str]:
    """Each original line's speaker: the voice of most of its words (by time) among the pieces."""
    speakers = {}
    for segment in segments:
        weights: dict[str, float] = {}
        for piece in pieces:
            overlap = min(segment.end, piece.end) - max(segment.start, piece.start)
            if overlap > 0 and piece.speaker:
                weights[piece.speaker] = weights.get(piece.speaker, 0.0) + overlap
        speakers[segment.id] = max(weights, key=weights.get) if weights else (segment.speaker or "clinician")
    return speakers
