"""A model sentence of a therapy note is withheld when a fact-carrying word of it (a substance, a span
of time with its number, the top of a score, a frequency, a failed outcome) is not in the lines it
cites nor beside them, though the session may say it elsewhere (issue 16, sessions 13-18: "alcohol"
for cannabis, "for the past 3 years" where three years was the brother's, "16 out of 20" where 20
was a date, "frequent warnings" for one, "it didn't work" where the urge fell). True sentences of the
same kinds stay, also when the number and its unit are asked in one line and answered in the next.
Hand-written model sentences on a fixed transcript (no model); the medical voice is untouched."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: Welcome back. How has the week gone?
Client: Mixed. I used on Friday night. Weed, at my cousin's place.
Clinician: How long had you been using before you started coming here?
Client: Nine years. Pretty much every day.
Clinician: And how many times a day, back then?
Client: Maybe six. More at weekends.
Clinician: The questionnaire today came out at 12. Last month it was 18.
Client: Lower. Okay.
Clinician: How strong was the urge on Friday, zero to ten?
Client: An eight. I tried the breathing and the cold water. It came down to a three, so that helped.
Clinician: Good. How long did the urge last?
Client: Half an hour, maybe.
Clinician: How has sleep been?
Client: Fine, mostly. Bit restless.
Clinician: And work otherwise?
Client: Busy, but fine.
Clinician: Anything else this week?
Client: My manager gave me a written warning on Tuesday. First one ever.
Clinician: That must have stung. That is a lot to take in.
Client: It did. I was mad all day.
Clinician: Let's look at the weekend coming up.
Client: There's a barbecue on the 20th.
Clinician: Who will be there?
Client: My sister. She quit drinking four years ago, she gets it.
Clinician: Could you tell her before you go?
Client: Yeah. I could text her.
Clinician: Good. Same time next week?
Client: Yes.""")


def _draft(raw, subject="client", chart=None):
    return assemble(get_format("soap", subject), raw, SourceIndex(SESSION), scan_transcript(SESSION), model="m",
                    mode="direct", warnings=[], subject=subject, chart=chart)


def _withheld(draft) -> dict[str, list[str]]:
    return {s.text: s.flags for s in draft.withheld}


def test_a_substance_the_cited_lines_never_name_is_withheld_and_the_one_they_name_stays():
    raw = {"subjective": [
        {"text": "Client had been drinking alcohol daily before treatment.", "evidence": [2, 3]},  # weed, not alcohol
        {"text": "Client wanted to stop using drugs and alcohol.", "evidence": [10]},  # the sister drinks, 13 lines on
        {"text": "Client used weed on Friday night at a cousin's place.", "evidence": [1]},
        {"text": "Client's sister quit drinking some years ago.", "evidence": [23]}]}
    draft = _draft(raw)
    withheld = _withheld(draft)
    assert "uncited_substance:alcohol" in withheld["Client had been drinking alcohol daily before treatment."]
    assert "uncited_substance:alcohol" in withheld["Client wanted to stop using drugs and alcohol."]
    assert "Client used weed on Friday night at a cousin's place." in draft.sections["subjective"]
    # the sister's drinking is the cited line's: not withheld as a substance; the history line quotes it in the
    # client's words ("She quit drinking four years ago"), so the model's retelling goes as a repeat (model28)
    assert "Client's sister quit drinking some years ago." not in withheld
    assert any(s.text == "Client's sister quit drinking some years ago." and "repeats:client_quote" in s.flags
               for s in draft.dropped)


def test_a_span_whose_number_belongs_elsewhere_is_withheld_and_one_said_in_the_cited_lines_stays():
    raw = {"subjective": [
        # Four years was the sister's; the client's span was nine years.
        {"text": "Client had used every day for the past 4 years.", "evidence": [2, 3]},
        {"text": "Client had used every day for 9 years before starting treatment.", "evidence": [3]},
        # Asked in one line, answered in the next: number and unit apart.
        {"text": "Client used about 6 times a day at that point.", "evidence": [4, 5]}],
        "objective": [
        {"text": "The questionnaire score was 12 out of 20.", "evidence": [6]},  # 20 was a date
        {"text": "The urge was rated 8 out of 10 on Friday.", "evidence": [9]}]}  # the session's zero-to-ten scale
    draft = _draft(raw)
    withheld = _withheld(draft)
    assert "uncited_span:4 years" in withheld["Client had used every day for the past 4 years."]
    assert "uncited_span:out of 20" in withheld["The questionnaire score was 12 out of 20."]
    subjective = draft.sections["subjective"]
    assert "Client had used every day for 9 years before starting treatment." in subjective
    assert "Client used about 6 times a day at that point." in subjective
    assert "The urge was rated 8 out of 10 on Friday." in draft.sections["objective"]


def test_a_span_said_in_words_is_the_span_a_note_writes_with_numbers():
    from session_assistant.drafting.cited_support import uncited_spans  # new here: the other tests fail first on main
    around = "How long do you spend searching? Maybe half an hour. Sometimes an hour. I stopped a couple of years ago."
    assert uncited_spans("searching online for 30-60 minutes, stopped 2 years ago", around, [], around) == []
    assert uncited_spans("searching online for 45 minutes", around, [], around) == ["45 minutes"]


