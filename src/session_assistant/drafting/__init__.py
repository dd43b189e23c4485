"""Note drafting (no Qt): grounded SOAP/DAP/BIRP/GIRP drafts from transcripts with llama.cpp.

Entry points: ``NoteModel`` (load once, reuse), ``draft_note`` (one shot), ``DraftAccumulator``
(incremental while recording, then ``finish()``), ``enhance_note`` and ``refine_draft``.
"""

from session_assistant.drafting.accumulator import DraftAccumulator, JsonFileStore, MemoryStore
from session_assistant.drafting.draft_result import Draft, DraftSentence
from session_assistant.drafting.drafter import draft_note
from session_assistant.drafting.enhance import enhance_note, refine_draft
from session_assistant.drafting.formats import NOT_DISCUSSED, UnknownFormat, format_names, get_format
from session_assistant.drafting.note_model import ContextExceeded, NoteModel
from session_assistant.drafting.risk import RiskItem, scan_transcript
from session_assistant.drafting.transcript_input import (TranscriptUnreadable, Utterance, load_transcript,
                                                        parse_transcript, require_words)

__all__ = [
    "ContextExceeded", "Draft", "DraftAccumulator", "DraftSentence", "JsonFileStore", "MemoryStore",
    "NOT_DISCUSSED", "NoteModel", "RiskItem", "TranscriptUnreadable", "UnknownFormat", "Utterance",
    "draft_note", "enhance_note", "format_names", "get_format", "load_transcript", "parse_transcript",
    "refine_draft", "require_words", "scan_transcript",
]
