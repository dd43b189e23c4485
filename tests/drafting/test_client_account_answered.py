"""How much or how often, as the client answered the clinician's question, in Subjective (issue 16:
"the client's own account ... with severity or frequency as said"). On integ the Subjective lost these
answers when the clinician did not say the amount back in a few words (03's "Weeknights, maybe three
or four beers."). Hand-made session, no model; the Subjective assertions fail on integ."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("\n".join([
    "Clinician: Good to see you. How has the week been?",
    "Client: Up and down, honestly.",
    "Clinician: Can we get a sense of how much you're drinking in a typical week?",
    "Client: Weeknights, maybe three or four beers. Weekends more. Like six or eight on a Saturday.",
    "Clinician: So if we add that up, it's somewhere around thirty drinks a week.",
    "Client: When you put it like that it sounds like a lot.",
    "Clinician: How much do you believe that thought now, that you can't relax without it?",
    "Client: Maybe forty percent.",
    "Clinician: Have you had any thoughts of ending your life?",
    "Client: Sometimes, late at night. Not a plan.",
    "Clinician: How often are you having those thoughts?",
    "Client: Maybe two nights a week.",
    "Clinician: How long would the log take you each night?",
    "Client: Five minutes, tops.",
] + ["Clinician: Okay.", "Client: Okay."] * 5))


def _subjective():
    fmt = get_format("soap", "client")
    lines, _ = fact_lines(fmt, SourceIndex(SESSION), None, "client")
    return [s for s in lines if s.section == "subjective"]


def test_an_amount_answered_is_quoted_with_its_question_and_cited():
    said = [s for s in _subjective() if s.text.startswith("When asked")]
    assert [s.text for s in said] == ['When asked "Can we get a sense of how much you\'re drinking '
                                      'in a typical week?", the client said: "Weeknights, maybe three or four beers. Weekends more. Like six or '
                                      'eight on a Saturday."']
    assert said[0].evidence == [2, 3]


def test_a_belief_rating_a_risk_answer_and_a_guess_about_a_task_are_not_the_account():
    text = " ".join(s.text for s in _subjective())
    assert "forty percent" not in text  # the response to restructuring: Assessment's
    assert "two nights a week" not in text  # after a risk question: the risk list's
    assert "Five minutes, tops" not in text  # the time the homework will take: the plan's
