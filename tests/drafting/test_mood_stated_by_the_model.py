"""Mood and affect stated in the note's own voice ("The client's mood was low, and their affect was somatic")
are the clinician's findings for the mental-status checklist, never the model's: withheld unless a clinician
line says them (lead, session 21: read in unseen 76 after measuring it)."""

from __future__ import annotations

from session_assistant.drafting.claim_support import unsaid_observation
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript

_SESSION = SourceIndex(parse_transcript("""Clinician: How have you been feeling?
Client: Low. Empty, really. Tired all the time.
Clinician: You sound worn out today."""))


def test_mood_and_affect_in_the_notes_voice_need_the_clinicians_words():
    assert unsaid_observation("The client's mood was low and depressed, and their affect was constricted.", _SESSION)


def test_what_the_clinician_said_stands():
    assert not unsaid_observation("Their affect was worn and tired.", SourceIndex(parse_transcript(
        "Clinician: You look worn and tired today.\nClient: I am.")))
