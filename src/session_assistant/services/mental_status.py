"""The clinician's mental status checklist, written into a draft note's observation field.

The lines are the clinician's (drafting.mental_status renders them); they go through the note
service's one writer path (``NoteService.set_field``: refused on a signed note, audited) and never
change the note's AI marker, its model or the draft's evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from session_assistant.drafting.mental_status import MentalStatus, parse_block, target_field, write_block
from session_assistant.errors import ImmutableRecord
from session_assistant.services.notes import NoteService


@dataclass(frozen=True)
class MentalStatusWrite:
    field: str  # the note field that now holds the block
    text: str  # that field's whole new text


class MentalStatusService:
    def __init__(self, notes: NoteService) -> None:
        self._notes = notes

    def current(self, note_id: int) -> MentalStatus | None:
        """The findings the note holds now (None when the checklist was never used on it)."""
        note = self._notes.get(note_id)
        for name in [f["name"] for f in note["template"]]:
            found = parse_block(note["fields"].get(name, ""))
            if found is not None:
                return found
        return None

    def record(self, note_id: int, status: MentalStatus) -> MentalStatusWrite:
        """Replace the note's checklist block with ``status`` (an empty status removes it).

        Raises:
            ImmutableRecord: the note is signed (a correction is an addendum).
        """
        note = self._notes.get(note_id)
        if note["status"] == "signed":
            raise ImmutableRecord(f"Note {note_id} is signed; its mental status cannot change. Add an addendum.")
        field = target_field(note["template"], note["fields"])
        holder = next((name for name in note["fields"] if parse_block(note["fields"][name]) is not None), field)
        text = write_block(note["fields"].get(holder, ""), status)
        if text != note["fields"].get(holder, ""):
            self._notes.set_field(note_id, holder, text)  # never passes ai_model: these are not AI lines
        return MentalStatusWrite(holder, text)
