"""A measure scored aloud in words, and a measure read item by item and totalled, reach the Objective
when the chart does not hold them (issue 16). Exchanges written for these tests."""

from session_assistant.drafting.measures_said import measures_said, totalled_said, totalled_sentence
from session_assistant.drafting.transcript_input import parse_transcript


def test_a_score_said_in_words():
    talk = parse_transcript("Clinician: Thanks for doing the PHQ-9 at the desk. It came out at eleven.\nClient: Is that bad?")
    assert measures_said(talk, None) == [("Thanks for doing the PHQ-9 at the desk. It came out at eleven.", [0])]


def test_a_number_word_that_is_no_score():
    talk = parse_transcript("Clinician: The PHQ-9 is one of the forms we'll do. It takes two minutes.\nClient: Fine.")
    assert measures_said(talk, None) == []


def test_items_read_and_totalled():
    talk = parse_transcript("Clinician: I'll read you the items of the questionnaire. Feeling nervous or on edge?\n"
                            "Client: Most days.\nClinician: Not being able to stop worrying?\nClient: Nearly every day.\n"
                            "Clinician: Okay. Adding those up, that's a total of fourteen.\nClient: Right.")
    found = totalled_said(talk, None)
    assert found == [("a questionnaire", "Adding those up, that's a total of fourteen.", [4])]
    assert totalled_sentence(found) == 'a questionnaire read item by item in session and totalled: "Adding those up, that\'s a total of fourteen."'


def test_a_total_with_no_measure_read_is_none():
    talk = parse_transcript("Clinician: How many drinks, all told?\nClient: It comes to about twelve, I guess.\n"
                            "Clinician: So the total comes to twelve.")
    assert totalled_said(talk, None) == []


def test_a_measure_the_chart_gives_under_a_longer_name():
    from session_assistant.drafting.chart_context import ChartContext, ChartFact
    talk = parse_transcript("Clinician: And the BDI-II you did today, twenty-one.\nClient: Yeah.")
    assert measures_said(talk, None) == [("And the BDI-II you did today, twenty-one.", [0])]
    chart = ChartContext(measures=[ChartFact("chart:measure:1", "measure", "BDI-II global total 21 (session day)")])
    assert measures_said(talk, chart) == []
