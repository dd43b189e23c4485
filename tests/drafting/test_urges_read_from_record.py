"""Urges of self-harm read back from the client's own record with a rating above nought are the client's
report (endorsed, with the rating, the day, and whether acted on), not a clinician's "mention"; a
reading of nought, or urges asked about with no record, are left to the other rules."""

from __future__ import annotations

from session_assistant.drafting.risk import ENDORSED, scan_transcript
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript

_TRACKER = ("Clinician: Have you got the tracker app open? Let's look at the week.\n"
            "Client: Yep, here.\n"
            "Clinician: Most days the self-harm urges are a nought. But on Wednesday it's a three, out of five.\n"
            "Client: Mm. Wednesday was the exam results.\n"
            "Clinician: And the acted-on box, you've ticked no.\n"
            "Client: No. I held the ice cube instead.\n"
            "Clinician: That's a real skill. What else happened on Wednesday?\n"
            "Client: Just tired mostly.\n")


def test_an_urge_rated_on_the_clients_record_is_endorsed_with_its_rating_and_not_acted_on():
    session = parse_transcript(_TRACKER)
    items = scan_transcript(session)
    read = [i for i in items if i.category == "self_harm" and i.status == ENDORSED]
    assert len(read) == 1 and "read from the client's record" in read[0].label()
    assert not any(i.status == "mentioned" for i in items)
    note = risk_note(session, items)
    assert "self-harm urges rated 3 out of 5 on Wednesday" in note.assessment[0]
    assert "not acted on" in note.assessment[0]
    assert "No. I held the ice cube instead." in note.account[0]


def test_a_record_read_at_nought_endorses_nothing():
    session = parse_transcript("Clinician: Let's go through your diary card.\n"
                               "Client: Okay.\n"
                               "Clinician: The urges to self-harm are zero every day this week.\n"
                               "Client: Yeah, it was a calm week.\n")
    assert not any(i.status == ENDORSED for i in scan_transcript(session))


def test_last_weeks_reading_is_not_this_weeks():
    session = parse_transcript("Clinician: Let's go through your diary card.\n"
                               "Client: Okay.\n"
                               "Clinician: The urges to self-harm are a one on Friday. Last week the highest was a four.\n"
                               "Client: Yeah, better.\n")
    note = risk_note(session, scan_transcript(session))
    assert "rated 1 on Friday" in note.assessment[0] and "4" not in note.assessment[0]


def _read_from_record(text: str) -> list:
    return [i for i in scan_transcript(parse_transcript(text)) if "client's record" in i.label()]


def test_urges_asked_about_without_a_record_are_not_a_record_reading():
    assert not _read_from_record("Clinician: How strong have the urges to self-harm been this week?\n"
                                 "Client: Maybe a three at worst.\n")


def test_a_reading_the_client_disputes_is_not_taken_as_theirs():
    assert not _read_from_record("Clinician: On your log, the self-harm urges show a four on Monday.\n"
                                 "Client: No, that's wrong, I meant to put a one.\n")


def test_a_summary_saying_no_thoughts_of_self_harm_beside_a_sheet_reads_nothing():
    assert not _read_from_record("Clinician: And write the ratings on the sheet, before and after.\n"
                                 "Client: Okay.\n"
                                 "Clinician: Let me sum up. Your score went from 24 to 15, and you practised five days of "
                                 "seven. No thoughts of self-harm. Homework is the same three things. Fair?\n"
                                 "Client: Yes, fair.\n")
