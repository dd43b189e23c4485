"""How sleep, work or a symptom is going, as the client answered the clinician's short check-in, quoted
with the question in the Subjective; the week as a whole, something just said, a risk question and
a sentence about dying are not taken. Inputs are written for this test."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.checked_in import check_ins, week_told
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript

_PLAN = ["Clinician: For this week, shall we keep the same plan?", "Client: Yes, that's fine."] * 8


def _session(*lines: str):
    return parse_transcript("\n".join([*lines, *_PLAN]))


SESSION_LINES = [
    "Clinician: Hi Mel. How's the week been?",                                       # 0 the week: the model's
    "Client: Long. Lots on.",                                                        # 1
    "Clinician: Mm. How's the appetite been?",                                        # 2
    "Client: Poor. I skip breakfast most days and just pick at tea.",                 # 3
    "Clinician: How have you been sleeping?",                                         # 4
    "Client: Badly. I'm up at half four most nights and can't drop off again.",       # 5
    "Clinician: That's hard. How's that been for you?",                               # 6 something just said
    "Client: Tiring, honestly, really tiring.",                                       # 7
]
SESSION = _session(*SESSION_LINES)


def test_check_ins_on_one_part_of_life_are_quoted_with_the_question():
    assert check_ins(SESSION) == [
        ("How's the appetite been?", "Poor. I skip breakfast most days and just pick at tea.", [2, 3]),
        ("How have you been sleeping?", "Badly. I'm up at half four most nights and can't drop off again.", [4, 5]),
    ]


def test_the_check_ins_join_the_clients_account_in_the_subjective():
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(SESSION), None, "client")
    account = [line for line in lines if line.text.startswith("When asked")]
    assert [(line.section, line.evidence) for line in account] == [("subjective", [2, 3, 4, 5])]
    assert 'when asked "How have you been sleeping?": "Badly. I\'m up at half four most nights' in account[0].text


def test_a_name_after_the_question_and_a_statement_after_it_still_ask_about_work():
    session = _session("Clinician: We can leave that there. How are things with work, Jo? You were off last time.",
                       "Client: Back three days a week now. The manager has been decent about it.")
    assert check_ins(session) == [("How are things with work, Jo? You were off last time.",
                                   "Back three days a week now. The manager has been decent about it.", [0, 1])]


def test_asked_leave_to_ask_about_a_part_of_life_with_what_it_stands_on():
    session = _session("Clinician: Can I ask about drinking this week? You said Fridays were the hardest.",
                       "Client: Still Fridays. Four or five pints after work, then home.")
    assert check_ins(session) == [("Can I ask about drinking this week? You said Fridays were the hardest.",
                                   "Still Fridays. Four or five pints after work, then home.", [0, 1])]


def test_no_check_in_in_a_risk_question_the_whole_week_or_a_sentence_about_dying():
    session = _session(
        "Clinician: How are you doing today?",
        "Client: Not bad, all things considered.",
        "Clinician: How have the thoughts of ending your life been?",
        "Client: Quieter. I've not had them since Monday.",
        "Clinician: How's work been?",
        "Client: This job is killing me. I stay till eight most nights.",
    )
    assert check_ins(session, risky=mentions_risk) == []


def test_the_clients_word_on_the_week_opens_the_account_and_a_bare_fine_does_not():
    session = _session("Clinician: Come in, sit down. How have the last couple of weeks been?",
                       "Client: Rough, mostly. The landlord's selling, so I'm looking at flats every evening.",
                       *SESSION_LINES[2:6])
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(session), None, "client")
    account = next(line for line in lines if line.text.startswith("When asked"))
    assert account.text.startswith('When asked "How have the last couple of weeks been?", the client said: '
                                   '"Rough, mostly. The landlord\'s selling, so I\'m looking at flats every evening."; ')
    assert account.evidence[:2] == [0, 1]
    assert week_told(_session("Clinician: How's the week been?", "Client: Fine.")) is None


def test_a_week_answer_the_homework_review_quotes_is_quoted_once():
    session = _session("Clinician: How has the week been since we last met?",
                       "Client: Busy at work. But I did the breathing every night, before bed, like we said.")
    chart = ChartContext.from_json({"last_plan": {"text": "Slow breathing every night before bed."}})
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(session), chart, "client")
    said = " ".join(line.text for line in lines)
    assert said.count("I did the breathing every night") == 1


def test_the_way_here_is_small_talk_but_a_drive_asked_alone_is_a_check_in():
    greeting = _session("Clinician: Come in. How was the drive over?", "Client: Fine. Roadworks on the ring road, but fine.",
                        "Clinician: How's the weather up your way?", "Client: Grim. Rained all week, honestly.")
    assert check_ins(greeting) == []
    exposure = _session("Clinician: How was the drive?", "Client: Scary at first. I did the motorway bit twice, though.")
    assert [q for q, _, _ in check_ins(exposure)] == ["How was the drive?"]
