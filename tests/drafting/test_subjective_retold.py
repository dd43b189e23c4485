"""The Subjective says each thing once and judges nothing nobody voiced: a model sentence that only says
again what the part already carries (an earlier sentence, the client's quoted words, the homework the
Plan quotes) is dropped; a closing ", which was <verdict>" whose judging word nobody used is taken off,
one in the session's words stays; the chart's last plan names a homework item once.
Hand-written session and chart (no model)."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext, plan_told_once
from session_assistant.drafting.draft_result import DraftSentence
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.subjective_retold import (JUDGEMENT_REMOVED, RETOLD, subjective_without_retelling,
                                                          without_unsaid_verdict)
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How has the fortnight gone since the move?
Client: I've been tense all the time, and I keep snapping at my brother over nothing.
Clinician: Anything that went differently?
Client: I spoke up at the team lunch on Friday. I said my idea out loud.
Clinician: The boiler is a practical problem, then, something we can plan for.
Client: Yes, I can ring the landlord.
Clinician: For next week: ring the landlord on Monday and write down one snapping moment each day.""")
SOURCE = SourceIndex(SESSION)


def _draft(subjective: list[str]):
    raw = {"subjective": [{"text": t, "evidence": [1, 3]} for t in subjective], "objective": [], "assessment": [],
           "plan": []}
    return assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m", mode="direct",
                    warnings=[], subject="client")


def test_a_verdict_nobody_voiced_is_taken_off_the_sentence():
    text, taken = without_unsaid_verdict("The client spoke up at the team lunch, which was a real breakthrough.", SOURCE)
    assert (text, taken) == ("The client spoke up at the team lunch.", True)


def test_a_verdict_in_the_sessions_words_or_a_report_of_what_it_did_stays():
    kept = "The client can ring the landlord about the boiler, which was a practical problem."
    assert without_unsaid_verdict(kept, SOURCE) == (kept, False)
    told = "The client was tense all the time, which was straining things with his brother."
    assert without_unsaid_verdict(told, SOURCE) == (told, False)


def test_a_sentence_told_again_with_a_verdict_is_dropped_and_the_first_keeps_its_place():
    draft = _draft(["Client reported feeling tense and snapping at their brother.",
                    "The client spoke up at the team lunch on Friday, which was a real breakthrough.",
                    "Client was tense and snapping at their brother, which was unusual since the move."])
    said = [s.text for s in draft.sentences if s.origin == "model" and s.section == "subjective"]
    assert said == ["Client reported feeling tense and snapping at their brother.",
                    "The client spoke up at the team lunch on Friday."]
    assert any(JUDGEMENT_REMOVED in s.flags for s in draft.sentences)
    assert any(s.text.startswith("Client was tense and snapping") for s in draft.dropped)


def test_a_sentence_retelling_the_quoted_words_or_the_plans_homework_is_dropped():
    part = [DraftSentence("subjective", "The client reported feeling like a spare part at work.", [2], [], "model"),
            DraftSentence("subjective", "The client reported that the boiler broke on Tuesday.", [5], [], "model"),
            DraftSentence("subjective", "The client left ready to ring the landlord on Monday and write down one "
                                        "snapping moment each day.", [7], [], "model"),
            DraftSentence("subjective", 'In the client\'s words: "I feel like a spare part at work."', [2], [], "rule")]
    plan = [DraftSentence("plan", 'Homework given, as said in session: "ring the landlord on Monday and write '
                                  'down one snapping moment each day."', [7], [], "rule")]
    dropped: list[DraftSentence] = []
    kept = subjective_without_retelling(part, plan, dropped)
    assert [s.text for s in kept] == [part[1].text, part[3].text]
    assert [s.flags for s in dropped] == [[RETOLD], [RETOLD]]


def test_a_sentence_with_a_word_of_its_own_beside_earlier_ones_stays():
    part = [DraftSentence("subjective", "The client was worried about the move and about the boiler.", [], [], "model"),
            DraftSentence("subjective", "The client was still worried about the boiler, a practical worry.", [], [],
                          "model")]
    assert subjective_without_retelling(part, [], []) == part


def test_the_charts_last_plan_names_each_homework_item_once():
    chart = ChartContext.from_json({"last_plan": {"text": "Keep going with graded steps. Practise cycling to the shop.",
                                                  "homework": ["cycle to the shop", "text one friend"]}})
    assert chart.last_plan.text == ("Keep going with graded steps. Practise cycling to the shop. "
                                    "Homework: text one friend")
    stored = "Keep going with graded steps. Practise cycling to the shop. Homework: cycle to the shop."
    assert plan_told_once(stored) == "Keep going with graded steps. Practise cycling to the shop"


# History asked in two more ways: when the client first noticed the change, and a past time the client
# named, asked after; an answer that opens bare ("Third term.") runs on a sentence to tell it.
HISTORY_SESSION = parse_transcript("""Clinician: When did you first notice the dread coming back?
Client: Round about a month after the office move, maybe a bit later.
Clinician: You mentioned you had a rough patch at college. Could you tell me a bit about that?
Client: Third term. I stopped eating properly and hid in my room for weeks. My tutor sent me to the college nurse twice.
Clinician: What are you hoping for from these sessions?
Client: Mostly to sleep through and stop dreading Mondays.""")


def test_history_asked_as_when_first_noticed_or_after_a_named_past_time_is_told():
    from session_assistant.drafting.history_told import history_told
    told = [text for text, _ in history_told(HISTORY_SESSION)]
    assert told == ["Round about a month after the office move, maybe a bit later.",
                    "I stopped eating properly and hid in my room for weeks. My tutor sent me to the college nurse twice."]
