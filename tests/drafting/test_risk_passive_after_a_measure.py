"""Passive ideation asked about after a questionnaire, as a clinician does it: the item read aloud
("I made plans to end my life." - "Not at all."), then the hopelessness taken up ("Sometimes when people
feel hopeless, they have thoughts of not wanting to go on, even without any plans. Has that been there
for you?" - "...Yes. Some nights."). The note must never say suicidal ideation was denied: the item is a
denied screen of plans, the wish is endorsed (passive), and the later "No plan." denies a plan."""

from __future__ import annotations

from session_assistant.drafting.risk import DENIED, ENDORSED, scan_transcript
from session_assistant.drafting.risk_note import risk_sentences
from session_assistant.drafting.transcript_input import parse_transcript

_SESSION = (
    "Clinician: \"I have felt despairing or hopeless.\"\nClient: Often.\n"
    "Clinician: \"I made plans to end my life.\"\nClient: Not at all.\n"
    "Clinician: That comes to twenty. I want to go back to one of those. Sometimes when people feel hopeless, they have "
    "thoughts of not wanting to go on, even without any plans. Has that been there for you?\n"
    "Client: ...Yes. Some nights.\n"
    "Clinician: Can you tell me about it?\n"
    "Client: I lie awake and think it would be easier if I just didn't wake up.\n"
    "Clinician: And have you thought about how you might end your life, or done anything towards it?\n"
    "Client: No. No plan. I wouldn't do that to my daughter.\n")


def test_the_read_item_is_a_denied_screen_and_the_wish_is_endorsed_passive():
    lines = parse_transcript(_SESSION)
    items = scan_transcript(lines)
    by_line = {(i.segment_id, i.category): (i.status, i.detail) for i in items}
    assert by_line.get((3, "suicidal_ideation")) == (DENIED, ""), items
    assert by_line.get((5, "suicidal_ideation")) == (ENDORSED, "passive"), items


def test_the_note_says_passive_ideation_endorsed_and_never_that_ideation_was_denied():
    lines = parse_transcript(_SESSION)
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, scan_transcript(lines)))
    assert "passive suicidal ideation endorsed" in said, said
    assert "suicidal ideation denied" not in said.replace("active suicidal ideation denied", ""), said


def test_a_sisters_anger_at_a_missed_wedding_is_no_abuse_but_a_threat_to_leave_still_is():
    # unseen 108: "Client reported abuse" and "Risk: abuse reported" of a wedding the client fears to fly to
    said = parse_transcript("Client: Jen says if I bail on my own sister's wedding she'll kill me, and she's not wrong.\n")
    assert scan_transcript(said) == []
    threat = parse_transcript("Client: He said if I leave he'll kill me. I believe him.\n")
    assert [i.category for i in scan_transcript(threat)] == ["abuse"]


def test_a_past_told_without_a_yes_or_a_no_is_past_self_harm_reported():
    # unseen 112: "self-harm asked about, client answered (...)" of a student who cut at fourteen
    lines = parse_transcript("Clinician: Have you ever had thoughts of harming yourself, yourself?\n"
                             "Client: Me? Um. I used to. When I was fourteen, till about fifteen or sixteen.\n"
                             "Clinician: And now?\nClient: No. Not for years.\n")
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", lines, scan_transcript(lines)))
    assert "past self-harm reported" in said, said
    assert "client answered" not in said, said
