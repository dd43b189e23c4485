"""The client is called one way in a note: "the client", not now the name the clinician used and now
"the client" (the lead's reading of session 44: "Jordan reported feeling distressed ... The client
reported that they had been feeling distressed ..."). Hand-made sessions and drafts, no model. The
assertions on the rewritten sentences fail on integ before branch therapy16p."""

from __future__ import annotations

from session_assistant.drafting.client_name import called_client, client_name
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: Hey Jordan. Come in. How was the week with the checking?
Client: Bad. Two hours a day in the mirror, maybe more. Jordan, you're a mess, that's what I said to myself.
Clinician: Two hours a day. And the shop without the cap?
Client: I went once. It was fine, honestly.
Clinician: Once, and it was fine. What did you predict, Jordan?
Client: That everyone would stare.""")

WITH_PARENT = parse_transcript("""Clinician: Hi, come in, both of you. Lisa, there's a chair there.
Mother: Thanks. She's been dreading this.
Client: Mum.
Clinician: Zoe, how was the week?
Client: Four panic attacks.""")


def _model(raw, session=SESSION):
    draft = assemble(get_format("soap"), raw, SourceIndex(session), scan_transcript(session), model="m",
                     mode="direct", warnings=[], subject="client")
    return [s.text for s in draft.section_sentences("subjective") if s.origin == "model"]


def test_the_name_the_clinician_calls_the_client_is_found():
    assert client_name(SESSION) == "Jordan"


def test_a_session_with_a_parent_in_the_room_names_nobody():
    # "Lisa" is the mother's name, said on the line before the client speaks: whose name is not sure.
    assert client_name(WITH_PARENT) is None


def test_the_name_and_the_client_become_one_way_in_the_part():
    said = _model({"subjective": [
        # not the amounts the client's account line quotes ("Two hours a day in the mirror"): a model sentence
        # saying what a client quote of the part says is dropped (model28), whatever it calls the client
        {"text": "Jordan reported that the week with the checking had been bad.", "evidence": [1]},
        {"text": "The client reported going to the shop without the cap once.", "evidence": [3]},
        {"text": "The session was about Jordan's checking.", "evidence": [0]}]})
    assert said == ["The client reported that the week with the checking had been bad.",
                    "The client reported going to the shop without the cap once.",
                    "The session was about the client's checking."]


def test_a_quote_keeps_the_name_as_said():
    assert called_client('The client said "Jordan, you\'re a mess" to himself.', "Jordan") == \
        'The client said "Jordan, you\'re a mess" to himself.'


def test_without_a_sure_name_the_sentence_stays_as_written():
    said = _model({"subjective": [{"text": "Zoe reported four panic attacks this week.", "evidence": [4]}]}, WITH_PARENT)
    assert said == ["Zoe reported four panic attacks this week."]
