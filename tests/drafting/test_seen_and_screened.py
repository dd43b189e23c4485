"""The Objective holds what the transcript shows the client doing in the room (tears, laughter, a long
silence), never a finding nobody saw, and names a risk screen as work done when the clinician asked;
short transcripts in other words than the evaluation sessions."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.room_seen import seen_in_room, seen_sentence
from session_assistant.drafting.session_facts import detect_interventions, risk_screen
from session_assistant.drafting.transcript_input import parse_transcript


def _objective(text: str) -> list[str]:
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(parse_transcript(text)), None, "client")
    return [line.text for line in lines if line.section == "objective"]


ALLOTMENT = ("Clinician: How was the allotment this week?\n"
             "Client: (laughs) Overrun with slugs, honestly.\n"
             "Clinician: And your sister's visit?\n"
             "Client: (long pause) She didn't come. Again.\n"
             "Clinician: That sounds hard.\n"
             "Client: Sorry. I can't believe I'm crying over a cancelled lunch with my sister.\n"
             "Clinician: Take your time, there are tissues beside you.\n"
             "Client: (laughs a little) I'm alright. It's silly.\n")


def test_tears_laughter_and_a_long_silence_marked_in_the_transcript_are_seen_in_the_objective():
    found = seen_in_room(parse_transcript(ALLOTMENT))
    assert [seen.what for seen in found] == ["tearful", "laughed", "a long pause"]
    assert seen_sentence(found) == ("Seen in session, as the transcript marks it: tearful (\"I can't believe I'm crying "
                                    "over a cancelled lunch with my sister.\"); laughed at times; a long pause before answering.")
    assert found[0].lines == [5]  # the client's line the tissues answer is the tearful one, cited once
    assert any(text.startswith("Seen in session, as the transcript marks it: tearful") for text in _objective(ALLOTMENT))


def test_nothing_is_seen_that_the_transcript_does_not_mark():
    # A plain "(pause)", one laugh, the client's report of crying at home, the clinician's own laugh and
    # a parent's sigh are not findings about the client in the room.
    plain = parse_transcript("Clinician: (laughs) Fair enough. How's the week been?\n"
                             "Client: (pause) I cried a lot on Tuesday, at home.\n"
                             "Mother: (sighs) She did.\n"
                             "Client: (laughs) Mum, stop.\n")
    assert seen_in_room(plain) == []
    assert not any(text.startswith("Seen in session") for text in _objective(
        "Clinician: How's the week been?\nClient: (pause) I cried a lot on Tuesday, at home.\n"))


def test_a_tearful_line_that_says_risk_is_not_quoted_but_still_seen():
    risky = parse_transcript("Clinician: What went through your mind?\n"
                             "Client: (crying) I'm crying because I kept thinking I want to kill myself.\n")
    found = seen_in_room(risky, mentions_risk)
    assert [(seen.what, seen.quote) for seen in found] == [("tearful", "")]


def test_a_risk_screen_the_clinician_asked_is_named_as_work_done_with_what_was_asked():
    session = parse_transcript("Clinician: We'll look at the budget sheet first.\nClient: Okay.\n"
                               "Clinician: With everything going on, any thoughts of ending your life?\n"
                               "Client: No, nothing like that.\n")
    screen = risk_screen(session, detect_interventions(session))
    assert screen is not None and screen.approach == "risk screen" and screen.evidence == [2]
    assert screen.techniques == ["suicidal ideation asked about"]
    assert any("risk screen (suicidal ideation asked about)" in text for text in _objective(
        "Clinician: We'll look at the budget sheet first.\nClient: Okay.\n"
        "Clinician: With everything going on, any thoughts of ending your life?\nClient: No, nothing like that.\n"))


def test_risk_words_the_client_volunteers_are_no_screen():
    # Nobody asked: "dying of embarrassment" and a client's own mention are not a screen the clinician did.
    session = parse_transcript("Clinician: How was the presentation?\n"
                               "Client: I was dying of embarrassment. My brother once said he wanted to kill himself.\n"
                               "Clinician: That must have been frightening for you.\nClient: It was.\n")
    assert risk_screen(session, detect_interventions(session)) is None
