"""A weekday the model moved onto another event is taken out of its sentence (``event_days``): the
transcript ties each day to the words nearest it, and a day none of the sentence's event words are
tied to, while they are tied to another day, is the wrong one. Hand-written sessions and sentences
(no model)."""

from __future__ import annotations

from session_assistant.drafting.event_days import DAY_REMOVED, WRONG_DAY, without_wrong_days, wrong_days
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

# Two events in one line, each with its own day: the audition is Friday, the panic was Tuesday.
SESSION = parse_transcript("""Clinician: How has the week been?
Client: Rough. I froze at rehearsal on Tuesday, and the audition itself is on Friday at the theatre.
Clinician: What happened on Tuesday?
Client: My hands shook so much I dropped the violin bow. I had to leave the stage.
Clinician: And how are you feeling about the audition?
Client: Terrified. I keep picturing the panel.
Clinician: Monday, Wednesday and Saturday, could you practise in front of your flatmate?
Client: Yes, Monday, Wednesday and Saturday. In the kitchen.""")
SOURCE = SourceIndex(SESSION)


def test_a_day_moved_from_one_event_to_another_is_found_and_the_right_days_pass():
    assert wrong_days("The client is preparing for an audition at the theatre on Tuesday.", SOURCE) == ["tuesday"]
    # the day the session gives each event, and an answer to "what happened on Tuesday?" that names no day
    assert wrong_days("The client has an audition at the theatre on Friday.", SOURCE) == []
    assert wrong_days("The client dropped the violin bow on Tuesday and left the stage.", SOURCE) == []
    # a list of days given to one task, in another order
    assert wrong_days("The client will practise in front of the flatmate in the kitchen on Saturday.", SOURCE) == []
    # a day the session ties to nothing the sentence says is left alone
    assert wrong_days("The client felt terrified on Sunday.", SOURCE) == []


def test_the_wrong_day_is_taken_out_with_its_preposition_and_nothing_is_put_in_its_place():
    text, removed = without_wrong_days("The client is preparing for an audition at the theatre on Tuesday.", SOURCE)
    assert (text, removed) == ("The client is preparing for an audition at the theatre.", ["tuesday"])
    # a day that is the sentence's subject cannot come out: the sentence is left whole for the withholding flag
    for whole in ("Tuesday is the audition at the theatre.", "The audition at the theatre is on Tuesday."):
        assert without_wrong_days(whole, SOURCE) == (whole, [])


def test_in_the_draft_the_sentence_keeps_its_event_without_the_day_flagged_for_the_clinician():
    raw = {"subjective": [{"text": "The client reported being worried about the audition at the theatre on Tuesday.",
                           "evidence": [2]},
                          {"text": "The client said the audition at the theatre is on Tuesday.", "evidence": [2]}],
           "objective": [], "assessment": [], "plan": []}
    draft = assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m", mode="direct",
                     warnings=[], subject="client")
    kept = [s for s in draft.sentences if s.origin == "model"]
    assert [s.text for s in kept] == ["The client reported being worried about the audition at the theatre."]
    assert any(f.startswith(DAY_REMOVED) for s in kept for f in s.flags)
    assert any(f.startswith(WRONG_DAY) for s in draft.withheld for f in s.flags)
