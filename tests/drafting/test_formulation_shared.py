"""The clinician's formulation said aloud and checked with the client is the Assessment's analysis, and the
client's answer to it is the response; a body seen in the room, a plan, a rating asked or risk talk is not it."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.formulation_shared import FORMULATION_OPENING, formulations_sentence, formulations_shared
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk, scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript


def _shared(text: str, cited=(), already=""):
    return formulations_shared(parse_transcript(text), mentions_risk, cited, already)


def test_a_formulation_asked_leave_for_is_quoted_from_after_the_ask_with_the_answer():
    found = _shared("Clinician: How did the week go?\n"
                    "Client: I stayed in again. Didn't answer the door.\n"
                    "Clinician: Can I reflect back what I'm hearing? When the shop job fell through, staying in felt safer. "
                    "And the longer you stay in, the smaller the world gets.\n"
                    "Client: (pause) Yeah. That's about right.")
    assert found == [("When the shop job fell through, staying in felt safer. And the longer you stay in, the smaller the world gets.",
                      [("client", "Yeah. That's about right.")], [2, 3])]
    assert formulations_sentence(found).startswith(FORMULATION_OPENING + '"When the shop job')


def test_a_couple_each_answering_the_pattern_named_are_both_the_response():
    found = _shared("Clinician: Priya, what happens then?\n"
                    "Client: I keep asking and asking.\n"
                    "Clinician: And Sam?\n"
                    "Partner: I go out for a drive.\n"
                    "Clinician: I'm noticing that you both want the row to stop. Priya, you chase an answer, and Sam, you leave to cool off. "
                    "Is that fair?\n"
                    "Client: Yes. That's us.\n"
                    "Partner: Pretty much.\n"
                    "Clinician: Shall we look at Tuesday?")
    said, answers, ids = found[0]
    assert said.startswith("I'm noticing that you both want the row to stop.") and "Is that fair" not in said
    assert [answer for _, answer in answers] == ["Yes. That's us.", "Pretty much."] and ids == [4, 5, 6]


def test_an_answer_to_another_question_is_not_the_response():
    found = _shared("Clinician: What I'm noticing is the old pattern, one of you criticises and the other goes silent. "
                    "How tense are you both right now, out of ten?\n"
                    "Client: Six.\n"
                    "Partner: Five.")
    assert found and found[0][1] == []


def test_the_body_seen_in_the_room_a_proposal_and_risk_are_not_a_formulation():
    assert _shared("Clinician: I notice that your hands are shaking and you keep looking at the door.\n"
                   "Client: I'm fine.\n"
                   "Clinician: Can I share my thoughts? I'd like you to try a breathing exercise every morning.\n"
                   "Client: Okay.\n"
                   "Clinician: What I'm hearing is that the thoughts of ending your life come most nights now.\n"
                   "Client: Yes.") == []


def test_a_long_summary_keeps_its_opening_and_the_impression_it_comes_to():
    found = _shared("Clinician: Can I tell you what I'm hearing, and you tell me if it fits? Since the move in spring you've been "
                    "waking at four, off your food, not seeing your brother, and blaming yourself for the business going under, "
                    "over and over, most of every day. The walks you loved have stopped and you've stopped answering calls "
                    "from the few friends who still ring you. You say you feel flat. "
                    "That sounds to me like a depressive episode, and a fairly heavy one. It's treatable.\n"
                    "Client: I thought I was just lazy.")
    said = found[0][0]
    assert said.startswith("Since the move in spring") and " ... That sounds to me like a depressive episode" in said
    assert found[0][1] == [("client", "I thought I was just lazy.")]


def test_a_line_already_quoted_by_another_rule_is_not_quoted_again():
    text = ("Clinician: It sounds like you and your dad are stuck in the same argument every night.\n"
            "Client: Every single night.")
    assert _shared(text)
    assert _shared(text, cited=[0]) == []


WITHDRAWN = parse_transcript("Clinician: How has the week been, Jon?\n"
                             "Client: Quiet. I turned down the pub twice and stayed in my room.\n"
                             "Clinician: Can I offer another way of looking at it? Since the redundancy, staying in keeps the shame "
                             "away for an evening, but it also keeps you from the people who might lift it.\n"
                             "Client: I hadn't seen it as the shame doing it.\n"
                             "Clinician: Next week, one evening out. Would that be okay?\n"
                             "Client: Okay.")


def test_the_formulation_is_the_assessments_and_the_models_retelling_of_it_there_is_dropped():
    raw = {"subjective": [{"text": "The client turned down the pub twice and stayed in his room.", "evidence": [1]}],
           "assessment": [{"text": "Since the redundancy, staying in keeps the shame away but keeps the client from the people who might lift it.",
                           "evidence": [2]}]}
    draft = assemble(get_format("soap"), raw, SourceIndex(WITHDRAWN), scan_transcript(WITHDRAWN), model="m", mode="direct",
                     warnings=[], subject="client")
    line = next(s for s in draft.sentences if s.text.startswith(FORMULATION_OPENING))
    assert line.section == "assessment" and line.evidence == [2, 3]
    assert line.text.endswith('(response, client: "I hadn\'t seen it as the shame doing it.")')
    assessment = [s.text for s in draft.sentences if s.section == "assessment"]
    assert not any(t.startswith("Since the redundancy") for t in assessment)  # said once, in the clinician's words
    assert any(s.section == "subjective" and "pub twice" in s.text for s in draft.sentences)
