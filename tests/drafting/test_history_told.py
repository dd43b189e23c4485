"""The client's past, told in the session, goes into Subjective in the client's words by rule
(issue 16, therapy16r: relevant history missed in 29 of 44 drafts). Invented lines, paraphrasing no
session of the set: the past told with a time, or asked about and answered; the week's account, a
partner's past, a bare "No" and a risk answer are not history."""

from __future__ import annotations

from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.history_told import history_sentence, history_told
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How has the week been?
Client: Busy. On Tuesday I skipped the gym because the trains were off.
Clinician: When did the worrying first start, do you think?
Client: Around the time my dad lost his job. I'd lie awake listening to them argue about money.
Clinician: That sounds hard. Have you had any help for it before?
Client: A counsellor at college, six sessions, it helped for a while.
Clinician: And tablets?
Client: My GP put me on citalopram back in 2021 and I came off it the next spring.
Partner: When I was younger I had panic attacks too, at the bus stop.
Clinician: Thank you. Has this happened before, the not sleeping?
Client: No.
Clinician: Okay. What did you do with the worry time this week?
Client: I did it three evenings, last night at the kitchen table.""")


def test_the_past_told_with_a_time_or_asked_and_answered_is_history():
    found = history_told(SESSION, mentions_risk)
    assert [s for s, _ in found] == [
        "Around the time my dad lost his job.",
        "A counsellor at college, six sessions, it helped for a while.",
        "My GP put me on citalopram back in 2021 and I came off it the next spring."]
    assert [line for _, line in found] == [3, 5, 7]
    assert history_sentence(found).startswith('Past history as the client told it: "Around the time')


def test_the_week_a_partner_s_past_a_bare_no_and_risk_are_not_history():
    told = " ".join(s for s, _ in history_told(SESSION, mentions_risk))
    assert "Tuesday" not in told and "bus stop" not in told and "kitchen table" not in told
    risky = parse_transcript("""Clinician: Have you ever hurt yourself in the past?
Client: Years ago I used to cut my arms when things got bad.
Clinician: And before this job?
Client: I used to work nights at a bakery for a few years.""")
    assert [s for s, _ in history_told(risky, mentions_risk)] == ["I used to work nights at a bakery for a few years."]


def test_history_is_a_rule_line_of_subjective():
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(SESSION), None, "client")
    history = [x for x in lines if x.text.startswith("Past history as the client told it")]
    assert len(history) == 1 and history[0].section == "subjective" and history[0].evidence == [3, 5, 7]
