"""A questionnaire read aloud item by item: a model sentence that only retells its items and answers is
withheld beside the note (session 43's CORE-10 became "Client denied having felt the clinician has
someone to turn to ..."); a single quoted sentence is no questionnaire, and a sentence that also rests
on other lines stays. Hand-written model sentences (no model)."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.questionnaire_read import QUESTIONNAIRE_ITEM, questionnaire_lines
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: I'll read the items and you give me the answer, over the last two weeks.
Client: Fine.
Clinician: "Little interest or pleasure in doing things." Not at all, several days, more than half the days, or nearly every day.
Client: More than half the days.
Clinician: "Feeling down, depressed or hopeless."
Client: Several days. Mostly Sundays.
Clinician: And "trouble falling or staying asleep, or sleeping too much."
Client: Nearly every day. I'm up at three most nights.
Clinician: That adds up to twelve. The walking plan, how did that go?
Client: I walked the dog four mornings and felt lighter afterwards.""")


def _draft(raw):
    return assemble(get_format("soap", "client"), raw, SourceIndex(SESSION), [], model="m", mode="direct",
                    warnings=[], subject="client")


def test_the_items_and_their_answers_are_the_questionnaire_lines():
    assert questionnaire_lines(SESSION) == {2, 3, 4, 5, 6, 7}
    one_quote = parse_transcript('Clinician: Your mum said "you never listen", you told me.\nClient: She did.')
    assert questionnaire_lines(one_quote) == set()


def test_a_sentence_retelling_only_the_items_is_withheld_and_one_resting_on_other_lines_stays():
    retold = "Client denied feeling down, depressed or hopeless on several days."
    walked = "Client walked the dog on four mornings and felt lighter afterwards."
    draft = _draft({"subjective": [{"text": retold, "evidence": [4, 5]}, {"text": walked, "evidence": [9]}]})
    assert retold not in draft.sections["subjective"] and walked in draft.sections["subjective"]
    assert [(s.text, QUESTIONNAIRE_ITEM in s.flags) for s in draft.withheld] == [(retold, True)]
