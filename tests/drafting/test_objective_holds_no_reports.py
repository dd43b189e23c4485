"""Objective holds what the clinician observed, the measures, the work done in the room and the
interventions; the client's week goes to Subjective (issue 16's content standard; the lead's reading of
session 44, where "Jordan reported that he had been at his cousin's all day ... Client did not think
about it." stood in Objective). Hand-made drafts, no model. Each assertion about a move, and about the
quote, fails on main before this branch."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_said import client_quotes
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: Hey Sam. How was the week with the checking?
Client: Tuesday I was at my brother's all day, helping him paint. I didn't really think about it.
Clinician: Busy, with people, and the checking drops off. And Saturday?
Client: Saturday I was getting ready for a party for hours. Shower, make-up, then off again, then on again.
Clinician: Have you had any thoughts of ending your life this week?
Client: No. Saturday I was stressed, I was angry at my face, but no.
Clinician: Okay. I noticed you kept your hood up when you came in.
Client: I woke up and my skin was bad and I thought, not today.
Clinician: Not today. The bad skin day decides.""")


def _assemble(raw):
    return assemble(get_format("soap"), raw, SourceIndex(SESSION), scan_transcript(SESSION), model="m",
                    mode="direct", warnings=[], subject="client")


def _model(draft, key):
    return [s.text for s in draft.section_sentences(key) if s.origin == "model"]


def test_a_report_with_the_clients_name_as_subject_moves_to_subjective_with_its_lines():
    draft = _assemble({"objective": [{"text": "Sam reported that he had been at his brother's all day, helping him paint.",
                                      "evidence": [1]}]})
    assert _model(draft, "objective") == []
    moved = [s for s in draft.section_sentences("subjective") if s.origin == "model"]
    # "Sam" is the name the clinician calls the client: the note says "The client" (client_name, therapy16p).
    assert [s.text for s in moved] == ["The client reported that they had been at their brother's all day, helping him paint."]
    assert moved[0].evidence == [1]


def test_the_next_sentence_of_the_same_report_moves_with_it():
    draft = _assemble({"objective": [{"text": "Sam reported that he was getting ready for a party for hours on Saturday. "
                                              "He was showering, then the make-up on, then off again, then on again.",
                                      "evidence": [3]}]})
    assert _model(draft, "objective") == []
    assert len(_model(draft, "subjective")) == 2


def test_what_was_seen_in_the_room_after_a_report_stays_in_objective():
    draft = _assemble({"objective": [{"text": "Sam reported that he was getting ready for a party for hours on Saturday. "
                                              "He kept his hood up in the session.", "evidence": [3, 6]}]})
    assert [t for t in _model(draft, "objective") if "hood up in the session" in t] == _model(draft, "objective") != []


def test_a_sentence_with_the_clinician_as_subject_stays_put():
    draft = _assemble({"objective": [{"text": "The clinician noticed the hood was kept up for the whole session.",
                                      "evidence": [6]}]})
    assert _model(draft, "objective") == ["The clinician noticed the hood was kept up for the whole session."]


def test_the_answer_to_a_risk_question_is_not_the_clients_quote():
    quoted = [text for text, _ in client_quotes(SESSION, mentions_risk)]
    assert "Saturday I was stressed, I was angry at my face, but no." not in quoted


def test_two_closing_words_said_back_mark_the_quote_but_an_amount_said_back_does_not():
    quoted = [text for text, _ in client_quotes(SESSION, mentions_risk)]
    assert "I woke up and my skin was bad and I thought, not today." in quoted
    amount = parse_transcript("Client: I thought about it for like an hour.\nClinician: An hour. And then?")
    assert client_quotes(amount, mentions_risk) == []


def test_an_observation_given_to_the_clinician_that_cites_only_the_clients_lines_is_withheld():
    draft = _assemble({"objective": [{"text": "The clinician observed that the client was stressed and angry at his face.",
                                      "evidence": [5]}]})
    assert _model(draft, "objective") == []
    assert any("report_as_observation" in s.flags for s in draft.withheld)
    seen = _assemble({"objective": [{"text": "The clinician noticed that the client kept his hood up.", "evidence": [6]}]})
    assert not any("report_as_observation" in s.flags for s in seen.withheld)
