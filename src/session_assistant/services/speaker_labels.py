"""Who said it, corrected by the clinician: swap clinician and client, or reassign one line.

A note is only as true as its transcript's speaker names, and voice clustering gets some wrong.
Each change is one vault transaction: the stored transcript's segments, the speaker of the
newest draft's risk items that cite a changed line (a screening question asked by the clinician
reads differently from the client's own words), and one audit row. A session whose note is signed
is refused: its transcript is part of the signed record. The draft's sentences are not redrafted
here; the change reports which sections cite a changed line, so the clinician can choose to
redraft them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from session_assistant.errors import ImmutableRecord, NotFound, UserError
from session_assistant.services.base import Service
from session_assistant.vault.writer import writes

CLINICIAN, CLIENT = "clinician", "client"  # the labels transcribe.speakers writes
SWAP = {CLINICIAN: CLIENT, CLIENT: CLINICIAN}


@dataclass(frozen=True)
class SpeakerChange:
    """What one correction changed."""

    appointment_id: int
    transcript_id: int
    changed: tuple[int, ...]  # segment ids whose speaker is different now
    affected_sections: tuple[str, ...]  # draft section keys with a sentence citing a changed line

    def to_dict(self) -> dict:
        return {"appointment_id": self.appointment_id, "transcript_id": self.transcript_id,
                "changed_segments": list(self.changed), "affected_sections": list(self.affected_sections)}


def speaker_name(label: str | None) -> str:
    """How a stored label is shown: "clinician" -> "Clinician", "client 2" -> "Client 2"; an unknown
    voice stays as it is."""
    return (label or "").strip().capitalize() if is_known_label(label) else (label or "")


def is_known_label(label: str | None) -> bool:
    """The labels ``transcribe.speakers`` writes: clinician, client, client 2, client 3, ..."""
    text = (label or "").strip()
    return text in (CLINICIAN, CLIENT) or bool(re.fullmatch(r"client [2-9]", text))


class SpeakerLabelService(Service):
    def speaker_check(self, appointment_id: int) -> str:
        """The newest transcript's warning to check the speaker names (``SpeakerNaming.check``: a voice
        profile that did not decide them), stored with the transcript until a speaker is corrected; else ''."""
        with self.db.read() as conn:
            row = conn.execute("SELECT naming_check FROM transcripts WHERE appointment_id = ? "
                               "ORDER BY id DESC LIMIT 1", (appointment_id,)).fetchone()
        return row[0] if row else ""

    def swap_speakers(self, session: int | str) -> SpeakerChange:
        """Swap Clinician and Client on every line of the session's transcript (others untouched).

        ``session`` is an appointment id or the id of the recording the transcript came from.

        Raises:
            NotFound: no such session or no transcript. ImmutableRecord: the session's note is signed.
        """
        return self._change(session, lambda segment: SWAP.get(segment.get("speaker"), segment.get("speaker")),
                            "transcript_speakers_swapped", "swapped clinician and client")

    def reassign_segment(self, session: int | str, segment_id: int, speaker: str) -> SpeakerChange:
        """Name one line's speaker: ``speaker`` is "clinician", "client", or "client 2", "client 3", ...
        in a session with more voices.

        Raises:
            UserError: an unknown speaker or segment. NotFound, ImmutableRecord: as ``swap_speakers``.
        """
        wanted = " ".join(str(speaker).strip().lower().split())
        if not is_known_label(wanted):
            raise UserError(f"Speaker must be 'clinician' or 'client' (or 'client 2' to 'client 9' with more voices), "
                            f"not '{speaker}'.")
        try:
            target = int(segment_id)
        except (TypeError, ValueError):
            raise UserError(f"'{segment_id}' is not a line number of the transcript.") from None
        return self._change(session, lambda s: wanted if s.get("id") == target else s.get("speaker"),
                            "transcript_segment_reassigned", f"line {target} to {wanted}", must_hit=target)

    def locked(self, session: int | str) -> bool:
        """True when the session's note is signed (its speakers can no longer change)."""
        with self.db.read() as conn:
            appointment_id, _client = self._appointment(conn, session)
            return self._signed(conn, appointment_id)

    @staticmethod
    def _signed(conn, appointment_id: int) -> bool:
        return conn.execute("SELECT 1 FROM progress_notes WHERE appointment_id = ? AND status = 'signed'",
                            (appointment_id,)).fetchone() is not None

    # ---- one transaction per change ---------------------------------------------------------------
    @writes
    def _change(self, session, relabel, action: str, detail: str, must_hit: int | None = None) -> SpeakerChange:
        with self.db.transaction() as conn:
            appointment_id, client_id = self._appointment(conn, session)
            if self._signed(conn, appointment_id):
                raise ImmutableRecord(f"The note of session {appointment_id} is signed: its transcript is part of "
                                      "the signed record and its speakers cannot change. Add an addendum instead.")
            row = conn.execute("SELECT id, segments_json FROM transcripts WHERE appointment_id = ? "
                               "ORDER BY id DESC LIMIT 1", (appointment_id,)).fetchone()
            if row is None:
                raise NotFound(f"Session {appointment_id} has no transcript yet.")
            transcript_id, segments = row[0], json.loads(row[1])
            if must_hit is not None and all(s.get("id") != must_hit for s in segments):
                raise UserError(f"The transcript of session {appointment_id} has no line {must_hit}.")
            changed = []
            for segment in segments:
                new = relabel(segment)
                if new != segment.get("speaker"):
                    segment["speaker"] = new
                    changed.append(segment["id"])
            if not changed:
                return SpeakerChange(appointment_id, transcript_id, (), ())
            # The clinician has looked at the names: the warning to check them is done with.
            conn.execute("UPDATE transcripts SET segments_json = ?, updated_at = ?, naming_check = '' WHERE id = ?",
                         (json.dumps(segments), self.clock.iso(), transcript_id))
            affected = self._follow_in_draft(conn, appointment_id, {s["id"]: s.get("speaker") for s in segments},
                                             set(changed))
            self.audit.append(conn, action, entity="appointment", entity_id=appointment_id, client_id=client_id,
                              detail=f"transcript {transcript_id}: {detail} ({len(changed)} line(s))")
        return SpeakerChange(appointment_id, transcript_id, tuple(changed), affected)

    def _appointment(self, conn, session) -> tuple[int, int]:
        """(appointment id, client id) for an appointment id or a recording id."""
        text = str(session).strip()
        if text.isdigit():
            row = conn.execute("SELECT id, client_id FROM appointments WHERE id = ?", (int(text),)).fetchone()
        else:
            row = conn.execute("SELECT a.id, a.client_id FROM transcripts t JOIN appointments a "
                               "ON a.id = t.appointment_id WHERE t.recording_id = ? ORDER BY t.id DESC LIMIT 1",
                               (text,)).fetchone()
        if row is None:
            raise NotFound(f"No session or recording with id {text}.")
        return row[0], row[1]

    def _follow_in_draft(self, conn, appointment_id: int, speakers: dict[int, str], changed: set[int]) -> tuple:
        """Risk items of the newest draft take the new speaker; returns the sections citing a changed line."""
        row = conn.execute("SELECT id, draft_json FROM session_drafts WHERE appointment_id = ? "
                           "ORDER BY id DESC LIMIT 1", (appointment_id,)).fetchone()
        if row is None:
            return ()
        draft = json.loads(row[1])
        risk = draft.get("risk") or []
        moved = False
        for item in risk:
            if item.get("segment_id") in changed:
                item["speaker"] = speakers.get(item["segment_id"], item.get("speaker"))
                moved = True
        if moved:
            conn.execute("UPDATE session_drafts SET draft_json = ? WHERE id = ?", (json.dumps(draft), row[0]))
        return sections_citing(draft.get("sentences", []), changed, list(draft.get("sections") or {}))


def sections_citing(sentences, changed, order) -> tuple[str, ...]:
    """The section keys (in ``order``) of the sentences whose evidence cites a line in ``changed``;
    sentences are dicts (a stored draft) or DraftSentence objects (the one in the window)."""
    def get(sentence, name):
        return sentence.get(name) if isinstance(sentence, dict) else getattr(sentence, name, None)

    cited = {get(s, "section") for s in sentences if set(changed) & set(get(s, "evidence") or [])}
    return tuple(key for key in order if key in cited) + tuple(sorted(cited - set(order) - {None}))
