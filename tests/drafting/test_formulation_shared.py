"""The clinician's formulation said aloud and checked with the client is the Assessment's analysis, and the
client's answer to it is the response; a body seen in the room, a plan, a rating asked or risk talk is not it."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.formulation_shared import FORMULATION_OPENING, formulations_sentence, formulations_shared
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk, scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript


def _shared(text: str, already=""):
    return formulations_shared(parse_transcript(text), mentions_risk, already)


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


def test_words_another_rule_line_quotes_are_not_quoted_again():
    text = ("Clinician: It sounds like you and your dad are stuck in the same argument every night.\n"
            "Client: Every single night. It wears me out.")
    assert _shared(text)[0][1] == [("client", "Every single night. It wears me out.")]
    assert _shared(text, already='Client\'s account: "Every single night."')[0][1] == []
    assert _shared(text, already='Pattern: "It sounds like you and your dad are stuck in the same argument every night."') == []


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


def test_the_chain_put_back_and_the_pattern_named_again_are_formulations():
    found = _shared("Clinician: So on Friday, Ali was feeling left out at the dinner, and what he did was go quiet and check his phone. "
                    "And you, Jen, took the quiet as sulking.\n"
                    "Client: That's about it.\n"
                    "Clinician: This is what we talked about last month. Neither of you is the problem; the quiet and the push feed each other. "
                    "Does that fit?\n"
                    "Partner: It does.")
    assert [said.split(",")[0].split(".")[0] for said, _, _ in found] == ["So on Friday", "This is what we talked about last month"]
    assert [answers for _, answers, _ in found] == [[("client", "That's about it.")], [("partner", "It does.")]]


def test_a_reframe_is_quoted_but_an_answer_to_the_plan_after_it_is_not_its_response():
    found = _shared("Clinician: It's not that she's being naughty on purpose. She's four. It's just that shouting got her the biscuit. "
                    "What we're going to do today is make sure shouting stops paying off.\n"
                    "Client: Good, because bedtime is a nightmare too.")
    assert found == [("It's not that she's being naughty on purpose. She's four. It's just that shouting got her the biscuit.", [], [0])]


def test_an_explanation_of_a_step_taken_is_no_formulation():
    assert _shared("Clinician: It is because the school raised it that I have to call, and I'm telling you first.\n"
                   "Client: Fine.") == []


def test_a_pattern_put_tentatively_is_a_formulation_but_a_wondered_plan_is_not():
    found = _shared("Clinician: So what seems to happen is the bank letter comes, you stop opening post, and the pile makes it worse.\n"
                    "Client: Yeah, that's me.\n"
                    "Clinician: I wonder if part of the anger at your sister is about feeling left to do it all.\n"
                    "Client: Maybe. Probably.\n"
                    "Clinician: I wonder if we could open one letter together next time.\n"
                    "Client: Okay.")
    assert [said.split(",")[0] for said, _, _ in found] == ["So what seems to happen is the bank letter comes",
                                                            "I wonder if part of the anger at your sister is about feeling left to do it all."]
    assert [answers for _, answers, _ in found] == [[("client", "Yeah, that's me.")], [("client", "Maybe. Probably.")]]