def test_a_frequency_the_cited_lines_do_not_give_is_withheld():
    raw = {"subjective": [
        {"text": "Client had a history of frequent written warnings at work.", "evidence": [17]},  # the first one ever
        {"text": "Client received a written warning from the manager on Tuesday.", "evidence": [17]},
        {"text": "Client had used cannabis daily for years.", "evidence": [3]}]}  # "pretty much every day"
    # The chart's last plan is support for a sentence's facts too, but "Keep a log" is no frequency.
    chart = ChartContext.from_json({"format": "session-assistant therapy chart context v1", "goals": [], "diagnoses": [],
                                    "last_plan": {"text": "Keep a craving log.", "homework": ["craving log"]},
                                    "measures": []})
    draft = _draft(raw, chart=chart)
    withheld = _withheld(draft)
    assert "uncited_frequency:frequent" in withheld["Client had a history of frequent written warnings at work."]
    assert "Client received a written warning from the manager on Tuesday." in draft.sections["subjective"]
    assert "Client had used cannabis daily for years." in draft.sections["subjective"]


def test_a_failure_the_cited_lines_do_not_report_is_withheld():
    raw = {"subjective": [
        {"text": "Client tried breathing and cold water for the urge, but it didn't work.", "evidence": [9]},
        {"text": "Client tried breathing and cold water, and the urge came down from 8 to 3.", "evidence": [8, 9]}]}
    draft = _draft(raw)
    withheld = _withheld(draft)
    assert "unsaid_failure:didn't work" in withheld["Client tried breathing and cold water for the urge, but it didn't work."]
    assert "Client tried breathing and cold water, and the urge came down from 8 to 3." in draft.sections["subjective"]


def test_a_failure_the_client_reported_stays():
    for answer in ("Not really. It didn't help, I still used.", "Not really. I still used."):
        session = parse_transcript(f"Clinician: Did the breathing help on Friday?\nClient: {answer}")
        raw = {"subjective": [{"text": "Client tried the breathing on Friday, but it did not help.", "evidence": [1]}]}
        draft = assemble(get_format("soap", "client"), raw, SourceIndex(session), scan_transcript(session), model="m",
                         mode="direct", warnings=[], subject="client")
        assert "Client tried the breathing on Friday, but it did not help." in draft.sections["subjective"]


def test_the_medical_voice_keeps_its_sentences():
    raw = {"subjective": [{"text": "The patient had been drinking alcohol for the past 4 years.", "evidence": [3]}]}
    draft = _draft(raw, subject="patient")
    assert "drinking alcohol for the past 4 years" in draft.sections["subjective"]
    assert not draft.withheld


def test_the_record_path_checks_a_fact_against_the_lines_it_cites_too():
    from session_assistant.drafting.record_render import render_note
    from session_assistant.drafting.session_record import SessionRecord, SlotFact
    record = SessionRecord({"history": [SlotFact("Client had been drinking alcohol every day for 9 years.", [3])]})
    draft = render_note(get_format("soap", "client"), record, SourceIndex(SESSION), [], model="m", subject="client")
    assert any("uncited_substance:alcohol" in s.flags for s in draft.withheld)
    assert "alcohol" not in draft.sections["subjective"]


def test_a_task_stated_as_not_done_needs_the_lines_to_say_so():
    session = parse_transcript("""Clinician: How did the weekend go?
Client: Hard. But I used my skills, the cold water and the counting.
Clinician: And the thought record?
Client: I didn't do it. I forgot.""")
    raw = {"subjective": [
        {"text": "Client had a hard weekend, but they didn't use their skills.", "evidence": [1]},
        {"text": "Client did not do the thought record.", "evidence": [3]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(session), scan_transcript(session), model="m",
                     mode="direct", warnings=[], subject="client")
    withheld = _withheld(draft)
    assert "unsaid_failure:didn't use their skills" in withheld["Client had a hard weekend, but they didn't use their skills."]
    assert "Client did not do the thought record." in draft.sections["subjective"]


def test_an_age_daily_life_abstinence_and_methods_are_no_uncited_facts():
    # Sentences a note writes that look like the checked kinds but state none of their facts.
    session = parse_transcript("""Clinician: Remind me, how old are you now?
Client: Thirty-four. Been using for nine years, ugh.
Clinician: And since Friday?
Client: I didn't smoke Saturday or Sunday. I've been drinking more water, weirdly.
Clinician: What gets in the way day to day?
Client: Work, mostly. I want better ways of coping, new methods.""")
    kept = ["Client is a 34-year-old who has used for 9 years.",
            "Client did not use cannabis on Saturday or Sunday.",
            "Client has been drinking more water.",
            "Client wants new methods of coping with daily life and work."]
    draft = assemble(get_format("soap", "client"), {"subjective": [{"text": t, "evidence": [5]} for t in kept]},
                     SourceIndex(session), scan_transcript(session), model="m", mode="direct", warnings=[],
                     subject="client")
    assert [s.text for s in draft.withheld] == []
    assert all(t in draft.sections["subjective"] for t in kept)


def test_a_withheld_sentence_the_model_wrote_many_times_is_listed_once():
    looped = {"text": "Client had used every day for the past 4 years.", "evidence": [2, 3]}
    draft = _draft({"subjective": [dict(looped) for _ in range(5)]})
    assert [s.text for s in draft.withheld] == ["Client had used every day for the past 4 years."]
