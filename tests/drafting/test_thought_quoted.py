"""A client's thought the clinician gave back in the client's words, unquoted ("the worry that
drives it, like I'm going to get sacked"), copied by the model, is quoted in the note, never made the
clinician's ("like the clinician is going to get sacked"). Hand-written session (no model)."""

from __future__ import annotations

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.person_voice import third_person
from session_assistant.drafting.thought_quotes import quoted_thoughts
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: What goes through your mind when the manager emails?
Client: That I'm going to get sacked. Every single time.
Clinician: So we'd work on the checking, and on the thought that drives it, like I'm going to get sacked.
Client: Yeah. That's it.""")
SOURCE = SourceIndex(SESSION)


def test_the_thought_copied_from_the_clinicians_line_is_quoted_not_given_to_the_clinician():
    text = "The work will target the checking and the thought that drives it, like I'm going to get sacked."
    rewritten = third_person(text, [2], SOURCE)
    assert rewritten == 'The work will target the checking and the thought that drives it, like "I\'m going to get sacked".'


def test_a_thought_nobody_said_word_for_word_is_not_quoted():
    text = "The client fears the manager, thinking I will lose the house."
    assert quoted_thoughts(text, SOURCE) == text
