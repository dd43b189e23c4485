"""A word the sentence length limit glued to the one before ("bring thebook": near the limit only a
token without its leading space fits) is parted again in the note; a compound word the session does
not say ("workbook") is left as the model wrote it. Hand-written session and model output (no model)."""

from __future__ import annotations

from session_assistant.drafting.formats import SENTENCE_MAX_CHARS, get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.length_limit import unglued
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: What would help you get started on the reading?
Client: If I bring the book to the library and sit by the window, I might actually open it.
Clinician: And the work sheet from today, will you fill it in?
Client: Yes, on the bus home.""")


def _at_limit(head: str, tail: str) -> str:
    """``head`` padded with filler words so that ``tail`` ends exactly at the length limit."""
    filler = " and the window"
    text = head
    while len(text) + len(filler) + len(tail) <= SENTENCE_MAX_CHARS:
        text += filler
    return (text + tail).ljust(SENTENCE_MAX_CHARS - len(tail))[:SENTENCE_MAX_CHARS - len(tail)] + tail


def test_a_word_glued_at_the_limit_is_parted_and_a_compound_is_not():
    glued = _at_limit("The client will sit by the window", " and bring thebook")
    assert len(glued) == SENTENCE_MAX_CHARS
    [fixed] = unglued([{"text": glued, "evidence": [1]}], SourceIndex(SESSION).text)
    assert fixed["text"].endswith("bring the book")
    compound = _at_limit("The client will sit by the window", " and fill in the workbook")
    assert unglued([{"text": compound}], SourceIndex(SESSION).text)[0]["text"] == compound
    # short of the limit the model chose its tokens freely: left alone
    assert unglued([{"text": "The client will bring thebook"}], SourceIndex(SESSION).text)[0]["text"].endswith("thebook")


def test_in_the_draft_the_sentence_the_limit_split_reads_with_the_word_parted():
    first = _at_limit("The client will sit by the library window", " and bring thebook")
    raw = {"subjective": [], "objective": [], "assessment": [],
           "plan": [{"text": first, "evidence": [1]}, {"text": "to the library to read it.", "evidence": [1]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(SESSION), scan_transcript(SESSION), model="m",
                     mode="direct", warnings=[], subject="client")
    texts = " ".join(s.text for s in draft.sentences + draft.withheld + draft.dropped)
    assert "thebook" not in texts and "bring the book to the library" in texts
